"""The map of France: the geometry (computed once), the counts (published case studies
located in each département), the links (the listing filtered on that département)."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import translation

from partnerships.maps import case_study_counts, case_study_map, classes_for
from partnerships.maps.geometry import (
    INSET_HEIGHT,
    INSET_WIDTH,
    OVERSEAS,
    TERRITORIES_DIR,
    douglas_peucker,
    france_geometry,
    region_names,
)
from partnerships.models import PublicationStatus, TerritoryLevel
from tests import factories

FIRST_POINT = re.compile(r"^M(-?\d+) (-?\d+)")


@pytest.fixture(autouse=True)
def french():
    """Each test starts and ends in French (a request under /en/ leaves English active)."""
    with translation.override("fr"):
        yield


def departement_codes() -> list[str]:
    lines = (TERRITORIES_DIR / "departements.csv").read_text(encoding="utf-8").splitlines()
    return sorted(line.split(",")[0] for line in lines[1:])


# ---------------------------------------------------------------------------
# Geometry.


def test_every_departement_has_a_shape_in_the_picture():
    geometry = france_geometry()
    assert [shape.code for shape in geometry.shapes] == departement_codes()
    assert len(geometry.shapes) == 101
    for shape in geometry.shapes:
        assert FIRST_POINT.match(shape.path), shape.code
        assert shape.path.count("M") == shape.path.count("z")
        x, y = (int(value) for value in FIRST_POINT.match(shape.path).groups())
        assert 0 <= x <= geometry.width and 0 <= y <= geometry.height, shape.code
    regions = {shape.code: shape.region_code for shape in geometry.shapes}
    assert (regions["69"], regions["2A"], regions["974"], regions["75"]) == ("84", "94", "04", "11")


def test_overseas_departements_are_drawn_in_their_insets():
    geometry = france_geometry()
    insets = {inset.code: inset for inset in geometry.insets}
    assert list(insets) == list(OVERSEAS)
    for code, inset in insets.items():
        shape = next(shape for shape in geometry.shapes if shape.code == code)
        x, y = (int(value) for value in FIRST_POINT.match(shape.path).groups())
        assert inset.x - 1 <= x <= inset.x + INSET_WIDTH + 1, code
        assert inset.y - 1 <= y <= inset.y + INSET_HEIGHT + 1, code
    metropolitan = [shape for shape in geometry.shapes if shape.code not in OVERSEAS]
    right_of_insets = max(inset.x + inset.width for inset in geometry.insets)
    for shape in metropolitan:
        assert int(FIRST_POINT.match(shape.path).group(1)) > right_of_insets, shape.code


def test_the_geometry_is_computed_once_and_stays_small():
    assert france_geometry() is france_geometry()
    size = sum(len(shape.path) for shape in france_geometry().shapes)
    assert 15_000 < size < 60_000  # simplified, yet every shape keeps its outline
    assert region_names()["84"] == "Auvergne-Rhône-Alpes"


def test_douglas_peucker_keeps_corners_and_drops_near_collinear_points():
    line = [(0, 0), (1, 0.1), (2, 0), (2, 5), (2.05, 6), (2, 10)]
    assert douglas_peucker(line, 0.5) == [(0, 0), (2, 0), (2, 10)]
    assert douglas_peucker(line, 0.01) == line


@pytest.mark.parametrize(
    ("maximum", "ranges"),
    [
        (0, []),
        (1, [(1, 1)]),
        (3, [(1, 1), (2, 2), (3, 3)]),
        (10, [(1, 3), (4, 5), (6, 8), (9, 10)]),
        (5, [(1, 2), (3, 3), (4, 4), (5, 5)]),
    ],
)
def test_shade_classes_cover_every_count_without_gaps(maximum, ranges):
    assert classes_for(maximum) == ranges


# ---------------------------------------------------------------------------
# Counts, links and the page.


@pytest.fixture
def places(france):
    region = factories.TerritoryFactory(
        level=TerritoryLevel.REGION, code="84", name="Auvergne-Rhône-Alpes"
    )
    rhone = factories.TerritoryFactory(
        level=TerritoryLevel.DEPARTMENT, code="69", name="Rhône", parents=[region]
    )
    ain = factories.TerritoryFactory(
        level=TerritoryLevel.DEPARTMENT, code="01", name="Ain", parents=[region]
    )
    lyon = factories.TerritoryFactory(
        level=TerritoryLevel.COMMUNE, code="69123", name="Lyon", parents=[rhone]
    )
    return {"region": region, "rhone": rhone, "ain": ain, "lyon": lyon, "france": france}


@pytest.fixture
def case_studies(places):
    factories.CaseStudyFactory(title="À Lyon", main_territory=places["lyon"])
    factories.CaseStudyFactory(title="Dans le Rhône", main_territory=places["rhone"])
    factories.CaseStudyFactory(title="Dans l'Ain", main_territory=places["ain"])
    factories.CaseStudyFactory(title="Dans la région", main_territory=places["region"])
    factories.CaseStudyFactory(
        title="Brouillon à Lyon",
        main_territory=places["lyon"],
        status=PublicationStatus.DRAFT,
        published_at=None,
    )


@pytest.mark.django_db
def test_counts_are_published_case_studies_located_in_each_departement(case_studies):
    # A région-wide case study is located in no département; drafts never count.
    assert case_study_counts() == {"69": 2, "01": 1}


@pytest.mark.django_db
def test_each_link_leads_to_the_listing_that_counts_the_same(client, case_studies):
    with translation.override("fr"):
        departements = {item.code: item for item in case_study_map()["departements"]}
    assert departements["69"].title == "Rhône (69) : 2 retours d'expérience"
    assert departements["2A"].title == "Corse-du-Sud (2A) : aucun retour d'expérience"
    assert (departements["69"].level, departements["01"].level, departements["2A"].level) == (
        4,
        2,
        0,
    )
    for code, expected in (("69", 2), ("01", 1)):
        url = departements[code].url
        assert url == f"{reverse('partnerships:case_study_list')}?region=84&department={code}"
        response = client.get(url)
        assert response.context["result_count"] == expected
        assert "Brouillon à Lyon" not in response.content.decode()


@pytest.mark.django_db
def test_the_home_page_draws_the_map_with_links_titles_legend_and_table(client, case_studies):
    html = client.get(reverse("home")).content.decode()
    svg = html[html.index('<svg class="map-svg"') : html.index("</svg>", html.index("map-svg"))]
    links = re.findall(r'<a href="([^"]+)" class="map-dep map-level-(\d)" data-code="(\w+)">', svg)
    assert len(links) == 101
    for href, _level, code in links:
        query = parse_qs(urlsplit(href.replace("&amp;", "&")).query)
        assert query["department"] == [code]
        assert urlsplit(href).path == reverse("partnerships:case_study_list")
    assert svg.count("<title") == 102  # the map's own title and one per shape
    assert "<title>Rhône (69) : 2 retours d&#x27;expérience</title>" in svg
    assert 'role="group"' in svg and 'aria-labelledby="map-title"' in svg
    table = html[html.index("<table>") : html.index("</table>")]
    assert table.count("<tr>") == 102  # header + one row per département
    assert '<td class="numeric">2</td>' in table
    assert 'class="skip-map" href="#map-table-summary"' in html


@pytest.mark.django_db
def test_the_map_speaks_english_under_en(client, case_studies):
    html = client.get("/en/").content.decode()
    assert "<title>Rhône (69) : 2 case studies</title>" in html
    assert 'href="/en/retours-experience/?region=84&amp;department=69"' in html
