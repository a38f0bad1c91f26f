"""Model rules a curator or visitor would notice: publication, slugs, constraints, hierarchy."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from partnerships.models import (
    ActorType,
    CaseStudy,
    CoConstructionForm,
    Collection,
    CollectionItem,
    Partner,
    PartnershipType,
    PublicationStatus,
    Resource,
    ResourceFormat,
    Territory,
    TerritoryLevel,
    TerritoryLink,
    Theme,
)
from partnerships.models.validators import validate_siren
from tests import factories

pytestmark = pytest.mark.django_db


class TestPublished:
    def test_only_published_and_not_scheduled_content_is_public(self):
        visible = factories.ResourceFactory(title="Visible")
        factories.ResourceFactory(title="Brouillon", status=PublicationStatus.DRAFT)
        factories.ResourceFactory(title="En relecture", status=PublicationStatus.IN_REVIEW)
        factories.ResourceFactory(title="Archivée", status=PublicationStatus.ARCHIVED)
        factories.ResourceFactory(
            title="Programmée", published_at=timezone.now() + timedelta(days=2)
        )
        assert list(Resource.objects.published()) == [visible]

    @pytest.mark.parametrize(
        "factory",
        [
            factories.PartnerFactory,
            factories.ResourceFactory,
            factories.CaseStudyFactory,
            factories.CollectionFactory,
        ],
    )
    def test_every_public_model_filters_drafts(self, factory):
        published = factory()
        draft = factory(status=PublicationStatus.DRAFT, published_at=None)
        public = list(type(published).objects.published())
        assert published in public
        assert draft not in public

    def test_publishing_sets_the_date_once(self):
        resource = factories.ResourceFactory(status=PublicationStatus.DRAFT, published_at=None)
        resource.status = PublicationStatus.PUBLISHED
        resource.save()
        first_date = resource.published_at
        assert first_date is not None
        resource.title = "Nouveau titre"
        resource.save()
        resource.refresh_from_db()
        assert resource.published_at == first_date
        assert resource.is_public

    def test_bulk_publish_keeps_a_scheduled_date(self):
        later = timezone.now() + timedelta(days=5)
        scheduled = factories.ResourceFactory(status=PublicationStatus.DRAFT, published_at=later)
        draft = factories.ResourceFactory(status=PublicationStatus.DRAFT, published_at=None)
        Resource.objects.filter(pk__in=[scheduled.pk, draft.pk]).publish()
        scheduled.refresh_from_db()
        draft.refresh_from_db()
        assert scheduled.published_at == later
        assert draft.published_at is not None
        assert list(Resource.objects.published()) == [draft]

    def test_a_published_row_without_date_is_rejected_by_the_database(self):
        resource = factories.ResourceFactory()
        with pytest.raises(IntegrityError), transaction.atomic():
            Resource.objects.filter(pk=resource.pk).update(published_at=None)


class TestSlugs:
    def test_slug_is_made_from_the_title_and_stays_on_rename(self):
        resource = factories.ResourceFactory(title="Guide de l'alliance territoriale")
        assert resource.slug == "guide-de-lalliance-territoriale"
        resource.title = "Un tout autre titre"
        resource.save()
        resource.refresh_from_db()
        assert resource.slug == "guide-de-lalliance-territoriale"

    def test_same_titles_get_distinct_slugs(self):
        slugs = {factories.CaseStudyFactory(title="Le tiers-lieu du bourg").slug for _ in range(3)}
        assert slugs == {
            "le-tiers-lieu-du-bourg",
            "le-tiers-lieu-du-bourg-2",
            "le-tiers-lieu-du-bourg-3",
        }

    def test_partner_slug_comes_from_its_name(self):
        partner = factories.PartnerFactory(name="Fondation Élan Solidaire")
        assert partner.slug == "fondation-elan-solidaire"

    def test_duplicate_slug_is_rejected(self):
        factories.ResourceFactory(slug="meme-slug")
        with pytest.raises(IntegrityError), transaction.atomic():
            factories.ResourceFactory(slug="meme-slug")


class TestConstraints:
    def test_territory_level_and_code_are_unique(self):
        factories.TerritoryFactory(level=TerritoryLevel.DEPARTMENT, code="69", name="Rhône")
        with pytest.raises(IntegrityError), transaction.atomic():
            Territory.objects.create(level=TerritoryLevel.DEPARTMENT, code="69", name="Autre")

    def test_same_code_at_two_levels_is_allowed(self):
        factories.TerritoryFactory(
            level=TerritoryLevel.REGION, code="84", name="Auvergne-Rhône-Alpes"
        )
        factories.TerritoryFactory(level=TerritoryLevel.DEPARTMENT, code="84", name="Vaucluse")
        assert Territory.objects.filter(code="84").count() == 2

    def test_unknown_territory_level_is_rejected(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            Territory.objects.create(level="canton", code="1234", name="Canton")

    def test_collection_item_points_to_exactly_one_thing(self):
        collection = factories.CollectionFactory()
        resource = factories.ResourceFactory()
        case_study = factories.CaseStudyFactory()
        with pytest.raises(IntegrityError), transaction.atomic():
            CollectionItem.objects.create(collection=collection)
        with pytest.raises(IntegrityError), transaction.atomic():
            CollectionItem.objects.create(
                collection=collection, resource=resource, case_study=case_study
            )
        CollectionItem.objects.create(collection=collection, resource=resource)
        assert collection.items.count() == 1

    def test_a_collection_lists_each_resource_and_case_study_once(self):
        collection = factories.CollectionFactory()
        resource, case_study = factories.ResourceFactory(), factories.CaseStudyFactory()
        collection.items.create(resource=resource, position=1)
        collection.items.create(case_study=case_study, position=2)
        with pytest.raises(IntegrityError), transaction.atomic():
            collection.items.create(resource=resource, position=3)
        with pytest.raises(IntegrityError), transaction.atomic():
            collection.items.create(case_study=case_study, position=3)
        # Another collection may list them too.
        other = factories.CollectionFactory()
        other.items.create(resource=resource, position=1)
        other.items.create(case_study=case_study, position=2)
        assert collection.items.count() == other.items.count() == 2

    def test_two_steps_of_a_collection_cannot_share_a_position(self):
        collection = factories.CollectionFactory()
        collection.items.create(resource=factories.ResourceFactory(), position=1)
        with pytest.raises(IntegrityError), transaction.atomic():
            collection.items.create(resource=factories.ResourceFactory(), position=1)
        factories.CollectionFactory().items.create(resource=factories.ResourceFactory(), position=1)

    def test_full_clean_says_what_is_duplicated_in_french(self):
        collection = factories.CollectionFactory()
        resource = factories.ResourceFactory()
        collection.items.create(resource=resource, position=1)
        twice = CollectionItem(collection=collection, resource=resource, position=2)
        with pytest.raises(ValidationError) as raised:
            twice.full_clean()
        assert raised.value.messages == ["Cette ressource figure déjà dans la collection."]
        same_place = CollectionItem(
            collection=collection, case_study=factories.CaseStudyFactory(), position=1
        )
        with pytest.raises(ValidationError) as raised:
            same_place.full_clean()
        assert raised.value.messages == ["Un autre élément de la collection a déjà cet ordre."]

    def test_park_items_frees_positions_so_two_steps_can_swap(self):
        collection = factories.CollectionFactory()
        first = collection.items.create(resource=factories.ResourceFactory(), position=1)
        second = collection.items.create(resource=factories.ResourceFactory(), position=2)
        collection.park_items([first.pk, second.pk], avoid=[1, 2])
        parked = set(collection.items.values_list("position", flat=True))
        assert len(parked) == 2 and not parked & {1, 2}
        first.position, second.position = 2, 1
        first.save()
        second.save()
        assert list(collection.items.all()) == [second, first]

    def test_collections_have_a_publication_index_like_the_other_public_models(self):
        for model, name in (
            (Collection, "collection_publication_idx"),
            (Resource, "resource_publication_idx"),
        ):
            with connection.cursor() as cursor:
                found = connection.introspection.get_constraints(cursor, model._meta.db_table)
            assert found[name]["columns"] == ["status", "published_at"]
            assert found[name]["index"]

    def test_start_year_out_of_range_is_rejected(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            factories.CaseStudyFactory(start_year=1850)

    def test_siren_validation(self):
        validate_siren("732829320")  # valid Luhn key
        validate_siren("")
        for bad in ["12345", "73282932A", "732829321"]:
            with pytest.raises(ValidationError):
                validate_siren(bad)

    def test_two_partners_cannot_share_a_siren_but_may_both_have_none(self):
        factories.PartnerFactory(siren="")
        factories.PartnerFactory(siren="")
        factories.PartnerFactory(siren="732829320")
        with pytest.raises(IntegrityError), transaction.atomic():
            factories.PartnerFactory(siren="732829320")


class TestRichText:
    def test_scripts_and_event_handlers_are_removed_on_save(self):
        resource = factories.ResourceFactory(
            body='<p onclick="steal()">Texte <strong>utile</strong></p><script>alert(1)</script>'
            '<a href="javascript:alert(1)">lien</a>'
        )
        resource.refresh_from_db()
        assert "<script" not in resource.body
        assert "onclick" not in resource.body
        assert "javascript:" not in resource.body
        assert "<strong>utile</strong>" in resource.body

    def test_case_study_narrative_is_sanitised_and_in_reading_order(self):
        case_study = factories.CaseStudyFactory(
            results="<p>Résultats</p><img src=x onerror=alert(1)>",
            context="<p>Contexte</p>",
        )
        headings = [str(heading) for heading, _html in case_study.narrative()]
        assert headings == ["Contexte et fragilités visées", "Résultats et impacts"]
        assert "onerror" not in case_study.results


class TestHierarchy:
    def test_ancestor_relation_is_complete(self, france):
        region = factories.TerritoryFactory(level="region", code="84", name="Auvergne-Rhône-Alpes")
        department = factories.TerritoryFactory(
            level="department", code="69", name="Rhône", parents=[region]
        )
        epci = factories.TerritoryFactory(
            level="epci", code="200046977", name="Métropole de Lyon", parents=[department]
        )
        lyon = factories.TerritoryFactory(
            level="commune", code="69123", name="Lyon", parents=[epci, department]
        )
        depths = dict(
            TerritoryLink.objects.filter(territory=lyon).values_list("ancestor__code", "depth")
        )
        assert depths == {"69123": 0, "200046977": 1, "69": 1, "84": 2, "FR": 3}
        # The links read from the territory outwards, whatever order they were written in.
        links = TerritoryLink.objects.filter(territory=lyon).select_related("ancestor")
        assert [(link.depth, link.ancestor.code) for link in links] == [
            (0, "69123"),
            (1, "69"),  # created before the EPCI: ties go by id
            (1, "200046977"),
            (2, "84"),
            (3, "FR"),
        ]
        assert [t.code for t in lyon.ancestors_by_level()] == ["FR", "84", "69", "200046977"]
        assert set(department.children()) == {epci, lyon}
        assert set(lyon.parents()) == {epci, department}

    def test_for_territory_and_within(self, france):
        region = factories.TerritoryFactory(level="region", code="84", name="Auvergne-Rhône-Alpes")
        department = factories.TerritoryFactory(
            level="department", code="69", name="Rhône", parents=[region]
        )
        commune = factories.TerritoryFactory(
            level="commune", code="69123", name="Lyon", parents=[department]
        )
        other = factories.TerritoryFactory(level="region", code="53", name="Bretagne")
        national = factories.ResourceFactory(coverage=[france])
        regional = factories.ResourceFactory(coverage=[region])
        local = factories.ResourceFactory(coverage=[commune])
        elsewhere = factories.ResourceFactory(coverage=[other])

        assert set(Resource.objects.for_territory(commune)) == {national, regional, local}
        assert set(Resource.objects.for_territory(region)) == {national, regional}
        assert set(Resource.objects.within(region)) == {regional, local}
        assert set(Resource.objects.within(france)) == {national, regional, local, elsewhere}

        case_study = factories.CaseStudyFactory(main_territory=commune)
        assert list(CaseStudy.objects.within(department)) == [case_study]
        partner = factories.PartnerFactory(home_territory=department)
        assert list(Partner.objects.for_territory(commune)) == [partner]
        assert list(Partner.objects.within(other)) == []


# The field's vocabulary (DESIGN.md), as migration 0002 seeds it: how many terms, and
# the first and last of each in the order the facets list them.
SEEDED_VOCABULARY = {
    Theme: (12, "emploi-insertion", "citoyennete-participation"),
    ActorType: (8, "association", "citoyens"),
    PartnershipType: (4, "mecenat", "innovation-societale"),
    CoConstructionForm: (3, "dialogue-territorial", "experimentations-collectives"),
    ResourceFormat: (9, "referentiel", "parcours-mooc"),
}


@pytest.mark.parametrize("model", SEEDED_VOCABULARY, ids=lambda model: model.__name__)
def test_taxonomies_are_seeded_for_every_install(model):
    count, first, last = SEEDED_VOCABULARY[model]
    slugs = list(model.objects.values_list("slug", flat=True))
    assert len(slugs) == count
    assert (slugs[0], slugs[-1]) == (first, last)
    positions = list(model.objects.values_list("position", flat=True))
    assert positions == list(range(1, count + 1))
    assert all(model.objects.values_list("name", flat=True))


def test_a_fresh_install_has_the_vocabulary_but_no_content():
    assert Collection.objects.count() == 0
    assert Resource.objects.count() == 0
    assert set(PartnershipType.objects.values_list("name", flat=True)) == {
        "Mécénat",
        "Pratiques responsables",
        "Coopération économique",
        "Innovation sociétale",
    }
    assert set(CoConstructionForm.objects.values_list("name", flat=True)) == {
        "Dialogue territorial",
        "Partenariats entre organisations",
        "Expérimentations collectives",
    }


class TestWorkflowLog:
    def test_creation_and_every_change_of_status_are_logged(self):
        from partnerships.models.workflow import transitions_for

        resource = factories.ResourceFactory(status=PublicationStatus.DRAFT, published_at=None)
        resource.status = PublicationStatus.IN_REVIEW
        resource._transition_comment = "À relire"
        resource.save()
        resource.title = "Sans changement de statut"
        resource.save()
        resource.status = PublicationStatus.PUBLISHED
        resource.save()
        log = [(t.from_status, t.to_status, t.comment) for t in transitions_for(resource)]
        assert log == [
            ("review", "published", ""),
            ("draft", "review", "À relire"),
            ("", "draft", ""),
        ]

    def test_a_row_read_back_from_the_database_knows_its_previous_status(self):
        from partnerships.models.workflow import transitions_for

        resource = factories.ResourceFactory()
        fresh = Resource.objects.get(pk=resource.pk)
        fresh.status = PublicationStatus.ARCHIVED
        fresh.save()
        assert transitions_for(resource).first().from_status == "published"

    def test_publishing_without_a_date_passes_validation(self):
        resource = factories.ResourceFactory(status=PublicationStatus.DRAFT, published_at=None)
        resource.status = PublicationStatus.PUBLISHED
        resource.full_clean()  # the check constraint needs a date: clean() sets it
        assert resource.published_at is not None


class TestHistory:
    def test_deleting_content_keeps_its_history(self):
        resource = factories.ResourceFactory(title="Supprimée")
        pk = resource.pk
        resource.delete()
        assert [record.history_type for record in Resource.history.filter(id=pk)][0] == "-"

    def test_search_columns_are_not_copied_into_the_history(self):
        fields = {field.name for field in Resource.history.model._meta.fields}
        assert "title" in fields
        assert "search_document" not in fields
        assert "search_vector" not in fields
