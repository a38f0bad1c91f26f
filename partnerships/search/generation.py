"""A content generation number: it changes whenever public content may have changed.

Cached facet counts are keyed by it, so a write is visible in the counts at the
next request. Every write path that indexes content bumps it (``index.schedule``);
paths that bypass the index (queryset ``update()`` such as the admin's bulk
publish) are covered by the cache timeout, and so is a scheduled publication
whose time comes.
"""

from django.core.cache import cache

KEY = "content-generation"


def current() -> int:
    value = cache.get(KEY)
    if value is None:
        cache.add(KEY, 1, timeout=None)
        value = cache.get(KEY, 1)
    return value


def bump() -> None:
    try:
        cache.incr(KEY)
    except ValueError:  # not set yet (or evicted): start a new series
        cache.set(KEY, 2, timeout=None)
