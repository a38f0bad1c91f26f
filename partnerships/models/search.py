"""What the search needs stored on the rows: the search document and the lexicon.

See ``partnerships.search.document`` for how the document is built and kept in step.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class Searchable(models.Model):
    search_document = models.TextField(
        _("document de recherche"), blank=True, default="", editable=False
    )
    # Filled on PostgreSQL only (weighted tsvector, GIN index created by migration);
    # SQLite searches ``search_document``.
    search_vector = SearchVectorField(null=True, editable=False)

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
