"""Keep only the short columns and the tsvector in the rows of searchable tables (PostgreSQL).

A text query reads every candidate row (sequential or bitmap heap scan). At
100,000 resources the rows averaged 2.8 kB: the body, the summary and the search
document were stored in line next to the tsvector, so a search read 283 MB of
heap. With ``toast_tuple_target = 256`` PostgreSQL moves those long texts out of
line (TOAST) as soon as a row is toasted at all, and keeps the tsvector in line
(``STORAGE MAIN``, migration 0007): the heap shrinks to 119 MB and fits in
memory. Every other column that could be moved (titles, slugs, the facet
keys…) gets ``STORAGE MAIN`` too: otherwise PostgreSQL goes on moving columns
out until the row is under the target, and reading a title or the keys then
costs a TOAST lookup per row (loading the facet index took 35 s instead of 2). Only the 20 rows of a page read their long texts back. Existing rows
take the new layout when rewritten (``rebuild_search_index`` or ``VACUUM FULL``).
"""

from django.db import migrations

TABLES = ("partnerships_resource", "partnerships_casestudy", "partnerships_partner")
# Columns other than long texts with a given storage ('x': may be moved out of line;
# 'm': kept in line), the tsvector (in line since 0007) aside.
SHORT_COLUMNS = """
    SELECT attname FROM pg_attribute
    WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped
      AND attstorage = %s AND atttypid NOT IN ('text'::regtype, 'tsvector'::regtype)
"""


def set_storage(schema_editor, table, toast_tuple_target, storage_from, storage_to):
    option = (
        f"SET (toast_tuple_target = {toast_tuple_target})"
        if toast_tuple_target
        else "RESET (toast_tuple_target)"
    )
    schema_editor.execute(f"ALTER TABLE {table} {option}")
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(SHORT_COLUMNS, [table, storage_from])
        columns = [name for (name,) in cursor.fetchall()]
    for column in columns:
        schema_editor.execute(
            f'ALTER TABLE {table} ALTER COLUMN "{column}" SET STORAGE {storage_to}'
        )


def narrow(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            set_storage(schema_editor, table, 256, "x", "MAIN")


def widen(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            set_storage(schema_editor, table, None, "m", "EXTENDED")


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0012_content_version")]

    operations = [migrations.RunPython(narrow, widen)]
