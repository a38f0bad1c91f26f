"""``python manage.py import_territories [DIR]``: load the official French geography.

Without DIR, loads the snapshot shipped in ``fixtures/territories/``. Idempotent: a
second run with the same files changes nothing. See partnerships.importers.territories.
"""

from django.core.management.base import BaseCommand, CommandError

from partnerships.importers.territories import (
    DEFAULT_DIRECTORY,
    TerritoryImportError,
    import_territories,
)
from partnerships.models import TerritoryLevel

LEVEL_NAMES = {
    TerritoryLevel.COUNTRY: "pays",
    TerritoryLevel.REGION: "régions",
    TerritoryLevel.DEPARTMENT: "départements",
    TerritoryLevel.EPCI: "EPCI",
    TerritoryLevel.COMMUNE: "communes",
}


class Command(BaseCommand):
    help = (
        "Importe les régions, départements, EPCI et communes depuis des fichiers au format "
        "du Code officiel géographique de l'Insee (par défaut : fixtures/territories/)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "directory",
            nargs="?",
            help=(
                "Dossier contenant regions.csv, departements.csv, epci.csv et communes.csv "
                f"(ou .csv.gz). Par défaut : {DEFAULT_DIRECTORY}"
            ),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Vérifie les fichiers et compte les changements sans rien enregistrer.",
        )

    def handle(self, *args, directory=None, dry_run=False, **options):
        try:
            report = import_territories(directory, dry_run=dry_run)
        except TerritoryImportError as error:
            raise CommandError(
                "Import des territoires annulé, rien n'a été modifié :\n  "
                + "\n  ".join(error.errors)
            ) from error
        if options["verbosity"] < 1:
            return
        write = self.stdout.write
        prefix = "[simulation] " if dry_run else ""
        write(f"{prefix}Territoires importés depuis {report.directory} en {report.seconds:.1f} s")
        for level, counts in report.levels.items():
            write(
                f"  {LEVEL_NAMES[level]:<13} {counts.created:>6} créés, {counts.updated:>6} mis à "
                f"jour, {counts.deactivated:>6} désactivés, {counts.unchanged:>6} inchangés"
            )
        write(
            f"  {'liens':<13} {report.links_created:>6} créés, {report.links_updated:>6} mis à "
            f"jour, {report.links_deleted:>6} supprimés"
        )
        if report.changes == 0:
            write(self.style.SUCCESS("  Aucun changement : la base était déjà à jour."))
        elif not dry_run:
            territories = report.changes - report.links_changes
            write(
                self.style.SUCCESS(
                    f"  Enregistré : {territories} territoires et {report.links_changes} liens "
                    "hiérarchiques modifiés."
                )
            )
            if report.reindexed:
                write(f"  Index de recherche recalculé pour {report.reindexed} contenus.")
