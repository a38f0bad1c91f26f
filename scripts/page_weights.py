#!/usr/bin/env python3
"""Print the weight of the public pages' HTML and of the site's own CSS and JavaScript.

    make weights        # on the demo database (db.sqlite3), like `make run`
    DATABASE_URL=… .venv/bin/python scripts/page_weights.py

Budgets (issue 5): a page of results under 150 KB of HTML; the site's own CSS + JS
(site.css, site.js and the htmx file it loads) under 60 KB compressed (gzip -9).
The tests check both on generated content (tests/test_public_pages.py).
"""

import gzip
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "resource_centre.settings")

HTML_BUDGET = 150 * 1024
ASSETS_BUDGET = 60 * 1024

# (URL, is a page of results: held to the HTML budget)
PAGES = [
    ("/", False),
    ("/ressources/", True),
    ("/ressources/?theme=emploi-insertion&theme=lien-social-solidarites", True),
    ("/retours-experience/", True),
    ("/partenaires/", True),
    ("/en/ressources/", True),
]


def asset_paths() -> list[Path]:
    """The CSS and JavaScript files a public page loads (base.html), htmx from its wheel."""
    from django.contrib.staticfiles import finders

    paths = []
    for name in ("css/site.css", "js/site.js", "django_htmx/htmx-2.min.js"):
        found = finders.find(name)
        if found is None:
            raise SystemExit(f"static file not found: {name}")
        paths.append(Path(found))
    return paths


def compressed_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


def kb(size: int) -> str:
    return f"{size / 1024:.1f} KB"


def main() -> int:
    import django

    django.setup()
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # so that responses carry their context (the result count)

    client = Client()
    status = 0
    print("HTML of public pages (uncompressed / gzip):")
    for url, is_results_page in PAGES:
        response = client.get(url)
        body = response.content
        mark = ""
        if is_results_page:
            page = response.context["page_obj"]
            mark = f"  ({len(page.object_list)} of {page.paginator.count} results)"
            if len(body) > HTML_BUDGET:
                mark += "  OVER BUDGET"
                status = 1
        print(
            f"  {url:<72} {response.status_code}  {kb(len(body)):>9} / "
            f"{kb(len(gzip.compress(body, 9, mtime=0))):>8}{mark}"
        )
    print("Site CSS + JS (uncompressed / gzip -9):")
    total_raw = total_gz = 0
    for path in asset_paths():
        raw, packed = path.stat().st_size, compressed_size(path)
        total_raw += raw
        total_gz += packed
        print(f"  {path.name:<72}       {kb(raw):>9} / {kb(packed):>8}")
    verdict = "ok" if total_gz <= ASSETS_BUDGET else "OVER BUDGET"
    print(f"  {'total':<72}       {kb(total_raw):>9} / {kb(total_gz):>8}  {verdict}")
    if total_gz > ASSETS_BUDGET:
        status = 1
    print(f"Budgets: results page < {kb(HTML_BUDGET)} HTML; CSS + JS < {kb(ASSETS_BUDGET)} gzip.")
    return status


if __name__ == "__main__":
    sys.exit(main())
