"""Full-text matching and ranking, one backend per database.

``backend().apply(queryset, parsed)`` filters a queryset of a searchable
model to the rows matching the query and annotates ``relevance`` on them.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection, models
from django.db.models import Case, F, Q, Value, When

from .query import ParsedQuery, Term, light_stem

SEARCH_CONFIG = "french_unaccent"
# Weights of the D, C, B, A parts (title A ranks above summary B, above body C).
RANK_WEIGHTS = [0.05, 0.2, 0.4, 1.0]


class PostgresBackend:
    """websearch_to_tsquery over the weighted tsvector, the last word as a prefix."""

    def tsquery(self, parsed: ParsedQuery):
        prefix = parsed.prefix_term
        text = parsed.raw
        query = None
        if prefix is not None:
            # Everything but the last word goes through websearch syntax; the
            # last word is ANDed as a stemmed prefix ("coopér" finds coopération).
            rest = _without_last_word(text)
            query = SearchQuery(f"{prefix.text}:*", search_type="raw", config=SEARCH_CONFIG)
            if rest.strip():
                query = SearchQuery(rest, search_type="websearch", config=SEARCH_CONFIG) & query
        else:
            query = SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)
        return query

    def apply(self, queryset: models.QuerySet, parsed: ParsedQuery) -> models.QuerySet:
        query = self.tsquery(parsed)
        return queryset.filter(search_vector=query).annotate(
            relevance=SearchRank(F("search_vector"), query, weights=RANK_WEIGHTS)
        )


def _without_last_word(text: str) -> str:
    stripped = text.rstrip()
    cut = max(stripped.rfind(" "), stripped.rfind("\t"))
    return stripped[: cut + 1] if cut >= 0 else ""


class PortableBackend:
    """LIKE over the normalised search document, ranked by the part a term falls in.

    The document is ``title | summary, tags, themes | body, partners, territories``
    and normalisation leaves no ``|`` inside a part, so a term before the first
    ``|`` is in the title (4 points), before the second in the summary part (2),
    anywhere else in the body part (1).
    """

    def _needle(self, term: Term) -> str:
        return term.text if " " in term.text else light_stem(term.text)

    def apply(self, queryset: models.QuerySet, parsed: ParsedQuery) -> models.QuerySet:
        condition = Q()
        for clause in parsed.clauses:
            alternatives = Q()
            for term in clause:
                alternatives |= Q(search_document__contains=self._needle(term))
            condition &= ~alternatives if clause[0].negated else alternatives
        score = Value(0)
        for term in parsed.positive_terms:
            needle = re.escape(self._needle(term))
            score += Case(
                When(search_document__regex=rf"^[^|]*{needle}", then=Value(4)),
                When(search_document__regex=rf"^[^|]*\|[^|]*{needle}", then=Value(2)),
                When(search_document__contains=self._needle(term), then=Value(1)),
                default=Value(0),
            )
        return queryset.filter(condition).annotate(relevance=score)


def backend():
    if connection.vendor == "postgresql":
        return PostgresBackend()
    return PortableBackend()
