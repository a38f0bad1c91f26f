"""Every public listing comes in pages, and the counts above them read right in French.

A visitor walks through the pages of each listing (resources, case studies, partners,
collections, a territory's children) and sees every published row once; a page number
that is garbage, negative, zero or past the end (an old bookmark, a hand-edited URL)
lands on the first or the last page, never on an error. French takes the singular for
0 and 1 (« 0 résultat », « 1 résultat », « 2 résultats »), unlike English.
"""

import importlib.util
import re
from datetime import timedelta
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from partnerships.models import PublicationStatus, TerritoryLevel
from partnerships.views.territories import TerritoryDetailView
from tests import factories

pytestmark = pytest.mark.django_db

PAGE_SIZE = 2
ROWS = 5  # three pages: 2, 2 and 1
LAST_PAGE = 3


def _published(factory, label, index, **extra):
    # Distinct dates and titles: every listing's default order is then total.
    when = timezone.now() - timedelta(hours=index + 1)
    return factory(**{label: f"Élément paginé {index}"}, published_at=when, **extra)


def resources(france):
    for index in range(ROWS):
        _published(factories.ResourceFactory, "title", index, coverage=[france])
    factories.ResourceFactory(title="Élément paginé brouillon", status=PublicationStatus.DRAFT)


def case_studies(france):
    for index in range(ROWS):
        _published(factories.CaseStudyFactory, "title", index)
    factories.CaseStudyFactory(title="Élément paginé brouillon", status=PublicationStatus.DRAFT)


def partners(france):
    for index in range(ROWS):
        _published(factories.PartnerFactory, "name", index, home_territory=france)
    factories.PartnerFactory(name="Élément paginé brouillon", status=PublicationStatus.DRAFT)


def collections(france):
    for index in range(ROWS):
        _published(factories.CollectionFactory, "title", index)
    factories.CollectionFactory(title="Élément paginé brouillon", status=PublicationStatus.DRAFT)


LISTINGS = {
    "partnerships:resource_list": resources,
    "partnerships:case_study_list": case_studies,
    "partnerships:partner_list": partners,
    "partnerships:collection_list": collections,
}
TITLE = re.compile(r"Élément paginé (\d+|brouillon)")


def shown(response) -> list[str]:
    """The rows a page shows, by the number in their title (drafts as « brouillon »)."""
    return sorted(set(TITLE.findall(response.content.decode())))


@pytest.fixture(autouse=True)
def french_again():
    """A request under /en/ leaves English active in the thread: reverse() would say /en/."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def small_pages(settings):
    settings.PAGE_SIZE = PAGE_SIZE
    settings.FACET_CACHE_TIMEOUT = 0


@pytest.fixture(params=list(LISTINGS), ids=lambda name: name.split(":")[1])
def listing(request, france, small_pages):
    LISTINGS[request.param](france)
    return reverse(request.param)


def test_every_listing_shows_each_published_row_once_across_its_pages(client, listing):
    seen = []
    for number in range(1, LAST_PAGE + 1):
        response = client.get(listing, {"page": number})
        assert response.status_code == 200
        page = response.context["page_obj"]
        assert (page.number, page.paginator.num_pages) == (number, LAST_PAGE)
        rows = shown(response)
        assert len(rows) == (PAGE_SIZE if number < LAST_PAGE else ROWS % PAGE_SIZE)
        seen += rows
        html = response.content.decode()
        assert 'aria-label="Pagination"' in html
        assert ('rel="next"' in html) == (number < LAST_PAGE)
        assert ('rel="prev"' in html) == (number > 1)
    assert sorted(seen) == [str(index) for index in range(ROWS)]  # no draft, no repeat


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("abc", 1),
        ("-2", 1),
        ("0", 1),
        ("", 1),
        ("2.5", 1),
        ("1e3", 1),
        ("\x00", 1),
        ("2", 2),
        ("4", LAST_PAGE),
        ("9" * 40, LAST_PAGE),
    ],
    ids=["word", "negative", "zero", "empty", "decimal", "exponent", "nul", "two", "past", "huge"],
)
def test_a_bad_page_number_lands_on_the_first_or_last_page(client, listing, raw, expected):
    response = client.get(listing, {"page": raw})
    assert response.status_code == 200
    assert response.context["page_obj"].number == expected
    assert shown(response)  # a real page, with rows on it


def test_a_page_kept_from_a_wider_search_lands_on_the_last_page_of_the_narrower_one(
    client, france, small_pages
):
    for index in range(ROWS):
        _published(factories.ResourceFactory, "title", index, coverage=[france])
    factories.ResourceFactory(title="Le seul guide à part", coverage=[france])
    url = reverse("partnerships:resource_list")
    response = client.get(url, {"q": "seul", "page": "3"})
    assert response.status_code == 200
    assert response.context["page_obj"].number == 1
    assert "Le seul guide à part" in response.content.decode()


@pytest.mark.parametrize("name", list(LISTINGS), ids=lambda name: name.split(":")[1])
def test_an_empty_listing_has_one_empty_page_whatever_the_number(client, france, name):
    for raw in ("1", "7", "-1", "x"):
        response = client.get(reverse(name), {"page": raw})
        assert response.status_code == 200
        page = response.context["page_obj"]
        assert (page.number, page.paginator.num_pages, page.paginator.count) == (1, 1, 0)
        assert 'aria-label="Pagination"' not in response.content.decode()


# -- a territory page: its children come in pages ------------------------------------------


@pytest.fixture
def department_with_communes(france, monkeypatch):
    monkeypatch.setattr(TerritoryDetailView, "children_per_page", PAGE_SIZE)
    region = factories.TerritoryFactory(level=TerritoryLevel.REGION, code="84", name="Région")
    department = factories.TerritoryFactory(
        level=TerritoryLevel.DEPARTMENT, code="42", name="Loire", parents=[region]
    )
    for index in range(ROWS):
        factories.TerritoryFactory(
            level=TerritoryLevel.COMMUNE,
            code=f"4200{index}",
            name=f"Commune {index}",
            parents=[department],
        )
    return department


def children_shown(response) -> list[str]:
    return re.findall(r">Commune (\d)</a>", response.content.decode())


def test_a_territory_page_lists_its_children_in_pages(client, department_with_communes):
    url = department_with_communes.get_absolute_url()
    seen = []
    for number in range(1, LAST_PAGE + 1):
        response = client.get(url, {"page": number})
        assert response.status_code == 200
        assert response.context["children"]["page_obj"].number == number
        seen += children_shown(response)
    assert seen == [str(index) for index in range(ROWS)]


@pytest.mark.parametrize(
    ("raw", "expected"), [("abc", 1), ("-1", 1), ("0", 1), ("4", LAST_PAGE), ("9" * 40, 3)]
)
def test_a_bad_page_of_a_territory_page_lands_on_a_real_page(
    client, department_with_communes, raw, expected
):
    response = client.get(department_with_communes.get_absolute_url(), {"page": raw})
    assert response.status_code == 200
    assert response.context["children"]["page_obj"].number == expected
    assert children_shown(response)


# -- counts in French: the singular for 0 and 1 --------------------------------------------


def tiles(response) -> dict[str, str]:
    """The « En bref » tiles of a territory page: section → its text, spaces collapsed."""
    html = response.content.decode()
    found = re.findall(r'<li class="summary-tile"><a href="#(\w+)">(.*?)</a></li>', html, re.S)
    return {kind: " ".join(unescape(re.sub(r"<[^>]+>", " ", text)).split()) for kind, text in found}


def test_the_territory_tiles_count_0_1_and_2_in_french_and_in_english(client, france):
    commune = factories.TerritoryFactory(level=TerritoryLevel.COMMUNE, code="42218")
    factories.ResourceFactory(coverage=[commune])
    factories.ResourceFactory(coverage=[france])  # applies to the commune too
    factories.CaseStudyFactory(main_territory=commune)
    url = commune.get_absolute_url()

    french = tiles(client.get(url))
    assert french == {
        "resource": "Ressources 2 applicables à ce territoire 1 sur son territoire",
        "case_study": "Retours d'expérience 1 applicable à ce territoire 1 sur son territoire",
        "partner": "Partenaires 0 applicable à ce territoire 0 sur son territoire",
    }
    english = tiles(client.get("/en" + url))
    assert english["partner"] == "Partners 0 applying to this territory 0 within it"
    assert "1 applying to this territory" in english["case_study"]


def result_count(response) -> str:
    heading = re.search(r'id="results-heading"[^>]*>(.*?)</h2>', response.content.decode(), re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", heading.group(1)).split())


@pytest.mark.parametrize(
    ("rows", "french", "english"),
    [
        (0, "0 résultat", "0 results"),
        (1, "1 résultat", "1 result"),
        (2, "2 résultats", "2 results"),
    ],
)
def test_the_result_count_of_a_listing_reads_right(client, france, rows, french, english):
    for _index in range(rows):
        factories.ResourceFactory(coverage=[france])
    url = reverse("partnerships:resource_list")
    assert result_count(client.get(url)) == french
    assert result_count(client.get("/en" + url)) == english


_spec = importlib.util.spec_from_file_location(
    "compile_messages", Path(settings.BASE_DIR) / "scripts" / "compile_messages.py"
)
compile_messages = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(compile_messages)


def project_plurals() -> list[tuple[str, str]]:
    """Every plural text of the project (templates and Python), as makemessages finds them."""
    po = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
    entries = compile_messages.parse_po(po)
    return [(entry.msgid, entry.msgid_plural) for entry in entries if entry.msgid_plural]


def test_every_plural_of_the_project_takes_the_french_singular_for_0_and_1():
    plurals = project_plurals()
    assert len(plurals) > 20
    wrong = []
    with translation.override("fr"):
        for singular, plural in plurals:
            got = [ngettext(singular, plural, n) for n in (0, 1, 2)]
            if got != [singular, singular, plural]:
                wrong.append(singular)
    assert wrong == [], (
        "fill these plural entries of locale/fr/LC_MESSAGES/django.po "
        "(msgstr[0]: the msgid, msgstr[1]: the msgid_plural), then compile the catalogues"
    )
