"""What the browser tests share: where Chromium is, their markers, small page helpers."""

import os
import re
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
# .ci/run sets it: there, a missing browser is an error, not a reason to skip.
REQUIRED = bool(os.environ.get("REQUIRE_BROWSER_TESTS"))
AVAILABLE = CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
DEMO_TERRITORIES = ROOT / "tests" / "data" / "demo_territories"

WIDE, NARROW = 1280, 390

BROWSER_TEST = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not AVAILABLE and not REQUIRED,
        reason=f"{CHROMIUM} is not installed (apt-get install chromium); CI installs it",
    ),
    # A live server thread reads what the test writes: real transactions. The rows the
    # migrations seed (taxonomies, France) are restored before each test.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "page"


def screenshot(page, name: str) -> Path:
    """A full-page screenshot under test-artifacts/screenshots/<database>/ (git-ignored).

    One folder per database: ``make test`` runs the SQLite and PostgreSQL suites at once.
    """
    from django.db import connection

    folder = SCREENSHOTS / connection.vendor
    folder.mkdir(parents=True, exist_ok=True)
    width = page.viewport_size["width"]
    path = folder / f"{slug(name)}-{width}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def active_element(page) -> dict:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            return {tag: el.tagName.toLowerCase(), id: el.id, text: (el.textContent || '').trim(),
                    href: el.getAttribute('href'), type: el.getAttribute('type'),
                    card: Boolean(el.closest('.card-title'))};
        }"""
    )


def focus_is_visible(page) -> bool:
    """The focused element (or the card it stands for) draws a visible focus indicator."""
    return page.evaluate(
        """() => {
            const visible = (el) => {
                const style = getComputedStyle(el);
                return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
            };
            const el = document.activeElement;
            if (!el || el === document.body) return false;
            if (visible(el)) return true;
            const card = el.closest('.card');
            return Boolean(card && visible(card));
        }"""
    )


def tab_until(page, predicate, limit: int = 120, key: str = "Tab") -> dict:
    """Press Tab until ``predicate(active element)`` holds; fail after ``limit`` presses."""
    for _ in range(limit):
        page.keyboard.press(key)
        element = active_element(page)
        if predicate(element):
            return element
    raise AssertionError(f"no focusable element matched after {limit} presses of {key}")
