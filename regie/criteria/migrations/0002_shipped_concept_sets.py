"""Load the criteria sets shipped with this release (regie/criteria/sets/*-v1.yaml) as concept.

Self-contained on purpose: it reads the three version-1 files it names and nothing else, so later
sets never change what this migration did. Newer versions are loaded with `regie criteria load`.
Reversing removes those version-1 sets only while they are still concept.
"""

from pathlib import Path

import yaml
from django.db import migrations

SETS_DIR = Path(__file__).resolve().parent.parent / "sets"
FILES = ("volwassenen-v1.yaml", "jeugd-v1.yaml", "doorgroeiers-v1.yaml")


def load(apps, schema_editor):
    CriteriaSet = apps.get_model("criteria", "CriteriaSet")
    for name in FILES:
        document = yaml.safe_load((SETS_DIR / name).read_text(encoding="utf-8"))
        CriteriaSet.objects.get_or_create(
            target_group=document["target_group"],
            version=document["version"],
            defaults={
                "status": "concept",
                "title": document["title"],
                "note": document["note"],
                "document": document,
            },
        )


def unload(apps, schema_editor):
    CriteriaSet = apps.get_model("criteria", "CriteriaSet")
    for name in FILES:
        document = yaml.safe_load((SETS_DIR / name).read_text(encoding="utf-8"))
        CriteriaSet.objects.filter(
            target_group=document["target_group"], version=document["version"], status="concept"
        ).delete()


class Migration(migrations.Migration):
    dependencies = [("criteria", "0001_initial")]

    operations = [migrations.RunPython(load, unload)]
