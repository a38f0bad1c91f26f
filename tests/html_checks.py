"""A small HTML checker for the public pages (standard library only: ``html.parser``).

``html_problems(text)`` returns what a visitor or an assistive technology would trip
on, one readable line per problem (with its line number), an empty list when the page
is sound:

- **unbalanced tags**: an end tag that closes nothing or skips open elements, an
  element left open at the end (void elements such as ``<br>`` or ``<img>`` have no
  end tag; ``<x/>`` in SVG closes itself);
- **duplicate ids** (a skip link, a label or ``aria-describedby`` would point at the
  first one only);
- **no ``lang`` on ``<html>``** (screen readers would guess the language);
- **headings that skip a level** (``<h2>`` then ``<h4>``), the first heading of the
  page being an ``<h1>``;
- **links without an accessible name**: an ``<a href>`` with no text, no ``alt`` of
  an image, no ``<title>`` of an SVG, no ``aria-label``/``aria-labelledby``/``title``
  (content under ``aria-hidden="true"`` does not count; a hidden link needs no name).

Every template writes end tags the HTML syntax would let it omit (``</p>``, ``</li>``),
and the sanitiser writes them in rich text, so the check is strict about them too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID_ELEMENTS = frozenset(
    ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param")
    + ("source", "track", "wbr")
)
HEADING = re.compile(r"^h([1-6])$")


@dataclass
class _Link:
    line: int
    href: str
    depth: int  # position of the <a> in the stack of open elements
    named: bool  # aria-label, aria-labelledby or title
    text: list[str] = field(default_factory=list)


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.stack: list[tuple[str, int, bool]] = []  # (tag, line, aria-hidden)
        self.ids: dict[str, int] = {}
        self.html_lang_seen = False
        self.last_heading = 0
        self.links: list[_Link] = []

    # -- helpers ------------------------------------------------------------------
    def report(self, message: str) -> None:
        self.problems.append(f"line {self.getpos()[0]}: {message}")

    def hidden(self) -> bool:
        return any(is_hidden for _tag, _line, is_hidden in self.stack)

    def name_text(self, text: str) -> None:
        """Text that counts towards the name of every link open around it."""
        if text.strip() and not self.hidden():
            for link in self.links:
                link.text.append(text)

    # -- parser callbacks ---------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open_element(tag, dict(attrs), closes_itself=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open_element(tag, dict(attrs), closes_itself=True)

    def open_element(self, tag: str, attrs: dict[str, str | None], closes_itself: bool) -> None:
        line = self.getpos()[0]
        element_id = attrs.get("id")
        if element_id is not None:
            if element_id in self.ids:
                self.report(f'duplicate id="{element_id}" (first on line {self.ids[element_id]})')
            else:
                self.ids[element_id] = line
        if tag == "html":
            self.html_lang_seen = True
            if not (attrs.get("lang") or "").strip():
                self.report("<html> has no lang attribute")
        heading = HEADING.match(tag)
        if heading:
            level = int(heading.group(1))
            if level > self.last_heading + 1:
                previous = f"<h{self.last_heading}>" if self.last_heading else "the page start"
                self.report(f"<h{level}> follows {previous}: a heading level is skipped")
            self.last_heading = level
        is_hidden = attrs.get("aria-hidden") == "true" or "hidden" in attrs
        # Alternative text counts towards the name of the links around it.
        for name_attribute in ("alt", "aria-label"):
            if tag != "a" and (attrs.get(name_attribute) or "").strip() and not is_hidden:
                self.name_text(attrs[name_attribute])
        if tag == "a" and attrs.get("href") is not None and not is_hidden and not self.hidden():
            named = any(
                (attrs.get(attribute) or "").strip()
                for attribute in ("aria-label", "aria-labelledby", "title")
            )
            self.links.append(_Link(line, attrs["href"] or "", len(self.stack), named))
        if tag in VOID_ELEMENTS or closes_itself:
            return
        self.stack.append((tag, line, is_hidden))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_ELEMENTS:
            return
        open_tags = [open_tag for open_tag, _line, _hidden in self.stack]
        if tag not in open_tags:
            self.report(f"</{tag}> closes no open element")
            return
        index = len(open_tags) - 1 - open_tags[::-1].index(tag)
        for unclosed, line, _hidden in self.stack[index + 1 :]:
            self.report(f"<{unclosed}> opened on line {line} is closed by </{tag}>")
        del self.stack[index:]
        while self.links and self.links[-1].depth >= len(self.stack):
            link = self.links.pop()
            if not link.named and not " ".join(link.text).strip():
                self.problems.append(
                    f'line {link.line}: link to "{link.href}" has no accessible name'
                )

    def handle_data(self, data: str) -> None:
        self.name_text(data)

    def close(self) -> None:
        super().close()
        for tag, line, _hidden in self.stack:
            self.problems.append(f"line {line}: <{tag}> is never closed")
        if not self.html_lang_seen:
            self.problems.append("no <html> element (and so no lang)")


def html_problems(text: str) -> list[str]:
    """Every problem of the HTML page ``text`` (see the module docstring); [] when none."""
    checker = _Checker()
    checker.feed(text)
    checker.close()
    return checker.problems
