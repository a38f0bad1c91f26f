import pytest

from tests import factories


@pytest.fixture
def france(db):
    return factories.france()
