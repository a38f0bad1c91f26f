"""The words of titles and summaries, for « vouliez-vous dire … » suggestions.

When a search finds nothing, each word that is not in the lexicon is replaced
by the closest word that is: by trigram similarity on PostgreSQL (pg_trgm,
GIN index), by difflib on SQLite.
"""

import difflib
from collections.abc import Iterable

from django.db import connection

from partnerships.models.territory import normalize_name

MIN_WORD_LENGTH = 4
MAX_WORD_LENGTH = 40
TRIGRAM_THRESHOLD = 0.35


def words_of(texts: Iterable[str]) -> set[str]:
    return {
        word
        for text in texts
        for word in normalize_name(text).split()
        if MIN_WORD_LENGTH <= len(word) <= MAX_WORD_LENGTH and not word.isdigit()
    }


def learn(texts: Iterable[str]) -> None:
    from partnerships.models import SearchTerm

    words = words_of(texts)
    if words:
        SearchTerm.objects.bulk_create(
            [SearchTerm(word=word) for word in sorted(words)],
            ignore_conflicts=True,
            batch_size=1000,
        )


def closest_word(word: str) -> str | None:
    from partnerships.models import SearchTerm

    if len(word) < MIN_WORD_LENGTH or SearchTerm.objects.filter(word=word).exists():
        return None
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT word FROM partnerships_searchterm "
                "WHERE word %% %s AND similarity(word, %s) >= %s "
                "ORDER BY similarity(word, %s) DESC, word LIMIT 1",
                [word, word, TRIGRAM_THRESHOLD, word],
            )
            row = cursor.fetchone()
        return row[0] if row else None
    candidates = SearchTerm.objects.filter(word__startswith=word[0]).values_list("word", flat=True)
    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.75)
    return matches[0] if matches else None


def suggest(words: list[str]) -> str | None:
    """The query with each unknown word replaced by its closest known word, if any changed."""
    corrected = [closest_word(word) or word for word in words]
    return " ".join(corrected) if corrected != words else None
