"""Benchmark the public search: p50/p95 server time and SQL query count per scenario.

Run it on PostgreSQL after ``generate_bench_data`` (``make bench`` does both).
Requests go through Django's test client, so the time is the server's:
routing, FilterSet, SQL, template rendering.
"""

import statistics
import time

from django.core.management.base import BaseCommand
from django.db import connection
from django.http import QueryDict
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from partnerships.filters import ResourceFilterSet
from partnerships.models import CaseStudy, Partner, Resource
from partnerships.search import facet_keys, key_index

SCENARIOS = [
    ("empty resource listing", "/ressources/"),
    ("q only", "/ressources/?q=insertion"),
    ("q + two facets", "/ressources/?q=mobilit%C3%A9&theme=mobilite&format=guide-kit"),
    ("commune territory filter", "/ressources/?territory=commune-69123"),
    (
        "case studies, three facets",
        "/retours-experience/?theme=emploi-insertion&stage=experimentation&partnership=mecenat",
    ),
    ("page 200", "/ressources/?page=200"),
    ("global search", "/recherche/?q=tiers-lieux"),
    ("no hit (trigram suggestion)", "/ressources/?q=mobilitte+solidaure"),
]


AT_SCALE = 100_000 * 9 // 10  # generate_bench_data publishes about 97 % of its rows


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


class Command(BaseCommand):
    help = "Mesure p50/p95 et le nombre de requêtes SQL des scénarios de recherche."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=50)
        parser.add_argument(
            "--cold",
            action="store_true",
            help="Sans cache des facettes : chaque requête recalcule tous les comptes.",
        )

    def handle(self, *args, **options):
        if options["cold"]:
            with override_settings(FACET_CACHE_TIMEOUT=0):
                return self.run(options)
        return self.run(options)

    def run(self, options):
        client = Client(HTTP_HOST="127.0.0.1")
        count = options["requests"]
        published = Resource.objects.published().count()
        self.stdout.write(
            f"{connection.vendor}: {published} published resources; "
            f"{count} requests per scenario (after one warm-up); "
            f"cache of counts and matches {'off (cold)' if options['cold'] else 'on'}"
        )
        if published < AT_SCALE:
            self.stderr.write(
                f"Fewer than {AT_SCALE} published resources: these figures are not at scale "
                "(run generate_bench_data first, or make bench)."
            )
        if facet_keys.uses_keys():
            for model in (Resource, CaseStudy, Partner):
                started = time.perf_counter()
                index = key_index.index_for(model)
                self.stdout.write(
                    f"facet index of {model._meta.verbose_name_plural}: {len(index)} rows, "
                    f"loaded in {(time.perf_counter() - started) * 1000:.0f} ms "
                    "(once per content version and process)"
                )
        self.stdout.write(f"{'scenario':32} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8} status")
        worst = 0.0
        for name, url in SCENARIOS:
            client.get(url)  # warm-up: caches the facet terms, as a running server has them
            timings, queries, statuses = [], set(), set()
            for _ in range(count):
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    response = client.get(url)
                    timings.append((time.perf_counter() - started) * 1000)
                queries.add(len(captured))
                statuses.add(response.status_code)
            p95 = percentile(timings, 0.95)
            worst = max(worst, p95)
            self.stdout.write(
                f"{name:32} {statistics.median(timings):8.1f} {p95:8.1f} "
                f"{'/'.join(map(str, sorted(queries))):>8} {sorted(statuses)}"
            )
        self.stdout.write(f"worst p95: {worst:.1f} ms")
        if connection.vendor == "postgresql":
            # The listing's own text query: the rows matching « coopération », with their rank.
            filterset = ResourceFilterSet(
                QueryDict("q=coopération"), queryset=Resource.objects.published()
            )
            filterset.form.is_valid()
            match = filterset.filtered(facets=False).order_by().values_list("pk", "relevance")
            plan = match.explain()
            uses_gin = "search_gin" in plan
            self.stdout.write(f"full-text plan uses the GIN index: {uses_gin}")
            self.stdout.write(plan)
