"""The privacy officer's audit log screens: per person, per employee, by period, as CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from regie.accounts.models import Organisation, Role, User
from regie.audit.models import AuditAction, AuditEvent, AuditOutcome
from regie.audit.selectors import audit_verify
from regie.audit.services import audit_record
from regie.audit.testing import chain_append
from regie.audit.views import CSV_COLUMNS, PAGE_SIZE

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
LOG, CSV = "/audit/", "/audit/export.csv"


def seen(
    person_id: int, by: User, at: datetime | None = None, detail: dict[str, Any] | None = None
) -> AuditEvent:
    """``by`` viewed person ``person_id`` (at ``at``, or now)."""
    if at is None:
        return audit_record(
            action=AuditAction.VIEW,
            actor=by,
            object_type="person",
            person_id=person_id,
            detail=detail,
        )
    with time_machine.travel(at, tick=False):
        return seen(person_id, by, detail=detail)


def listed(response) -> list[int]:
    assert response.status_code == 200
    return [event.seq for event, _ in response.context["rows"]]


def rows_of(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(response.getvalue().decode())))


@pytest.fixture
def fg_client(fg: User, login: Callable[[User], Client]) -> Client:
    return login(fg)


def test_the_fg_sees_the_events_about_one_person_newest_first(
    fg: User, fg_client: Client, regisseur: User, teamleider: User
) -> None:
    a = seen(7, regisseur)
    seen(8, regisseur)
    b = seen(7, teamleider, detail={"fields": ["address", "phone"], "tab": None})

    response = fg_client.get(LOG, {"person": 7})

    assert listed(response) == [b.seq, a.seq]
    assert b"regisseur" in response.content
    assert b"AcVZ (test)" in response.content
    assert b"fields: address, phone; tab: \xe2\x80\x94" in response.content
    search = AuditEvent.objects.order_by("seq").last()
    assert search is not None
    assert (search.action, search.actor_id, search.object_type, search.person_id) == (
        AuditAction.SEARCH,
        fg.pk,
        "audit_log",
        7,
    )
    assert search.detail == {"person": 7, "employee": None, "start": "", "end": ""}


def test_the_fg_sees_the_events_of_one_employee(
    fg_client: Client, regisseur: User, teamleider: User
) -> None:
    a = seen(7, regisseur)
    seen(7, teamleider)
    b = seen(9, regisseur)

    assert listed(fg_client.get(LOG, {"employee": regisseur.pk})) == [b.seq, a.seq]


def test_the_employee_is_typed_as_a_username_in_any_case_or_given_by_number(
    fg_client: Client, regisseur: User, teamleider: User
) -> None:
    a = seen(7, regisseur)
    seen(7, teamleider)

    by_name = fg_client.get(LOG, {"employee": regisseur.username.upper()})
    assert listed(by_name) == [a.seq]
    assert f'value="{regisseur.username}"' in by_name.content.decode()
    assert listed(fg_client.get(LOG, {"employee": f" {regisseur.pk} "})) == [a.seq]
    unknown = fg_client.get(LOG, {"employee": "niemand"})
    assert unknown.context["page"] is None
    assert unknown.context["form"].errors["employee"] == [
        "Er is geen medewerker met deze gebruikersnaam of dit nummer."
    ]


def test_the_filter_form_lists_no_employees(fg_client: Client, regisseur: User) -> None:
    """A text field, not a list of every employee: at national scale that list was most of
    the page, and it named every employee to whoever opened it."""
    page = fg_client.get(LOG).content.decode()
    assert "<option" not in page
    assert regisseur.username not in page


def test_the_period_runs_from_the_first_day_through_the_last_in_local_time(
    fg_client: Client, regisseur: User
) -> None:
    seen(7, regisseur, datetime(2026, 3, 1, 23, 59, 59, tzinfo=AMSTERDAM))
    first = seen(7, regisseur, datetime(2026, 3, 2, 0, 0, tzinfo=AMSTERDAM))
    last = seen(7, regisseur, datetime(2026, 3, 3, 23, 59, 59, tzinfo=AMSTERDAM))
    seen(7, regisseur, datetime(2026, 3, 4, 0, 0, tzinfo=AMSTERDAM))

    response = fg_client.get(LOG, {"person": "7", "start": "2026-03-02", "end": "2026-03-03"})

    assert listed(response) == [last.seq, first.seq]
    # The date fields show the chosen period again (a date input needs ISO dates).
    assert 'value="2026-03-02"' in response.content.decode()


def test_an_end_before_the_start_is_explained_in_dutch_and_nothing_is_searched(
    fg_client: Client, regisseur: User
) -> None:
    seen(7, regisseur)
    count = AuditEvent.objects.count()

    response = fg_client.get(LOG, {"start": "2026-03-05", "end": "2026-03-01"})

    assert response.status_code == 200
    assert "De einddatum ligt vóór de begindatum." in response.content.decode()
    assert response.context["page"] is None
    assert AuditEvent.objects.count() == count


@pytest.mark.parametrize(
    "params",
    [
        {"person": "abc"},
        {"person": "-3"},
        {"person": "99999999999999999999999"},
        {"employee": "abc"},
        {"employee": "999999"},
        {"employee": "99999999999999999999999"},
        {"start": "31-02-2026"},
        {"start": "2026-02-31"},
        {"start": "0001-01-01"},
        {"end": "9999-12-31"},
        {"start": "<script>"},
    ],
)
def test_junk_filters_give_field_errors_not_a_server_error(
    fg_client: Client, params: dict[str, Any]
) -> None:
    response = fg_client.get(LOG, params)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "ams-error-message" in response.content.decode()
    assert fg_client.get(CSV, params).status_code == 400


@pytest.mark.parametrize("pagina", ["xyz", "-1", "0", "99999", "1e3", ""])
def test_junk_page_numbers_show_a_page(fg_client: Client, regisseur: User, pagina: str) -> None:
    seen(7, regisseur)
    response = fg_client.get(LOG, {"person": "7", "pagina": pagina})
    assert len(listed(response)) == 1


def test_long_results_are_paged_and_the_links_keep_the_filter(
    fg_client: Client, regisseur: User
) -> None:
    for _ in range(2 * PAGE_SIZE + 20):
        seen(7, regisseur)
    seen(8, regisseur)

    third = fg_client.get(LOG, {"person": 7, "pagina": 3})
    first = fg_client.get(LOG, {"person": 7})

    assert len(listed(first)) == PAGE_SIZE
    assert len(listed(third)) == 20
    assert "?person=7&amp;pagina=2" in first.content.decode()
    assert "Pagina 3 van 3" in third.content.decode()


def test_the_csv_export_holds_the_filtered_rows_and_is_itself_audited(
    fg: User, fg_client: Client, regisseur: User, teamleider: User
) -> None:
    a = seen(7, regisseur, datetime(2026, 3, 2, 9, 0, tzinfo=AMSTERDAM), detail={"view": "detail"})
    seen(8, regisseur, datetime(2026, 3, 2, 9, 5, tzinfo=AMSTERDAM))
    b = seen(7, teamleider, datetime(2026, 3, 2, 9, 10, tzinfo=AMSTERDAM))
    seen(7, regisseur, datetime(2026, 3, 5, 9, 0, tzinfo=AMSTERDAM))

    rows = rows_of(fg_client.get(CSV, {"person": "7", "start": "2026-03-01", "end": "2026-03-02"}))

    assert rows[0] == list(CSV_COLUMNS)
    assert [int(r[0]) for r in rows[1:]] == [a.seq, b.seq]
    first = dict(zip(CSV_COLUMNS, rows[1], strict=True))
    assert first["occurred_at"] == "2026-03-02T08:00:00+00:00"
    assert (first["actor_username"], first["person_id"], first["action"]) == (
        "regisseur",
        "7",
        "view",
    )
    assert (first["detail"], first["hash"]) == ('{"view": "detail"}', a.hash)
    export = AuditEvent.objects.order_by("seq").last()
    assert export is not None
    assert (export.action, export.actor_id, export.person_id, export.outcome) == (
        AuditAction.EXPORT,
        fg.pk,
        7,
        AuditOutcome.SUCCESS,
    )
    assert export.detail == {
        "person": 7,
        "employee": None,
        "start": "2026-03-01",
        "end": "2026-03-02",
    }
    assert audit_verify().ok


def test_the_csv_export_defuses_spreadsheet_formulas(fg_client: Client, regisseur: User) -> None:
    audit_record(action=AuditAction.VIEW, actor=regisseur, object_type="page", object_id="=1+1")
    rows = rows_of(fg_client.get(CSV, {"employee": regisseur.pk}))
    assert rows[1][CSV_COLUMNS.index("object_id")] == "'=1+1"


def test_an_export_needs_a_search_and_a_bad_filter_is_not_audited_as_an_export(
    fg_client: Client,
) -> None:
    assert fg_client.get(CSV).status_code == 400
    assert fg_client.get(CSV, {"start": "2026-03-05", "end": "2026-03-01"}).status_code == 400
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


@pytest.mark.parametrize("role", [r.value for r in Role if r != Role.PRIVACY_OFFICER])
@pytest.mark.parametrize(("url", "view_name"), [(LOG, "audit:log"), (CSV, "audit:log_csv")])
def test_other_roles_get_not_found_and_the_refusal_is_audited(
    acvz: Organisation,
    make_user: Callable[..., User],
    login: Callable[[User], Client],
    role: str,
    url: str,
    view_name: str,
) -> None:
    user = make_user(acvz, role)

    response = login(user).get(url, {"person": 7})

    assert response.status_code == 404
    denied = AuditEvent.objects.order_by("seq").last()
    assert denied is not None
    assert (denied.action, denied.actor_id, denied.object_id, denied.outcome) == (
        AuditAction.ACCESS_DENIED,
        user.pk,
        view_name,
        AuditOutcome.DENIED,
    )


@pytest.mark.parametrize("url", [LOG, CSV])
def test_anonymous_visitors_are_sent_to_the_login_page(db: None, url: str) -> None:
    response = Client().get(url, {"person": 7})
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")


def test_the_log_page_needs_the_same_number_of_queries_for_few_or_many_events(
    fg_client: Client, regisseur: User, teamleider: User, django_assert_max_num_queries
) -> None:
    seen(7, regisseur)
    seen(7, teamleider)
    with CaptureQueriesContext(connection) as few:
        assert len(listed(fg_client.get(LOG, {"person": ""}))) < PAGE_SIZE
    chain_append(500, seed=3)  # many employees, organisations and persons
    with django_assert_max_num_queries(len(few)), CaptureQueriesContext(connection) as many:
        assert len(listed(fg_client.get(LOG, {"person": ""}))) == PAGE_SIZE
    assert len(many) == len(few)
