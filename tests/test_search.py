"""Full-text search and facets, on whichever database the suite runs on."""

import pytest
from django.db import connection

from partnerships.filters import CaseStudyFilterSet, ResourceFilterSet
from partnerships.models import (
    ActorType,
    CaseStudy,
    Participation,
    PublicationStatus,
    Resource,
    ResourceFormat,
    Theme,
)
from partnerships.search import lexicon
from partnerships.search.backends import backend
from partnerships.search.highlight import highlight
from partnerships.search.query import parse_query
from tests import factories

pytestmark = pytest.mark.django_db


def search(text, queryset=None):
    queryset = queryset if queryset is not None else Resource.objects.published()
    return list(backend().apply(queryset, parse_query(text)).order_by("-relevance", "pk"))


def titles(results):
    return [item.title for item in results]


class TestFrenchText:
    def test_plural_finds_singular_and_accents_do_not_matter(self):
        factories.ResourceFactory(title="La coopération entre entreprises et associations")
        factories.ResourceFactory(title="Un écoquartier exemplaire")
        factories.ResourceFactory(title="Sans rapport")
        assert titles(search("coopérations")) == [
            "La coopération entre entreprises et associations"
        ]
        assert titles(search("ecoquartier")) == ["Un écoquartier exemplaire"]
        assert titles(search("ÉCOQUARTIERS")) == ["Un écoquartier exemplaire"]

    def test_last_word_is_matched_as_a_prefix(self):
        factories.ResourceFactory(title="Mobilité solidaire en milieu rural")
        assert titles(search("mobilité solid")) == ["Mobilité solidaire en milieu rural"]

    def test_title_match_ranks_above_body_match(self):
        factories.ResourceFactory(
            title="Guide général", summary="", body="<p>Un mot sur l'insertion.</p>"
        )
        factories.ResourceFactory(title="L'insertion par l'activité économique", summary="")
        assert titles(search("insertion")) == [
            "L'insertion par l'activité économique",
            "Guide général",
        ]

    def test_exclusion_phrase_and_or(self):
        factories.ResourceFactory(title="Tiers-lieu rural et numérique")
        factories.ResourceFactory(title="Tiers-lieu urbain")
        factories.ResourceFactory(title="Jardin partagé")
        assert titles(search("tiers-lieu -numérique")) == ["Tiers-lieu urbain"]
        assert sorted(titles(search("jardin or urbain"))) == ["Jardin partagé", "Tiers-lieu urbain"]

    def test_searches_themes_tags_partners_and_territories(self):
        theme = factories.ThemeFactory(slug="mobilite-test", name="Mobilité douce")
        author = factories.PartnerFactory(name="Collectif des Hautes Terres")
        region = factories.TerritoryFactory(level="region", code="53", name="Bretagne")
        resource = factories.ResourceFactory(title="Fiche", themes=[theme], coverage=[region])
        resource.authors.add(author)
        resource.tags.add("covoiturage")
        for text in ("douce", "covoiturage", "hautes terres", "bretagne"):
            assert titles(search(text)) == ["Fiche"], text

    def test_drafts_are_never_found(self):
        factories.ResourceFactory(title="Publication publique sur l'emploi")
        factories.ResourceFactory(
            title="Brouillon sur l'emploi", status=PublicationStatus.DRAFT, published_at=None
        )
        assert titles(search("emploi")) == ["Publication publique sur l'emploi"]

    def test_document_follows_m2m_changes_and_partner_renames(self):
        resource = factories.ResourceFactory(title="Fiche")
        assert search("fromagerie") == []
        resource.tags.add("fromagerie")
        assert titles(search("fromagerie")) == ["Fiche"]
        theme = factories.ThemeFactory(slug="t-apiculture", name="Apiculture")
        resource.themes.add(theme)
        assert titles(search("apiculture")) == ["Fiche"]
        resource.themes.remove(theme)
        assert search("apiculture") == []
        partner = factories.PartnerFactory(name="Atelier Vert")
        resource.authors.add(partner)
        partner.name = "Atelier Bleu Horizon"
        partner.save()
        assert titles(search("horizon")) == ["Fiche"]

    def test_case_study_participants_are_searchable(self):
        case_study = factories.CaseStudyFactory(title="Alliance du bocage")
        partner = factories.PartnerFactory(name="Coopérative Laitière Imaginaire")
        Participation.objects.create(case_study=case_study, partner=partner, role="porteur")
        results = search("laitière", CaseStudy.objects.published())
        assert titles(results) == ["Alliance du bocage"]


class TestSuggestions:
    def test_a_typo_gets_a_suggestion(self):
        factories.ResourceFactory(title="Revitalisation commerciale des centres-bourgs")
        assert search("revitalisaton") == []
        assert lexicon.suggest(parse_query("revitalisaton").words) == "revitalisation"

    def test_known_words_get_no_suggestion(self):
        factories.ResourceFactory(title="Revitalisation commerciale")
        assert lexicon.suggest(["revitalisation"]) is None


def test_highlight_marks_matches_and_escapes_the_rest():
    html = highlight("Les <b>coopérations</b> territoriales & l'emploi", ["cooperation"])
    assert html == (
        "Les &lt;b&gt;<mark>coopérations</mark>&lt;/b&gt; territoriales &amp; l&#x27;emploi"
    )


@pytest.fixture
def facet_data():
    """A small set where every count is known.

    r1: emploi + mobilite, guide      r2: emploi, guide      r3: mobilite, etude
    r4: culture, etude                draft: emploi, guide (never counted)
    """
    emploi = Theme.objects.get(slug="emploi-insertion")
    mobilite = Theme.objects.get(slug="mobilite")
    culture = Theme.objects.get(slug="culture-sport-patrimoine")
    guide = ResourceFormat.objects.get(slug="guide-kit")
    etude = ResourceFormat.objects.get(slug="etude-rapport")
    factories.ResourceFactory(title="r1", format=guide, themes=[emploi, mobilite])
    factories.ResourceFactory(title="r2", format=guide, themes=[emploi])
    factories.ResourceFactory(title="r3", format=etude, themes=[mobilite])
    factories.ResourceFactory(title="r4", format=etude, themes=[culture])
    factories.ResourceFactory(
        title="draft",
        format=guide,
        themes=[emploi],
        status=PublicationStatus.DRAFT,
        published_at=None,
    )


def facet_counts(filterset, name):
    facet = next(facet for facet in filterset.facets() if facet.name == name)
    return {value.value: value.count for value in facet.values}


def resource_filterset(query_string):
    from django.http import QueryDict

    return ResourceFilterSet(QueryDict(query_string), queryset=Resource.objects.published())


class TestDisjunctiveFacets:
    def test_counts_without_filters(self, facet_data):
        filterset = resource_filterset("")
        assert facet_counts(filterset, "theme") == {
            "emploi-insertion": 2,
            "mobilite": 2,
            "culture-sport-patrimoine": 1,
        }
        assert facet_counts(filterset, "format") == {"guide-kit": 2, "etude-rapport": 2}

    def test_own_selection_does_not_narrow_own_counts(self, facet_data):
        filterset = resource_filterset("theme=emploi-insertion")
        assert sorted(titles(filterset.qs)) == ["r1", "r2"]
        # Theme counts ignore the theme filter: a second theme would add rows.
        assert facet_counts(filterset, "theme") == {
            "emploi-insertion": 2,
            "mobilite": 2,
            "culture-sport-patrimoine": 1,
        }
        # Other facets apply it.
        assert facet_counts(filterset, "format") == {"guide-kit": 2}

    def test_or_within_and_across(self, facet_data):
        filterset = resource_filterset("theme=emploi-insertion&theme=mobilite&format=etude-rapport")
        assert titles(filterset.qs) == ["r3"]
        # A selected value stays visible (to be removed) even when it counts 0.
        assert facet_counts(filterset, "theme") == {
            "emploi-insertion": 0,
            "mobilite": 1,
            "culture-sport-patrimoine": 1,
        }
        assert facet_counts(filterset, "format") == {"guide-kit": 2, "etude-rapport": 1}

    def test_unknown_values_are_ignored_with_a_notice(self, facet_data):
        filterset = resource_filterset("theme=nope&theme=mobilite&sort=sideways&format=<script>")
        assert sorted(titles(filterset.qs)) == ["r1", "r3"]
        notices = " ".join(str(notice) for notice in filterset.notices)
        assert "nope" in notices
        assert "tri" in notices

    def test_one_query_per_facet(self, facet_data, django_assert_max_num_queries):
        filterset = resource_filterset("theme=mobilite&format=guide-kit&q=r1")
        list(filterset.qs)
        with django_assert_max_num_queries(len(filterset.facet_filters) + 2):
            filterset.facets()

    def test_case_study_actor_type_facet_counts_participants(self):
        association = ActorType.objects.get(slug="association")
        company = ActorType.objects.get(slug="entreprise")
        one = factories.CaseStudyFactory(title="un")
        two = factories.CaseStudyFactory(title="deux")
        for case_study, actor_types in ((one, [association, company]), (two, [association])):
            for actor_type in actor_types:
                partner = factories.PartnerFactory(actor_type=actor_type)
                Participation.objects.create(case_study=case_study, partner=partner, role="autre")
        from django.http import QueryDict

        filterset = CaseStudyFilterSet(
            QueryDict("actor=entreprise"), queryset=CaseStudy.objects.published()
        )
        assert titles(filterset.qs) == ["un"]
        assert facet_counts(filterset, "actor") == {"association": 2, "entreprise": 1}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL query plan")
def test_full_text_query_can_use_the_gin_index():
    factories.ResourceFactory(title="Coopération")
    queryset = backend().apply(Resource.objects.all(), parse_query("coopération"))
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        plan = queryset.explain()
        cursor.execute("SET enable_seqscan = on")
    assert "partnerships_resource_search_gin" in plan
