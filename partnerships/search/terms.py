"""Facet terms, cached: every listing needs them, they rarely change.

The taxonomies' terms and the régions.

Saving or deleting a term clears the cache (signals in ``partnerships.signals``);
the timeout bounds staleness across processes that do not share a cache.
"""

from dataclasses import dataclass

from django.core.cache import cache

CACHE_TIMEOUT = 300


@dataclass(frozen=True)
class TermInfo:
    pk: int
    slug: str  # the value in URLs: a term's slug, a territory's official code
    name: str


def _key(model) -> str:
    return f"taxonomy-terms:{model._meta.label_lower}"


def terms(model) -> list[TermInfo]:
    cached = cache.get(_key(model))
    if cached is None:
        cached = [TermInfo(*row) for row in model.objects.values_list("pk", "slug", "name")]
        cache.set(_key(model), cached, CACHE_TIMEOUT)
    return cached


def forget(model) -> None:
    cache.delete(_key(model))


def territories(level: str) -> list[TermInfo]:
    """(id, code, name) of the active territories of a small level (régions, départements)."""
    from partnerships.models import Territory

    key = f"territories:{level}"
    cached = cache.get(key)
    if cached is None:
        rows = Territory.objects.filter(level=level, is_active=True).order_by("name")
        cached = [TermInfo(*row) for row in rows.values_list("pk", "code", "name")]
        cache.set(key, cached, CACHE_TIMEOUT)
    return cached


def territory_choices(level: str) -> list[tuple[str, str]]:
    """(code, name) of the active territories of a small level, by name."""
    return [(territory.slug, territory.name) for territory in territories(level)]
