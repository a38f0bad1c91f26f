"""Recompute every search document (and, on PostgreSQL, every weighted tsvector and the
facet keys)."""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from partnerships.search import document


class Command(BaseCommand):
    help = (
        "Recalcule le document de recherche (et les clés de facettes) de chaque ressource, "
        "retour d'expérience et partenaire."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        with transaction.atomic():
            for model in document.searchable_models():
                count = document.rebuild(model)
                self.stdout.write(f"{model._meta.verbose_name_plural}: {count} indexé(s)")
        self.stdout.write(f"Terminé en {time.monotonic() - started:.1f} s.")
