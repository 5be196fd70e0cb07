"""Schemathesis against the served schema: every operation, generated valid and invalid
requests with a real client token, four checks, zero failures.

Uses schemathesis's Python API (``from_wsgi``, ``as_strategy``, ``call_and_validate``) inside one
ordinary test, so it runs on the test database of either backend. Bounded (``MAX_EXAMPLES`` per
operation and mode, derandomised) to stay fast; run more with ``REGIE_FUZZ_EXAMPLES=500``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from regie.accounts.models import Organisation
from regie.api.tests.conftest import VALID_BSN, add_action, add_goal, make_nomination, open_case
from regie.cases.models import Case, CaseStatus
from regie.criteria.document import read_file, shipped_paths
from regie.criteria.models import CriteriaSet, CriteriaStatus
from regie.criteria.services import criteria_sets_load
from regie.nominations.models import NominationStatus
from regie.wsgi import application

MAX_EXAMPLES = int(os.environ.get("REGIE_FUZZ_EXAMPLES", "40"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


# A fact about the person of the police's own nomination (with VALID_BSN), so that stored facts
# are checked against the schema too.
KNOWN_FACT = {
    "external_key": "fuzz-1",
    "bsn": VALID_BSN,
    "kind": "offence",
    "category": "overval",
    "role": "verdachte",
    "date": "2024-01-01",
}


@pytest.fixture
def target_ids(
    db: None, acvz: Organisation, politie: Organisation, reclassering: Organisation, make_user
) -> dict[str, list[int]]:
    """Real ids to aim at, per resource: the police's own nominations (submitted, concept,
    decided) and another organisation's; the police's actions in a running case and in an
    ended one, and another organisation's. Also criteria to read: an adopted set and concepts."""
    colleague = make_user(politie, "partner")
    nominations = [
        make_nomination(politie, colleague, bsn=VALID_BSN).pk,
        make_nomination(politie, colleague, NominationStatus.CONCEPT).pk,
        make_nomination(politie, colleague, NominationStatus.DECIDED).pk,
        make_nomination(reclassering, make_user(reclassering, "partner")).pk,
    ]
    running, ended, elsewhere = (
        open_case(make_user, acvz, org) for org in (politie,) * 2 + (reclassering,)
    )
    actions = [
        add_action(case, add_goal(case), org, date(2026, 3, 1)).pk
        for case, org in ((running, politie), (ended, politie), (elsewhere, reclassering))
    ]
    Case.objects.filter(pk=ended.pk).update(status=CaseStatus.OUTFLOWN)
    loaded = criteria_sets_load(documents=[read_file(p)[0] for p in shipped_paths()], actor=None)
    CriteriaSet.objects.filter(pk=loaded[0].criteria_set.pk).update(
        status=CriteriaStatus.ADOPTED, effective_from=date(2026, 1, 1)
    )
    return {"nominations": nominations, "actions": actions}


@pytest.fixture
def _keep_test_connection() -> Iterator[None]:
    """Calling the WSGI application directly would close the database connection after each
    request (and with it the test transaction); Django's test client avoids that the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(db: None, _keep_test_connection: None, make_client, politie: Organisation):
    _client, token = make_client(politie)
    config = schemathesis.Config.from_dict(
        {
            "headers": {"Authorization": f"Bearer {token}"},
        }
    )
    return schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application, config=config)


def _passes(operation, target_ids: dict[str, list[int]]):
    """Generated requests in both modes; for operations on one object also valid requests
    aimed at each real object of its kind; for the facts a known good fact."""
    yield GenerationMode.POSITIVE, {}
    yield GenerationMode.NEGATIVE, {}
    if "{id}" in operation.path:
        for pk in target_ids[operation.path.split("/")[3]]:
            yield GenerationMode.POSITIVE, {"path_parameters": {"id": pk}}
    if operation.path == "/api/v1/facts/":
        yield GenerationMode.POSITIVE, {"body": [KNOWN_FACT]}


@override_settings(REGIE_API_RATE="1000000/min")
def test_the_api_conforms_to_its_schema(api_schema, target_ids) -> None:
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) == 9
    failures: list[str] = []
    for operation in operations:
        for mode, fixed in _passes(operation, target_ids):

            @given(case=operation.as_strategy(generation_mode=mode, **fixed))
            @settings(
                max_examples=MAX_EXAMPLES,
                deadline=None,
                derandomize=True,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            def run(case) -> None:
                case.call_and_validate(checks=CHECKS)

            try:
                run()
            except Exception as exc:
                failures.append(f"{operation.label} ({mode.value}, {fixed}): {exc}")
    assert not failures, "\n\n".join(failures)
