"""At 360 px, the narrowest phone the design supports, no page scrolls sideways: the home
page, a listing (with its filters folded and unfolded) and the pages of a resource and of a
case study, in French and in English."""

from django.db.models.functions import Length

from partnerships.models import CaseStudy, Resource

from .support import BROWSER_TEST

pytestmark = BROWSER_TEST

SMALLEST = 360

# The document is no wider than the viewport; what sticks out, to say why: elements past
# the right edge, and elements whose own content (a long word…) spills out of them.
OVERFLOW = """() => {
    const root = document.documentElement;
    const limit = root.clientWidth;
    const name = (el) => [el.tagName.toLowerCase(), ...el.classList].join('.');
    const culprits = [];
    for (const el of document.body.querySelectorAll('*')) {
        const right = el.getBoundingClientRect().right;
        if (right > limit + 0.5) {
            culprits.push(`${name(el)} ends at ${Math.round(right)} px`);
        } else if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0
                   && getComputedStyle(el).overflowX === 'visible') {
            culprits.push(`${name(el)} holds ${el.scrollWidth} px in ${el.clientWidth} px`
                          + ` («${el.textContent.trim().slice(0, 40)}»)`);
        }
    }
    return {scrollWidth: root.scrollWidth, clientWidth: limit,
            innerWidth: window.innerWidth, culprits: culprits.slice(0, 6)};
}"""


def overflow(page, label: str) -> list[str]:
    sizes = page.evaluate(OVERFLOW)
    assert sizes["innerWidth"] == SMALLEST, sizes
    if sizes["scrollWidth"] <= sizes["clientWidth"] <= sizes["innerWidth"]:
        return []
    return [
        f"{label}: {sizes['scrollWidth']} px wide in a {sizes['innerWidth']} px window: "
        + "; ".join(sizes["culprits"])
    ]


def check_pages(make_page, pages: dict[str, str]) -> list[str]:
    problems = []
    for language, locale in (("fr", "fr-FR"), ("en", "en-GB")):
        prefix = "" if language == "fr" else "/en"
        phone = make_page(width=SMALLEST, locale=locale)
        for name, path in pages.items():
            response = phone.goto(phone.base_url + prefix + path)
            assert response.status == 200, path
            problems += overflow(phone, f"{prefix}{path}")
            if name == "resource-list":
                phone.click(".filters-summary")
                assert phone.eval_on_selector("[data-filters-panel]", "e => e.open") is True
                problems += overflow(phone, f"{prefix}{path} (filters unfolded)")
        assert phone.js_errors == []
    return problems


def longest_title(model):
    """The published item with the longest title: the likeliest to push a page too wide."""
    return model.objects.published().order_by(Length("title").desc(), "pk").first()


def test_no_page_scrolls_sideways_at_360_px(make_page, demo):
    pages = {
        "home": "/",
        "resource-list": "/ressources/?theme=lien-social-solidarites&format=guide-kit",
        "resource": longest_title(Resource).get_absolute_url(),
    }
    problems = check_pages(make_page, pages)
    assert problems == [], "\n".join(problems)


def test_a_case_study_page_does_not_scroll_sideways_at_360_px(make_page, demo):
    pages = {"case-study": longest_title(CaseStudy).get_absolute_url()}
    for case_study in CaseStudy.objects.published().filter(key_figures__isnull=False).distinct():
        pages[case_study.slug] = case_study.get_absolute_url()
    problems = check_pages(make_page, pages)
    assert problems == [], "\n".join(problems)
