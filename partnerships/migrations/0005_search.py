"""Full-text search: document columns everywhere, and on PostgreSQL the
``french_unaccent`` configuration, GIN indexes and the trigram lexicon index.

SQLite cannot run the PostgreSQL parts; they are skipped there (the portable
backend searches ``search_document``).
"""

import django.contrib.postgres.search
from django.db import migrations, models

SEARCHABLE_TABLES = ["partnerships_resource", "partnerships_casestudy", "partnerships_partner"]

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """
    DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'french_unaccent') THEN
            CREATE TEXT SEARCH CONFIGURATION french_unaccent (COPY = french);
            ALTER TEXT SEARCH CONFIGURATION french_unaccent
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;
        END IF;
    END $$
    """,
    *(
        f"CREATE INDEX IF NOT EXISTS {table}_search_gin ON {table} USING gin (search_vector)"
        for table in SEARCHABLE_TABLES
    ),
    "CREATE INDEX IF NOT EXISTS partnerships_searchterm_trgm ON partnerships_searchterm "
    "USING gin (word gin_trgm_ops)",
]

POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS partnerships_searchterm_trgm",
    *(f"DROP INDEX IF EXISTS {table}_search_gin" for table in SEARCHABLE_TABLES),
]


def postgres_forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_FORWARD:
            schema_editor.execute(statement)


def postgres_backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_BACKWARD:
            schema_editor.execute(statement)


def search_fields():
    return [
        (
            "search_document",
            models.TextField(
                blank=True, default="", editable=False, verbose_name="document de recherche"
            ),
        ),
        (
            "search_vector",
            django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
    ]


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0004_territory_search_key_context")]

    operations = [
        *(
            migrations.AddField(model_name=model_name, name=name, field=field)
            for model_name in ("resource", "casestudy", "partner")
            for name, field in search_fields()
        ),
        migrations.CreateModel(
            name="SearchTerm",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("word", models.CharField(max_length=40, unique=True, verbose_name="mot")),
            ],
            options={
                "verbose_name": "mot du lexique",
                "verbose_name_plural": "mots du lexique",
                "ordering": ["word"],
            },
        ),
        migrations.RunPython(postgres_forward, postgres_backward),
    ]
