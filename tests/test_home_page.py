"""The home page leads somewhere: each profile to listings filtered for it, the featured
collections, the latest resources and case studies; never to anything unpublished."""

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from partnerships.models import (
    ActorType,
    CollectionKind,
    ParticipantRole,
    Participation,
    PublicationStatus,
)
from partnerships.views.home import LATEST_COUNT, PROFILES
from tests import factories

pytestmark = pytest.mark.django_db

RESOURCES = reverse("partnerships:resource_list")
CASE_STUDIES = reverse("partnerships:case_study_list")


@pytest.fixture(autouse=True)
def french():
    with translation.override("fr"):
        yield


class Links(HTMLParser):
    """The links of each ``<section aria-labelledby=…>`` of a page: (href, text) pairs."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sections: dict[str, list[tuple[str, str]]] = {}
        self._section: str | None = None
        self._link: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section":
            self._section = attrs.get("aria-labelledby")
            self.sections.setdefault(self._section, [])
        elif tag == "a" and self._section:
            self._link = [attrs.get("href") or "", ""]

    def handle_endtag(self, tag):
        if tag == "section":
            self._section = None
        elif tag == "a" and self._link is not None:
            self.sections[self._section].append((self._link[0], " ".join(self._link[1].split())))
            self._link = None

    def handle_data(self, data):
        if self._link is not None:
            self._link[1] += data


def home_links(client) -> dict[str, list[tuple[str, str]]]:
    response = client.get(reverse("home"))
    assert response.status_code == 200
    links = Links()
    links.feed(response.content.decode())
    return links.sections


def hrefs(links: list[tuple[str, str]]) -> list[str]:
    return [href for href, _text in links]


def test_each_profile_leads_to_the_resources_for_it_and_the_alliances_it_took_part_in(
    client, france
):
    association = ActorType.objects.get(slug="association")
    company = ActorType.objects.get(slug="entreprise")
    for_associations = factories.ResourceFactory(title="Guide pour les associations")
    for_associations.audiences.set([association])
    factories.ResourceFactory(title="Guide pour les entreprises").audiences.set([company])
    with_an_association = factories.CaseStudyFactory(title="Alliance avec une association")
    Participation.objects.create(
        case_study=with_an_association,
        partner=factories.PartnerFactory(actor_type=association),
        role=ParticipantRole.LEAD,
    )
    factories.CaseStudyFactory(title="Alliance entre entreprises")

    profiles = home_links(client)["home-profiles"]

    # One entry per actor type (seeded by a migration), each with both links.
    slugs = list(ActorType.objects.values_list("slug", flat=True))
    assert set(slugs) >= set(PROFILES)
    for slug in slugs:
        assert f"{RESOURCES}?audience={slug}" in hrefs(profiles), slug
        assert f"{CASE_STUDIES}?actor={slug}" in hrefs(profiles), slug
    assert (f"{RESOURCES}?audience=association", "Je suis une association") in profiles
    assert (f"{CASE_STUDIES}?actor=association", "Les alliances avec des associations") in profiles
    assert (f"{RESOURCES}?audience=etat", "Je représente l'État") in profiles
    # In the order of the profiles, the association first.
    first = hrefs(profiles)[0]
    assert first == f"{RESOURCES}?audience=association"

    # The links are filters the listings understand: only what concerns that profile.
    listing = client.get(f"{RESOURCES}?audience=association")
    assert list(listing.context["resources"]) == [for_associations]
    listing = client.get(f"{CASE_STUDIES}?actor=association")
    assert list(listing.context["case_studies"]) == [with_an_association]


def test_a_profile_counts_the_published_resources_for_it(client, france):
    association = ActorType.objects.get(slug="association")
    for index in range(2):
        factories.ResourceFactory(title=f"Pour les associations {index}").audiences.set(
            [association]
        )
    factories.ResourceFactory(
        title="Brouillon pour les associations",
        status=PublicationStatus.DRAFT,
        published_at=None,
    ).audiences.set([association])
    html = client.get(reverse("home")).content.decode()
    profile = html[html.index('class="profile profile-association"') :]
    profile = profile[: profile.index("</li>\n")]
    assert "2 ressources pour vous" in profile


def test_a_new_actor_type_gets_a_profile_with_generic_labels(client, france):
    factories.ActorTypeFactory(slug="cooperative", name="Coopérative")
    profiles = home_links(client)["home-profiles"]
    assert (f"{RESOURCES}?audience=cooperative", "Je suis : Coopérative") in profiles
    assert (f"{CASE_STUDIES}?actor=cooperative", "Les alliances avec : Coopérative") in profiles
    # Listed after the known profiles.
    assert hrefs(profiles)[-2:] == [
        f"{RESOURCES}?audience=cooperative",
        f"{CASE_STUDIES}?actor=cooperative",
    ]


def test_a_featured_pathway_is_offered_to_its_audience(client, france):
    association = ActorType.objects.get(slug="association")
    pathway = factories.CollectionFactory(
        title="Parcours associatif", kind=CollectionKind.PATHWAY, featured=True
    )
    pathway.audiences.set([association])
    draft = factories.CollectionFactory(
        title="Parcours brouillon",
        kind=CollectionKind.PATHWAY,
        featured=True,
        status=PublicationStatus.DRAFT,
        published_at=None,
    )
    draft.audiences.set([ActorType.objects.get(slug="entreprise")])
    profiles = home_links(client)["home-profiles"]
    assert (pathway.get_absolute_url(), "Parcours associatif") in profiles
    assert draft.get_absolute_url() not in hrefs(profiles)


def test_featured_published_collections_appear_with_their_links(client, france):
    featured = [
        factories.CollectionFactory(title=f"Dossier à la une {index}", featured=True)
        for index in range(2)
    ]
    not_featured = factories.CollectionFactory(title="Dossier ordinaire", featured=False)
    draft = factories.CollectionFactory(
        title="Dossier brouillon", featured=True, status=PublicationStatus.DRAFT, published_at=None
    )
    scheduled = factories.CollectionFactory(
        title="Dossier programmé",
        featured=True,
        published_at=timezone.now() + timedelta(days=2),
    )

    sections = home_links(client)
    collections = sections["home-collections"]
    for collection in featured:
        assert (collection.get_absolute_url(), collection.title) in collections
    assert (reverse("partnerships:collection_list"), "Toutes les collections") in collections
    for collection in (not_featured, draft, scheduled):
        for links in sections.values():
            assert collection.get_absolute_url() not in hrefs(links), collection.title


def test_no_collection_section_without_a_featured_collection(client, france):
    factories.CollectionFactory(title="Dossier ordinaire", featured=False)
    factories.CollectionFactory(
        title="Dossier brouillon", featured=True, status=PublicationStatus.DRAFT, published_at=None
    )
    html = client.get(reverse("home")).content.decode()
    assert 'aria-labelledby="home-collections"' not in html
    assert "Dossier brouillon" not in html


@pytest.mark.parametrize(
    ("kind", "factory", "section"),
    [
        ("resource", factories.ResourceFactory, "home-resources"),
        ("case_study", factories.CaseStudyFactory, "home-case-studies"),
    ],
)
def test_the_latest_published_content_appears_newest_first(client, france, kind, factory, section):
    now = timezone.now()
    published = [
        factory(title=f"Publié {index}", published_at=now - timedelta(days=index))
        for index in range(LATEST_COUNT + 1)
    ]
    draft = factory(title="Brouillon", status=PublicationStatus.DRAFT, published_at=None)
    in_review = factory(title="En relecture", status=PublicationStatus.IN_REVIEW, published_at=None)
    archived = factory(title="Archivé", status=PublicationStatus.ARCHIVED)
    scheduled = factory(title="Programmé", published_at=now + timedelta(days=1))

    sections = home_links(client)
    shown = [
        href
        for href in hrefs(sections[section])
        if href not in (RESOURCES, CASE_STUDIES)  # « Toutes les … »
    ]
    # The newest first; the oldest one is beyond the count.
    assert shown == [item.get_absolute_url() for item in published[:LATEST_COUNT]]
    assert (published[0].get_absolute_url(), "Publié 0") in sections[section]
    for hidden in (published[LATEST_COUNT], draft, in_review, archived, scheduled):
        for links in sections.values():
            assert hidden.get_absolute_url() not in hrefs(links), (kind, hidden.title)


def test_an_empty_site_says_nothing_is_published_yet(client, france):
    factories.ResourceFactory(title="Brouillon", status=PublicationStatus.DRAFT, published_at=None)
    factories.CaseStudyFactory(title="Brouillon", status=PublicationStatus.DRAFT, published_at=None)
    html = client.get(reverse("home")).content.decode()
    assert "Aucune ressource n'est encore publiée." in html
    assert "Aucun retour d'expérience n'est encore publié." in html
    assert "Brouillon" not in html
