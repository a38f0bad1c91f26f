"""The facet taxonomies' terms, cached: every listing needs them, they rarely change.

Saving or deleting a term clears the cache (signals in ``partnerships.signals``);
the timeout bounds staleness across processes that do not share a cache.
"""

from dataclasses import dataclass

from django.core.cache import cache

CACHE_TIMEOUT = 300


@dataclass(frozen=True)
class TermInfo:
    pk: int
    slug: str
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
