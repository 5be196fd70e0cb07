"""The action's case is required, with a partial index on the pending actions per case and due
date: counting overdue actions per case no longer walks the goals. The index on goal, status and
due date goes: it served only that count, and SQLite 3.35–3.41 gave wrong results on it."""

from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0004_action_case'),
    ]

    operations = [
        migrations.AlterField(
            model_name='action',
            name='case',
            field=models.ForeignKey(blank=True, editable=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='cases.case', verbose_name='casus'),
        ),
        migrations.RemoveIndex(
            model_name='action',
            name='action_goal_due',
        ),
        migrations.AddIndex(
            model_name='action',
            index=models.Index(condition=models.Q(('status__in', ('open', 'bezig'))), fields=['case', 'due_date'], name='action_case_pending'),
        ),
    ]
