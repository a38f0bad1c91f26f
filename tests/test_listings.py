"""The faceted listings as a visitor uses them: facets, chips, territory, notices, robustness."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partnerships.models import ResourceFormat, Theme
from tests import factories

pytestmark = pytest.mark.django_db

RESOURCE_LIST = "partnerships:resource_list"


@pytest.fixture
def geography(france):
    region = factories.TerritoryFactory(level="region", code="84", name="Auvergne-Rhône-Alpes")
    other_region = factories.TerritoryFactory(level="region", code="53", name="Bretagne")
    rhone = factories.TerritoryFactory(
        level="department", code="69", name="Rhône", parents=[region]
    )
    lyon = factories.TerritoryFactory(level="commune", code="69123", name="Lyon", parents=[rhone])
    return {"france": france, "region": region, "other": other_region, "rhone": rhone, "lyon": lyon}


@pytest.fixture
def catalogue(geography):
    emploi = Theme.objects.get(slug="emploi-insertion")
    mobilite = Theme.objects.get(slug="mobilite")
    guide = ResourceFormat.objects.get(slug="guide-kit")
    return {
        "national": factories.ResourceFactory(
            title="Guide national de l'insertion",
            format=guide,
            themes=[emploi],
            coverage=[geography["france"]],
        ),
        "lyon": factories.ResourceFactory(
            title="Mobilité solidaire à Lyon",
            format=guide,
            themes=[mobilite],
            coverage=[geography["lyon"]],
        ),
        "bretagne": factories.ResourceFactory(
            title="Emploi des jeunes en Bretagne",
            format=guide,
            themes=[emploi],
            coverage=[geography["other"]],
        ),
    }


def titles(response):
    return sorted(item.title for item in response.context["resources"])


def test_facet_values_link_to_the_toggled_state_in_canonical_order(client, catalogue):
    response = client.get(reverse(RESOURCE_LIST), {"format": "guide-kit", "theme": "mobilite"})
    assert titles(response) == ["Mobilité solidaire à Lyon"]
    theme_facet = next(facet for facet in response.context["facets"] if facet.name == "theme")
    urls = {value.value: value.url for value in theme_facet.values}
    assert urls["mobilite"] == "/ressources/?format=guide-kit"
    assert urls["emploi-insertion"] == (
        "/ressources/?theme=emploi-insertion&theme=mobilite&format=guide-kit"
    )


def test_chips_remove_one_filter_and_clear_all_removes_everything(client, catalogue):
    response = client.get(reverse(RESOURCE_LIST), {"theme": ["emploi-insertion"], "q": "guide"})
    chips = {chip["label"]: chip["url"] for chip in response.context["chips"]}
    assert chips["guide"] == "/ressources/?theme=emploi-insertion"
    assert chips["Emploi & insertion"] == "/ressources/?q=guide"
    html = response.content.decode()
    assert 'href="/ressources/">Tout effacer</a>' in html
    assert 'aria-live="polite"' in html


def test_territory_filter_finds_what_concerns_a_commune(client, catalogue):
    response = client.get(reverse(RESOURCE_LIST), {"territory": "commune-69123"})
    assert titles(response) == ["Guide national de l'insertion", "Mobilité solidaire à Lyon"]
    assert response.context["active_territory"].code == "69123"


def test_territory_typed_by_name_without_javascript(client, catalogue):
    response = client.get(reverse(RESOURCE_LIST), {"territory": "lyon"})
    assert response.context["active_territory"].code == "69123"
    assert titles(response) == ["Guide national de l'insertion", "Mobilité solidaire à Lyon"]
    chip_urls = [chip["url"] for chip in response.context["chips"]]
    assert "/ressources/" in chip_urls  # removing the territory chip clears the filter
    assert response.context["canonical_url"] == "/ressources/?territory=commune-69123"


def test_region_drill_down_offers_its_departments(client, catalogue):
    response = client.get(reverse(RESOURCE_LIST))
    facets = {facet.name: facet for facet in response.context["facets"]}
    regions = {value.value: value.count for value in facets["region"].values}
    assert regions == {"84": 1, "53": 1}  # national content is not "located" in a région
    assert facets["department"].values == []
    response = client.get(reverse(RESOURCE_LIST), {"region": "84"})
    assert titles(response) == ["Mobilité solidaire à Lyon"]
    facets = {facet.name: facet for facet in response.context["facets"]}
    assert [(value.value, value.count) for value in facets["department"].values] == [("69", 1)]


def test_bad_values_give_a_notice_not_an_error(client, catalogue):
    response = client.get(
        reverse(RESOURCE_LIST),
        {"theme": ["inconnu", "mobilite"], "territory": "planet-42", "sort": "random", "page": "x"},
    )
    assert response.status_code == 200
    assert titles(response) == ["Mobilité solidaire à Lyon"]
    html = response.content.decode()
    assert "inconnu" in html
    assert "planet-42" in html
    assert "Ordre de tri inconnu" in html


def test_no_hit_suggests_a_correction(client, catalogue):
    response = client.get(reverse(RESOURCE_LIST), {"q": "mobilitee"})
    assert response.context["result_count"] == 0
    assert response.context["suggestion"]["text"] == "mobilite"
    follow = client.get(response.context["suggestion"]["url"])
    assert titles(follow) == ["Mobilité solidaire à Lyon"]


def test_search_snippets_highlight_and_escape(client, geography):
    factories.ResourceFactory(title="Fiche", summary="Le covoiturage <b>rural</b>, enfin.")
    response = client.get(reverse(RESOURCE_LIST), {"q": "covoiturage"})
    assert "Le <mark>covoiturage</mark> &lt;b&gt;rural&lt;/b&gt;" in response.content.decode()


def test_cached_counts_follow_content_changes(client, catalogue, django_assert_max_num_queries):
    def theme_counts():
        response = client.get(reverse(RESOURCE_LIST))
        facet = next(facet for facet in response.context["facets"] if facet.name == "theme")
        return {value.value: value.count for value in facet.values}

    assert theme_counts()["mobilite"] == 1
    with django_assert_max_num_queries(6):  # counts served from the cache
        assert theme_counts()["mobilite"] == 1
    factories.ResourceFactory(title="Vélo", themes=[Theme.objects.get(slug="mobilite")])
    assert theme_counts()["mobilite"] == 2


def test_unpublished_content_is_never_counted(client, catalogue):
    factories.ResourceFactory(
        title="Brouillon mobilité",
        status="draft",
        published_at=None,
        themes=[Theme.objects.get(slug="mobilite")],
    )
    response = client.get(reverse(RESOURCE_LIST), {"q": "mobilité"})
    assert titles(response) == ["Mobilité solidaire à Lyon"]
    theme_facet = next(facet for facet in response.context["facets"] if facet.name == "theme")
    assert {value.value: value.count for value in theme_facet.values} == {"mobilite": 1}


@pytest.mark.parametrize(
    "url_name", [RESOURCE_LIST, "partnerships:case_study_list", "partnerships:partner_list"]
)
def test_query_count_does_not_grow_with_page_size_or_facet_values(
    client, catalogue, url_name, settings
):
    themes = factories.ThemeFactory.create_batch(5)
    for index in range(30):
        factories.ResourceFactory(title=f"Ressource {index}", themes=themes)
        factories.CaseStudyFactory(title=f"Alliance {index}", themes=themes)
        factories.PartnerFactory().themes.set(themes)
    settings.FACET_CACHE_TIMEOUT = 0  # measure the computed counts, not the cached ones
    client.get(reverse(url_name))  # fills the term caches
    counts = []
    for page_size in (2, 20):
        settings.PAGE_SIZE = page_size
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse(url_name), {"theme": themes[0].slug})
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[0] <= 15


query_values = st.one_of(
    st.text(max_size=50),
    st.sampled_from(
        [
            "-1",
            "0",
            str(10**12),
            "'; DROP TABLE partnerships_resource; --",
            "<script>alert(1)</script>",
            '"unterminated',
            "mobilite",
            "commune-69123",
            "a" * 10_000,
            "or or -",
            "\x00",
        ]
    ),
)
params = st.sampled_from(
    ["q", "theme", "format", "audience", "partnership", "region", "department", "year"]
    + ["language", "tag", "territory", "sort", "page", "unknown", "actor", "stage"]
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(query=st.lists(st.tuples(params, query_values), max_size=6))
@pytest.mark.parametrize(
    "url_name",
    [RESOURCE_LIST, "partnerships:case_study_list", "partnerships:partner_list"]
    + ["partnerships:search"],
)
def test_any_query_string_answers_without_error_or_unescaped_echo(
    client, catalogue, url_name, query
):
    response = client.get(reverse(url_name), [(key, value) for key, value in query])
    assert response.status_code in (200, 400)
    assert b"<script>alert(1)</script>" not in response.content


@pytest.mark.parametrize("param", ["q", "tag", "territory", "theme", "region"])
def test_a_nul_character_in_any_parameter_is_not_an_error(client, param):
    """PostgreSQL refuses NUL in a string: it must never reach a query."""
    for url_name in (RESOURCE_LIST, "partnerships:case_study_list", "partnerships:search"):
        response = client.get(reverse(url_name), {param: "eau\x00potable"})
        assert response.status_code == 200


def test_the_paginator_counts_with_one_cached_query_not_by_loading_rows(
    catalogue, django_assert_num_queries
):
    from django.core.paginator import Paginator
    from django.http import QueryDict

    from partnerships.filters import ResourceFilterSet
    from partnerships.models import Resource

    def paginator():
        filterset = ResourceFilterSet(QueryDict(""), queryset=Resource.objects.published())
        return Paginator(filterset.qs, 2)

    with CaptureQueriesContext(connection) as captured:
        assert paginator().count == 3
    resource_selects = [
        query["sql"].lower()
        for query in captured.captured_queries
        if "partnerships_resource" in query["sql"]
    ]
    assert len(resource_selects) == 1
    if connection.vendor == "postgresql":
        # The in-memory key index counts; loading it (once per content version) is
        # the one read of the table, and later requests only ask for the version.
        assert "facet_keys" in resource_selects[0]
        later_queries = 1
    else:
        assert "count(" in resource_selects[0]
        later_queries = 0
    with django_assert_num_queries(later_queries):
        assert paginator().count == 3
