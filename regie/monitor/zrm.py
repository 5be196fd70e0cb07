"""The yearly monitor's ZRM change per life domain, counted in the database.

For every case in the approach at the peildatum that had a review by then: the latest review's
score per life domain (a correction replaces what it corrects, so the latest ``review_held`` or
``review_corrected`` event counts) against the triage assessment's score at admission, as
"beter", "gelijk" or "slechter". A case from a former approach has no assessment at admission
and is left out, as is a domain without a whole-number score on either side.

One query whatever the data. The comparison runs in the database: the latest review per case is
a window over the review events' keys, its scores are joined to the admission scores of the same
domain, and only the 33 counts come back. Reading the latest reviews' payloads and the admission
scores into Python to compare them there (150,000 scores at national scale) took most of the
monitor's time. The cases are passed as one JSON array (SQLite) or array (PostgreSQL)
parameter, not one parameter per case, so the statement does not grow with the data. The two
databases get their own SQL (``json_each`` and ``jsonb`` are not the ORM's); the tests run both.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Collection
from datetime import datetime
from typing import Any

from django.db import connection

from regie.events.models import CaseEvent, EventType
from regie.triage.models import Assessment, AssessmentScore

_EVENTS = CaseEvent._meta.db_table
_ASSESSMENTS = Assessment._meta.db_table
_SCORES = AssessmentScore._meta.db_table

# Every review event up to the peildatum, numbered per case from the newest.
_RANKED = f"""
    SELECT id, case_id, ROW_NUMBER() OVER (
        PARTITION BY case_id ORDER BY occurred_at DESC, id DESC
    ) AS newest
    FROM {_EVENTS}
    WHERE type IN (%s, %s) AND occurred_at < %s AND case_id IS NOT NULL
"""  # noqa: S608 (only the models' table names are formatted in, here and below)

# SQLite: CROSS JOIN keeps the join order as written, so each payload is opened once per event
# and the admission score is looked up by (assessment, domain), not the other way round.
_SQLITE = f"""
    SELECT zrm.key,
           CASE WHEN zrm.value > s.score THEN 'beter'
                WHEN zrm.value < s.score THEN 'slechter'
                ELSE 'gelijk' END,
           COUNT(*)
    FROM {_EVENTS} e
    JOIN {_ASSESSMENTS} a ON a.nomination_id = e.nomination_id
    CROSS JOIN json_each(e.payload, '$.zrm') AS zrm
    CROSS JOIN {_SCORES} s
    WHERE e.id IN (
        SELECT id FROM ({_RANKED}) AS ranked
        WHERE newest = 1 AND case_id IN (SELECT value FROM json_each(%s))
    )
      AND zrm.type = 'integer'
      AND s.assessment_id = a.id AND s.domain = zrm.key
    GROUP BY 1, 2
"""  # noqa: S608

# PostgreSQL: the cases as a hashed semi-join (a 15,000-element ``= ANY`` filter is searched
# linearly per row), and the review's score looked up in the jsonb per admission score, so the
# planner knows how many rows there are (``jsonb_each`` is estimated at one).
_POSTGRESQL = f"""
    SELECT s.domain,
           CASE WHEN (z.zrm ->> s.domain)::numeric > s.score THEN 'beter'
                WHEN (z.zrm ->> s.domain)::numeric < s.score THEN 'slechter'
                ELSE 'gelijk' END,
           COUNT(*)
    FROM (
        SELECT nomination_id, payload -> 'zrm' AS zrm
        FROM {_EVENTS}
        WHERE id IN (
            SELECT id FROM ({_RANKED}) AS ranked
            WHERE newest = 1 AND case_id IN (SELECT unnest(%s::bigint[]))
        )
    ) AS z
    JOIN {_ASSESSMENTS} a ON a.nomination_id = z.nomination_id
    JOIN {_SCORES} s ON s.assessment_id = a.id
    WHERE jsonb_typeof(z.zrm -> s.domain) = 'number'
      AND (z.zrm ->> s.domain)::numeric = trunc((z.zrm ->> s.domain)::numeric)
    GROUP BY 1, 2
"""  # noqa: S608


def zrm_changes(case_ids: Collection[int], before: datetime) -> Counter[tuple[str, str]]:
    """Per (life domain, change) the number of ``case_ids`` whose latest review recorded before
    ``before`` scored better, the same or worse than at admission."""
    cases = sorted(case_ids)
    postgresql = connection.vendor == "postgresql"
    params: list[Any] = [
        EventType.REVIEW_HELD,
        EventType.REVIEW_CORRECTED,
        before,
        cases if postgresql else json.dumps(cases),
    ]
    with connection.cursor() as cursor:
        cursor.execute(_POSTGRESQL if postgresql else _SQLITE, params)
        return Counter({(domain, change): n for domain, change, n in cursor.fetchall()})
