"""``python manage.py load_demo``: the territories and the demo content, idempotent.

1. ``import_territories`` loads the official geography (``fixtures/territories/`` by
   default, or ``--territories-dir``); it diffs against the database, so a second run
   writes nothing.
2. The demo fixtures (``fixtures/demo/*.json``, built by
   ``scripts/build_demo_fixtures.py``) are loaded with ``loaddata`` in dependency
   order, in one transaction. Rows are identified by natural keys (slugs, territory
   ``[level, code]``, tag names) or by fixed primary keys where a model has none, so
   re-loading updates the same rows instead of adding new ones. Search documents are
   deferred and computed once per row at the end.

Fixed primary keys could land on rows created since (a curator's resource that got
the next id after the demo's): before loading, every fixed-key row and every slug is
checked against the database, and the command stops, writing nothing, if one would
overwrite something that is not the demo's own row.

The fixtures can also be loaded on their own, once the territories are in:
``python manage.py loaddata fixtures/demo/*.json``.
"""

import json
import time
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from partnerships.search import index as search_index

DEMO_DIRECTORY = Path(settings.BASE_DIR) / "fixtures" / "demo"

# Dependency order (the file names sort in that order too): tags; taggit's tagged
# items, which point at resources and case studies by a plain integer id, first so
# that search documents include the tags; partners; resources (authors); case
# studies (participants, related resources); collections (resources, case studies).
DEMO_FIXTURES = (
    "01_tags.json",
    "02_tagged_items.json",
    "03_partners.json",
    "04_resources.json",
    "05_case_studies.json",
    "06_collections.json",
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


# Rows loaded by fixed primary key: the lookups that say which demo object a row
# belongs to, and how to read the same owner from a fixture entry.
FIXED_KEY_OWNERS = {
    "partnerships.resource": (("slug",), lambda fields: (fields["slug"],)),
    "partnerships.casestudy": (("slug",), lambda fields: (fields["slug"],)),
    "partnerships.participation": (("case_study__slug",), lambda f: (f["case_study"][0],)),
    "partnerships.keyfigure": (("case_study__slug",), lambda f: (f["case_study"][0],)),
    "partnerships.collectionitem": (("collection__slug",), lambda f: (f["collection"][0],)),
    "taggit.taggeditem": (
        ("content_type__app_label", "content_type__model", "object_id"),
        lambda f: (*f["content_type"], f["object_id"]),
    ),
}
# Unique constraints that a row of another primary key could already hold.
UNIQUE_TOGETHER = {
    "partnerships.participation": (
        ("case_study__slug", "partner__slug", "role"),
        lambda f: (f["case_study"][0], f["partner"][0], f["role"]),
    ),
    "taggit.taggeditem": (
        ("object_id", "content_type__app_label", "content_type__model", "tag__name"),
        lambda f: (f["object_id"], *f["content_type"], f["tag"][0]),
    ),
    "partnerships.resource": (("slug",), lambda f: (f["slug"],)),
    "partnerships.casestudy": (("slug",), lambda f: (f["slug"],)),
}
MAX_REPORTED_CONFLICTS = 10


def demo_fixture_paths(directory: Path = DEMO_DIRECTORY) -> list[Path]:
    return [directory / name for name in DEMO_FIXTURES]


def find_conflicts(entries: list[dict]) -> list[str]:
    """Existing rows that loading ``entries`` would overwrite or collide with, in French.

    A fixed primary key must be free or already hold the demo's own row (same owner);
    a unique value (slug, participation, tagging, tag slug) must be free or already
    held by the very row the fixture loads.
    """
    by_model: dict[str, list[dict]] = {}
    for entry in entries:
        by_model.setdefault(entry["model"], []).append(entry)
    conflicts = []

    for label, (lookups, owner) in FIXED_KEY_OWNERS.items():
        wanted = {entry["pk"]: owner(entry["fields"]) for entry in by_model.get(label, [])}
        manager = apps.get_model(label)._default_manager
        for pk, *found in manager.filter(pk__in=list(wanted)).values_list("pk", *lookups):
            if tuple(found) != wanted[pk]:
                conflicts.append(f"{label} n° {pk} existe déjà et n'appartient pas à la démo")

    for label, (lookups, key) in UNIQUE_TOGETHER.items():
        wanted = {key(entry["fields"]): entry["pk"] for entry in by_model.get(label, [])}
        manager = apps.get_model(label)._default_manager
        candidates = manager.filter(**{f"{lookups[0]}__in": {k[0] for k in wanted}})
        for pk, *found in candidates.values_list("pk", *lookups):
            if wanted.get(tuple(found), pk) != pk:
                conflicts.append(f"{label} n° {pk} porte déjà {tuple(found)}")

    tags = {e["fields"]["slug"]: e["fields"]["name"] for e in by_model.get("taggit.tag", [])}
    tag_manager = apps.get_model("taggit.Tag")._default_manager
    for slug, name in tag_manager.filter(slug__in=list(tags)).values_list("slug", "name"):
        if name != tags[slug]:
            conflicts.append(f"le mot-clé « {name} » utilise déjà l'identifiant « {slug} »")
    return conflicts


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

        paths = demo_fixture_paths()
        entries = [
            entry for path in paths for entry in json.loads(path.read_text(encoding="utf-8"))
        ]
        # Search documents are computed once per row, after everything is loaded. The demo
        # is not an editorial change: no history versions (simple-history would write one
        # per relation of every row, most of the load's time); a curator's first edit
        # records a baseline version before its own (``history.ensure_baseline``).
        with (
            transaction.atomic(),
            search_index.deferred(),
            override_settings(SIMPLE_HISTORY_ENABLED=False),
        ):
            conflicts = find_conflicts(entries)
            if conflicts:
                shown = conflicts[:MAX_REPORTED_CONFLICTS]
                if len(conflicts) > len(shown):
                    shown.append(f"… et {len(conflicts) - len(shown)} autres")
                raise CommandError(
                    "Contenu de démonstration non chargé : il remplacerait des données qui "
                    "ne sont pas les siennes.\n  " + "\n  ".join(shown)
                )
            call_command(
                "loaddata",
                *[str(path) for path in paths],
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
