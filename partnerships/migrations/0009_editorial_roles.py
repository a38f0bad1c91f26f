"""The two editorial roles, as groups every install has.

- « Curateur » — everything on the content, the vocabularies and the tags: writes,
  publishes, unpublishes, archives, deletes, imports, moderates public proposals.
- « Contributeur » — creates and edits drafts and submits them for review; cannot
  publish, archive, nor change or delete published content (the admin enforces the
  last two per item: see ``partnerships.models.workflow``). Reads the vocabularies
  and territories to fill in the forms.

User accounts stay with superusers. Permissions are created here (they are normally
created after all migrations) so that the groups get them on a fresh database.
The lists are frozen copies: later migrations add what later models need.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT_MODELS = ("resource", "casestudy", "partner", "collection")
CONTENT_PARTS = ("participation", "keyfigure", "collectionitem")
REFERENCE_MODELS = (
    "theme",
    "actortype",
    "partnershiptype",
    "coconstructionform",
    "resourceformat",
    "territory",
)

CONTRIBUTOR = {
    "partnerships": [
        f"{action}_{model}"
        for model in CONTENT_MODELS + CONTENT_PARTS
        for action in ("add", "change", "delete", "view")
    ]
    + [f"view_{model}" for model in REFERENCE_MODELS],
    "taggit": ["view_tag"],
}


def ensure_permissions(apps):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def create_roles(apps, schema_editor):
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    curator, _created = Group.objects.get_or_create(name="Curateur")
    curator.permissions.add(
        *Permission.objects.filter(content_type__app_label__in=["partnerships", "taggit"])
    )

    contributor, _created = Group.objects.get_or_create(name="Contributeur")
    for app_label, codenames in CONTRIBUTOR.items():
        contributor.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Curateur", "Contributeur"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("partnerships", "0008_curation"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
