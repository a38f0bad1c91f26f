"""French territories and their materialised hierarchy.

The hierarchy is a DAG, not a tree: a commune is in an EPCI *and* a
département, and an EPCI may straddle several départements. It is stored as a
closure table (``TerritoryLink``): one row per (territory, ancestor) pair,
including the territory itself at depth 0, so that "what applies to X" and
"what lies within X" are both a single indexed lookup, whatever the level.
"""

import unicodedata

from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _


class TerritoryLevel(models.TextChoices):
    COUNTRY = "country", _("Pays")
    REGION = "region", _("Région")
    DEPARTMENT = "department", _("Département")
    EPCI = "epci", _("Intercommunalité (EPCI)")
    COMMUNE = "commune", _("Commune")


LEVEL_RANK = {
    TerritoryLevel.COUNTRY: 0,
    TerritoryLevel.REGION: 1,
    TerritoryLevel.DEPARTMENT: 2,
    TerritoryLevel.EPCI: 3,
    TerritoryLevel.COMMUNE: 4,
}
FRANCE_CODE = "FR"


def normalize_name(value: str) -> str:
    """Lower-case, accent-free, punctuation-free form of a name, for matching.

    « Saint-Étienne » → « saint etienne »; « L'Haÿ-les-Roses » → « l hay les roses ».
    """
    decomposed = unicodedata.normalize("NFKD", value or "")
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    stripped = stripped.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae")
    cleaned = "".join(char if char.isalnum() else " " for char in stripped.lower())
    return " ".join(cleaned.split())


def level_rank_expression() -> Case:
    return Case(
        *(When(level=level, then=Value(rank)) for level, rank in LEVEL_RANK.items()),
        output_field=IntegerField(),
    )


class TerritoryQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def by_level(self):
        """Broadest first: France, régions, départements, EPCI, communes."""
        return self.annotate(level_order=level_rank_expression()).order_by("level_order", "name")

    def france(self):
        return self.get(level=TerritoryLevel.COUNTRY, code=FRANCE_CODE)


class TerritoryManager(models.Manager.from_queryset(TerritoryQuerySet)):
    def get_by_natural_key(self, level, code):
        return self.get(level=level, code=code)


class Territory(models.Model):
    level = models.CharField(_("niveau"), max_length=12, choices=TerritoryLevel.choices)
    code = models.CharField(
        _("code officiel"),
        max_length=12,
        help_text=_("Code INSEE ; SIREN pour un EPCI ; FR pour la France."),
    )
    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("identifiant d'URL"), max_length=200)
    search_name = models.CharField(
        _("nom normalisé"),
        max_length=200,
        editable=False,
        db_index=True,
        help_text=_("Nom sans accents ni ponctuation, en minuscules, pour la recherche."),
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    is_active = models.BooleanField(
        _("actif"),
        default=True,
        help_text=_("Un territoire disparu des fichiers officiels est désactivé, jamais supprimé."),
    )
    ancestors = models.ManyToManyField(
        "self",
        through="TerritoryLink",
        through_fields=("territory", "ancestor"),
        symmetrical=False,
        related_name="descendants",
        verbose_name=_("territoires englobants"),
    )

    objects = TerritoryManager()

    class Meta:
        verbose_name = _("territoire")
        verbose_name_plural = _("territoires")
        ordering = ["name", "code"]
        constraints = [
            models.UniqueConstraint(fields=["level", "code"], name="territory_level_code_unique"),
            models.CheckConstraint(
                condition=models.Q(level__in=[level.value for level in TerritoryLevel]),
                name="territory_level_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True)
                | models.Q(latitude__gte=-90, latitude__lte=90),
                name="territory_latitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True)
                | models.Q(longitude__gte=-180, longitude__lte=180),
                name="territory_longitude_range",
            ),
        ]
        indexes = [
            models.Index(fields=["code"], name="territory_code_idx"),
            models.Index(fields=["level", "search_name"], name="territory_level_name_idx"),
        ]

    def __str__(self) -> str:
        if self.level in (TerritoryLevel.DEPARTMENT, TerritoryLevel.COMMUNE):
            return f"{self.name} ({self.code})"
        return self.name

    def save(self, *args, **kwargs):
        self.search_name = normalize_name(self.name)
        if not self.slug:
            self.slug = slugify(self.name)[:200] or self.code.lower()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse(
            "partnerships:territory_detail", kwargs={"level": self.level, "code": self.code}
        )

    def natural_key(self) -> tuple[str, str]:
        return (self.level, self.code)

    @property
    def level_rank(self) -> int:
        return LEVEL_RANK[self.level]

    def ancestors_by_level(self):
        """Strict ancestors, broadest first (France → région → département → EPCI)."""
        return self.ancestors.exclude(pk=self.pk).by_level()

    def parents(self):
        """Direct parents (depth 1): a commune's EPCI and département, a région's France."""
        return Territory.objects.filter(descendant_links__territory=self, descendant_links__depth=1)

    def children(self):
        """Direct children (depth 1): a région's départements, a département's EPCI and communes."""
        return Territory.objects.filter(ancestor_links__ancestor=self, ancestor_links__depth=1)

    def set_parents(self, parents) -> None:
        """Rebuild this territory's ancestor links from its direct ``parents``.

        The parents' own links must already exist. Descendants are not touched:
        this is for adding a territory at the bottom of the hierarchy (the bulk
        import computes the whole closure itself).
        """
        depths = {self.pk: 0}
        for link in TerritoryLink.objects.filter(territory__in=list(parents)):
            depth = link.depth + 1
            depths[link.ancestor_id] = min(depths.get(link.ancestor_id, depth), depth)
        TerritoryLink.objects.filter(territory=self).delete()
        TerritoryLink.objects.bulk_create(
            TerritoryLink(territory=self, ancestor_id=ancestor_id, depth=depth)
            for ancestor_id, depth in depths.items()
        )

    def applicable_ids(self):
        """Ids of this territory and all its ancestors (what applies here) as a subquery."""
        return TerritoryLink.objects.filter(territory=self).values("ancestor_id")

    def contained_ids(self):
        """Ids of this territory and all its descendants (what lies within it) as a subquery."""
        return TerritoryLink.objects.filter(ancestor=self).values("territory_id")


class TerritoryLink(models.Model):
    """One (territory, ancestor) pair of the closure table; depth 0 is the territory itself."""

    territory = models.ForeignKey(
        Territory,
        on_delete=models.CASCADE,
        related_name="ancestor_links",
        verbose_name=_("territoire"),
    )
    ancestor = models.ForeignKey(
        Territory,
        on_delete=models.CASCADE,
        related_name="descendant_links",
        verbose_name=_("territoire englobant"),
    )
    depth = models.PositiveSmallIntegerField(
        _("distance"), help_text=_("0 : le territoire lui-même ; 1 : parent direct…")
    )

    class Meta:
        verbose_name = _("lien hiérarchique")
        verbose_name_plural = _("liens hiérarchiques")
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "ancestor"], name="territory_link_unique_pair"
            ),
            models.CheckConstraint(
                condition=models.Q(depth=0, territory=models.F("ancestor"))
                | (models.Q(depth__gt=0) & ~models.Q(territory=models.F("ancestor"))),
                name="territory_link_depth_consistent",
            ),
        ]
        indexes = [
            models.Index(fields=["ancestor", "territory"], name="territory_link_ancestor_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.territory} ⊂ {self.ancestor} ({self.depth})"


class TerritorialQuerySet(models.QuerySet):
    """``for_territory`` / ``within`` for content tied to territories.

    Subclasses name the relation in ``territory_relations``: each entry is either
    a foreign key to Territory or a many-to-many field to it. Content matches when
    any of them points into the set of territories considered.
    """

    territory_relations: tuple[str, ...] = ()

    def _matching(self, territory_ids):
        condition = models.Q()
        for field_name in self.territory_relations:
            field = self.model._meta.get_field(field_name)
            if field.many_to_many:
                through = field.remote_field.through
                condition |= models.Exists(
                    through.objects.filter(
                        **{
                            field.m2m_field_name(): models.OuterRef("pk"),
                            f"{field.m2m_reverse_field_name()}__in": territory_ids,
                        }
                    )
                )
            else:
                condition |= models.Q(**{f"{field.attname}__in": territory_ids})
        return self.filter(condition)

    def for_territory(self, territory: Territory):
        """Content that applies to ``territory``: tied to it or to one of its ancestors."""
        return self._matching(territory.applicable_ids())

    def within(self, territory: Territory):
        """Content located in ``territory``: tied to it or to one of its descendants."""
        return self._matching(territory.contained_ids())
