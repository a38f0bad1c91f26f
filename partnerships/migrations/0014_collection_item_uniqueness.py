"""A collection lists each resource or case study once, each at its own position.

Before the constraints, existing collections are put in a state that satisfies
them without losing their reading order: steps that share a position are
renumbered in their displayed order (position, then id), the later ones moving
down by one; a second step pointing at the same resource or case study is
removed, its reading note appended to the note of the step that stays.

Also: the ``(status, published_at)`` index every other public model has
(``published()`` filters on both), and an explicit order for the ancestor links.
"""

from django.db import migrations, models


def make_items_unique(apps, schema_editor):
    CollectionItem = apps.get_model("partnerships", "CollectionItem")
    items = CollectionItem.objects.order_by("collection_id", "position", "pk")
    kept: dict[tuple, object] = {}
    last_position: dict[int, int] = {}
    for item in list(items):
        target = (
            ("resource", item.resource_id) if item.resource_id else ("case", item.case_study_id)
        )
        first = kept.get((item.collection_id, *target))
        if first is not None:
            if item.note and item.note not in first.note:
                first.note = f"{first.note}\n\n{item.note}".strip()
                first.save(update_fields=["note"])
            item.delete()
            continue
        kept[(item.collection_id, *target)] = item
        previous = last_position.get(item.collection_id)
        if previous is not None and item.position <= previous:
            item.position = previous + 1
            item.save(update_fields=["position"])
        last_position[item.collection_id] = item.position


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0013_narrow_searchable_rows"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="territorylink",
            options={
                "ordering": ["territory_id", "depth", "ancestor_id"],
                "verbose_name": "lien hiérarchique",
                "verbose_name_plural": "liens hiérarchiques",
            },
        ),
        migrations.AddIndex(
            model_name="collection",
            index=models.Index(
                fields=["status", "published_at"], name="collection_publication_idx"
            ),
        ),
        migrations.RunPython(make_items_unique, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="collectionitem",
            constraint=models.UniqueConstraint(
                condition=models.Q(("resource__isnull", False)),
                fields=("collection", "resource"),
                name="collection_item_unique_resource",
                violation_error_message="Cette ressource figure déjà dans la collection.",
            ),
        ),
        migrations.AddConstraint(
            model_name="collectionitem",
            constraint=models.UniqueConstraint(
                condition=models.Q(("case_study__isnull", False)),
                fields=("collection", "case_study"),
                name="collection_item_unique_case_study",
                violation_error_message="Ce retour d'expérience figure déjà dans la collection.",
            ),
        ),
        migrations.AddConstraint(
            model_name="collectionitem",
            constraint=models.UniqueConstraint(
                fields=("collection", "position"),
                name="collection_item_unique_position",
                violation_error_message="Un autre élément de la collection a déjà cet ordre.",
            ),
        ),
    ]
