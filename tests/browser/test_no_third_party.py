"""The browser tests would notice a request to a CDN or any other host: every page the
fixtures create aborts it and fails its test (tests/browser/conftest.py). This proves the
guard works; every other browser test then proves the site needs nothing but itself."""

import pytest

from .support import AVAILABLE, CHROMIUM, REQUIRED

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not AVAILABLE and not REQUIRED,
        reason=f"{CHROMIUM} is not installed (apt-get install chromium); CI installs it",
    ),
]

THIRD_PARTY = """<!DOCTYPE html><title>Tiers</title>
<link rel="stylesheet" href="https://cdn.example.net/style.css">
<script src="https://cdn.example.net/library.js"></script>
<img src="https://images.example.org/picture.png" alt="">
<img src="/static/img/favicon.svg" alt="">
"""


def test_requests_to_other_hosts_are_aborted_and_reported(make_page):
    page = make_page()
    # A page on the live server's origin that loads from other hosts (answered by the
    # browser itself: no database needed).
    page.route(
        page.base_url + "/third-party/",
        lambda route: route.fulfill(content_type="text/html", body=THIRD_PARTY),
    )
    loaded = []
    page.on("requestfinished", lambda request: loaded.append(request.url))
    page.goto(page.base_url + "/third-party/")
    assert sorted(page.external_requests) == [
        "image https://images.example.org/picture.png",
        "script https://cdn.example.net/library.js",
        "stylesheet https://cdn.example.net/style.css",
    ]
    # Aborted, not loaded; the live server's own files still load.
    assert loaded == [
        page.base_url + "/third-party/",
        page.base_url + "/static/img/favicon.svg",
    ]
    # The fixture would fail this test at teardown: that is the guard working.
    page.external_requests.clear()
