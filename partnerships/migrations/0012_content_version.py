"""A content version kept by PostgreSQL itself: every write to a searchable table bumps it.

Why: the in-memory facet index (``partnerships.search.key_index``) of each
server process must notice any change of public content, whichever process or
path made it (an admin save, a bulk ``update()`` that sends no signal, an import,
another machine). A statement-level trigger on the three searchable tables
sets one row to a fresh number, in the writer's transaction: readers see the
new number exactly when they can see the new rows. The number comes from a
sequence, so a rolled-back write never leaves a number that a later, different
state could reuse. SQLite has no such index: nothing to do.
"""

from django.db import migrations

TABLES = ("partnerships_resource", "partnerships_casestudy", "partnerships_partner")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE SEQUENCE IF NOT EXISTS partnerships_content_version_seq")
    schema_editor.execute(
        "CREATE TABLE IF NOT EXISTS partnerships_content_version "
        "(id smallint PRIMARY KEY CHECK (id = 1), value bigint NOT NULL)"
    )
    schema_editor.execute(
        "INSERT INTO partnerships_content_version "
        "VALUES (1, nextval('partnerships_content_version_seq')) ON CONFLICT (id) DO NOTHING"
    )
    schema_editor.execute(
        """
        CREATE OR REPLACE FUNCTION partnerships_bump_content_version() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE partnerships_content_version SET value = nextval('partnerships_content_version_seq') WHERE id = 1;
            RETURN NULL;
        END
        $$
        """
    )
    for table in TABLES:
        schema_editor.execute(
            f"CREATE OR REPLACE TRIGGER {table}_content_version "
            f"AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION partnerships_bump_content_version()"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_content_version ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS partnerships_bump_content_version()")
    schema_editor.execute("DROP TABLE IF EXISTS partnerships_content_version")
    schema_editor.execute("DROP SEQUENCE IF EXISTS partnerships_content_version_seq")


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0011_facet_keys")]

    operations = [migrations.RunPython(create, drop)]
