"""Signal handlers: keep the search documents and the facet term cache in step.

Every write path goes through these: admin saves, m2m changes (themes, tags,
authors, coverage, participants), fixtures. Bulk paths (imports, load_demo,
generators) wrap their work in ``search_index.deferred()`` so that each row is
indexed once at the end, in batches.
"""

from django.db import connections
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.dispatch import receiver

from .models import (
    ActorType,
    CaseStudy,
    CoConstructionForm,
    Participation,
    Partner,
    PartnershipType,
    Resource,
    ResourceFormat,
    Theme,
)
from .search import document as search_document
from .search import facet_keys
from .search import index as search_index
from .search import terms as taxonomy_terms

TAXONOMIES = (Theme, ActorType, PartnershipType, CoConstructionForm, ResourceFormat)


@receiver(post_save, sender=Resource)
@receiver(post_save, sender=CaseStudy)
@receiver(post_save, sender=Partner)
def index_saved_content(sender, instance, raw=False, **kwargs):
    search_index.schedule(sender, [instance.pk])
    if sender is Partner and not raw:
        reindex_partner_dependents([instance.pk])


def reindex_partner_dependents(partner_pks) -> None:
    """Public partners' names and actor types are part of their resources' and case
    studies' documents and facet keys: re-index those after a partner changes."""
    authored = Resource.objects.filter(authors__in=partner_pks).distinct()
    search_index.schedule(Resource, authored.values_list("pk", flat=True))
    joined = CaseStudy.objects.filter(participants__in=partner_pks).distinct()
    search_index.schedule(CaseStudy, joined.values_list("pk", flat=True))


def status_changed_in_bulk(model, pks) -> None:
    """A queryset ``update()`` of statuses sends no signal: the admin's bulk actions call this."""
    if model in search_document.searchable_models():
        search_index.schedule(model, pks)
    if model is Partner:
        reindex_partner_dependents(pks)


def index_after_m2m_change(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if isinstance(instance, Resource | CaseStudy | Partner):
        search_index.schedule(type(instance), [instance.pk])
    elif model in (Resource, CaseStudy, Partner) and pk_set:
        search_index.schedule(model, pk_set)


for model in (Resource, CaseStudy, Partner):
    for field in model._meta.many_to_many:
        m2m_changed.connect(
            index_after_m2m_change,
            sender=field.remote_field.through,
            dispatch_uid=f"search-index-{model.__name__}-{field.name}",
        )


@receiver(post_save, sender=Participation)
@receiver(post_delete, sender=Participation)
def index_case_study_participants(sender, instance, **kwargs):
    search_index.schedule(CaseStudy, [instance.case_study_id])


def forget_taxonomy_terms(sender, **kwargs):
    taxonomy_terms.forget(sender)


def reindex_taxonomy_users(sender, instance, raw=False, **kwargs):
    if raw:
        return
    for model in (Resource, CaseStudy, Partner):
        for field in model._meta.get_fields():
            if getattr(field, "related_model", None) is sender and field.concrete:
                pks = model._default_manager.filter(**{field.name: instance}).values_list(
                    "pk", flat=True
                )
                search_index.schedule(model, pks)


for taxonomy in TAXONOMIES:
    post_save.connect(forget_taxonomy_terms, sender=taxonomy)
    post_delete.connect(forget_taxonomy_terms, sender=taxonomy)
    post_save.connect(reindex_taxonomy_users, sender=taxonomy)


@receiver(post_migrate)
def fill_missing_facet_keys(sender, app_config=None, using="default", **kwargs):
    """After ``migrate``, compute the facet keys of rows that have none (PostgreSQL).

    Rows written before the keys existed (migration 0011) get them here, with the
    code that keeps them in step; afterwards every write path keeps them filled.
    """
    if getattr(app_config, "label", None) != "partnerships" or not facet_keys.uses_keys():
        return
    connection = connections[using]
    with connection.cursor() as cursor:
        for model in search_document.searchable_models():
            table = model._meta.db_table
            columns = connection.introspection.get_table_description(cursor, table)
            if "facet_keys" not in {column.name for column in columns}:
                return  # migrated back before the keys
            missing = model._default_manager.using(using).filter(facet_keys__isnull=True)
            search_document.refresh(model, missing.values_list("pk", flat=True))
