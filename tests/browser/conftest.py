"""Fixtures of the browser tests: one Chromium per run, a fresh context per test, the demo.

Chromium is Debian's (/usr/bin/chromium), driven by Playwright; nothing is downloaded.
The application runs in pytest-django's live server thread. Playwright's synchronous
API keeps an event loop alive in this thread, which Django's ORM would take for an
async context: while the browser runs, DJANGO_ALLOW_ASYNC_UNSAFE lets the test body
use the ORM (the live server thread is not affected).
"""

import io
import os
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from .support import AVAILABLE, CHROMIUM, CHROMIUM_ARGS, DEMO_TERRITORIES, REQUIRED, WIDE

SEEDED_APPS = {"partnerships", "taggit"}


@pytest.fixture(scope="package")
def browser(migrated_state):
    if not AVAILABLE:
        message = f"{CHROMIUM} is missing: install Debian's chromium package."
        if REQUIRED:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def migrated_state(django_db_setup, django_db_blocker) -> str:
    """The rows the migrations seed (taxonomies, France, groups…), serialized once.

    Taken before Playwright starts: afterwards Django sees Playwright's event loop and
    hands this thread a second connection object (asgiref's Local turns per-context),
    which lacks what ``serialized_rollback`` restores from.
    """
    from django.db import connection

    contents = getattr(connection, "_test_serialized_contents", None)
    if contents is None:
        with django_db_blocker.unblock():
            contents = connection.creation.serialize_db_to_string()
    return contents


@pytest.fixture
def demo(migrated_state):
    """The demo content on the small test geography (all régions and départements)."""
    restore_seeds(migrated_state)
    call_command("load_demo", territories_dir=str(DEMO_TERRITORIES), stdout=io.StringIO())


def restore_seeds(migrated_state: str) -> None:
    """Put back the domain's seeded rows if the previous transactional test flushed them.

    Only the domain's tables (content types and permissions come back by themselves
    after a flush, under new keys), and only those left empty.
    """
    from django.core import serializers
    from django.db import transaction

    objects = [
        item
        for item in serializers.deserialize("json", migrated_state)
        if item.object._meta.app_label in SEEDED_APPS
    ]
    empty = {
        model
        for model in {item.object.__class__ for item in objects}
        if not model._default_manager.exists()
    }
    with transaction.atomic():
        for item in objects:
            if item.object.__class__ in empty:
                item.save()


def new_page(browser, origin: str, *, width=WIDE, javascript=True, locale="fr-FR"):
    """A page in a fresh context that records JavaScript errors, missing assets and any
    request to another host than ``origin`` (the live server), which it aborts: the site
    loads nothing from a CDN or any third party."""
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        locale=locale,
        reduced_motion="reduce",
        java_script_enabled=javascript,
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.base_url = origin
    page.js_errors = []
    page.external_requests = []
    context.route(
        lambda url: not same_origin(url, origin),
        lambda route: block_external_request(page, route),
    )
    page.on("pageerror", lambda error: page.js_errors.append(str(error)))
    page.on("console", lambda message: record_console_error(page, message))
    page.on("response", lambda response: record_missing_asset(page, response))
    return page


def same_origin(url: str, origin: str) -> bool:
    parts, expected = urlsplit(url), urlsplit(origin)
    return (parts.scheme, parts.netloc) == (expected.scheme, expected.netloc)


def block_external_request(page, route) -> None:
    page.external_requests.append(f"{route.request.resource_type} {route.request.url}")
    route.abort("blockedbyclient")


def assert_nothing_external(pages) -> None:
    requests = [request for page in pages for request in page.external_requests]
    assert requests == [], f"requests to other hosts than the live server: {requests}"


def record_console_error(page, message) -> None:
    # HTTP errors are recorded from the responses (a 404 page is expected, a 404 asset is not).
    if message.type == "error" and not message.text.startswith("Failed to load resource"):
        page.js_errors.append(message.text)


def record_missing_asset(page, response) -> None:
    if response.status >= 400 and "/static/" in response.url:
        page.js_errors.append(f"{response.status} {response.url}")


@pytest.fixture
def page(browser, live_server):
    """A page in a fresh browser context (1280 × 900, French), failing on JavaScript errors
    and on requests to other hosts."""
    page = new_page(browser, live_server.url)
    yield page
    errors = list(page.js_errors)
    page.context.close()
    assert errors == [], f"JavaScript errors: {errors}"
    assert_nothing_external([page])


@pytest.fixture
def make_page(browser, live_server):
    """Pages with other settings (width, JavaScript off); closed after the test, which fails
    if any of them requested another host."""
    pages = []

    def make(**kwargs):
        created = new_page(browser, live_server.url, **kwargs)
        pages.append(created)
        return created

    yield make
    for created in pages:
        created.context.close()
    assert_nothing_external(pages)
