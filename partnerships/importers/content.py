"""Bulk import and export of partners, resources and case studies (CSV and XLSX).

One sheet per kind of content, with French column headers; taxonomies, partners and
resources are named by slug, territories by official code (see ``widgets``). The admin
drives them through django-import-export: upload, a dry run that previews every row
(or lists every error with its line and column), then the confirmed import.

Rules, whoever imports:

- **All or nothing.** The import runs in one transaction and is rolled back as soon as
  one row is wrong (``rollback_on_validation_errors`` is forced on, for the dry run and
  for the confirmed run alike, so a file that became wrong between the two imports
  nothing either).
- **Drafts only.** A new row arrives as a draft; an existing row (same ``identifiant``)
  keeps its status. The « statut » column is exported for information and is never
  applied; publishing stays a curator's act in the admin. A contributor whose file asks
  for « publié » or « archivé », or updates published content, is refused.
- **Searchable.** Search documents are computed once, in bulk, at the end of the
  import, inside its transaction: imported rows are found as soon as they are published.
- **Traced.** Each row gets one history version and, when created, an editorial log
  line « Import (fichier) ».

Order for a whole-site import into an empty database: partners, then resources (their
authors), then case studies (participants, related resources).
"""

import copy
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models.functions import Lower
from django.utils.text import slugify
from django.utils.translation import gettext as _
from import_export import fields, resources
from import_export.instance_loaders import CachedInstanceLoader
from import_export.results import RowResult

from ..models import (
    NARRATIVE_SECTIONS,
    ActorType,
    CaseStudy,
    CaseStudyStage,
    CoConstructionForm,
    KeyFigure,
    ParticipantRole,
    Participation,
    Partner,
    PartnershipType,
    PublicationStatus,
    Resource,
    ResourceFormat,
    ResourceLanguage,
    Theme,
)
from ..models.history import bulk_record_versions, suspend_history
from ..models.publication import SLUG_MAX_LENGTH, unique_slug
from ..models.workflow import LOCKED_STATUSES, can_publish, is_locked_for, record_transitions
from ..search import index as search_index
from . import widgets as w

M2M, TAGS, PARTICIPANTS, KEY_FIGURES = "m2m", "tags", "participants", "key_figures"


class Column(fields.Field):
    """One column of a sheet. Relation columns (``relation`` set) are applied after save."""

    def __init__(self, attribute, column_name, widget, relation=None, required=False, **kwargs):
        super().__init__(attribute=attribute, column_name=column_name, widget=widget, **kwargs)
        self.relation = relation
        self.required = required

    def get_value(self, instance):
        if self.relation:
            pending = getattr(instance, "_pending_relations", None) or {}
            if self.attribute in pending:
                return pending[self.attribute]
            if instance.pk is None:
                return None
        return super().get_value(instance)


def status_column():
    return Column(
        "status",
        "statut",
        w.ChoiceWidget(PublicationStatus.choices),
        readonly=True,
    )


class ContentSheet(resources.ModelResource):
    """What the three sheets share: identity by slug, drafts, rights, history, search."""

    slug = Column("slug", "identifiant", w.TextWidget())
    published_at = Column("published_at", "publié le", w.DateTimeWidget())
    status = status_column()

    # Other accepted spellings of some headers (folded: no case, accents nor spaces).
    header_aliases: dict[str, str] = {"slug": "identifiant"}
    # Relations to preload for the export, by column attribute.
    export_select_related: tuple[str, ...] = ()
    export_prefetch_related: tuple[str, ...] = ()

    class Meta:
        abstract = True
        import_id_fields = ("slug",)
        instance_loader_class = CachedInstanceLoader
        use_transactions = True
        clean_model_instances = True
        skip_unchanged = False
        report_skipped = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # Per-instance options: the confirmed import skips the row-by-row diff preview.
        self._meta = copy.copy(type(self)._meta)
        self.user = kwargs.get("user")
        self.file_name = ""
        self._header_problem = None
        self._seen_slugs: dict[str, int] = {}
        self._reset_batch()

    def _reset_batch(self) -> None:
        self._dry_run = False
        self._saved = []  # every row saved, in order
        self._created_pks = set()
        self._pending_links = defaultdict(list)  # relation column → (instance, values)
        self._existing_slug_bases: set[str] = set()
        self._slugs_used: set[str] = set()

    # -- the file as a whole -----------------------------------------------------------------

    def columns(self) -> list[Column]:
        """This sheet's columns (its own copies: widget caches live for one import)."""
        return [field for field in self.fields.values() if isinstance(field, Column)]

    def import_data(
        self,
        dataset,
        dry_run=False,
        raise_errors=False,
        use_transactions=None,
        collect_failed_rows=False,
        rollback_on_validation_errors=False,
        **kwargs,
    ):
        self.user = kwargs.get("user", self.user)
        self.file_name = kwargs.get("file_name") or ""
        self._meta.skip_diff = not dry_run
        self._seen_slugs = {}
        self._header_problem = None
        self._reset_batch()
        self._dry_run = dry_run
        run = super().import_data
        options = {
            "dry_run": dry_run,
            "raise_errors": raise_errors,
            "use_transactions": True,
            "collect_failed_rows": collect_failed_rows,
            "rollback_on_validation_errors": True,
            **kwargs,
        }
        if dry_run:
            # The rows are rolled back before this block ends: nothing left to index.
            with search_index.deferred():
                return run(dataset, **options)
        return run(dataset, **options)

    def import_data_inner(self, *args, **kwargs):
        # For the confirmed import this is the outermost block: the search documents are
        # computed here, in bulk, inside the import's transaction.
        with search_index.deferred():
            return super().import_data_inner(*args, **kwargs)

    def before_import(self, dataset, **kwargs):
        """Recognise headers whatever their case and accents; refuse unknown or missing ones."""
        known = {w.folded(column.column_name): column.column_name for column in self.columns()}
        known.update({w.folded(alias): column for alias, column in self.header_aliases.items()})
        renamed, unknown = [], []
        for header in dataset.headers or []:
            name = known.get(w.folded(str(header or "")))
            if name is None:
                unknown.append(str(header))
            renamed.append(name or str(header))
        problems = []
        if unknown:
            problems.append(
                _("colonnes inconnues : %(names)s")
                % {"names": ", ".join(f"« {name} »" for name in unknown)}
            )
        missing = [
            c.column_name for c in self.columns() if c.required and c.column_name not in renamed
        ]
        if missing:
            problems.append(
                _("colonnes obligatoires absentes : %(names)s")
                % {"names": ", ".join(f"« {name} »" for name in missing)}
            )
        duplicated = sorted({name for name in renamed if renamed.count(name) > 1})
        if duplicated:
            problems.append(
                _("colonnes en double : %(names)s")
                % {"names": ", ".join(f"« {name} »" for name in duplicated)}
            )
        if problems:
            self._header_problem = _("Fichier refusé, rien n'a été importé — %(problems)s.") % {
                "problems": " ; ".join(problems)
            }
            raise ValueError(self._header_problem)
        dataset.headers = renamed
        if "identifiant" not in renamed:
            dataset.append_col([""] * len(dataset), header="identifiant")
        self.prime(dataset)

    def prime(self, dataset) -> None:
        """Look up every reference of the file in a few queries, before the rows."""
        for column in self.columns():
            if column.column_name in dataset.headers and hasattr(column.widget, "prime_column"):
                column.widget.prime_column(dataset[column.column_name])
        source = self.slug_source_column()
        if source in dataset.headers:
            bases = {self.slug_base(value) for value in dataset[source]}
            model = self._meta.model
            for chunk in chunked(sorted(bases), 1000):
                self._existing_slug_bases.update(
                    model._default_manager.filter(slug__in=chunk).values_list("slug", flat=True)
                )

    def slug_source_column(self) -> str:
        attribute = getattr(self._meta.model, "SLUG_SOURCE", "title")
        return next(c.column_name for c in self.columns() if c.attribute == attribute)

    @staticmethod
    def slug_base(value) -> str:
        return slugify(w.as_text(value))[: SLUG_MAX_LENGTH - 8].strip("-") or "element"

    def new_slug(self, instance) -> str:
        """``unique_slug()``, without a query when the file's title is new to the table."""
        source = getattr(instance, getattr(instance, "SLUG_SOURCE", "title"))
        base = self.slug_base(source)
        if base in self._existing_slug_bases or base in self._slugs_used:
            return unique_slug(instance, source)
        return base

    def import_row(self, row, instance_loader, **kwargs):
        if self._header_problem:
            skipped = self.get_row_result_class()()
            skipped.import_type = RowResult.IMPORT_TYPE_SKIP
            return skipped
        return super().import_row(row, instance_loader, **kwargs)

    # -- one row -----------------------------------------------------------------------------

    def after_init_instance(self, instance, new, row, **kwargs):
        instance._import_new = new
        if new:
            instance.status = PublicationStatus.DRAFT

    def import_instance(self, instance, row, **kwargs):
        errors: dict[str, list] = {}
        new = getattr(instance, "_import_new", instance.pk is None)
        slug = w.as_text(row.get("identifiant"))
        line = kwargs.get("row_number")
        if slug:
            if slug in self._seen_slugs:
                errors["identifiant"] = [
                    _("« %(slug)s » figure déjà à la ligne %(line)s du fichier.")
                    % {"slug": slug, "line": self._seen_slugs[slug] + 1}
                ]
            else:
                self._seen_slugs[slug] = line
        if not new and is_locked_for(self.user, instance):
            errors[NON_FIELD_ERRORS] = [
                _(
                    "« %(item)s » est %(status)s : seul un curateur peut le modifier "
                    "(ligne refusée)."
                )
                % {"item": instance, "status": instance.get_status_display().lower()}
            ]
        if "statut" in row:
            try:
                asked = self.fields["status"].clean(row)
            except ValueError as error:
                errors["statut"] = [str(error)]
            else:
                if asked in LOCKED_STATUSES and not can_publish(self.user, self._meta.model):
                    errors["statut"] = [
                        _(
                            "seul un curateur peut publier ou archiver ; l'import crée des "
                            "brouillons (laissez « brouillon » ou videz la colonne)."
                        )
                    ]
        pending = {}
        for column in self.get_import_fields():
            if column.readonly or column.column_name not in row:
                continue
            try:
                if getattr(column, "relation", None):
                    pending[column.attribute] = column.clean(row)
                else:
                    column.save(instance, row, **kwargs)
            except ValueError as error:
                errors.setdefault(column.column_name, []).append(str(error))
        instance._pending_relations = pending
        if errors:
            raise ValidationError(errors)

    # Columns whose widget already fetched the related row: the model need not query it
    # again to check it exists; only emptiness is checked.
    def looked_up_columns(self) -> list[Column]:
        return [
            column
            for column in self.columns()
            if not column.relation and isinstance(column.widget, w.SlugWidget | w.TerritoryWidget)
        ]

    # Sheets whose model has constraints worth checking row by row (a unique SIREN…).
    validate_constraints = False

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """The row's errors and the model's, all keyed by the file's column names.

        Uniqueness of the identifier is settled by the loader (a known identifier is an
        update) and by the duplicate check above; references by the widgets.
        """
        errors = {key: list(value) for key, value in (import_validation_errors or {}).items()}
        column_for = {column.attribute: column.column_name for column in self.columns()}
        attribute_for = {column.column_name: column.attribute for column in self.columns()}
        exclude = {attribute_for[key] for key in errors if key in attribute_for}
        for column in self.looked_up_columns():
            exclude.add(column.attribute)
            field = instance._meta.get_field(column.attribute)
            empty = getattr(instance, field.attname) is None
            if empty and not field.null and column.column_name not in errors:
                errors[column.column_name] = [_("Ce champ est obligatoire.")]
        try:
            instance.full_clean(
                exclude=exclude,
                validate_unique=False,
                validate_constraints=self.validate_constraints,
            )
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                errors.setdefault(column_for.get(name, name), []).extend(messages)
        if errors:
            raise ValidationError(errors)

    def save_instance(self, instance, is_create, row, **kwargs):
        user = self.user if getattr(self.user, "is_authenticated", False) else None
        instance._history_user = user
        if is_create:
            if not instance.slug:
                instance.slug = self.new_slug(instance)
            instance._defer_transition = True  # logged with the others in after_import()
        suspend_history(instance)  # one version per row, written in after_import()
        super().save_instance(instance, is_create, row, **kwargs)
        self._slugs_used.add(instance.slug)

    def save_m2m(self, instance, row, **kwargs):
        new = getattr(instance, "_import_new", False)
        for attribute, value in (getattr(instance, "_pending_relations", None) or {}).items():
            column = next(c for c in self.columns() if c.attribute == attribute)
            if new:
                self._pending_links[column.attribute].append((instance, value))
            else:
                self.apply_relation(instance, column, value)
        self._saved.append(instance)
        if new:
            self._created_pks.add(instance.pk)

    def after_import(self, dataset, result, **kwargs):
        """The confirmed import's batch work: links of new rows, history, editorial log."""
        if self._dry_run or result.has_errors() or result.has_validation_errors():
            return
        for attribute, items in self._pending_links.items():
            column = next(c for c in self.columns() if c.attribute == attribute)
            self.bulk_link(column, items)
        user = self.user if getattr(self.user, "is_authenticated", False) else None
        bulk_record_versions(
            self._meta.model,
            self._saved,
            created_pks=self._created_pks,
            user=user,
            reason=self.trace_message(),
        )
        record_transitions(
            [(obj, "") for obj in self._saved if obj.pk in self._created_pks],
            PublicationStatus.DRAFT,
            user=user,
            comment=self.trace_message(),
        )

    def trace_message(self) -> str:
        if self.file_name:
            return _("Import (%(file)s)") % {"file": self.file_name}
        return _("Import")

    def apply_relation(self, instance, column, value) -> None:
        """Replace one relation of an existing row (signals keep search and history)."""
        if column.relation == M2M:
            getattr(instance, column.attribute).set(value)
        elif column.relation == TAGS:
            instance.tags.set(value)
        elif column.relation == PARTICIPANTS:
            instance.participations.all().delete()
            for position, item in enumerate(value):
                Participation(case_study=instance, position=position, **item).save()
        elif column.relation == KEY_FIGURES:
            instance.key_figures.all().delete()
            for position, item in enumerate(value):
                KeyFigure(case_study=instance, position=position, **item).save()

    def bulk_link(self, column, items) -> None:
        """Insert the links of the new rows for one relation, all rows at once."""
        model = self._meta.model
        if column.relation == M2M:
            field = model._meta.get_field(column.attribute)
            through = field.remote_field.through
            source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
            through.objects.bulk_create(
                (
                    through(**{f"{source}_id": instance.pk, f"{target}_id": obj.pk})
                    for instance, values in items
                    for obj in values
                ),
                batch_size=1000,
            )
        elif column.relation == TAGS:
            self.bulk_tag(items)
        elif column.relation in (PARTICIPANTS, KEY_FIGURES):
            part = Participation if column.relation == PARTICIPANTS else KeyFigure
            parts = part.objects.bulk_create(
                [
                    part(case_study=instance, position=position, **item)
                    for instance, values in items
                    for position, item in enumerate(values)
                ],
                batch_size=1000,
            )
            part.history.bulk_history_create(
                parts,
                default_user=self.user if getattr(self.user, "is_authenticated", False) else None,
                default_change_reason=self.trace_message(),
            )

    def bulk_tag(self, items) -> None:
        from taggit.models import Tag, TaggedItem

        names = {name for _instance, values in items for name in values}
        tags = {
            tag.name.lower(): tag
            for chunk in chunked(sorted(names), 1000)
            for tag in Tag.objects.annotate(lower=Lower("name")).filter(
                lower__in=[name.lower() for name in chunk]
            )
        }
        for name in sorted(names):
            if name.lower() not in tags:
                tags[name.lower()] = Tag.objects.create(name=name)
        content_type = ContentType.objects.get_for_model(self._meta.model)
        TaggedItem.objects.bulk_create(
            (
                TaggedItem(content_type=content_type, object_id=instance.pk, tag=tags[key])
                for instance, values in items
                for key in dict.fromkeys(name.lower() for name in values)
            ),
            batch_size=1000,
        )

    # -- export --------------------------------------------------------------------------------

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related(*self.export_select_related).prefetch_related(
            *self.export_prefetch_related
        )


def chunked(values, size):
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


def taxonomy_list(attribute, column_name, model):
    return Column(attribute, column_name, w.SlugListWidget(model), relation=M2M)


class PartnerSheet(ContentSheet):
    validate_constraints = True  # a SIREN is unique among partners
    name = Column("name", "nom", w.TextWidget(), required=True)
    actor_type = Column("actor_type", "type d'acteur", w.SlugWidget(ActorType), required=True)
    description = Column("description", "présentation", w.TextWidget())
    website = Column("website", "site web", w.TextWidget())
    home_territory = Column("home_territory", "territoire d'implantation", w.TerritoryWidget())
    themes = taxonomy_list("themes", "thématiques", Theme)
    siren = Column("siren", "SIREN", w.TextWidget())

    export_select_related = ("actor_type", "home_territory")
    export_prefetch_related = ("themes",)

    class Meta(ContentSheet.Meta):
        model = Partner
        abstract = False
        name = "Partenaires"
        fields = (
            "slug",
            "name",
            "actor_type",
            "description",
            "website",
            "home_territory",
            "themes",
            "siren",
            "published_at",
            "status",
        )
        import_order = export_order = fields


class ResourceSheet(ContentSheet):
    title = Column("title", "titre", w.TextWidget(), required=True)
    summary = Column("summary", "résumé", w.TextWidget())
    body = Column("body", "contenu", w.TextWidget())
    # Not declared as « format »: the export form would mistake it for the file format.
    resource_format = Column("format", "format", w.SlugWidget(ResourceFormat), required=True)
    themes = taxonomy_list("themes", "thématiques", Theme)
    audiences = taxonomy_list("audiences", "publics", ActorType)
    partnership_types = taxonomy_list("partnership_types", "types de partenariat", PartnershipType)
    coverage = Column("coverage", "territoires", w.TerritoryListWidget(), relation=M2M)
    authors = Column("authors", "auteurs", w.SlugListWidget(Partner), relation=M2M)
    tags = Column("tags", "mots-clés", w.TagsWidget(), relation=TAGS)
    publication_date = Column("publication_date", "date de parution", w.DateWidget())
    language = Column("language", "langue", w.ChoiceWidget(ResourceLanguage.choices))
    external_url = Column("external_url", "lien externe", w.TextWidget())
    featured = Column("featured", "mis en avant", w.BooleanWidget())

    export_select_related = ("format",)
    export_prefetch_related = (
        "themes",
        "audiences",
        "partnership_types",
        "coverage",
        "authors",
        "tags",
    )

    class Meta(ContentSheet.Meta):
        model = Resource
        abstract = False
        name = "Ressources"
        fields = (
            "slug",
            "title",
            "summary",
            "body",
            "resource_format",
            "themes",
            "audiences",
            "partnership_types",
            "coverage",
            "authors",
            "tags",
            "publication_date",
            "language",
            "external_url",
            "featured",
            "published_at",
            "status",
        )
        import_order = export_order = fields


NARRATIVE_HEADERS = {
    "context": "contexte",
    "challenges": "enjeux",
    "actors_and_roles": "acteurs et rôles",
    "approach": "démarche",
    "human_resources": "moyens : richesses humaines",
    "funding": "moyens : financements",
    "alliances": "moyens : alliances",
    "results": "résultats et impacts",
    "success_factors": "facteurs clés de succès",
    "difficulties": "difficultés",
    "contacts": "contacts",
    "sources": "sources",
}
assert set(NARRATIVE_HEADERS) == {name for name, _heading in NARRATIVE_SECTIONS}


class CaseStudySheet(ContentSheet):
    title = Column("title", "titre", w.TextWidget(), required=True)
    summary = Column("summary", "résumé", w.TextWidget())
    main_territory = Column(
        "main_territory", "territoire principal", w.TerritoryWidget(), required=True
    )
    coverage = Column("coverage", "autres territoires", w.TerritoryListWidget(), relation=M2M)
    participants = Column(
        "participations",
        "participants",
        w.ParticipantsWidget(ParticipantRole.choices),
        relation=PARTICIPANTS,
    )
    themes = taxonomy_list("themes", "thématiques", Theme)
    partnership_types = taxonomy_list("partnership_types", "types de partenariat", PartnershipType)
    co_construction_forms = taxonomy_list(
        "co_construction_forms", "formes de co-construction", CoConstructionForm
    )
    stage = Column("stage", "stade", w.ChoiceWidget(CaseStudyStage.choices))
    start_year = Column("start_year", "année de démarrage", w.IntegerWidget())
    context = Column("context", NARRATIVE_HEADERS["context"], w.TextWidget())
    challenges = Column("challenges", NARRATIVE_HEADERS["challenges"], w.TextWidget())
    actors_and_roles = Column(
        "actors_and_roles", NARRATIVE_HEADERS["actors_and_roles"], w.TextWidget()
    )
    approach = Column("approach", NARRATIVE_HEADERS["approach"], w.TextWidget())
    human_resources = Column(
        "human_resources", NARRATIVE_HEADERS["human_resources"], w.TextWidget()
    )
    funding = Column("funding", NARRATIVE_HEADERS["funding"], w.TextWidget())
    alliances = Column("alliances", NARRATIVE_HEADERS["alliances"], w.TextWidget())
    results = Column("results", NARRATIVE_HEADERS["results"], w.TextWidget())
    success_factors = Column(
        "success_factors", NARRATIVE_HEADERS["success_factors"], w.TextWidget()
    )
    difficulties = Column("difficulties", NARRATIVE_HEADERS["difficulties"], w.TextWidget())
    contacts = Column("contacts", NARRATIVE_HEADERS["contacts"], w.TextWidget())
    sources = Column("sources", NARRATIVE_HEADERS["sources"], w.TextWidget())
    key_figures = Column("key_figures", "chiffres clés", w.KeyFiguresWidget(), relation=KEY_FIGURES)
    related_resources = Column(
        "related_resources", "ressources liées", w.SlugListWidget(Resource), relation=M2M
    )
    tags = Column("tags", "mots-clés", w.TagsWidget(), relation=TAGS)
    featured = Column("featured", "mis en avant", w.BooleanWidget())

    export_select_related = ("main_territory",)
    export_prefetch_related = (
        "coverage",
        "participations__partner",
        "themes",
        "partnership_types",
        "co_construction_forms",
        "key_figures",
        "related_resources",
        "tags",
    )

    class Meta(ContentSheet.Meta):
        model = CaseStudy
        abstract = False
        name = "Retours d'expérience"
        fields = (
            "slug",
            "title",
            "summary",
            "main_territory",
            "coverage",
            "participants",
            "themes",
            "partnership_types",
            "co_construction_forms",
            "stage",
            "start_year",
            *NARRATIVE_HEADERS,
            "key_figures",
            "related_resources",
            "tags",
            "featured",
            "published_at",
            "status",
        )
        import_order = export_order = fields


SHEETS = {Partner: PartnerSheet, Resource: ResourceSheet, CaseStudy: CaseStudySheet}
