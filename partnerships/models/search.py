"""What the search needs stored on the rows: the search document and the lexicon.

See ``partnerships.search.document`` for how the document is built and kept in step.
"""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class FacetKeysField(ArrayField):
    """``integer[]`` on PostgreSQL; elsewhere an unused nullable column (SQLite has no arrays
    and counts facets through the relations, see ``search.facet_keys``)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("base_field", models.IntegerField())
        super().__init__(**kwargs)

    def db_type(self, connection):
        return super().db_type(connection) if connection.vendor == "postgresql" else "text"

    def get_placeholder(self, value, compiler, connection):
        if connection.vendor == "postgresql":
            return super().get_placeholder(value, compiler, connection)
        return "%s"

    def get_db_prep_value(self, value, connection, prepared=False):
        if connection.vendor != "postgresql":
            return None
        return super().get_db_prep_value(value, connection, prepared)


class Searchable(models.Model):
    search_document = models.TextField(
        _("document de recherche"), blank=True, default="", editable=False
    )
    # Filled on PostgreSQL only (weighted tsvector, GIN index created by migration);
    # SQLite searches ``search_document``.
    search_vector = SearchVectorField(null=True, editable=False)
    # PostgreSQL only: the facet values as integers (``search.facet_keys``), GIN index.
    facet_keys = FacetKeysField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True


class SearchTerm(models.Model):
    """A word of the titles and summaries, for « vouliez-vous dire … » suggestions."""

    word = models.CharField(_("mot"), max_length=40, unique=True)

    class Meta:
        verbose_name = _("mot du lexique")
        verbose_name_plural = _("mots du lexique")
        ordering = ["word"]

    def __str__(self) -> str:
        return self.word
