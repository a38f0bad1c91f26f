"""The facet keys of a listing's published rows, in memory: counts and pages without SQL.

Why: at 100,000 resources, counting the facets of 30,000 matching rows in SQL
(unnesting a million keys and aggregating them) takes 120–190 ms, and the page
query evaluates the text match a second time. With this index, one SQL query
finds the rows matching the text and the territory (with their relevance), or
none at all when there is neither; the facet filters, the disjunctive counts,
the total and the order of the page are computed over numpy arrays in a few
milliseconds; then only the rows of the page are read from the database.

The index holds every row whose status is « published » (scheduled ones
included: ``published_at`` is compared with the clock at each request), in the
« newest » order (``published_at`` descending, then id), with its facet keys
(see ``facet_keys``) and, once a listing sorts by title, its rank by title.
Each process loads it once per content version (``generation.current``, kept
by PostgreSQL's triggers): about 1 s and 15 MB for 100,000 resources on the
benchmark machine (``bench_search`` prints the load time). PostgreSQL only:
SQLite counts through the relations.
"""

import threading
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from django.db import connection

from ..models import PublicationStatus
from . import generation
from .facet_keys import SPAN, TOTAL_KEY


@dataclass(frozen=True)
class Selection:
    """What one listing state gives: the counts of every facet and the rows passing all."""

    counts: dict[int, dict[int, int]]  # {dimension: {value: count}}, total in [0][0]
    passing: np.ndarray  # aligned with the base rows: True where a row passes every facet


class KeyIndex:
    """One model's published rows (see the module docstring); row number = newest order."""

    def __init__(self, ids, published_at, lengths, keys, title_order=None, territory_links=None):
        self.ids = np.asarray(ids, dtype=np.int64)
        self.published_at = np.asarray(published_at, dtype=np.float64)
        lengths = np.asarray(lengths, dtype=np.int64)
        self.offsets = np.concatenate(([0], np.cumsum(lengths)))
        keys = np.asarray(keys, dtype=np.int64)
        # Keys as dense codes: counting is then one bincount.
        self.codes, self.entry_codes = np.unique(keys, return_inverse=True)
        self.entry_codes = self.entry_codes.astype(np.int32)
        self.entry_rows = np.repeat(np.arange(len(self.ids), dtype=np.int32), lengths)
        self.code_dimensions = (self.codes // SPAN).astype(np.int32)
        self.code_values = self.codes % SPAN
        self.all_counts = self._bincount(self.entry_codes)
        self.id_order = np.argsort(self.ids, kind="stable")
        self.sorted_ids = self.ids[self.id_order]
        # ``title_order()``: the ids by title, asked for the first time a listing sorts so.
        self._title_order = title_order
        self._title_rank = None
        # ``territory_links()``: (content id, territory id) pairs, asked for the first
        # time a listing filters by territory without a text query.
        self._territory_links = territory_links
        self._links = None

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def load(cls, model) -> "KeyIndex":
        table = model._meta.db_table
        order = "ORDER BY published_at DESC, id"
        with connection.cursor() as cursor:
            # Four aggregates, not 100,000 rows: a few arrays and one string to parse.
            cursor.execute(
                f"""
                SELECT array_agg(id {order}),
                       array_agg(coalesce(extract(epoch FROM published_at)::float8,
                                          'Infinity') {order}),
                       array_agg(coalesce(cardinality(facet_keys), 0) {order}),
                       string_agg(array_to_string(facet_keys, ' '), ' ' {order})
                FROM {table} WHERE status = %s
                """,
                [PublicationStatus.PUBLISHED],
            )
            ids, published_at, lengths, keys = cursor.fetchone()
        if not ids:
            return cls([], [], [], [])
        flat = np.fromstring(keys or "", dtype=np.int64, sep=" ")
        return cls(
            ids,
            published_at,
            lengths,
            flat,
            title_order=lambda: _ids_by_title(model),
            territory_links=lambda: _territory_links(model),
        )

    # --- from ids to rows ------------------------------------------------------------
    def rows_of(self, ids) -> np.ndarray:
        """Row numbers of ``ids`` (ids the index does not hold are left out), same order."""
        rows, found = self.lookup(ids)
        return rows[found]

    def lookup(self, ids) -> tuple[np.ndarray, np.ndarray]:
        """Row numbers of ``ids`` and whether each was found (the row is 0 where not)."""
        ids = np.asarray(ids, dtype=np.int64)
        if not len(self.ids) or not len(ids):
            return np.zeros(len(ids), dtype=np.int64), np.zeros(len(ids), dtype=bool)
        positions = np.minimum(np.searchsorted(self.sorted_ids, ids), len(self.ids) - 1)
        return self.id_order[positions], self.sorted_ids[positions] == ids

    def rows_tied_to(self, territory_ids) -> np.ndarray:
        """Rows tied to any of ``territory_ids`` by the model's territory relations, ascending.

        The in-memory form of ``TerritorialQuerySet._condition``.
        """
        if self._links is None:
            load = self._territory_links or (lambda: ([], []))
            content_ids, territories = load()
            rows, found = self.lookup(content_ids)
            territories = np.asarray(territories, dtype=np.int64)[found]
            order = np.argsort(territories, kind="stable")
            self._links = (territories[order], rows[found][order])
        territories, rows = self._links
        wanted = np.unique(np.asarray(territory_ids, dtype=np.int64))
        starts = np.searchsorted(territories, wanted, "left")
        lengths = np.searchsorted(territories, wanted, "right") - starts
        return np.unique(rows[_ranges(starts, lengths)])

    def visible_rows(self, now: datetime) -> np.ndarray:
        """Every row whose publication time has come: what ``published()`` returns."""
        return np.flatnonzero(self.published_at <= now.timestamp())

    def visible(self, rows: np.ndarray, now: datetime) -> np.ndarray:
        """Those of ``rows`` whose publication time has come."""
        return rows[self.published_at[rows] <= now.timestamp()]

    # --- counting --------------------------------------------------------------------
    def select(self, rows: np.ndarray, selections: dict[int, list[int]]) -> Selection:
        """Disjunctive counts over ``rows`` (the base: text, territory) and the rows passing.

        Same rule as the relational counts: a row counts towards the values of
        facet F when it passes every active facet other than F, towards the total
        when it passes them all. ``rows`` must be ascending (newest order).
        """
        everything = len(rows) == len(self.ids)
        if everything:
            codes, local = self.entry_codes, self.entry_rows
        else:
            lengths = self.offsets[rows + 1] - self.offsets[rows]
            codes = self.entry_codes[_ranges(self.offsets[rows], lengths)]
            local = np.repeat(np.arange(len(rows), dtype=np.int32), lengths)
        active = {int(dimension): keys for dimension, keys in selections.items() if keys}
        if not active:
            totals = self.all_counts if everything else self._bincount(codes)
            return Selection(counts=self._counts(totals), passing=np.ones(len(rows), dtype=bool))
        # Per row: 0 when it passes every facet, the dimension of the one facet it
        # fails, or -1 when it fails several (it then counts nowhere).
        state = np.zeros(len(rows), dtype=np.int32)
        for dimension, keys in active.items():
            chosen = np.zeros(len(self.codes), dtype=bool)
            chosen[self._codes_of(keys)] = True
            passes = np.zeros(len(rows), dtype=bool)
            passes[local[chosen[codes]]] = True
            failing = ~passes
            state[failing] = np.where(state[failing] == 0, dimension, -1)
        entry_state = state[local]
        counted = (entry_state == 0) | (entry_state == self.code_dimensions[codes])
        totals = self._bincount(codes[counted])
        return Selection(counts=self._counts(totals), passing=state == 0)

    def _codes_of(self, keys) -> np.ndarray:
        keys = np.asarray(keys, dtype=np.int64)
        positions = np.minimum(np.searchsorted(self.codes, keys), max(len(self.codes) - 1, 0))
        return positions[self.codes[positions] == keys] if len(self.codes) else positions[:0]

    def _bincount(self, codes: np.ndarray) -> np.ndarray:
        return np.bincount(codes, minlength=len(self.codes))

    def _counts(self, totals: np.ndarray) -> dict[int, dict[int, int]]:
        counts: dict[int, dict[int, int]] = {TOTAL_KEY // SPAN: {TOTAL_KEY % SPAN: 0}}
        for code in np.flatnonzero(totals):
            dimension = int(self.code_dimensions[code])
            counts.setdefault(dimension, {})[int(self.code_values[code])] = int(totals[code])
        return counts

    # --- ordering --------------------------------------------------------------------
    def by_title(self, rows: np.ndarray) -> np.ndarray:
        if self._title_rank is None:
            ranks = np.zeros(len(self.ids), dtype=np.int64)
            by_title = self.rows_of(self._title_order() if self._title_order else [])
            ranks[by_title] = np.arange(len(by_title))
            self._title_rank = ranks
        return rows[np.argsort(self._title_rank[rows], kind="stable")]

    def by_relevance(self, rows: np.ndarray, relevance: np.ndarray) -> np.ndarray:
        """Most relevant first, then newest (``relevance`` aligned with ``rows``)."""
        return rows[np.lexsort((rows, -relevance))]


def _ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The positions ``start, start + 1, … start + length - 1`` of every range, in turn."""
    shifts = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
    return shifts + np.arange(int(lengths.sum()))


def _territory_links(model) -> tuple[list[int], list[int]]:
    """(content id, territory id) of the published rows, over every territory relation."""
    content_ids, territory_ids = [], []
    published = {"status": PublicationStatus.PUBLISHED}
    for name in model.objects.get_queryset().territory_relations:
        field = model._meta.get_field(name)
        if field.many_to_many:
            through = field.remote_field.through
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            pairs = through.objects.filter(
                **{f"{source}__{key}": value for key, value in published.items()}
            ).values_list(f"{source}_id", f"{target}_id")
        else:
            pairs = model.objects.filter(**published, **{f"{field.attname}__isnull": False})
            pairs = pairs.values_list("pk", field.attname)
        for content_id, territory_id in pairs:
            content_ids.append(content_id)
            territory_ids.append(territory_id)
    return content_ids, territory_ids


def _ids_by_title(model) -> list[int]:
    """The published ids in the database's own title order (its collation), as SQL sorts."""
    published = model.objects.filter(status=PublicationStatus.PUBLISHED)
    return list(published.order_by(_title_field(model), "pk").values_list("pk", flat=True))


def _title_field(model) -> str:
    """What a row is called: its title, or a partner's name."""
    return "title" if any(field.name == "title" for field in model._meta.fields) else "name"


_indexes: dict[str, tuple[int, KeyIndex]] = {}
_lock = threading.Lock()


def index_for(model, version: int | None = None) -> KeyIndex:
    """The model's index for the current content version, loaded when it moved."""
    version = generation.current() if version is None else version
    label = model._meta.label_lower
    # Keyed by database too: the test suite and a benchmark may use two in one process.
    slot = f"{connection.alias}:{connection.settings_dict['NAME']}:{label}"
    cached = _indexes.get(slot)
    if cached is not None and cached[0] == version:
        return cached[1]
    with _lock:
        cached = _indexes.get(slot)
        if cached is None or cached[0] != version:
            cached = (version, KeyIndex.load(model))
            _indexes[slot] = cached
    return cached[1]


def tied_to(model, territory_ids, limit: int, now: datetime) -> tuple[int, list[int]]:
    """How many public rows of ``model`` are tied to ``territory_ids``, and the ids of the
    first ``limit`` in the model's default order when it is by title (partners, by name),
    newest first otherwise.

    The in-memory form of ``model.objects.published()._matching(ids)``: a territory
    page asks it six times, and at 100,000 resources each SQL count took tens of ms.
    """
    index = index_for(model)
    rows = index.visible(index.rows_tied_to(territory_ids), now)
    if model._meta.ordering[:1] == [_title_field(model)]:
        rows = index.by_title(rows)
    return len(rows), [int(pk) for pk in index.ids[rows[:limit]]]
