"""Parsing what people type into the search box.

The syntax is the familiar web one, as PostgreSQL's ``websearch_to_tsquery``
reads it: words are ANDed, ``"a phrase"`` keeps words together, ``-word``
excludes, ``or`` between two terms accepts either. The portable backend uses
this parse directly; the PostgreSQL backend hands the text to PostgreSQL and
uses the parse only to find the last word, which is matched as a prefix while
people are still typing it.
"""

import re
from dataclasses import dataclass, field

from partnerships.models.territory import normalize_name

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
TOKEN_PATTERN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@dataclass(frozen=True)
class Term:
    text: str  # normalised: lower case, no accents, no punctuation
    negated: bool = False
    phrase: bool = False


@dataclass
class ParsedQuery:
    raw: str
    clauses: list[list[Term]] = field(default_factory=list)  # AND of ORs
    truncated: bool = False

    def __bool__(self) -> bool:
        return bool(self.clauses)

    @property
    def positive_terms(self) -> list[Term]:
        return [term for clause in self.clauses for term in clause if not term.negated]

    @property
    def prefix_term(self) -> Term | None:
        """The last word when it is a plain word: the one still being typed."""
        if not self.clauses or len(self.clauses[-1]) > 1:
            return None
        last = self.clauses[-1][-1]
        if last.negated or last.phrase or " " in last.text:
            return None
        return last

    @property
    def words(self) -> list[str]:
        return [word for term in self.positive_terms for word in term.text.split()]


def light_stem(word: str) -> str:
    """A very light French stemmer for the portable backend: drop a plural -s/-x."""
    if len(word) > 4 and word[-1] in "sx" and word[-2] not in "sx":
        return word[:-1]
    return word


CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def parse_query(raw: str | None) -> ParsedQuery:
    # Control characters (NUL above all, which PostgreSQL refuses in a string) are spaces.
    text = " ".join(CONTROL_CHARACTERS.sub(" ", raw or "").split())
    truncated = len(text) > MAX_QUERY_LENGTH
    text = text[:MAX_QUERY_LENGTH]
    parsed = ParsedQuery(raw=text, truncated=truncated)
    pending_or = False
    for match in TOKEN_PATTERN.finditer(text):
        minus, phrase, word = match.groups()
        if word is not None and word.lower() == "or":
            pending_or = bool(parsed.clauses)
            continue
        negated = bool(minus) or (word is not None and word.startswith("-") and len(word) > 1)
        source = phrase if phrase is not None else word.lstrip("-")
        normalised = normalize_name(source)
        if not normalised:
            continue
        term = Term(text=normalised, negated=negated, phrase=phrase is not None)
        if pending_or and not negated and not parsed.clauses[-1][-1].negated:
            parsed.clauses[-1].append(term)
        else:
            if len(parsed.clauses) >= MAX_TERMS:
                parsed.truncated = True
                break
            parsed.clauses.append([term])
        pending_or = False
    return parsed
