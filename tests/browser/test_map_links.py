"""The map of France on the home page: each département leads to the listing of the case
studies located in it, and that listing counts what the map said."""

import re

from partnerships.maps import case_study_counts

from .support import BROWSER_TEST, active_element

pytestmark = BROWSER_TEST


def results(page) -> int:
    return int(re.match(r"\d+", page.inner_text("#results-heading").strip()).group())


def test_map_links_lead_to_the_right_filtered_listing(page, demo):
    counts = case_study_counts()
    busiest = max(counts, key=lambda code: (counts[code], code))
    page.goto(page.base_url + "/")
    shapes = page.locator("svg.map-svg a.map-dep")
    assert shapes.count() == 101
    shape = page.locator(f"svg.map-svg a.map-dep[data-code='{busiest}']")
    title = shape.locator("title").text_content()
    assert re.search(rf" : {counts[busiest]} retours? d'expérience$", title), title

    shape.click()
    page.wait_for_url(re.compile(rf"/retours-experience/\?region=\d+&department={busiest}$"))
    assert results(page) == counts[busiest]
    department = title.split(" (")[0]
    assert any(department in chip for chip in page.locator(".chips .chip").all_inner_texts())
    assert page.is_checked(f"#case-study-filters-department-{busiest.lower()}")

    # A département without case study leads to an empty listing, not to an error; here
    # by the keyboard, through the table alternative.
    empty = next(code for code in ("23", "2B", "976", "75", "01") if not counts.get(code))
    page.goto(page.base_url + "/")
    page.click("#map-table-summary")
    row_link = page.locator(f"#map-table a[href$='department={empty}']")
    row_link.focus()
    assert active_element(page)["href"].endswith(f"department={empty}")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"department={empty}$"))
    assert results(page) == 0
    assert page.locator(".empty-state").count() == 1

    # Overseas départements are on the map too, in insets, with the same links.
    page.goto(page.base_url + "/en/")
    overseas = page.locator("svg.map-svg a.map-dep[data-code='974']")
    assert overseas.get_attribute("href") == "/en/retours-experience/?region=04&department=974"
    assert "case stud" in overseas.locator("title").text_content()
