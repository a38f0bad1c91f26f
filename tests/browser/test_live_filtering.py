"""Live filtering with htmx: facets, sort and pages update the results in place, the URL
follows (back and forward work), the count is announced, the focus stays; on a phone the
filters fold; without JavaScript the same form submits.

Each test loads the demo once (a few seconds), so each walks through several steps.
"""

import re

from .support import BROWSER_TEST, NARROW, active_element, screenshot

pytestmark = BROWSER_TEST

RESOURCES = "/ressources/"


def heading(page) -> str:
    return page.inner_text("#results-heading").strip()


def count_of(text: str) -> int:
    return int(re.match(r"\d+", re.sub(r"\s", "", text)).group())


def announced(page, expected: str | None = None) -> str:
    """What the aria-live region says (waiting for it to say ``expected``, if given)."""
    if expected is None:
        page.wait_for_function("document.getElementById('live-region').textContent.trim() !== ''")
    else:
        page.wait_for_function(
            "text => document.getElementById('live-region').textContent.trim() === text",
            arg=expected,
        )
    return page.inner_text("#live-region").strip()


def wait_for_heading_change(page, before: str) -> str:
    page.wait_for_function(
        "text => document.getElementById('results-heading').textContent.trim() !== text",
        arg=before,
    )
    return heading(page)


def test_facets_sort_pages_chips_and_history_update_in_place(page, demo):
    page.goto(page.base_url + RESOURCES)
    before = heading(page)
    newest = page.locator(".card-title").all_inner_texts()
    page.evaluate("window.notReloaded = true")  # gone if the page were reloaded

    # A facet value: results, URL, title, chips, announcement, focus.
    checkbox = "resource-filters-theme-mobilite"
    page.click(f"label[for='{checkbox}']")
    page.wait_for_url(re.compile(r"/ressources/\?theme=mobilite$"))
    after = wait_for_heading_change(page, before)
    assert count_of(after) < count_of(before)
    assert page.is_checked(f"#{checkbox}")
    assert active_element(page)["id"] == checkbox, "the focus stays on the checkbox"
    assert announced(page, " ".join(after.split())) == " ".join(after.split())
    assert page.title().startswith("Ressources — ")
    assert any("Mobilité" in chip for chip in page.locator(".chips .chip").all_inner_texts())
    assert page.get_attribute("a[data-language=en]", "href") == "/en/ressources/?theme=mobilite"

    # Back and forward restore each state.
    page.go_back()
    page.wait_for_url(re.compile(r"/ressources/$"))
    assert wait_for_heading_change(page, after) == before
    assert not page.is_checked(f"#{checkbox}")
    page.go_forward()
    page.wait_for_url(re.compile(r"theme=mobilite$"))
    assert wait_for_heading_change(page, before) == after
    assert page.is_checked(f"#{checkbox}")

    # A chip removes its filter; the focus goes to the result count.
    page.click(".chips .chip")
    page.wait_for_url(re.compile(r"/ressources/$"))
    assert wait_for_heading_change(page, after) == before
    page.wait_for_function("document.activeElement.id === 'results-heading'")

    # The sort order applies on change and stays out of the URL when it is the default.
    page.focus("#resource-filters-sort")
    page.select_option("#resource-filters-sort", "title")
    page.wait_for_url(re.compile(r"/ressources/\?sort=title$"))
    page.wait_for_function(
        "first => document.querySelector('.card-title').textContent.trim() !== first",
        arg=newest[0],
    )
    assert active_element(page)["id"] == "resource-filters-sort"

    # Pages: in place, the focus on the result count, links on the canonical state.
    page.click(".pagination a[rel=next]")
    page.wait_for_url(re.compile(r"/ressources/\?sort=title&page=2$"))
    page.wait_for_function("document.activeElement.id === 'results-heading'")
    assert "page 2" in announced(page)
    assert page.title().startswith("Ressources (page 2)")
    assert page.get_attribute(".pagination a[rel=prev]", "href") == "/ressources/?sort=title"

    # The territory field is an autocomplete (a combobox) that applies on choice.
    field = "#resource-filters-territory"
    page.fill(field, "Lyon")
    page.wait_for_selector("[role=option]")
    assert page.get_attribute(field, "aria-expanded") == "true"
    assert "territoire" in announced(page)
    page.keyboard.press("ArrowDown")
    assert page.get_attribute(field, "aria-activedescendant")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"territory=commune-69123"))
    page.wait_for_function(
        "document.querySelector('#resource-filters-territory').value.startsWith('Lyon (69)')"
    )
    assert active_element(page)["id"] == "resource-filters-territory"
    assert any("Lyon" in chip for chip in page.locator(".chips .chip").all_inner_texts())

    assert page.evaluate("window.notReloaded") is True, "no full reload along the way"


def test_on_a_phone_the_filters_fold_and_without_javascript_the_form_submits(make_page, demo):
    phone = make_page(width=NARROW)
    phone.goto(phone.base_url + "/retours-experience/")
    panel = "[data-filters-panel]"
    assert phone.eval_on_selector(panel, "e => e.open") is False
    assert not phone.is_visible("#case-study-filters-q")
    phone.click(".filters-summary")
    checkbox = phone.locator("#case-study-filters input[name=stage]").first
    checkbox_id = checkbox.get_attribute("id")
    checkbox.check()
    phone.wait_for_url(re.compile(r"stage="))
    phone.wait_for_function("id => document.activeElement.id === id", arg=checkbox_id)
    assert phone.eval_on_selector(panel, "e => e.open") is True, "still open after the update"
    screenshot(phone, "case-study-list-filters-open")
    phone.click("[data-show-results]")
    assert phone.eval_on_selector(panel, "e => e.open") is False
    assert active_element(phone)["id"] == "results-heading"
    assert phone.js_errors == []

    plain = make_page(javascript=False)
    plain.goto(plain.base_url + RESOURCES)
    assert plain.is_visible("#resource-filters-theme-mobilite")
    plain.check("#resource-filters-theme-mobilite")
    plain.select_option("#resource-filters-sort", "title")
    plain.click("#resource-filters-submit")
    plain.wait_for_url(re.compile(r"theme=mobilite"))
    assert "sort=title" in plain.url
    assert plain.is_checked("#resource-filters-theme-mobilite")
    assert plain.locator(".chips .chip").count() == 1
    plain.click(".chips .chip")  # chips and pages are plain links
    plain.wait_for_url(re.compile(r"/ressources/\?sort=title$"))
