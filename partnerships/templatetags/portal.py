"""Template helpers of the public site: absolute URLs, language links, JSON-LD, file facts."""

import json
import posixpath
from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info

register = template.Library()

# What json_script escapes, so that no string can close the <script> element.
JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def absolute_uri(context, path=None) -> str:
    """``path`` (default: the current path, without its query string) as an absolute URL."""
    request = context.get("request")
    if request is None:
        return path or "/"
    return request.build_absolute_uri(path if path is not None else request.path)


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """One entry per language: the current page in that language (same path, same query)."""
    request = context.get("request")
    current = context.get("LANGUAGE_CODE") or settings.LANGUAGE_CODE
    full_path = request.get_full_path() if request is not None else "/"
    links = []
    for code, _name in settings.LANGUAGES:
        info = get_language_info(code)
        url = full_path if code == current else translate_url(full_path, code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": url,
                "absolute_url": request.build_absolute_uri(url) if request is not None else url,
                "current": code == current,
            }
        )
    return links


@register.filter
def jsonld(data) -> str:
    """A schema.org ``<script type="application/ld+json">`` element, safely escaped."""
    if not data:
        return ""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


@register.filter
def domain(url: str) -> str:
    """``https://www.example.org/guide`` → ``example.org``."""
    host = urlsplit(url or "").hostname or ""
    return host.removeprefix("www.")


@register.simple_tag
def file_facts(field_file) -> dict:
    """The extension (« PDF ») and size in bytes (or None) of an uploaded file."""
    if not field_file:
        return {}
    extension = posixpath.splitext(field_file.name)[1].lstrip(".").upper()
    try:
        size = field_file.size
    except (OSError, ValueError):
        size = None
    return {"extension": extension, "size": size}


@register.simple_tag
def heading(level, text, css_class="", id=""):  # noqa: A002 - the HTML attribute's name
    """``<hN>`` for a level given at run time (cards are h2, h3 or h4 depending on the page)."""
    level = min(max(int(level or 2), 1), 6)
    attributes = format_html(' class="{}"', css_class) if css_class else ""
    if id:
        attributes += format_html(' id="{}"', id)
    return format_html("<h{}{}>{}</h{}>", level, attributes, text, level)


@register.simple_tag(takes_context=True)
def page_url(context, number) -> str:
    """The link to page ``number`` of the current listing.

    Faceted listings build it on their canonical URL (so links never carry empty or
    reordered parameters, and page 1 has no ``page``); other paginated pages keep
    their query string and only change ``page``.
    """
    canonical = context.get("canonical_url")
    if canonical:
        if int(number) == 1:
            return canonical
        separator = "&" if "?" in canonical else "?"
        return f"{canonical}{separator}page={int(number)}"
    request = context["request"]
    query = request.GET.copy()
    query["page"] = number
    return f"?{query.urlencode()}"


@register.simple_tag
def content_lang(code: str = "fr"):
    """`` lang="fr"`` on content written in another language than the page (WCAG 3.1.2).

    The interface is translated, the content (titles, summaries, taxonomy names) is not:
    on an English page, French passages say so. Nothing on a page in that language, or
    for a language the site does not know (a resource in « another language »).
    """
    if code not in dict(settings.LANGUAGES) or code == get_language():
        return ""
    return format_html(' lang="{}"', code)
