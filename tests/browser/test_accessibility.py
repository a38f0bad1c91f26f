"""axe-core finds no violation of the WCAG 2.1 A and AA rules on any kind of page, in
French and in English; the main pages are saved as screenshots (390 and 1280 px wide)
under test-artifacts/screenshots/ to be looked at."""

from axe_playwright_python.base import AXE_SCRIPT
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from partnerships.models import CaseStudy, Collection, Partner, Resource

from .support import BROWSER_TEST, NARROW, WIDE, screenshot

pytestmark = BROWSER_TEST

WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def pages_to_check() -> dict[str, str]:
    """Every kind of page, listings with filters active (demo content), as French paths."""
    with translation.override("fr"):
        return french_paths()


def with_a_file() -> Resource:
    """A resource offering a file to download as well as its link (no demo resource has one)."""
    resource = Resource.objects.published().exclude(external_url="").order_by("-slug").first()
    resource.file = SimpleUploadedFile("guide.pdf", b"%PDF-1.4\n" + b"0" * 2400)
    resource.save()
    return resource


def french_paths() -> dict[str, str]:
    resource = Resource.objects.published().exclude(external_url="").order_by("slug").first()
    case_study = (
        CaseStudy.objects.published().filter(key_figures__isnull=False).order_by("slug").first()
    )
    partner = (
        Partner.objects.published().filter(participations__isnull=False).order_by("slug").first()
    )
    collection = Collection.objects.published().filter(kind="parcours").order_by("slug").first()
    return {
        "home": "/",
        "resource-list": "/ressources/?theme=lien-social-solidarites&format=guide-kit",
        "case-study-list": "/retours-experience/?region=84&partnership=mecenat",
        "partner-list": "/partenaires/?actor_type=association&q=association",
        "resource": resource.get_absolute_url(),
        "resource-file": with_a_file().get_absolute_url(),
        "case-study": case_study.get_absolute_url(),
        "partner": partner.get_absolute_url(),
        "collection-list": reverse("partnerships:collection_list"),
        "collection": collection.get_absolute_url(),
        "territory": "/territoires/department/69/",
        "search": "/recherche/?q=mobilit%C3%A9",
        "about": reverse("about"),
        "accessibility": "/accessibilite/",
        "not-found": "/cette-page-n-existe-pas/",
    }


# Saved at both widths (French only, to keep the run short).
SCREENSHOTS = {"home", "resource-list", "case-study-list", "resource", "case-study", "partner"}
SCREENSHOTS |= {"collection", "territory", "search"}
# The small-screen layout differs (stacked header, folded filters): checked on these.
NARROW_CHECKS = {"home", "resource-list"}


def axe_page(make_page, width: int, language: str):
    page = make_page(width=width, locale="fr-FR" if language == "fr" else "en-GB")
    page.context.add_init_script(AXE_SCRIPT)  # axe-core from the axe-playwright-python wheel
    return page


def check(page, url: str) -> list[str]:
    results = page.evaluate("options => axe.run(document, options)", WCAG_21_AA)
    return [
        f"{url}: {violation['id']} ({violation['impact']}) {violation['help']} — "
        + "; ".join(node["html"][:160] for node in violation["nodes"][:3])
        for violation in results["violations"]
    ]


def check_language(make_page, pages: dict[str, str], language: str) -> list[str]:
    prefix = "" if language == "fr" else "/en"
    violations = []
    wide = axe_page(make_page, WIDE, language)
    for name, path in pages.items():
        response = wide.goto(wide.base_url + prefix + path)
        assert response.status == (404 if name == "not-found" else 200), path
        assert wide.get_attribute("html", "lang") == language
        if name == "resource-file":
            assert wide.locator("a[download]").count() == 1, "the file is offered"
        violations += check(wide, prefix + path)
        if language == "fr" and name in SCREENSHOTS:
            screenshot(wide, name)
    narrow = axe_page(make_page, NARROW, language)
    for name, path in pages.items():
        if name in NARROW_CHECKS or (language == "fr" and name in SCREENSHOTS):
            narrow.goto(narrow.base_url + prefix + path)
        if name in NARROW_CHECKS:
            violations += check(narrow, f"{prefix}{path} ({NARROW} px)")
        if language == "fr" and name in SCREENSHOTS:
            screenshot(narrow, name)
    # A listing after a live update (htmx swapped the results and the facets).
    wide.goto(wide.base_url + prefix + "/ressources/")
    wide.locator("#resource-filters input[name=theme]").first.check()
    wide.wait_for_url("**theme=**")
    wide.wait_for_function("document.getElementById('live-region').textContent.trim() !== ''")
    violations += check(wide, prefix + "/ressources/ (after a live update)")
    assert wide.js_errors == [] and narrow.js_errors == []
    return violations


def test_no_wcag_21_aa_violation_on_any_kind_of_page_in_both_languages(
    make_page, demo, settings, tmp_path
):
    """One test for both languages: the demo is loaded once (it takes seconds)."""
    settings.MEDIA_ROOT = tmp_path  # the uploaded file of « resource-file »
    pages = pages_to_check()
    violations = []
    for language in ("fr", "en"):
        violations += check_language(make_page, pages, language)
    assert violations == [], "\n".join(violations)
