"""``python manage.py load_demo``: the territories and the demo content, idempotent.

1. ``import_territories`` loads the official geography (``fixtures/territories/`` by
   default, or ``--territories-dir``); it diffs against the database, so a second run
   writes nothing.
2. The demo fixtures (``fixtures/demo/*.json``, built by
   ``scripts/build_demo_fixtures.py``) are loaded with ``loaddata`` in dependency
   order, in one transaction. Rows are identified by natural keys (slugs, territory
   ``[level, code]``, tag names) or by fixed primary keys where a model has none, so
   re-loading updates the same rows instead of adding new ones.

The fixtures can also be loaded on their own, once the territories are in:
``python manage.py loaddata fixtures/demo/*.json``.
"""

import time
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

DEMO_DIRECTORY = Path(settings.BASE_DIR) / "fixtures" / "demo"

# Dependency order: tags, partners, resources (authors), case studies (partners,
# resources), collections (resources, case studies), tagged items (resources, case
# studies). The file names sort in that order too.
DEMO_FIXTURES = (
    "01_tags.json",
    "02_partners.json",
    "03_resources.json",
    "04_case_studies.json",
    "05_collections.json",
    "06_tagged_items.json",
)

# What the summary reports, in reading order.
COUNTED_MODELS = (
    ("partnerships.Territory", "territoires"),
    ("partnerships.Partner", "partenaires"),
    ("partnerships.Resource", "ressources"),
    ("partnerships.CaseStudy", "retours d'expérience"),
    ("partnerships.Collection", "collections"),
    ("taggit.Tag", "mots-clés"),
)


def demo_fixture_paths(directory: Path = DEMO_DIRECTORY) -> list[Path]:
    return [directory / name for name in DEMO_FIXTURES]


class Command(BaseCommand):
    help = (
        "Charge les territoires (import_territories) puis le contenu de démonstration "
        "(fixtures/demo/). Idempotent : une seconde exécution ne change rien."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--territories-dir",
            help=(
                "Dossier des fichiers de territoires passé à import_territories "
                "(par défaut : fixtures/territories/, toute la géographie)."
            ),
        )
        parser.add_argument(
            "--skip-territories",
            action="store_true",
            help="Ne pas importer les territoires (ils doivent déjà être en base).",
        )

    def handle(self, *args, territories_dir=None, skip_territories=False, **options):
        verbosity = options["verbosity"]
        started = time.monotonic()

        if not skip_territories:
            territory_args = [territories_dir] if territories_dir else []
            call_command(
                "import_territories",
                *territory_args,
                verbosity=verbosity,
                stdout=self.stdout,
                stderr=self.stderr,
            )
        territories_done = time.monotonic()

        with transaction.atomic():
            call_command(
                "loaddata",
                *[str(path) for path in demo_fixture_paths()],
                verbosity=0,
                stdout=self.stdout,
                stderr=self.stderr,
            )
        finished = time.monotonic()

        if verbosity < 1:
            return
        write = self.stdout.write
        write(
            f"Contenu de démonstration chargé en {finished - territories_done:.1f} s "
            f"(territoires : {territories_done - started:.1f} s ; "
            f"total : {finished - started:.1f} s)"
        )
        for label, name in COUNTED_MODELS:
            model = apps.get_model(label)
            manager = model._default_manager
            line = f"  {name:<22} {manager.count():>6}"
            if hasattr(manager, "published"):
                line += f"  dont {manager.published().count()} publiés"
            write(line)
        write(self.style.SUCCESS("Démo prête."))
