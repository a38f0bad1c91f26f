"""Keep the tsvector inline and lz4-compressed (PostgreSQL).

Content rows are wide, so PostgreSQL moved the tsvector out of line (TOAST):
matching or ranking a common word then read every candidate's vector back from
the TOAST table, ten times the table's own pages. STORAGE MAIN keeps the vector
in the row (the body and the search document go out of line first) and lz4
decompresses several times faster than the default pglz. Rows get the new
storage as they are rewritten (``rebuild_search_index``); a server built
without lz4 keeps pglz.
"""

from django.db import migrations

TABLES = ["partnerships_resource", "partnerships_casestudy", "partnerships_partner"]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"ALTER TABLE {table} ALTER COLUMN search_vector SET STORAGE MAIN")
        schema_editor.execute(
            f"""
            DO $$ BEGIN
                ALTER TABLE {table} ALTER COLUMN search_vector SET COMPRESSION lz4;
            EXCEPTION WHEN feature_not_supported OR invalid_parameter_value THEN
                NULL;
            END $$
            """
        )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(
            f"ALTER TABLE {table} ALTER COLUMN search_vector SET STORAGE EXTENDED, "
            "ALTER COLUMN search_vector SET COMPRESSION default"
        )


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0006_publication_covering_indexes")]

    operations = [migrations.RunPython(forward, backward)]
