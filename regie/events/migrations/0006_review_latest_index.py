"""Each case's latest review, newest first, for the yearly monitor's ZRM change."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("events", "0005_event_types_reviews_rights")]

    operations = [
        migrations.AddIndex(
            model_name="caseevent",
            index=models.Index(
                condition=models.Q(("type__in", ["review_held", "review_corrected"])),
                fields=["case_id", "-occurred_at", "-id"],
                name="event_review_latest",
            ),
        ),
    ]
