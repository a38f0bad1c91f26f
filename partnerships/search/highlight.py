"""Highlighted snippets: the part of a text around the first match, matches in <mark>.

Done in Python on the page's rows only (twenty at most), the same way on both
databases: the text is split into words, every word whose normalised form
starts with a (lightly stemmed) query word is wrapped in <mark>, and every
piece is HTML-escaped, so the result is safe to display.
"""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from partnerships.models.territory import normalize_name

from .query import light_stem

WORD = re.compile(r"\w+", re.UNICODE)
CONTEXT_CHARS = 120
MAX_CHARS = 300


def highlight(text: str, words: list[str]) -> SafeString:
    text = text or ""
    stems = [light_stem(word) for word in words if len(word) >= 2]
    matches = [
        match
        for match in WORD.finditer(text)
        if stems and any(normalize_name(match.group()).startswith(stem) for stem in stems)
    ]
    start = max(0, matches[0].start() - CONTEXT_CHARS) if matches else 0
    end = min(len(text), start + MAX_CHARS)
    pieces = ["…" if start > 0 else ""]
    cursor = start
    for match in matches:
        if match.start() < start or match.end() > end:
            continue
        pieces.append(escape(text[cursor : match.start()]))
        pieces.append(f"<mark>{escape(match.group())}</mark>")
        cursor = match.end()
    pieces.append(escape(text[cursor:end]))
    if end < len(text):
        pieces.append("…")
    return mark_safe("".join(pieces))  # noqa: S308 - every piece above is escaped
