"""French territories and their materialised hierarchy.

The hierarchy is a DAG, not a tree: a commune is in an EPCI *and* a
département, and an EPCI may straddle several départements. It is stored as a
closure table (``TerritoryLink``): one row per (territory, ancestor) pair,
including the territory itself at depth 0, so that "what applies to X" and
"what lies within X" are both a single indexed lookup, whatever the level.

The ancestors are those of geography, not the transitive closure of the
graph: a commune's are its EPCI, its département, its région and France; an
EPCI's are every département and région it touches. A commune of the Ain in an
EPCI that straddles the Ain and the Haute-Savoie is therefore *not* in the
Haute-Savoie, although its EPCI is. Depth is the shortest path length
(commune → EPCI or département 1, région 2, France 3).
"""

import re
import unicodedata

from django.db import models
from django.db.models import Case, F, IntegerField, Q, Value, When
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


# Abbreviations a visitor types for a word of a name, and the word itself.
ABBREVIATIONS = {"st": "saint", "ste": "sainte"}
MAX_QUERY_LENGTH = 100
AUTOCOMPLETE_LIMIT = 20
DEPARTMENT_CODE_RE = re.compile(r"^(?:\d{2,3}|2[AB])$")
CODE_RE = re.compile(r"^(?:\d{2,3}|2[AB]|\d{5}|2[AB]\d{3}|\d{9})$")


def search_key_for(name: str) -> str:
    """The form of a name the autocomplete matches: normalised, abbreviations spelt out,
    framed by spaces so that `` word`` finds a word prefix and `` word `` a whole word.

    « St-Jean-de-Luz » → `` saint jean de luz ``.
    """
    words = (ABBREVIATIONS.get(word, word) for word in normalize_name(name).split())
    return f" {' '.join(words)} "


def department_code_of(commune_code: str) -> str:
    """The département part of a commune's INSEE code: 69123 → 69, 97105 → 971, 2A004 → 2A."""
    return commune_code[:3] if commune_code.startswith("97") else commune_code[:2]


def territory_label(level: str, code: str, name: str, context_label: str = "") -> str:
    """« Saint-Martin (31) — Haute-Garonne, Occitanie »: a name that can be told apart."""
    if level == TerritoryLevel.COMMUNE:
        label = f"{name} ({department_code_of(code)})"
    elif level == TerritoryLevel.DEPARTMENT:
        label = f"{name} ({code})"
    else:
        label = name
    return f"{label} — {context_label}" if context_label else label


def context_for(level: str, ancestors) -> tuple[str, list[str]]:
    """(context label, parent names) from a territory's strict ancestors as (level, name) pairs.

    Parent names run narrowest first and leave France out: a commune's EPCI, département
    and région. The context label (shown after the name) leaves the EPCI out: its name is
    long and the département and région already tell communes of the same name apart.
    """
    by_level: dict[str, list[str]] = {}
    for ancestor_level, name in ancestors:
        if ancestor_level != TerritoryLevel.COUNTRY:
            by_level.setdefault(ancestor_level, []).append(name)
    narrowest_first = sorted(by_level, key=lambda item: -LEVEL_RANK[item])
    parent_names = [name for lvl in narrowest_first for name in sorted(by_level[lvl])]
    context_names = [
        name
        for lvl in narrowest_first
        if lvl != TerritoryLevel.EPCI
        for name in sorted(by_level[lvl])
    ]
    return ", ".join(context_names), parent_names


class TerritorySearch:
    """What a visitor typed in a territory field, parsed once for the autocomplete.

    A name (case, accents and punctuation ignored; « st »/« ste » and « saint »/« sainte »
    are the same word), matched on the whole name or on any word of it, every typed word
    being a word prefix; or an official code (commune INSEE code, département number,
    EPCI SIREN, région code); a trailing département number narrows a name
    (« saint martin 31 »).
    """

    def __init__(self, query: str):
        query = (query or "").strip()
        self.valid = bool(query) and len(query) <= MAX_QUERY_LENGTH
        compact = query.replace(" ", "").upper()
        if compact.isdigit() and len(compact) == 1:
            compact = f"0{compact}"
        self.code = compact if self.valid and CODE_RE.match(compact) else None
        self.code_prefix = (
            compact if self.valid and re.match(r"^(?:\d{2,4}|2[AB]\d{0,2})$", compact) else None
        )
        tokens = normalize_name(query).split() if self.valid else []
        self.department = None
        if len(tokens) > 1 and DEPARTMENT_CODE_RE.match(tokens[-1].upper()):
            self.department = tokens.pop().upper()
        self.tokens = tokens

    def __bool__(self) -> bool:
        return self.valid and bool(self.tokens or self.code)

    def _text_condition(self) -> Q:
        condition = Q()
        for position, token in enumerate(self.tokens):
            full = ABBREVIATIONS.get(token)
            if position < len(self.tokens) - 1:
                # A word followed by another is complete: « st » is « saint », not « stains ».
                patterns = [f" {full} "] if full else [f" {token}"]
            else:
                patterns = [f" {token}", f" {full}"] if full else [f" {token}"]
            alternatives = Q()
            for pattern in patterns:
                alternatives |= Q(search_key__contains=pattern)
            condition &= alternatives
        return condition

    def _phrases(self) -> list[str]:
        """The typed words as a phrase, in each spelling: `` saint mar`` (and `` st`` alone)."""
        head = [ABBREVIATIONS.get(token, token) for token in self.tokens[:-1]]
        last = self.tokens[-1]
        lasts = [last, ABBREVIATIONS[last]] if last in ABBREVIATIONS else [last]
        return [" " + " ".join([*head, word]) for word in lasts]

    def filter(self, queryset):
        """``queryset`` narrowed to the matches, annotated with ``match_tier`` and ordered:
        exact name or code first, then names that start with the words, then names with a
        word that does, then the rest; within a tier, broadest level and largest population.
        """
        if not self:
            return queryset.none()
        matches = Q(pk__in=[])
        exact, starts, words = Q(pk__in=[]), Q(pk__in=[]), Q(pk__in=[])
        if self.code:
            region = Q(level=TerritoryLevel.REGION)
            matches |= Q(code=self.code)
            exact |= Q(code=self.code) & ~region
            starts |= Q(code=self.code) & region
        if self.code_prefix:
            matches |= Q(level=TerritoryLevel.COMMUNE, code__startswith=self.code_prefix)
        if self.tokens:
            matches |= self._text_condition()
            full_key = " " + " ".join(ABBREVIATIONS.get(token, token) for token in self.tokens)
            exact |= Q(search_key=f"{full_key} ")
            for phrase in self._phrases():
                starts |= Q(search_key__startswith=phrase)
                words |= Q(search_key__contains=phrase)
        queryset = queryset.filter(matches)
        if self.department:
            queryset = queryset.filter(
                models.Exists(
                    TerritoryLink.objects.filter(
                        territory=models.OuterRef("pk"),
                        ancestor__level=TerritoryLevel.DEPARTMENT,
                        ancestor__code=self.department,
                    )
                )
            )
        return queryset.annotate(
            match_tier=Case(
                When(exact, then=Value(0)),
                When(starts, then=Value(1)),
                When(words, then=Value(2)),
                default=Value(3),
                output_field=IntegerField(),
            ),
            level_order=level_rank_expression(),
        ).order_by(
            "match_tier", "level_order", F("population").desc(nulls_last=True), "name", "code"
        )


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

    def autocomplete(self, query: str):
        """Active territories matching what a visitor typed, best match first (unsliced).

        See ``TerritorySearch`` for what matches and in which order.
        """
        return TerritorySearch(query).filter(self.active())


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
    search_key = models.CharField(
        _("clé de recherche"),
        max_length=250,
        editable=False,
        default="",
        help_text=_(
            "Nom normalisé, abréviations développées (st → saint), encadré d'espaces : "
            "l'autocomplétion y cherche des débuts de mots."
        ),
    )
    context_label = models.CharField(
        _("contexte"),
        max_length=300,
        editable=False,
        blank=True,
        default="",
        help_text=_("Département et région, affichés après le nom pour lever les homonymies."),
    )
    parent_names = models.JSONField(
        _("noms des territoires englobants"),
        editable=False,
        blank=True,
        default=list,
        help_text=_("Du plus proche au plus large, sans la France ; tenu à jour par l'import."),
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
            # LIKE 'prefix%' on codes (the autocomplete's « 690 » → communes 690xx); the
            # operator class only exists on PostgreSQL, other databases get a plain index.
            models.Index(
                fields=["code"], name="territory_code_prefix_idx", opclasses=["varchar_pattern_ops"]
            ),
        ]

    def __str__(self) -> str:
        if self.level in (TerritoryLevel.DEPARTMENT, TerritoryLevel.COMMUNE):
            return f"{self.name} ({self.code})"
        return self.name

    def save(self, *args, **kwargs):
        self.search_name = normalize_name(self.name)
        self.search_key = search_key_for(self.name)
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

    @property
    def label(self) -> str:
        """The name with what tells it apart: « Saint-Martin (31) — Haute-Garonne, Occitanie »."""
        return territory_label(self.level, self.code, self.name, self.context_label)

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
        import computes the whole closure itself). As in the import, a commune
        given its département does not inherit the other départements of an EPCI
        that straddles several: from the EPCI it only gets the EPCI itself.
        """
        parents = list(parents)
        has_department = any(parent.level != TerritoryLevel.EPCI for parent in parents)
        inherit_from = [
            parent
            for parent in parents
            if parent.level != TerritoryLevel.EPCI or not has_department
        ]
        depths = {self.pk: 0}
        depths.update({parent.pk: 1 for parent in parents})
        for link in TerritoryLink.objects.filter(territory__in=inherit_from):
            depth = link.depth + 1
            depths[link.ancestor_id] = min(depths.get(link.ancestor_id, depth), depth)
        TerritoryLink.objects.filter(territory=self).delete()
        TerritoryLink.objects.bulk_create(
            TerritoryLink(territory=self, ancestor_id=ancestor_id, depth=depth)
            for ancestor_id, depth in depths.items()
        )
        self.refresh_context()

    def refresh_context(self) -> None:
        """Recompute and store ``context_label`` and ``parent_names`` from the ancestor links."""
        ancestors = self.ancestors.exclude(pk=self.pk).values_list("level", "name")
        self.context_label, self.parent_names = context_for(self.level, ancestors)
        Territory.objects.filter(pk=self.pk).update(
            context_label=self.context_label, parent_names=self.parent_names
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
        # A territory's links from itself outwards (depth 0, its parents, theirs…). Column
        # names, not the foreign keys: ordering by a key would join Territory for its name.
        ordering = ["territory_id", "depth", "ancestor_id"]
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
        return self.filter(self._condition(territory_ids))

    def _condition(self, territory_ids) -> models.Q:
        condition = models.Q()
        for field_name in self.territory_relations:
            field = self.model._meta.get_field(field_name)
            if field.many_to_many:
                # A semi-join on the through table: PostgreSQL hashes the (few
                # thousand) matching links instead of probing them row by row.
                through = field.remote_field.through
                links = through.objects.filter(
                    **{f"{field.m2m_reverse_field_name()}__in": territory_ids}
                )
                condition |= models.Q(pk__in=links.values(field.m2m_field_name()))
            else:
                condition |= models.Q(**{f"{field.attname}__in": territory_ids})
        return condition

    def for_territory(self, territory: Territory):
        """Content that applies to ``territory``: tied to it or to one of its ancestors."""
        return self._matching(territory.applicable_ids())

    def within(self, territory: Territory):
        """Content located in ``territory``: tied to it or to one of its descendants."""
        return self._matching(territory.contained_ids())

    def concerning(self, territory: Territory):
        """Content that applies to ``territory`` or lies within it (``for_territory`` ∪ ``within``).

        This is the listings' territory filter. France contains everything.
        """
        if territory.level == TerritoryLevel.COUNTRY:
            return self.all()
        return self.filter(
            self._condition(territory.applicable_ids()) | self._condition(territory.contained_ids())
        )
