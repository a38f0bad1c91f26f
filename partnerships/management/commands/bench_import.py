"""``python manage.py bench_import``: time a 5,000-row import on the configured database.

Writes a CSV file of resources as a curator would (French headers, themes, audiences,
partnership types, territories by official code, authors by slug, keywords, HTML
body), reads it with the admin's CSV reader, then runs what the admin runs: the dry run
that previews every row, then the confirmed import (one transaction, every row
validated, drafts, one history version and one log line per row, search documents
computed in bulk). Prints both durations and checks that every row was imported and
indexed. Everything happens inside a transaction rolled back at the end: the database
is left as it was. Target: the confirmed import of 5,000 rows under 60 s on PostgreSQL.
"""

import csv
import io
import random
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from partnerships.admin.imports import SpreadsheetCSV
from partnerships.importers.content import ResourceSheet
from partnerships.models import (
    ActorType,
    Partner,
    PartnershipType,
    PublicationStatus,
    Resource,
    ResourceFormat,
    Territory,
    TerritoryLevel,
    Theme,
)

HEADERS = [
    "titre",
    "résumé",
    "contenu",
    "format",
    "thématiques",
    "publics",
    "types de partenariat",
    "territoires",
    "auteurs",
    "mots-clés",
    "date de parution",
    "langue",
    "lien externe",
]
WORDS = [
    *("alliance", "territoriale", "mécénat", "compétences", "insertion", "mobilité"),
    *("solidaire", "jeunesse", "tiers-lieu", "coopération", "habitat", "énergie"),
    *("alimentation", "santé", "numérique", "culture", "emploi", "collectif"),
    *("diagnostic", "gouvernance", "quartier", "rural"),
]


class Rollback(Exception):
    """Leaves the benchmark's transaction without keeping anything."""


class Command(BaseCommand):
    help = "Time the dry run and the confirmed import of a generated 5,000-row resource file."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=5000)
        parser.add_argument("--seed", type=int, default=6)

    def handle(self, *args, rows, seed, **options):
        random.seed(seed)
        try:
            with transaction.atomic():
                self.run(rows)
                raise Rollback
        except Rollback:
            pass

    def run(self, rows: int) -> None:
        user = get_user_model().objects.create_user("bench-import", is_staff=True)
        user.is_superuser = True
        user.save()
        actor = ActorType.objects.order_by("position").first()
        partners = [
            Partner(
                name=f"Partenaire banc d'essai {n}",
                slug=f"bench-import-partner-{n}",
                actor_type=actor,
                status=PublicationStatus.PUBLISHED,
                published_at=timezone.now(),
            )
            for n in range(50)
        ]
        Partner.objects.bulk_create(partners)
        codes = list(
            Territory.objects.filter(
                level__in=[TerritoryLevel.COMMUNE, TerritoryLevel.EPCI], is_active=True
            )
            .order_by("?")
            .values_list("code", flat=True)[:2000]
        )
        if not codes:
            raise CommandError("No communes in this database: run load_demo or import_territories.")
        data = self.write_file(rows, partners, codes)
        dataset = SpreadsheetCSV().create_dataset(data)
        self.stdout.write(
            f"Base : {connection.vendor}, {rows} lignes, {len(data) / 1e6:.1f} Mo de CSV, "
            f"{len(codes)} codes de territoires."
        )

        started = time.perf_counter()
        preview = ResourceSheet(user=user).import_data(
            dataset, dry_run=True, user=user, file_name="bench.csv"
        )
        dry_run = time.perf_counter() - started
        self.verify(preview, rows)
        self.stdout.write(f"Aperçu (dry run, chaque ligne validée puis annulée) : {dry_run:.1f} s")

        started = time.perf_counter()
        result = ResourceSheet(user=user).import_data(
            dataset, dry_run=False, user=user, file_name="bench.csv"
        )
        confirmed = time.perf_counter() - started
        self.verify(result, rows)
        imported = Resource.objects.filter(title__startswith="Banc d'essai import")
        indexed = imported.exclude(search_document="").count()
        drafts = imported.filter(status=PublicationStatus.DRAFT).count()
        if imported.count() != rows or indexed != rows or drafts != rows:
            raise CommandError(
                f"{imported.count()} importées, {indexed} indexées, {drafts} brouillons "
                f"(attendu : {rows})."
            )
        verdict = "OK" if confirmed < 60 else "TROP LENT"
        self.stdout.write(
            f"Import confirmé : {confirmed:.1f} s pour {rows} lignes "
            f"({rows / confirmed:.0f} lignes/s) — objectif < 60 s : {verdict}"
        )
        self.stdout.write(f"{rows} brouillons créés, tous indexés ; base remise en l'état.")

    def verify(self, result, rows: int) -> None:
        if result.has_errors() or result.has_validation_errors():
            first = (result.invalid_rows[:1] or [None])[0]
            detail = first.error_dict if first else [e.error for e in result.base_errors[:1]]
            raise CommandError(f"L'import a échoué : {detail}")
        if result.totals["new"] != rows:
            raise CommandError(f"{result.totals['new']} lignes créées au lieu de {rows}.")

    def write_file(self, rows, partners, codes) -> bytes:
        formats = list(ResourceFormat.objects.values_list("slug", flat=True))
        themes = list(Theme.objects.values_list("slug", flat=True))
        actor_types = list(ActorType.objects.values_list("slug", flat=True))
        partnership_types = list(PartnershipType.objects.values_list("slug", flat=True))
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(HEADERS)
        for n in range(rows):
            words = random.sample(WORDS, 6)
            writer.writerow(
                [
                    f"Banc d'essai import {n} : {' '.join(words[:3])}",
                    f"Une ressource sur {words[3]} et {words[4]}, exemple fictif.",
                    f"<h2>{words[0]}</h2><p>{' '.join(random.choices(WORDS, k=60))}</p>",
                    random.choice(formats),
                    ", ".join(random.sample(themes, 2)),
                    ", ".join(random.sample(actor_types, 2)),
                    random.choice(partnership_types),
                    ", ".join(random.sample(codes, min(2, len(codes)))),
                    random.choice(partners).slug,
                    ", ".join(random.sample(WORDS, 3)),
                    f"20{random.randint(10, 25)}-0{random.randint(1, 9)}-1{random.randint(0, 9)}",
                    "fr",
                    f"https://exemple.org/ressource/{n}",
                ]
            )
        return buffer.getvalue().encode("utf-8")
