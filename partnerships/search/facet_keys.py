"""Facet keys: every facet value of a row as one integer, to count all facets at once.

On PostgreSQL each searchable row stores ``facet_keys`` (``integer[]``, GIN index):
one key per facet value the row has (each theme, its format, the régions and
départements its territories lie in, its year, its tags…) plus ``TOTAL_KEY``.
A key is ``dimension * SPAN + value`` where the value is the id of the term,
territory or tag, the year itself, or a stable hash of a choice (language, stage).

Why: counting facets over the through tables takes one grouped join per facet,
each re-running the text search; at 100,000 resources that is seconds.
With the keys, all the disjunctive counts plus the total come from a single
pass over the matching rows, made in memory (``key_index``); a facet filter in
SQL is an array overlap served by the GIN index.

The keys are written with the search document (``document.refresh``), on every
write path that refreshes it, and after ``migrate`` for rows that have none;
``import_territories`` re-indexes content when the geography changed, and
``rebuild_search_index`` recomputes everything (run it after changing a choice list).
"""

import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import IntEnum

from django.db import connection

SPAN = 1 << 24
TOTAL_KEY = 0


class Dimension(IntEnum):
    TOTAL = 0
    THEME = 1
    FORMAT = 2
    AUDIENCE = 3
    PARTNERSHIP = 4
    REGION = 5
    DEPARTMENT = 6
    YEAR = 7
    LANGUAGE = 8
    TAG = 9
    FORM = 10
    STAGE = 11
    ACTOR_TYPE = 12
    PARTICIPANT_ACTOR_TYPE = 13


def key(dimension: int, value: int) -> int:
    return int(dimension) * SPAN + int(value)


def choice_value(choice: str) -> int:
    """A stable number for a choice string (independent of the order of the choices)."""
    return zlib.crc32(str(choice).encode()) % SPAN


def keys_of(dimension: int, values: Iterable[int | None]) -> list[int]:
    return [key(dimension, value) for value in values if value is not None]


class TerritoryAncestors:
    """The région and département ancestors (self included) of a batch's territories."""

    def __init__(self, territory_ids: Iterable[int]):
        from partnerships.models import TerritoryLevel, TerritoryLink

        self.by_territory: dict[int, list[int]] = defaultdict(list)
        levels = {TerritoryLevel.REGION: Dimension.REGION}
        levels[TerritoryLevel.DEPARTMENT] = Dimension.DEPARTMENT
        wanted = {pk for pk in territory_ids if pk is not None}
        rows = TerritoryLink.objects.filter(
            territory_id__in=wanted, ancestor__level__in=list(levels)
        ).values_list("territory_id", "ancestor_id", "ancestor__level")
        for territory_id, ancestor_id, level in rows:
            self.by_territory[territory_id].append(key(levels[level], ancestor_id))

    def keys(self, territory_ids: Iterable[int | None]) -> list[int]:
        return [k for pk in territory_ids if pk is not None for k in self.by_territory[pk]]


def _ids(manager) -> list[int]:
    return [item.pk for item in manager.all()]  # prefetched: no query


def resource_keys(resource, ancestors: TerritoryAncestors) -> list[int]:
    year = resource.publication_date.year if resource.publication_date else None
    return [
        *keys_of(Dimension.THEME, _ids(resource.themes)),
        *keys_of(Dimension.FORMAT, [resource.format_id]),
        *keys_of(Dimension.AUDIENCE, _ids(resource.audiences)),
        *keys_of(Dimension.PARTNERSHIP, _ids(resource.partnership_types)),
        *ancestors.keys(_ids(resource.coverage)),
        *keys_of(Dimension.YEAR, [year]),
        *keys_of(Dimension.LANGUAGE, [choice_value(resource.language)]),
        *keys_of(Dimension.TAG, _ids(resource.tags)),
    ]


def case_study_keys(case_study, ancestors: TerritoryAncestors) -> list[int]:
    return [
        *keys_of(Dimension.THEME, _ids(case_study.themes)),
        *keys_of(Dimension.PARTNERSHIP, _ids(case_study.partnership_types)),
        *keys_of(Dimension.FORM, _ids(case_study.co_construction_forms)),
        *keys_of(Dimension.STAGE, [choice_value(case_study.stage)]),
        *keys_of(
            Dimension.PARTICIPANT_ACTOR_TYPE,
            [p.actor_type_id for p in case_study.participants.all() if p.is_public],
        ),
        *ancestors.keys([case_study.main_territory_id]),
        *keys_of(Dimension.YEAR, [case_study.start_year]),
        *keys_of(Dimension.TAG, _ids(case_study.tags)),
    ]


def partner_keys(partner, ancestors: TerritoryAncestors) -> list[int]:
    return [
        *keys_of(Dimension.ACTOR_TYPE, [partner.actor_type_id]),
        *keys_of(Dimension.THEME, _ids(partner.themes)),
        *ancestors.keys([partner.home_territory_id]),
    ]


@dataclass(frozen=True)
class KeySpec:
    """How to compute a model's keys, and which territories give its location keys."""

    keys: Callable
    territories: Callable

    def batch(self, instances: list) -> dict[int, list[int]]:
        """``{pk: sorted distinct keys}`` for a batch, with one query for the territories."""
        ancestors = TerritoryAncestors(pk for i in instances for pk in self.territories(i))
        return {i.pk: sorted({TOTAL_KEY, *self.keys(i, ancestors)}) for i in instances}


RESOURCE_KEYS = KeySpec(resource_keys, lambda resource: _ids(resource.coverage))
CASE_STUDY_KEYS = KeySpec(case_study_keys, lambda case_study: [case_study.main_territory_id])
PARTNER_KEYS = KeySpec(partner_keys, lambda partner: [partner.home_territory_id])


def uses_keys() -> bool:
    """Counting by keys needs arrays: PostgreSQL. SQLite counts through the relations."""
    return connection.vendor == "postgresql"
