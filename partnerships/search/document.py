"""The denormalised search document of each searchable model, and keeping it in step.

Each searchable row stores:

- ``search_document``: the accent-free, lower-case text of the row in three
  weighted parts separated by ``|`` (title | summary, tags, themes | body,
  partners, territories). The portable backend searches it with LIKE and ranks
  by the part a term falls in; ``|`` never occurs inside a part because
  normalisation turns punctuation into spaces.
- ``search_vector`` (PostgreSQL): the same parts as a weighted tsvector
  (A, B, C) in the ``french_unaccent`` configuration, behind a GIN index.
- ``facet_keys`` (PostgreSQL): the row's facet values as integers, from which
  the facet counts are computed in one pass (see ``facet_keys``).

Partners appear in their resources' and case studies' documents (and facet keys) only
while they are public: a draft partner is never found through them.

Every write path calls ``refresh()`` (signals for saves and m2m changes, the
importers and ``load_demo`` in bulk); ``rebuild_search_index`` recomputes all.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from html import unescape

from django.db import connection, models
from django.utils.html import strip_tags

from partnerships.models.territory import normalize_name

from . import facet_keys

SEPARATOR = " | "
BATCH_SIZE = 500
WHITESPACE = re.compile(r"\s+")


def plain(html: str) -> str:
    return WHITESPACE.sub(" ", unescape(strip_tags(html or ""))).strip()


def join(values: Iterable[str]) -> str:
    return " ".join(value for value in values if value)


@dataclass(frozen=True)
class WeightedText:
    a: str
    b: str
    c: str

    @property
    def document(self) -> str:
        return SEPARATOR.join(normalize_name(part) for part in (self.a, self.b, self.c))


def resource_text(resource) -> WeightedText:
    return WeightedText(
        a=resource.title,
        b=join(
            [
                resource.summary,
                join(tag.name for tag in resource.tags.all()),
                join(theme.name for theme in resource.themes.all()),
                resource.format.name,
            ]
        ),
        c=join(
            [
                plain(resource.body),
                join(author.name for author in resource.authors.all() if author.is_public),
                join(territory.name for territory in resource.coverage.all()),
            ]
        ),
    )


def case_study_text(case_study) -> WeightedText:
    from partnerships.models import NARRATIVE_SECTIONS

    return WeightedText(
        a=case_study.title,
        b=join(
            [
                case_study.summary,
                join(tag.name for tag in case_study.tags.all()),
                join(theme.name for theme in case_study.themes.all()),
            ]
        ),
        c=join(
            [
                join(plain(getattr(case_study, name)) for name, _heading in NARRATIVE_SECTIONS),
                join(p.name for p in case_study.participants.all() if p.is_public),
                case_study.main_territory.name,
                join(territory.name for territory in case_study.coverage.all()),
            ]
        ),
    )


def partner_text(partner) -> WeightedText:
    return WeightedText(
        a=partner.name,
        b=join(
            [
                partner.description,
                join(theme.name for theme in partner.themes.all()),
                partner.actor_type.name,
            ]
        ),
        c=partner.home_territory.name if partner.home_territory_id else "",
    )


@dataclass(frozen=True)
class SearchSpec:
    text: callable
    keys: facet_keys.KeySpec
    select_related: tuple[str, ...]
    prefetch_related: tuple[str, ...]


def specs() -> dict[type[models.Model], SearchSpec]:
    from partnerships.models import CaseStudy, Partner, Resource

    return {
        Resource: SearchSpec(
            resource_text,
            facet_keys.RESOURCE_KEYS,
            ("format",),
            ("tags", "themes", "authors", "coverage", "audiences", "partnership_types"),
        ),
        CaseStudy: SearchSpec(
            case_study_text,
            facet_keys.CASE_STUDY_KEYS,
            ("main_territory",),
            (
                "tags",
                "themes",
                "participants",
                "coverage",
                "partnership_types",
                "co_construction_forms",
            ),
        ),
        Partner: SearchSpec(
            partner_text, facet_keys.PARTNER_KEYS, ("actor_type", "home_territory"), ("themes",)
        ),
    }


def searchable_models() -> list[type[models.Model]]:
    return list(specs())


def refresh(model: type[models.Model], pks: Iterable[int]) -> int:
    """Recompute the search document of the rows ``pks`` of ``model``; returns rows written."""
    spec = specs()[model]
    pks = list(pks)
    written = 0
    for start in range(0, len(pks), BATCH_SIZE):
        batch = (
            model._default_manager.filter(pk__in=pks[start : start + BATCH_SIZE])
            .select_related(*spec.select_related)
            .prefetch_related(*spec.prefetch_related)
        )
        instances = list(batch)
        keys = spec.keys.batch(instances) if facet_keys.uses_keys() else {}
        rows = [(i.pk, spec.text(i), keys.get(i.pk)) for i in instances]
        store(model, rows)
        written += len(rows)
    return written


def rebuild(model: type[models.Model]) -> int:
    return refresh(model, model._default_manager.order_by("pk").values_list("pk", flat=True))


def store(model: type[models.Model], rows: list[tuple[int, WeightedText, list | None]]) -> None:
    if not rows:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            from psycopg2.extras import execute_values

            execute_values(
                cursor,
                f"""
                UPDATE {table} AS t
                SET search_document = v.document,
                    search_vector =
                        setweight(to_tsvector('french_unaccent', v.a), 'A')
                        || setweight(to_tsvector('french_unaccent', v.b), 'B')
                        || setweight(to_tsvector('french_unaccent', v.c), 'C'),
                    facet_keys = v.keys::integer[]
                FROM (VALUES %s) AS v(id, document, a, b, c, keys)
                WHERE t.id = v.id
                """,
                [(pk, text.document, text.a, text.b, text.c, keys) for pk, text, keys in rows],
                page_size=BATCH_SIZE,
            )
        else:
            cursor.executemany(
                f"UPDATE {table} SET search_document = %s WHERE id = %s",
                [(text.document, pk) for pk, text, _keys in rows],
            )
    from .lexicon import learn

    learn(text.a + " " + text.b for _pk, text, _keys in rows)
