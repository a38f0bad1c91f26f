"""PostgreSQL session settings for the portal's queries.

Facet counts are short analytical queries (group-bys over tens of thousands of
rows): PostgreSQL's JIT compiler, on by default, spends more time compiling
them than running them, and the default 4 MB ``work_mem`` makes the hash of
the public ids spill or turns full-text bitmaps lossy (every candidate row is
then rechecked, its tsvector read back from TOAST). Both are set per
connection, when Django opens it.
"""

from django.db.backends.signals import connection_created
from django.dispatch import receiver

SESSION_SETTINGS = ("SET jit = off", "SET work_mem = '32MB'")


@receiver(connection_created, dispatch_uid="partnerships-postgres-tuning")
def tune_postgres_session(sender, connection, **kwargs):
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for statement in SESSION_SETTINGS:
            cursor.execute(statement)
