"""``regie audit verify`` and ``regie audit anchor`` through ``call_command``."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from regie.audit.chain import GENESIS_HASH, Anchor
from regie.audit.models import AuditAction
from regie.audit.services import audit_record
from regie.audit.testing import chain_append
from regie.audit.tests.conftest import verify_ok


def run(*args: str, **options: object) -> str:
    out = StringIO()
    call_command("audit", *args, stdout=out, **options)
    return out.getvalue()


def test_anchor_of_an_empty_chain_is_zero_and_the_genesis_hash(db: None) -> None:
    assert run("anchor").strip() == f"0:{GENESIS_HASH}"
    assert "0 regels gecontroleerd" in verify_ok()


def test_anchor_prints_the_last_row_and_verify_accepts_it_later(db: None) -> None:
    anchor = chain_append(25, seed=1)
    printed = run("anchor").strip()
    assert printed == str(anchor)
    # Work goes on after the anchor was taken; the anchor still holds.
    audit_record(action=AuditAction.VIEW, object_type="page", object_id="home")
    assert "26 regels gecontroleerd" in verify_ok(Anchor.parse(printed))


def test_several_anchors_may_be_given(db: None) -> None:
    first = chain_append(10, seed=1)
    second = chain_append(10, seed=2)
    assert "2 anker(s) kloppen" in verify_ok(first, second)


@pytest.mark.parametrize(
    "text", ["12", "12:abc", "x:" + "a" * 64, "12:" + "g" * 64, "-1:" + "a" * 64, ""]
)
def test_a_malformed_anchor_is_refused_in_dutch(db: None, text: str) -> None:
    with pytest.raises(CommandError, match="VOLGNUMMER:HASH"):
        call_command("audit", "verify", f"--anchor={text}")


def test_an_anchor_may_be_written_in_capitals(db: None) -> None:
    anchor = chain_append(3, seed=1)
    assert Anchor.parse(f" {anchor.seq}:{anchor.hash.upper()}\n") == anchor


def test_progress_bar_shown_on_request_and_not_by_default_without_a_terminal(db: None) -> None:
    chain_append(50, seed=3)
    shown = run("verify", "--progress")
    assert "Auditketen: 100%" in shown
    assert "50 regels gecontroleerd" in shown
    assert "Auditketen: " not in run("verify")


def test_an_interrupted_verify_says_so_in_dutch(db: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl+C gives one Dutch line and exit status 130, not Python's traceback (the workers
    are stopped in ``audit_verify``, see test_parallel)."""
    from regie.audit.management.commands import audit

    def interrupted(**kwargs: object) -> None:
        on_batch = kwargs["on_batch"]
        assert callable(on_batch)
        on_batch(7)
        raise KeyboardInterrupt

    chain_append(10, seed=3)
    monkeypatch.setattr(audit, "audit_verify", interrupted)
    with pytest.raises(CommandError, match="Afgebroken na 7 regels") as error:
        run("verify")
    assert error.value.returncode == 130
