"""A portable, deliberately simple text search used until the full-text backends land.

``simple_search`` is the single entry point the views call; the full-text issue
replaces its internals (PostgreSQL ``french_unaccent`` tsvector, SQLite fallback
over the search document) without touching the views.
"""

from functools import reduce
from operator import and_, or_

from django.db.models import Q, QuerySet

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10


def normalize_query(q: str | None) -> str:
    """The query as typed, trimmed, whitespace collapsed and bounded in length."""
    return " ".join((q or "").split())[:MAX_QUERY_LENGTH]


def simple_search(queryset: QuerySet, q: str | None, fields: tuple[str, ...]) -> QuerySet:
    """Rows where every word of ``q`` occurs (case-insensitively) in at least one of ``fields``.

    An empty query returns ``queryset`` unchanged. Works the same on SQLite and
    PostgreSQL (``icontains``); accents are not folded yet.
    """
    terms = normalize_query(q).split()[:MAX_TERMS]
    if not terms or not fields:
        return queryset
    per_term = (
        reduce(or_, (Q(**{f"{field}__icontains": term}) for field in fields)) for term in terms
    )
    return queryset.filter(reduce(and_, per_term))
