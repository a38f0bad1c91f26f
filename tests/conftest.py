import io
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction

from tests import factories

DEMO_TERRITORIES = Path(__file__).parent / "data" / "demo_territories"


@pytest.fixture(autouse=True)
def empty_cache():
    """Cached facet terms must not leak from one test's (rolled back) data to the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def france(db):
    return factories.france()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo on a small geography, loaded once for a module's read-only tests and
    rolled back after them (each test runs in its own savepoint inside)."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_demo", territories_dir=str(DEMO_TERRITORIES), stdout=io.StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
