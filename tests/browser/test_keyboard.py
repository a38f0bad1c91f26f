"""The whole search with the keyboard alone, with a visible focus at every step."""

import re

from .support import BROWSER_TEST, active_element, focus_is_visible, tab_until

pytestmark = BROWSER_TEST


def test_the_whole_search_can_be_done_with_the_keyboard_alone(page, demo):
    page.goto(page.base_url + "/")

    # The first Tab reaches the skip link, shown when focused; it leads to the content.
    page.keyboard.press("Tab")
    skip = active_element(page)
    assert skip["href"] == "#main" and skip["text"] == "Aller au contenu"
    assert page.is_visible(".skip-link") and focus_is_visible(page)
    box = page.locator(".skip-link").bounding_box()
    assert box["y"] >= 0 and box["width"] > 0

    # Search from the home page.
    tab_until(page, lambda el: el["id"] == "home-q")
    assert focus_is_visible(page)
    page.keyboard.type("mobilité")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/recherche/\?q=mobilit"))

    # From the search page into the filtered listing of case studies.
    tab_until(page, lambda el: (el["href"] or "").startswith("/retours-experience/?q="))
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/retours-experience/\?q=mobilit"))
    total = page.inner_text("#results-heading")

    # A facet value with the space bar: the results change, the focus stays.
    checkbox = tab_until(page, lambda el: el["tag"] == "input" and el["type"] == "checkbox")
    assert focus_is_visible(page)
    page.keyboard.press("Space")
    page.wait_for_url(re.compile(r"&"))
    page.wait_for_function(
        "text => document.getElementById('results-heading').textContent !== text", arg=total
    )
    assert active_element(page)["id"] == checkbox["id"]
    assert page.is_checked(f"#{checkbox['id']}")
    assert focus_is_visible(page)
    # And off again.
    page.keyboard.press("Space")
    page.wait_for_function(
        "text => document.getElementById('results-heading').textContent === text", arg=total
    )
    assert active_element(page)["id"] == checkbox["id"]

    # The sort order with the arrow keys.
    sort = tab_until(page, lambda el: el["tag"] == "select")
    page.keyboard.press("ArrowDown")
    page.wait_for_url(re.compile(r"sort="))
    assert active_element(page)["id"] == sort["id"]

    # Open a result: Tab to its title link, Enter.
    link = tab_until(page, lambda el: el["tag"] == "a" and el["card"])
    assert focus_is_visible(page), "the focused card shows its focus"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(link["href"]) + "$"))
    assert page.inner_text("h1").strip() == link["text"]

    # Back to the listing with the browser history, in the same state.
    page.go_back()
    page.wait_for_url(re.compile(r"/retours-experience/\?q=mobilit.*sort="))
    assert page.input_value("#case-study-filters-q") == "mobilité"
