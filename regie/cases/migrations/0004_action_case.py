"""Each action carries its case (the case of its goal's plan), filled in for the existing ones.
Made required, with its index, in the next migration: on PostgreSQL a column cannot be altered
in the transaction that just updated it under a deferred foreign key."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery
import django.db.models.deletion


def fill_case(apps, schema_editor):
    Action = apps.get_model("cases", "Action")
    Goal = apps.get_model("cases", "Goal")
    Action.objects.update(
        case_id=Subquery(Goal.objects.filter(pk=OuterRef("goal_id")).values("plan_id")[:1])
    )


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0003_open_cases_by_review'),
    ]

    operations = [
        migrations.AddField(
            model_name='action',
            name='case',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='cases.case', verbose_name='casus'),
        ),
        migrations.RunPython(fill_case, migrations.RunPython.noop, elidable=True),
    ]
