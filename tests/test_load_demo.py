"""``load_demo``: idempotent, complete, honest about being invented, drafts kept private.

The tests import a slice of the geography (``tests/data/demo_territories/``, written by
``scripts/build_demo_fixtures.py``: every territory the fixtures name) instead of the
full snapshot, through the command's own ``--territories-dir`` option.
"""

import datetime as dt
import importlib.util
import io
import json
import re
from collections import Counter
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from partnerships.management.commands.load_demo import DEMO_FIXTURES, demo_fixture_paths
from partnerships.models import (
    NARRATIVE_SECTIONS,
    ActorType,
    CaseStudy,
    CaseStudyStage,
    CoConstructionForm,
    Collection,
    CollectionItem,
    KeyFigure,
    Participation,
    Partner,
    PartnershipType,
    PublicationStatus,
    Resource,
    ResourceFormat,
    Territory,
    TerritoryLevel,
    Theme,
)
from partnerships.sanitize import clean_html

TERRITORIES = Path(__file__).parent / "data" / "demo_territories"
GENERATOR = Path(__file__).parent.parent / "scripts" / "build_demo_fixtures.py"
FICTIONAL = "exemple fictif"

pytestmark = pytest.mark.django_db


def load_demo() -> str:
    out = io.StringIO()
    call_command("load_demo", territories_dir=str(TERRITORIES), stdout=out)
    return out.getvalue()


def every_model():
    """Every table the demo can touch: the domain app, taggit, and their m2m through tables."""
    for app_label in ("partnerships", "taggit"):
        yield from apps.get_app_config(app_label).get_models(include_auto_created=True)


def snapshot() -> dict[str, list[dict]]:
    """Every row of every table, by primary key: equal snapshots mean nothing changed."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values())
        for model in every_model()
    }


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for the read-only tests of a class and rolled back after them.

    Each test still runs in its own savepoint (the ``db`` fixture), nested in this
    class-wide transaction, so nothing leaks to the other tests.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            load_demo()
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def test_second_run_changes_nothing():
    output = load_demo()
    first = snapshot()
    assert "Démo prête." in output
    assert "Contenu de démonstration chargé en" in output  # with the elapsed time
    assert "ressources" in output and "dont" in output  # and the counts

    load_demo()
    second = snapshot()

    counts = {label: len(rows) for label, rows in first.items()}
    assert counts == {label: len(rows) for label, rows in second.items()}
    for label in first:
        assert first[label] == second[label], f"{label} changed on the second run"
    # The run did load something into every table the demo owns.
    for model in (
        Partner,
        Resource,
        CaseStudy,
        Collection,
        Participation,
        KeyFigure,
        CollectionItem,
        Tag,
        TaggedItem,
        Resource.themes.through,
        Resource.coverage.through,
        Resource.authors.through,
        Resource.audiences.through,
        Resource.partnership_types.through,
        CaseStudy.themes.through,
        CaseStudy.partnership_types.through,
        CaseStudy.co_construction_forms.through,
        CaseStudy.related_resources.through,
        Collection.audiences.through,
        Partner.themes.through,
    ):
        assert counts[model._meta.label] > 0, model._meta.label


def test_without_options_it_imports_the_whole_shipped_geography(monkeypatch):
    """``load_demo`` alone asks the importer for its default directory, fixtures/territories/,
    which holds every commune; the import itself is stood in for by the small slice."""
    from partnerships.importers import territories as importer
    from partnerships.management.commands import import_territories as command

    asked = []

    def recording_import(directory=None, **options):
        asked.append(directory)
        return importer.import_territories(TERRITORIES, **options)

    monkeypatch.setattr(command, "import_territories", recording_import)
    out = io.StringIO()
    call_command("load_demo", stdout=out)

    assert len(asked) == 1
    directory = Path(asked[0] or importer.DEFAULT_DIRECTORY)
    assert directory == Path(__file__).parent.parent / "fixtures" / "territories"
    geography = importer.read_geography(directory)
    levels = Counter(level for level, _code in geography)
    assert levels["region"] == 18 and levels["department"] == 101
    assert levels["epci"] >= 1250 and levels["commune"] >= 34800

    output = out.getvalue()
    assert re.search(
        r"Contenu de démonstration chargé en \d+\.\d s "
        r"\(territoires : \d+\.\d s ; total : \d+\.\d s\)",
        output,
    ), output
    assert "Démo prête." in output and Resource.objects.published().count() >= 60


def test_refuses_to_overwrite_rows_that_are_not_the_demos(france):
    """A fixed primary key taken by someone else's row stops the load before any write."""
    call_command("import_territories", str(TERRITORIES), verbosity=0)
    fmt = ResourceFormat.objects.get(slug="guide-kit")
    mine = Resource.objects.create(pk=910_001, title="Ma ressource", format=fmt)
    other = Resource.objects.create(
        title="Homonyme", slug="kit-mecenat-competences-pme", format=fmt
    )
    with pytest.raises(CommandError) as error:
        call_command("load_demo", skip_territories=True, stdout=io.StringIO())
    message = str(error.value)
    assert "910001" in message and f"n° {other.pk}" in message
    assert "kit-mecenat-competences-pme" in message
    mine.refresh_from_db()
    assert mine.title == "Ma ressource"
    assert Resource.objects.count() == 2 and not Partner.objects.exists()


def test_fixtures_load_with_plain_loaddata_after_the_territories():
    call_command("import_territories", str(TERRITORIES), verbosity=0)
    call_command("loaddata", *[str(path) for path in demo_fixture_paths()], verbosity=0)
    assert Resource.objects.count() >= 60
    assert TaggedItem.objects.filter(object_id__in=Resource.objects.values("pk")).exists()
    documents = dict(Resource.objects.values_list("slug", "search_document"))

    load_demo()  # same rows, same search documents as load_demo's deferred indexing
    assert dict(Resource.objects.values_list("slug", "search_document")) == documents


def test_fixture_files_use_natural_keys_or_fixed_primary_keys():
    keyless = {
        "partnerships.participation",
        "partnerships.keyfigure",
        "partnerships.collectionitem",
        "taggit.taggeditem",
        # taggit items point at these by primary key
        "partnerships.resource",
        "partnerships.casestudy",
    }
    for path in demo_fixture_paths():
        assert path.name in DEMO_FIXTURES
        for entry in json.loads(path.read_text(encoding="utf-8")):
            if entry["model"] in keyless:
                assert entry["pk"] >= 900_000, entry
            else:
                assert "pk" not in entry, entry


def test_committed_fixtures_are_what_the_generator_writes(tmp_path):
    """fixtures/demo/ and the territory slice are generated: edit the script, not the JSON."""
    spec = importlib.util.spec_from_file_location("build_demo_fixtures", GENERATOR)
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    generator.build(out_dir=tmp_path / "demo", test_territories=tmp_path / "territories")
    for path in demo_fixture_paths():
        assert (tmp_path / "demo" / path.name).read_bytes() == path.read_bytes(), path.name
    for path in sorted(TERRITORIES.glob("*.csv")):
        assert (tmp_path / "territories" / path.name).read_bytes() == path.read_bytes()


@pytest.mark.usefixtures("demo")
class TestDemoContent:
    """Read-only checks on one loaded demo."""

    def test_search_documents_are_complete_after_a_fresh_load(self):
        """Tags, authors, participants and territories are in each document from the first run."""
        resource = Resource.objects.get(slug="kit-atelier-carre-magique")
        assert "carre magique" in resource.search_document
        assert "atelier" in resource.search_document.split(" | ")[1]  # a tag, weight B
        assert "coop territoires" in resource.search_document  # its author
        case_study = CaseStudy.objects.get(slug="garage-solidaire-cantal")
        assert "garage solidaire" in case_study.search_document.split(" | ")[1]
        assert "transports velorac" in case_study.search_document
        missing = [
            model.__name__
            for model in (Resource, CaseStudy, Partner)
            if model.objects.filter(search_document="").exists()
        ]
        assert not missing

    def test_demo_counts_and_coverage(self):
        resources = Resource.objects.published()
        case_studies = CaseStudy.objects.published()
        partners = Partner.objects.published()
        assert resources.count() >= 60
        assert case_studies.count() >= 25
        assert partners.count() >= 40
        assert Collection.objects.published().count() >= 4

        def used(queryset, relation):
            return set(queryset.values_list(relation, flat=True).distinct())

        themes = set(Theme.objects.values_list("slug", flat=True))
        assert used(resources, "themes__slug") == themes
        assert used(case_studies, "themes__slug") >= themes - {"numerique-inclusion"}
        assert used(resources, "format__slug") == set(
            ResourceFormat.objects.values_list("slug", flat=True)
        )
        actor_types = set(ActorType.objects.values_list("slug", flat=True))
        assert used(resources, "audiences__slug") == actor_types
        assert used(partners, "actor_type__slug") == actor_types
        partnership_types = set(PartnershipType.objects.values_list("slug", flat=True))
        assert used(resources, "partnership_types__slug") == partnership_types
        assert used(case_studies, "partnership_types__slug") == partnership_types
        assert used(case_studies, "co_construction_forms__slug") == set(
            CoConstructionForm.objects.values_list("slug", flat=True)
        )
        assert used(case_studies, "stage") == set(CaseStudyStage.values)
        assert used(case_studies, "participations__role") == {
            "porteur",
            "financeur",
            "operationnel",
            "catalyseur",
            "accompagnateur",
            "academique",
            "autre",
        }
        assert set(resources.values_list("language", flat=True)) == {"fr", "en"}
        assert resources.filter(featured=True).exists()
        assert case_studies.filter(featured=True).exists()
        years = {date.year for date in resources.values_list("publication_date", flat=True)}
        assert min(years) == 2019 and max(years) == 2026 and len(years) == 8

    def test_content_touches_at_least_ten_regions(self):
        territory_ids = (
            set(Resource.objects.published().values_list("coverage", flat=True))
            | set(CaseStudy.objects.published().values_list("main_territory", flat=True))
            | set(Partner.objects.published().values_list("home_territory", flat=True))
        )
        regions = Territory.objects.filter(
            level=TerritoryLevel.REGION, descendant_links__territory__in=territory_ids
        ).distinct()
        assert regions.count() >= 10
        levels = set(Territory.objects.filter(pk__in=territory_ids).values_list("level", flat=True))
        assert levels == set(TerritoryLevel.values)
        assert (
            Resource.objects.published().filter(coverage__level=TerritoryLevel.COUNTRY).count() > 20
        )

    def test_case_studies_are_complete(self):
        for case_study in CaseStudy.objects.published().prefetch_related("tags"):
            assert 2 <= case_study.key_figures.count() <= 4, case_study.slug
            assert case_study.participations.filter(role="porteur").exists(), case_study.slug
            assert case_study.related_resources.exists(), case_study.slug
            assert 3 <= len(case_study.tags.all()) <= 5, case_study.slug
            assert case_study.start_year and case_study.themes.exists()
            assert len(case_study.narrative()) == len(NARRATIVE_SECTIONS), case_study.slug
        for resource in Resource.objects.published().prefetch_related("tags", "authors"):
            assert 3 <= len(resource.tags.all()) <= 5, resource.slug
            assert resource.authors.exists() and resource.coverage.exists(), resource.slug

    def test_collections_are_ordered_selections(self):
        for collection in Collection.objects.published():
            items = list(collection.items.all())
            assert 5 <= len(items) <= 8, collection.slug
            assert [item.position for item in items] == list(range(1, len(items) + 1))
            assert all((item.resource is None) != (item.case_study is None) for item in items)
            assert len(collection.public_items()) == len(items)
            assert collection.audiences.exists() and collection.introduction
        kinds = set(Collection.objects.values_list("kind", flat=True))
        assert kinds == {"dossier", "parcours"}

    def test_drafts_exist_and_are_not_public(self):
        for model, minimum in ((Resource, 3), (CaseStudy, 2), (Partner, 2)):
            hidden = model.objects.exclude(status=PublicationStatus.PUBLISHED)
            assert hidden.count() >= minimum, model
            assert not model.objects.published().filter(pk__in=hidden.values("pk")).exists()
            assert not hidden.filter(published_at__isnull=False).exists()
        now = timezone.now()
        for model in (Resource, CaseStudy, Partner, Collection):
            published = model.objects.filter(status=PublicationStatus.PUBLISHED)
            assert published.count() == model.objects.published().count(), model
            assert not published.filter(published_at__gt=now).exists()
            assert not published.filter(
                published_at__lt=dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
            ).exists()
        # Public content only names public partners.
        hidden_partners = Partner.objects.exclude(status=PublicationStatus.PUBLISHED)
        assert not Resource.objects.published().filter(authors__in=hidden_partners).exists()
        assert not CaseStudy.objects.published().filter(participants__in=hidden_partners).exists()
        # Collections only point to public content.
        assert (
            not CollectionItem.objects.exclude(
                resource__status=PublicationStatus.PUBLISHED, case_study__isnull=True
            )
            .exclude(case_study__status=PublicationStatus.PUBLISHED, resource__isnull=True)
            .exists()
        )

    def test_invented_content_says_so(self):
        for partner in Partner.objects.all():
            assert FICTIONAL in partner.name.lower(), partner.slug
            assert FICTIONAL in partner.description.lower(), partner.slug
            assert partner.siren == ""
            assert partner.website.startswith("https://example.org/"), partner.slug
        for case_study in CaseStudy.objects.all():
            assert FICTIONAL in case_study.summary.lower(), case_study.slug
            assert FICTIONAL in case_study.sources.lower() or case_study.status != "published"
        for resource in Resource.objects.all():
            assert FICTIONAL in resource.body.lower(), resource.slug
            assert resource.external_url == "" or resource.external_url.startswith(
                "https://example.org/"
            )

    def test_rich_text_is_already_clean(self):
        """loaddata bypasses save(), so the fixtures' HTML must be what sanitising would keep."""
        for resource in Resource.objects.all():
            assert clean_html(resource.body) == resource.body, resource.slug
        for case_study in CaseStudy.objects.all():
            for field_name, _heading in NARRATIVE_SECTIONS:
                value = getattr(case_study, field_name)
                assert clean_html(value) == value, (case_study.slug, field_name)
        for collection in Collection.objects.all():
            assert clean_html(collection.introduction) == collection.introduction
