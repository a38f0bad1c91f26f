"""Template filters for rich text: sanitise on display and fit headings into the page outline."""

import re

from django import template
from django.utils.safestring import mark_safe

from ..sanitize import clean_html

register = template.Library()

HEADING_TAG = re.compile(r"<(/?)h([1-6])(\s[^>]*)?>", re.IGNORECASE)


def shift_headings(html: str, top_level: int) -> str:
    """Renumber headings so the fragment's outline starts at ``top_level`` without gaps.

    The distinct levels used, in order, become ``top_level``, ``top_level + 1``…
    (capped at 6): a body using h2 and h4 under an h2 section becomes h3 and h4.
    """
    used = sorted({int(level) for _slash, level, _attrs in HEADING_TAG.findall(html)})
    if not used:
        return html
    mapping = {level: min(top_level + rank, 6) for rank, level in enumerate(used)}

    def renumber(match: re.Match) -> str:
        slash, level, attrs = match.group(1), int(match.group(2)), match.group(3) or ""
        return f"<{slash}h{mapping[level]}{attrs}>"

    return HEADING_TAG.sub(renumber, html)


@register.filter
def sanitize(value, top_heading_level=2):
    """Clean ``value`` with the project's allow-list and mark it safe.

    ``{{ body|sanitize:3 }}`` also renumbers the fragment's headings to start at h3,
    for rich text shown under an h2.
    """
    cleaned = clean_html(str(value or ""))
    try:
        level = int(top_heading_level)
    except (TypeError, ValueError):
        level = 2
    return mark_safe(shift_headings(cleaned, max(1, min(level, 6))))  # noqa: S308 - cleaned by nh3
