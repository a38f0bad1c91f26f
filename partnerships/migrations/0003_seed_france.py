"""Every install has the root of the territory hierarchy: France (code FR).

National content is tied to it; the territory import links every other
territory to it.
"""

from django.db import migrations


def seed(apps, schema_editor):
    Territory = apps.get_model("partnerships", "Territory")
    TerritoryLink = apps.get_model("partnerships", "TerritoryLink")
    france, _created = Territory.objects.get_or_create(
        level="country",
        code="FR",
        defaults={"name": "France", "slug": "france", "search_name": "france"},
    )
    TerritoryLink.objects.get_or_create(territory=france, ancestor=france, defaults={"depth": 0})


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0002_seed_taxonomies")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
