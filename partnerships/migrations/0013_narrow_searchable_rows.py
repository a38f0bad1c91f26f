"""Keep only the short columns and the tsvector in the rows of searchable tables (PostgreSQL).

A text query reads every candidate row (sequential or bitmap heap scan). At
100,000 resources the rows averaged 2.8 kB: the body, the summary and the search
document were stored in line next to the tsvector, so a search read 283 MB of
heap. With ``toast_tuple_target = 256`` PostgreSQL moves those long texts out of
line (TOAST) as soon as a row is toasted at all, and keeps the tsvector in line
(``STORAGE MAIN``, migration 0007): the heap shrinks to 119 MB and fits in
memory. Only the 20 rows of a page read their long texts back. Existing rows
take the new layout when rewritten (``rebuild_search_index`` or ``VACUUM FULL``).
"""

from django.db import migrations

TABLES = ("partnerships_resource", "partnerships_casestudy", "partnerships_partner")


def narrow(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"ALTER TABLE {table} SET (toast_tuple_target = 256)")


def widen(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"ALTER TABLE {table} RESET (toast_tuple_target)")


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0012_content_version")]

    operations = [migrations.RunPython(narrow, widen)]
