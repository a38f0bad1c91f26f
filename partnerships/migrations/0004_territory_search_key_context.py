"""Territory search and display helpers filled by the import.

- ``search_key``: the normalised name the autocomplete matches word prefixes in;
- ``context_label`` / ``parent_names``: the département, région… shown next to a
  name so that homonyms (the Saint-Martin communes) can be told apart, without a
  query per result;
- on PostgreSQL only, the pg_trgm extension and a trigram GIN index on
  ``search_key`` so that ``LIKE '% word%'`` is an index scan (SQLite scans the
  ~37,000 rows, which is fast enough for a quick start).
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

from partnerships.models.territory import search_key_for

TRIGRAM_INDEX = "territory_search_key_trgm"


def fill_search_key(apps, schema_editor):
    Territory = apps.get_model("partnerships", "Territory")
    territories = list(Territory.objects.only("pk", "name"))
    for territory in territories:
        territory.search_key = search_key_for(territory.name)
    Territory.objects.bulk_update(territories, ["search_key"], batch_size=500)


def create_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("partnerships", "Territory")._meta.db_table
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} "
        f"ON {schema_editor.quote_name(table)} USING gin (search_key gin_trgm_ops)"
    )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {TRIGRAM_INDEX}")


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0003_seed_france")]

    operations = [
        # A no-op on databases other than PostgreSQL.
        TrigramExtension(),
        migrations.AddField(
            model_name="territory",
            name="search_key",
            field=models.CharField(
                default="",
                editable=False,
                help_text="Nom normalisé, abréviations développées (st → saint), encadré d'espaces : l'autocomplétion y cherche des débuts de mots.",
                max_length=250,
                verbose_name="clé de recherche",
            ),
        ),
        migrations.AddField(
            model_name="territory",
            name="context_label",
            field=models.CharField(
                blank=True,
                default="",
                editable=False,
                help_text="Département et région, affichés après le nom pour lever les homonymies.",
                max_length=300,
                verbose_name="contexte",
            ),
        ),
        migrations.AddField(
            model_name="territory",
            name="parent_names",
            field=models.JSONField(
                blank=True,
                default=list,
                editable=False,
                help_text="Du plus proche au plus large, sans la France ; tenu à jour par l'import.",
                verbose_name="noms des territoires englobants",
            ),
        ),
        migrations.AddIndex(
            model_name="territory",
            index=models.Index(
                fields=["code"],
                name="territory_code_prefix_idx",
                opclasses=["varchar_pattern_ops"],
            ),
        ),
        migrations.RunPython(fill_search_key, migrations.RunPython.noop),
        migrations.RunPython(create_trigram_index, drop_trigram_index),
    ]
