"""Facet keys (PostgreSQL): filters, counts and order from the in-memory key index equal
those through the relations, and the keys follow every change that moves a row in the facets."""

import random

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict
from django.test import override_settings

from partnerships.filters import CaseStudyFilterSet, PartnerFilterSet, ResourceFilterSet
from partnerships.models import (
    ActorType,
    CaseStudy,
    Participation,
    Partner,
    PartnershipType,
    Resource,
    ResourceFormat,
    Territory,
    Theme,
)
from partnerships.search import facet_keys
from partnerships.search import index as search_index
from partnerships.signals import fill_missing_facet_keys
from tests import factories
from tests.test_territories_import import VALID

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="facet keys are a PostgreSQL structure"
)


def listing(filterset_class, model, query_string):
    """(total, every matching id in the listing's order, facets) of one listing state."""
    filterset = filterset_class(QueryDict(query_string), queryset=model.objects.published())
    page = [item.pk for item in filterset.qs[: filterset.qs.count()]]
    facets = {
        facet.name: {value.value: (value.count, value.selected) for value in facet.values}
        for facet in filterset.facets()
    }
    return filterset.qs.count(), page, facets


def facet(filterset_class, model, query_string, name):
    return listing(filterset_class, model, query_string)[2][name]


@pytest.fixture
def catalogue():
    """About sixty rows of every kind with random facets over a small real-layout geography."""
    call_command("import_territories", str(VALID), verbosity=0)
    # Each row indexed once, as the bulk paths do; no history: these tests are about facets.
    with search_index.deferred(), override_settings(SIMPLE_HISTORY_ENABLED=False):
        build_catalogue()


def build_catalogue():
    rng = random.Random(20261126)
    themes = list(Theme.objects.all())
    formats = list(ResourceFormat.objects.all())
    actor_types = list(ActorType.objects.all())
    partnership_types = list(PartnershipType.objects.all())
    territories = list(Territory.objects.exclude(level="country"))
    partners = [
        factories.PartnerFactory(
            name=f"Partenaire {n}",
            actor_type=rng.choice(actor_types),
            home_territory=rng.choice(territories),
            status="draft" if n % 5 == 0 else "published",  # drafts never count
        )
        for n in range(15)
    ]
    for partner in partners:
        partner.themes.set(rng.sample(themes, 2))
    for n in range(60):
        resource = factories.ResourceFactory(
            title=f"Ressource {n} coopération" if n % 3 else f"Ressource {n}",
            format=rng.choice(formats),
            language=rng.choice(["fr", "en"]),
            publication_date=f"{rng.choice([2019, 2022, 2024])}-05-01",
            status=rng.choice(["published"] * 5 + ["draft"]),
        )
        resource.themes.set(rng.sample(themes, rng.randint(0, 3)))
        resource.audiences.set(rng.sample(actor_types, rng.randint(0, 2)))
        resource.partnership_types.set(rng.sample(partnership_types, rng.randint(0, 2)))
        resource.coverage.set(rng.sample(territories, rng.randint(0, 2)))
        resource.tags.set(rng.sample(["tiers-lieu", "jeunesse", "numérique", "eau"], 2))
    for n in range(20):
        case_study = factories.CaseStudyFactory(
            title=f"Alliance {n}",
            main_territory=rng.choice(territories),
            stage=rng.choice(["experimentation", "deploiement"]),
            start_year=rng.choice([2018, 2021]),
        )
        case_study.themes.set(rng.sample(themes, 2))
        for partner in rng.sample(partners, 2):
            Participation.objects.create(case_study=case_study, partner=partner, role="autre")


STATES = [
    "",
    "theme=emploi-insertion",
    "theme=emploi-insertion&theme=mobilite&format=guide-kit",
    "region=84",
    "region=84&department=01&department=74",
    "q=coopération&language=fr",
    "q=coopération&year=2022&audience=association",
    "tag=jeunesse&tag=eau&partnership=mecenat",
    "territory=commune-69123&theme=mobilite",
    "territory=department-69",
    "territory=region-84&sort=title",
    "territory=country-FR",
    "q=coopération&territory=commune-69123",
    "theme=nope&year=1850",
    "sort=title&theme=emploi-insertion",
    "q=coopération&sort=newest",
    "q=ressource",  # relevance: title matches, ties broken by date then id
    "q=introuvable",
]


@postgresql_only
@pytest.mark.parametrize(
    ("filterset_class", "model", "extra"),
    [
        (ResourceFilterSet, Resource, ""),
        (CaseStudyFilterSet, CaseStudy, "&stage=experimentation&actor=entreprise"),
        (PartnerFilterSet, Partner, "&actor_type=association"),
    ],
)
def test_counts_by_keys_equal_counts_through_the_relations(
    catalogue, monkeypatch, filterset_class, model, extra
):
    for state in STATES + [state + extra for state in STATES]:
        by_keys = listing(filterset_class, model, state)
        with monkeypatch.context() as patched:
            patched.setattr(facet_keys, "uses_keys", lambda: False)
            through_relations = listing(filterset_class, model, state)
        assert by_keys == through_relations, state
    assert listing(filterset_class, model, "")[0] > 0


@postgresql_only
@override_settings(FACET_CACHE_TIMEOUT=0)
def test_counts_facets_and_page_take_a_few_queries(catalogue, django_assert_max_num_queries):
    listing(ResourceFilterSet, Resource, "region=84")  # the terms and the index, as on a server
    filterset = ResourceFilterSet(
        QueryDict("q=coopération&theme=mobilite&region=84&department=69&tag=eau"),
        queryset=Resource.objects.published(),
    )
    # content version, tag ids, the text match, the page's rows and their two
    # preloads (themes, authors), tag names
    with django_assert_max_num_queries(7):
        filterset.qs.count()
        list(filterset.qs[:20])
        filterset.facets()


@postgresql_only
def test_a_status_change_by_queryset_update_shows_at_once(catalogue):
    """No save signal, no cache timeout: the database's content version moves."""
    count, page, facets = listing(ResourceFilterSet, Resource, "")
    Resource.objects.filter(pk=page[0]).update(status="draft")
    assert listing(ResourceFilterSet, Resource, "")[:2] == (count - 1, page[1:])


@postgresql_only
def test_a_scheduled_publication_shows_when_its_time_comes(catalogue, monkeypatch):
    from datetime import timedelta

    from django.utils import timezone

    resource = factories.ResourceFactory(title="Programmée")
    Resource.objects.filter(pk=resource.pk).update(published_at=timezone.now() + timedelta(hours=1))
    count, page, _facets = listing(ResourceFilterSet, Resource, "")
    assert resource.pk not in page

    later = timezone.now() + timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: later)
    with override_settings(FACET_CACHE_TIMEOUT=0):
        count_later, page_later, _facets = listing(ResourceFilterSet, Resource, "")
    assert (count_later, page_later[0]) == (count + 1, resource.pk)


def test_a_theme_added_later_counts_and_filters(catalogue):
    resource = factories.ResourceFactory(title="Nouvelle ressource")
    culture = Theme.objects.get(slug="culture-sport-patrimoine")
    before = facet(ResourceFilterSet, Resource, "", "theme").get(culture.slug, (0, False))[0]
    resource.themes.add(culture)
    count, page, facets = listing(ResourceFilterSet, Resource, f"theme={culture.slug}")
    assert resource.pk in page
    assert facets["theme"][culture.slug][0] == before + 1


def test_a_tag_added_later_counts_and_filters():
    resource = factories.ResourceFactory(title="Balisée")
    resource.tags.add("circuits courts")
    count, page, facets = listing(ResourceFilterSet, Resource, "tag=circuits-courts")
    assert page == [resource.pk]
    assert facets["tag"]["circuits-courts"] == (1, True)


def test_a_partner_changing_actor_type_moves_its_case_studies():
    association = ActorType.objects.get(slug="association")
    company = ActorType.objects.get(slug="entreprise")
    partner = factories.PartnerFactory(actor_type=association)
    case_study = factories.CaseStudyFactory(title="Alliance")
    Participation.objects.create(case_study=case_study, partner=partner, role="autre")
    assert facet(CaseStudyFilterSet, CaseStudy, "", "actor") == {"association": (1, False)}

    partner.actor_type = company
    partner.save()

    assert facet(CaseStudyFilterSet, CaseStudy, "", "actor") == {"entreprise": (1, False)}
    assert listing(CaseStudyFilterSet, CaseStudy, "actor=entreprise")[1] == [case_study.pk]


@postgresql_only
def test_rows_without_keys_get_them_after_migrate():
    guide = ResourceFormat.objects.get(slug="guide-kit")
    resource = factories.ResourceFactory(format=guide)
    Resource.objects.update(facet_keys=None)  # as rows written before migration 0011
    assert listing(ResourceFilterSet, Resource, "format=guide-kit")[0] == 0

    fill_missing_facet_keys(sender=None, app_config=apps.get_app_config("partnerships"))

    count, page, facets = listing(ResourceFilterSet, Resource, "format=guide-kit")
    assert (count, page) == (1, [resource.pk])
    assert facets["format"] == {"guide-kit": (1, True)}


def test_a_draft_partner_is_neither_found_nor_counted_through_its_case_studies(client):
    from django.contrib.auth.models import User

    company = ActorType.objects.get(slug="entreprise")
    partner = factories.PartnerFactory(
        name="Fondation Zéphyrine", actor_type=company, status="draft", published_at=None
    )
    case_study = factories.CaseStudyFactory(title="Alliance des vallées")
    Participation.objects.create(case_study=case_study, partner=partner, role="autre")
    resource = factories.ResourceFactory(title="Guide des vallées")
    resource.authors.add(partner)

    def found(url):
        return client.get(url).content.decode()

    assert "Alliance des vallées" not in found("/retours-experience/?q=zephyrine")
    assert "Guide des vallées" not in found("/ressources/?q=zephyrine")
    assert facet(CaseStudyFilterSet, CaseStudy, "", "actor") == {}

    # Published with the admin's bulk action (a queryset update: no save signal).
    curator = User.objects.create_superuser("chef", password="x")
    client.force_login(curator)
    client.post(
        "/admin/partnerships/partner/",
        {"action": "publish_selected", "_selected_action": [partner.pk]},
    )
    client.logout()

    assert "Alliance des vallées" in found("/retours-experience/?q=zephyrine")
    assert "Guide des vallées" in found("/ressources/?q=zephyrine")
    assert facet(CaseStudyFilterSet, CaseStudy, "", "actor") == {"entreprise": (1, False)}


def test_a_query_that_matches_nothing_counts_nothing():
    factories.ResourceFactory(title="Guide")
    count, page, facets = listing(ResourceFilterSet, Resource, "q=xylophone&theme=mobilite")
    assert (count, page) == (0, [])
    assert all(value[0] == 0 for values in facets.values() for value in values.values())
