"""The outflow remembers that its follow-up was recorded, and the follow-ups still to do are
read from an index by that flag: the outflows followed up in the years before are never read
again."""

from django.db import migrations, models


def mark_recorded(apps, schema_editor):
    Outflow = apps.get_model("reviews", "Outflow")
    FollowUp = apps.get_model("reviews", "FollowUp")
    Outflow.objects.filter(pk__in=FollowUp.objects.values("outflow_id")).update(
        follow_up_recorded=True
    )


class Migration(migrations.Migration):
    dependencies = [("reviews", "0002_immutable_reviews")]

    operations = [
        migrations.AddField(
            model_name="outflow",
            name="follow_up_recorded",
            field=models.BooleanField(
                db_default=False,
                default=False,
                editable=False,
                verbose_name="nacontrole vastgelegd",
            ),
        ),
        migrations.RunPython(mark_recorded, migrations.RunPython.noop),
        migrations.RemoveIndex(model_name="outflow", name="outflow_status_follow_up"),
        migrations.AddIndex(
            model_name="outflow",
            index=models.Index(
                fields=["status", "follow_up_recorded", "follow_up_due"], name="outflow_follow_up"
            ),
        ),
    ]
