"""Covering indexes for "what is public" on PostgreSQL.

Every listing and every facet count starts from ``published()`` (status and
``published_at``). The content rows are wide (body, search document, tsvector),
so reading them to find the public ids costs most of a facet count; these
indexes carry the id and the small facet columns, so PostgreSQL answers from
the index alone. SQLite has no INCLUDE: it keeps the plain indexes of 0001.
"""

from django.db import migrations

INDEXES = {
    "resource_public_cover": (
        "partnerships_resource",
        "(status, published_at) INCLUDE (id, format_id, language, publication_date)",
    ),
    "casestudy_public_cover": (
        "partnerships_casestudy",
        "(status, published_at) INCLUDE (id, main_territory_id, stage, start_year)",
    ),
    "partner_public_cover": (
        "partnerships_partner",
        "(status, published_at) INCLUDE (id, actor_type_id, home_territory_id)",
    ),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (table, columns) in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} {columns}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0005_search")]

    operations = [migrations.RunPython(create, drop)]
