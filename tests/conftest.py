import pytest
from django.core.cache import cache

from tests import factories


@pytest.fixture(autouse=True)
def empty_cache():
    """Cached facet terms must not leak from one test's (rolled back) data to the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def france(db):
    return factories.france()
