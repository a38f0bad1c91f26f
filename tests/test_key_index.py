"""The in-memory key index on a hand-built set where every count is known."""

from datetime import UTC, datetime

import numpy as np

from partnerships.search.facet_keys import SPAN, TOTAL_KEY, Dimension, key
from partnerships.search.key_index import KeyIndex

THEME, FORMAT = Dimension.THEME, Dimension.FORMAT
WATER, MOBILITY = key(THEME, 1), key(THEME, 2)
GUIDE, STUDY = key(FORMAT, 7), key(FORMAT, 8)

# id: keys (rows are given newest first, as the index stores them)
ROWS = {
    10: [WATER, GUIDE],
    11: [WATER, MOBILITY, STUDY],
    12: [MOBILITY, GUIDE],
    13: [STUDY],
    14: [],  # no facet at all: it still counts in the total
}
NOW = datetime(2026, 11, 26, tzinfo=UTC)


def build(published_at=None) -> KeyIndex:
    ids = list(ROWS)
    keys = [sorted({TOTAL_KEY, *ROWS[pk]}) for pk in ids]
    published_at = published_at or [NOW.timestamp() - n for n in range(len(ids))]
    by_title = [11, 13, 10, 14, 12]
    flat = [k for row in keys for k in row]
    # (content id, territory id): 10 and 12 in territory 500, 12 also in 501; 99 unknown
    links = ([10, 12, 12, 99], [500, 500, 501, 500])
    return KeyIndex(
        ids, published_at, [len(row) for row in keys], flat, lambda: by_title, lambda: links
    )


def counts_of(selection, dimension):
    return selection.counts.get(int(dimension), {})


def test_without_a_selection_every_row_counts_once_per_value():
    index = build()
    selection = index.select(index.visible_rows(NOW), {})
    assert counts_of(selection, Dimension.TOTAL) == {0: 5}
    assert counts_of(selection, THEME) == {1: 2, 2: 2}
    assert counts_of(selection, FORMAT) == {7: 2, 8: 2}
    assert selection.passing.all()


def test_counts_are_disjunctive_or_within_and_across():
    index = build()
    rows = index.visible_rows(NOW)
    selection = index.select(rows, {THEME: [WATER], FORMAT: [GUIDE, STUDY]})
    # Passing both facets: 10 (water, guide) and 11 (water, study).
    assert list(index.ids[rows[selection.passing]]) == [10, 11]
    assert counts_of(selection, Dimension.TOTAL) == {0: 2}
    # Theme counts ignore the theme selection: rows with a guide or a study.
    assert counts_of(selection, THEME) == {1: 2, 2: 2}
    # Format counts ignore the format selection: rows about water.
    assert counts_of(selection, FORMAT) == {7: 1, 8: 1}


def test_a_row_failing_two_facets_counts_nowhere():
    index = build()
    selection = index.select(index.visible_rows(NOW), {THEME: [MOBILITY], FORMAT: [STUDY]})
    # 13 fails the theme only: it counts in the theme facet; 14 fails both: nowhere.
    assert counts_of(selection, THEME) == {1: 1, 2: 1}
    assert counts_of(selection, FORMAT) == {7: 1, 8: 1}
    assert counts_of(selection, Dimension.TOTAL) == {0: 1}


def test_a_base_subset_and_unknown_keys():
    index = build()
    rows = index.rows_of([12, 10, 99])  # 99 is not in the index
    assert sorted(index.ids[rows]) == [10, 12]
    selection = index.select(np.sort(rows), {THEME: [key(THEME, 42)]})
    assert counts_of(selection, Dimension.TOTAL) == {0: 0}
    assert counts_of(selection, THEME) == {1: 1, 2: 1}


def test_scheduled_rows_are_hidden_until_their_time():
    later = NOW.timestamp() + 3600
    index = build(published_at=[later, *[NOW.timestamp() - n for n in range(1, 5)]])
    assert 10 not in index.ids[index.visible_rows(NOW)]
    assert 10 in index.ids[index.visible_rows(datetime.fromtimestamp(later + 1, tz=UTC))]


def test_orders_by_title_and_by_relevance_then_newest():
    index = build()
    rows = index.visible_rows(NOW)
    assert list(index.ids[index.by_title(rows)]) == [11, 13, 10, 14, 12]
    relevance = np.array([0.1, 0.5, 0.1, 0.5, 0.0])
    assert list(index.ids[index.by_relevance(rows, relevance)]) == [11, 13, 10, 12, 14]


def test_an_empty_index():
    index = KeyIndex([], [], [], [])
    selection = index.select(index.visible_rows(NOW), {THEME: [WATER]})
    assert selection.counts == {TOTAL_KEY // SPAN: {0: 0}}
    assert len(index.rows_of([1, 2])) == 0


def test_rows_tied_to_territories():
    index = build()
    assert list(index.ids[index.rows_tied_to([500])]) == [10, 12]
    assert list(index.ids[index.rows_tied_to([501, 501])]) == [12]
    assert list(index.rows_tied_to([777])) == []
