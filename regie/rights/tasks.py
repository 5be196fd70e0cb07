"""Background work of the rights app, run by ``regie db_worker`` (docs/deploy.md).

The privacy officer's dry run of the retention terms reads every record past its term: at
national scale tens of thousands of records and a few seconds (more on a busy server), too long
for a request and far too many to list on a page. The page enqueues it and shows its status; the
result is kept with the task as a summary per kind, the held records and the full list, which
the page offers as a CSV file.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from django_tasks import task

from regie.accounts.models import User
from regie.rights.retention.policy import kinds
from regie.rights.retention.run import RetentionReport, retention_run


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


CSV_HEADER = ["soort", "omschrijving", "intern_nummer", "termijn_vanaf"]


def dry_run_result(report: RetentionReport) -> dict[str, Any]:
    """The dry run as JSON for the task's result: per kind how many records and from when to
    when their terms began, every held record with its reason, and every record that would go
    as CSV text (kind, description, internal id, start of the term: no personal data beyond the
    internal id). One string rather than a list of rows: the page reads the result at every
    look, and tens of thousands of rows cost milliseconds to decode where one string does not."""
    per_kind: dict[str, list[date | None]] = {}
    for row in report.deleted:
        per_kind.setdefault(row.kind, []).append(row.trigger)
    summary = []
    for kind in kinds():
        triggers = [day for day in per_kind.get(kind.key, []) if day is not None]
        if kind.deletes:
            summary.append(
                {
                    "key": kind.key,
                    "label": kind.label,
                    "count": len(per_kind.get(kind.key, [])),
                    "first": _iso(min(triggers, default=None)),
                    "last": _iso(max(triggers, default=None)),
                }
            )
    return {
        "batch": report.batch.pk if report.batch else None,
        "today": report.today.isoformat(),
        "kinds": summary,
        "total": len(report.deleted),
        "held": [
            [row.kind, row.label, row.record_id, _iso(row.trigger), row.held] for row in report.held
        ],
        "kept": report.kept,
        "csv": _csv(report),
    }


def _csv(report: RetentionReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    writer.writerows(
        [row.kind, row.label, row.record_id, _iso(row.trigger) or ""] for row in report.deleted
    )
    return out.getvalue()


@task()
def retention_dry_run(*, actor_id: int) -> dict[str, Any]:
    """List what the retention run would delete now, for the privacy officer ``actor_id``.
    Writes only the dry run's batch and its audit event, as the command does."""
    actor = User.objects.get(pk=actor_id)
    return dry_run_result(retention_run(actor=actor, dry_run=True))
