"""A content generation number: it changes whenever public content may have changed.

Cached facet counts and search results are keyed by it, and the in-memory facet
index (``key_index``) is reloaded when it moves, so a write is visible at the
next request.

On PostgreSQL the number is kept by the database (migration
``0012_content_version``: a trigger on the searchable tables bumps it), so every
process and every write path sees it, queryset ``update()`` included. On SQLite
it lives in the cache: every write path that indexes content bumps it
(``index.schedule``); paths that bypass the index (such as the admin's bulk
publish) are covered by the cache timeout, and so is, on both databases, a
scheduled publication whose time comes.
"""

from django.core.cache import cache
from django.db import connection

KEY = "content-generation"


def current() -> int:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT value FROM partnerships_content_version WHERE id = 1")
            row = cursor.fetchone()
        return row[0] if row else 0
    value = cache.get(KEY)
    if value is None:
        cache.add(KEY, 1, timeout=None)
        value = cache.get(KEY, 1)
    return value


def bump() -> None:
    if connection.vendor == "postgresql":
        return  # the database's trigger does it, in the writer's transaction
    try:
        cache.incr(KEY)
    except ValueError:  # not set yet (or evicted): start a new series
        cache.set(KEY, 2, timeout=None)
