"""``python manage.py bench_territories``: latency of the territory autocomplete and of
``for_territory`` on the full geography (targets: p95 ≤ 30 ms and ≤ 50 ms on PostgreSQL),
printed next to each figure with whether it is met, and again in a closing summary.

Imports the shipped geography first if the database has no communes. Creates a few
thousand throwaway published resources covering territories of every level, inside a
transaction that is rolled back at the end: the database is left as it was (except
for that first import, which is kept).
"""

import random
import statistics
import time
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Count
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from partnerships.importers.territories import analyze, import_territories
from partnerships.models import (
    PublicationStatus,
    Resource,
    ResourceFormat,
    Territory,
    TerritoryLevel,
)
from partnerships.views.territories import TerritoryAutocompleteView, TerritoryDetailView

QUERIES = [
    "lyon", "st mar", "saint-é", "69", "75056", "bord", "marse", "paris", "toulouse",
    "nantes", "ste marie", "etienne", "aix en", "montp", "villeneuve", "la roche", "2a",
    "971", "200046977", "saint martin 67", "strasb", "les abymes", "île de", "grenoble",
    "brest", "val d", "puy", "beaulieu", "sain", "a", "St", "Saint-Denis", "chateau",
    "nice", "rennes", "metropole", "communaute de communes du pays", "fort de france",
    "13", "33063",
]  # fmt: skip

# Share of the throwaway resources covering each level (the rest: communes).
COVERAGE_MIX = [
    (TerritoryLevel.COUNTRY, 0.05),
    (TerritoryLevel.REGION, 0.10),
    (TerritoryLevel.DEPARTMENT, 0.15),
    (TerritoryLevel.EPCI, 0.20),
    (TerritoryLevel.COMMUNE, 0.50),
]


class Rollback(Exception):
    """Raised to leave the benchmark's transaction without keeping anything."""


# p95 targets in milliseconds (on PostgreSQL, the production database).
AUTOCOMPLETE_TARGET_MS = 30.0
FOR_TERRITORY_TARGET_MS = 50.0


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=100, method="inclusive")[94]


def summary(samples: list[float]) -> str:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return (
        f"p50 {cuts[49]:6.1f} ms   p95 {cuts[94]:6.1f} ms   max {max(samples):6.1f} ms"
        f"   ({len(samples)} mesures)"
    )


def verdict(samples: list[float], target_ms: float) -> str:
    """« objectif p95 ≤ 30 ms : atteint » (or « NON atteint »)."""
    met = "atteint" if p95(samples) <= target_ms else "NON atteint"
    return f"objectif p95 ≤ {target_ms:g} ms : {met}"


class Command(BaseCommand):
    help = "Mesure l'autocomplétion des territoires et for_territory() sur la géographie complète."

    def add_arguments(self, parser):
        parser.add_argument("--queries", type=int, default=400, help="mesures par série (≥ 200)")
        parser.add_argument("--resources", type=int, default=3000, help="ressources jetables")
        parser.add_argument("--pages", type=int, default=50, help="pages de territoire mesurées")
        parser.add_argument("--seed", type=int, default=20250101)
        parser.add_argument(
            "--no-analyze",
            action="store_true",
            help="ne pas rafraîchir les statistiques après la création des ressources (pire cas)",
        )

    def handle(self, *args, queries, resources, pages, seed, no_analyze, **options):
        if queries < 200:
            raise CommandError("Au moins 200 mesures par série.")
        self.rng = random.Random(seed)
        self.stdout.write(f"Base : {connection.vendor} ({connection.settings_dict['NAME']})")
        if not Territory.objects.filter(level=TerritoryLevel.COMMUNE).exists():
            report = import_territories()
            self.stdout.write(f"Géographie importée en {report.seconds:.1f} s")
        counts = dict(Territory.objects.values_list("level").annotate(n=Count("id")).order_by())
        self.stdout.write(
            "Territoires : " + ", ".join(f"{level} {counts.get(level, 0)}" for level in counts)
        )
        self.verdicts: list[tuple[str, float, float]] = []
        try:
            with transaction.atomic():
                self.create_resources(resources, analyze_tables=not no_analyze)
                self.bench_autocomplete(queries)
                self.bench_for_territory(queries)
                if pages:
                    self.bench_pages(pages)
                raise Rollback
        except Rollback:
            self.stdout.write("Ressources jetables supprimées (transaction annulée).")
        self.write_targets()

    def measured(self, name: str, samples: list[float], target_ms: float) -> str:
        self.verdicts.append((name, p95(samples), target_ms))
        return verdict(samples, target_ms)

    def write_targets(self) -> None:
        """One line per target: the measured p95, the target, met or not."""
        self.stdout.write("Objectifs :")
        for name, measured, target_ms in self.verdicts:
            met = measured <= target_ms
            line = f"  {name:<14} p95 {measured:6.1f} ms  (objectif ≤ {target_ms:g} ms)  " + (
                "atteint" if met else "NON atteint"
            )
            self.stdout.write(self.style.SUCCESS(line) if met else self.style.ERROR(line))
        if connection.vendor != "postgresql":
            self.stdout.write(
                f"  Objectifs fixés pour PostgreSQL : sur {connection.vendor}, à titre indicatif."
            )

    def create_resources(self, total: int, analyze_tables: bool) -> None:
        started = time.perf_counter()
        resource_format = ResourceFormat.objects.order_by("pk").first()
        if resource_format is None:
            resource_format = ResourceFormat.objects.create(name="Guide", slug="bench-guide")
        ids_by_level = {
            level: list(Territory.objects.filter(level=level).values_list("pk", flat=True))
            for level, _share in COVERAGE_MIX
        }
        now = timezone.now()
        created = Resource.objects.bulk_create(
            Resource(
                title=f"Ressource de mesure {number}",
                slug=f"bench-territories-{number}",
                format=resource_format,
                status=PublicationStatus.PUBLISHED,
                published_at=now - timedelta(minutes=number),
            )
            for number in range(total)
        )
        if connection.features.can_return_rows_from_bulk_insert:
            resource_ids = [resource.pk for resource in created]
        else:
            resource_ids = list(
                Resource.objects.filter(slug__startswith="bench-territories-").values_list(
                    "pk", flat=True
                )
            )
        levels = [level for level, _share in COVERAGE_MIX]
        weights = [share for _level, share in COVERAGE_MIX]
        through = Resource.coverage.through
        links = []
        for resource_id in resource_ids:
            territories = set()
            for _ in range(self.rng.choice((1, 1, 1, 2, 3))):
                level = self.rng.choices(levels, weights)[0]
                territories.add(self.rng.choice(ids_by_level[level]))
            links.extend(
                through(resource_id=resource_id, territory_id=territory_id)
                for territory_id in territories
            )
        through.objects.bulk_create(links, batch_size=2000)
        if analyze_tables:
            # As autovacuum would soon after such a load: plans follow the real row counts.
            analyze(Resource, through)
        self.stdout.write(
            f"{len(resource_ids)} ressources jetables, {len(links)} liens de couverture "
            f"({time.perf_counter() - started:.1f} s)"
        )

    def bench_autocomplete(self, total: int) -> None:
        view = TerritoryAutocompleteView.as_view()
        factory = RequestFactory()
        for query in QUERIES:  # warm-up
            view(factory.get("/", {"q": query}))
        samples, results = [], 0
        with CaptureQueriesContext(connection) as context:
            for number in range(total):
                request = factory.get("/", {"q": QUERIES[number % len(QUERIES)]})
                started = time.perf_counter()
                response = view(request)
                samples.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200
                results += response.content.count(b'"level_label"')
        self.stdout.write(
            f"Autocomplétion ({len(QUERIES)} requêtes variées)      {summary(samples)}  "
            f"{len(context) / total:.1f} requête SQL/appel, {results / total:.1f} résultats  "
            f"[{self.measured('autocomplétion', samples, AUTOCOMPLETE_TARGET_MS)}]"
        )

    def bench_for_territory(self, total: int) -> None:
        commune_ids = list(
            Territory.objects.filter(level=TerritoryLevel.COMMUNE).values_list("pk", flat=True)
        )
        communes = list(Territory.objects.filter(pk__in=self.rng.sample(commune_ids, total)))
        published = Resource.objects.published()
        for commune in communes[:20]:  # warm-up
            list(published.for_territory(commune)[:20])
        samples, found = [], 0
        with CaptureQueriesContext(connection) as context:
            for commune in communes:
                started = time.perf_counter()
                items = list(published.for_territory(commune)[:20])
                samples.append((time.perf_counter() - started) * 1000)
                found += len(items)
        self.stdout.write(
            f"for_territory(commune)[:20] (communes au hasard) {summary(samples)}  "
            f"{len(context) / total:.1f} requête SQL/appel, {found / total:.1f} résultats  "
            f"[{self.measured('for_territory', samples, FOR_TERRITORY_TARGET_MS)}]"
        )

    def bench_pages(self, total: int) -> None:
        view = TerritoryDetailView.as_view()
        factory = RequestFactory()
        candidates = list(
            Territory.objects.filter(
                level__in=[TerritoryLevel.COMMUNE, TerritoryLevel.DEPARTMENT, TerritoryLevel.EPCI]
            ).values_list("pk", flat=True)
        )
        territories = list(Territory.objects.filter(pk__in=self.rng.sample(candidates, total + 5)))
        samples = []
        with CaptureQueriesContext(connection) as context:
            for territory in territories:
                request = factory.get(territory.get_absolute_url())
                started = time.perf_counter()
                response = view(request, level=territory.level, code=territory.code)
                response.render()
                samples.append((time.perf_counter() - started) * 1000)
        samples = samples[5:]
        self.stdout.write(
            f"Page de territoire (commune, département, EPCI)  {summary(samples)}  "
            f"{len(context) / len(territories):.1f} requêtes SQL/page"
        )
