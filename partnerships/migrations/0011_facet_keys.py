"""Facet keys: one integer array per searchable row (see ``partnerships.search.facet_keys``).

On PostgreSQL: a GIN index on the keys (facet filters are array overlaps), and
the covering indexes of "what is public" now carry the keys instead of the
separate facet columns of 0006, so the counts of a listing without a text query
read the index alone. The keys of existing rows are filled after ``migrate``
(``signals.fill_missing_facet_keys``), with the code that keeps them in step.
"""

from django.db import migrations, models

import partnerships.models.search

TABLES = {
    "resource": "partnerships_resource",
    "casestudy": "partnerships_casestudy",
    "partner": "partnerships_partner",
}
OLD_COVERING = {
    "resource_public_cover": "(status, published_at) INCLUDE (id, format_id, language, "
    "publication_date)",
    "casestudy_public_cover": "(status, published_at) INCLUDE (id, main_territory_id, stage, "
    "start_year)",
    "partner_public_cover": "(status, published_at) INCLUDE (id, actor_type_id, home_territory_id)",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, table in TABLES.items():
        schema_editor.execute(f"DROP INDEX IF EXISTS {model}_public_cover")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {model}_public_keys ON {table} "
            "(status, published_at) INCLUDE (id, facet_keys)"
        )
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {model}_facet_keys_gin ON {table} USING gin (facet_keys)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, table in TABLES.items():
        schema_editor.execute(f"DROP INDEX IF EXISTS {model}_facet_keys_gin")
        schema_editor.execute(f"DROP INDEX IF EXISTS {model}_public_keys")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {model}_public_cover ON {table} "
            f"{OLD_COVERING[f'{model}_public_cover']}"
        )


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0010_history_tags")]

    operations = [
        *(
            migrations.AddField(
                model_name=model,
                name="facet_keys",
                field=partnerships.models.search.FacetKeysField(
                    base_field=models.IntegerField(),
                    blank=True,
                    editable=False,
                    null=True,
                    size=None,
                ),
            )
            for model in TABLES
        ),
        migrations.RunPython(create, drop),
    ]
