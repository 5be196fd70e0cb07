"""The yearly monitor's ZRM change per life domain, counted in the database.

For every case in the approach at the peildatum that had a review by then: the latest review's
score per life domain (a correction replaces what it corrects, so the latest ``review_held`` or
``review_corrected`` event counts) against the triage assessment's score at admission, as
"beter", "gelijk" or "slechter". A case from a former approach has no assessment at admission
and is left out, as is a domain without a whole-number score on either side.

One query whatever the data. The comparison runs in the database: the latest review per case
(one entry per case from the partial index of the review events, on both databases), its scores
joined to the admission scores of the same domain, and only the 33 counts come back. Reading
the latest reviews' payloads and the admission scores into Python to compare them there (150,000 scores at national scale) took most of the
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

from regie.events.models import REVIEW_TYPES, CaseEvent
from regie.triage.models import Assessment, AssessmentScore

_EVENTS = CaseEvent._meta.db_table
_ASSESSMENTS = Assessment._meta.db_table
_SCORES = AssessmentScore._meta.db_table
# Written out, not bound: a partial index is only used when the query repeats its condition,
# and SQLite cannot see that a bound parameter does.
_REVIEW = ", ".join(f"'{type_}'" for type_ in REVIEW_TYPES)

# A case's latest review before the peildatum, read from the partial index of review events
# (``event_review_latest``): one index entry per case. Numbering all 90,000 reviews per case
# with a window function took a third of the statement.
_LATEST = f"""
    SELECT latest.id FROM {_EVENTS} latest
    WHERE latest.case_id = {{case}} AND latest.type IN ({_REVIEW}) AND latest.occurred_at < %s
    ORDER BY latest.occurred_at DESC, latest.id DESC
    LIMIT 1
"""  # noqa: S608 (only the models' table names and event types are formatted in, here and below)

# SQLite: CROSS JOIN keeps the join order as written, so each payload is opened once per review
# and the admission score is looked up by (assessment, domain), not the other way round.
_SQLITE = f"""
    SELECT zrm.key,
           CASE WHEN zrm.value > s.score THEN 'beter'
                WHEN zrm.value < s.score THEN 'slechter'
                ELSE 'gelijk' END,
           COUNT(*)
    FROM json_each(%s) AS c
    CROSS JOIN {_EVENTS} e
    CROSS JOIN {_ASSESSMENTS} a
    CROSS JOIN json_each(e.payload, '$.zrm') AS zrm
    CROSS JOIN {_SCORES} s
    WHERE e.id = ({_LATEST.format(case="c.value")})
      AND a.nomination_id = e.nomination_id
      AND zrm.type = 'integer'
      AND s.assessment_id = a.id AND s.domain = zrm.key
    GROUP BY 1, 2
"""  # noqa: S608

# PostgreSQL: the same, with the review's scores expanded once per review by ``jsonb_each``.
_POSTGRESQL = f"""
    SELECT s.domain,
           CASE WHEN zrm.value::numeric > s.score THEN 'beter'
                WHEN zrm.value::numeric < s.score THEN 'slechter'
                ELSE 'gelijk' END,
           COUNT(*)
    FROM unnest(%s::bigint[]) AS c(case_id)
    JOIN {_EVENTS} e ON e.id = ({_LATEST.format(case="c.case_id")})
    JOIN {_ASSESSMENTS} a ON a.nomination_id = e.nomination_id
    CROSS JOIN LATERAL jsonb_each(e.payload -> 'zrm') AS zrm
    JOIN {_SCORES} s ON s.assessment_id = a.id AND s.domain = zrm.key
    WHERE jsonb_typeof(zrm.value) = 'number'
      AND zrm.value::numeric = trunc(zrm.value::numeric)
    GROUP BY 1, 2
"""  # noqa: S608


def zrm_changes(case_ids: Collection[int], before: datetime) -> Counter[tuple[str, str]]:
    """Per (life domain, change) the number of ``case_ids`` whose latest review recorded before
    ``before`` scored better, the same or worse than at admission."""
    cases = sorted(case_ids)
    postgresql = connection.vendor == "postgresql"
    params: list[Any] = [cases if postgresql else json.dumps(cases), before]
    with connection.cursor() as cursor:
        cursor.execute(_POSTGRESQL if postgresql else _SQLITE, params)
        return Counter({(domain, change): n for domain, change, n in cursor.fetchall()})
