"""The benchmark commands run end to end on a small scale (their figures are for make bench)."""

from io import StringIO

import pytest
from django.core.management import call_command

from partnerships.models import CaseStudy, Partner, Resource
from tests.test_territories_import import VALID

pytestmark = pytest.mark.django_db

SMALL = {"resources": 40, "case_studies": 6, "partners": 12}


@pytest.fixture
def bench_data():
    call_command("import_territories", str(VALID), verbosity=0)
    call_command("generate_bench_data", **SMALL, stdout=StringIO())


def test_generate_bench_data_is_seeded_and_skips_when_present(bench_data):
    first = sorted(Resource.objects.values_list("slug", "title"))
    assert len(first) == SMALL["resources"]
    assert CaseStudy.objects.count() == SMALL["case_studies"]
    assert Partner.objects.count() == SMALL["partners"]
    assert Resource.objects.published().count() > SMALL["resources"] // 2

    out = StringIO()
    call_command("generate_bench_data", **SMALL, if_missing=True, stdout=out)
    assert "nothing to do" in out.getvalue()

    call_command("generate_bench_data", **SMALL, stdout=StringIO())  # replaces its own rows
    assert sorted(Resource.objects.values_list("slug", "title")) == first


def test_bench_search_prints_every_scenario_and_warns_below_scale(bench_data):
    out, err = StringIO(), StringIO()
    call_command("bench_search", requests=1, stdout=out, stderr=err)
    text = out.getvalue()
    for scenario in ("empty resource listing", "q only", "page 200", "global search"):
        assert scenario in text
    assert "[200]" in text and "worst p95" in text
    assert "not at scale" in err.getvalue()
