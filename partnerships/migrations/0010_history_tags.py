"""Content history keeps the tags: each version of a resource or case study stores its
sorted tag names (``partnerships.models.history.TaggedVersion``).

Versions written before this have no record of their tags (``NULL``: unknown, neither
compared nor restored), except the latest version of each existing row, which gets
the row's current tags: it stands for the state the next change starts from, so that
the first change of tags after this migration shows in the history as a change.
"""

from django.db import migrations, models

TAGGED = {"resource": "historicalresource", "casestudy": "historicalcasestudy"}


def sorted_tag_names(names):
    return sorted(set(names), key=lambda name: (name.casefold(), name))


def tag_latest_versions(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    TaggedItem = apps.get_model("taggit", "TaggedItem")
    for model_name, history_name in TAGGED.items():
        History = apps.get_model("partnerships", history_name)
        latest = {}
        versions = History.objects.order_by("id", "-history_date", "-history_id").values_list(
            "id", "history_id", "history_type"
        )
        for pk, history_id, history_type in versions.iterator(chunk_size=2000):
            if pk not in latest:
                latest[pk] = (history_id, history_type)
        latest = {pk: version for pk, (version, kind) in latest.items() if kind != "-"}
        if not latest:
            continue
        names = {pk: [] for pk in latest}
        content_type = ContentType.objects.filter(app_label="partnerships", model=model_name)
        items = TaggedItem.objects.filter(content_type__in=content_type).values_list(
            "object_id", "tag__name"
        )
        for pk, name in items.iterator(chunk_size=2000):
            if pk in names:
                names[pk].append(name)
        updates = [
            History(history_id=latest[pk], tag_names=sorted_tag_names(tags))
            for pk, tags in names.items()
        ]
        History.objects.bulk_update(updates, ["tag_names"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0009_editorial_roles")]

    operations = [
        *(
            migrations.AddField(
                model_name=history_name,
                name="tag_names",
                field=models.JSONField(
                    blank=True, editable=False, null=True, verbose_name="mots-clés"
                ),
            )
            for history_name in TAGGED.values()
        ),
        migrations.RunPython(tag_latest_versions, migrations.RunPython.noop),
    ]
