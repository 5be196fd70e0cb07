"""Helpers for the audit tests: a chain to work on, and an attacker who edits the table."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from regie.audit import triggers
from regie.audit.chain import CHAINED_FIELDS, Anchor, compute_hash
from regie.audit.models import AuditEvent, AuditHead
from regie.audit.testing import chain_append

CHAIN_LENGTH = 30


@pytest.fixture
def chain(db: None) -> Anchor:
    """A valid chain of ``CHAIN_LENGTH`` synthetic events; returns its head (an anchor)."""
    return chain_append(CHAIN_LENGTH, seed=7)


class Attacker:
    """Someone with write access to the database, working around the triggers."""

    def rows(self) -> list[dict[str, Any]]:
        return list(AuditEvent.objects.order_by("seq").values(*CHAINED_FIELDS, "hash"))

    def row(self, seq: int) -> dict[str, Any]:
        return AuditEvent.objects.filter(seq=seq).values(*CHAINED_FIELDS, "hash").get()

    def change(self, seq: int, /, **values: Any) -> None:
        AuditEvent.objects.filter(seq=seq).update(**values)

    def make_room(self, at: int) -> None:
        """Move rows ``at`` and later one place up (last first: ``seq`` is unique)."""
        last = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
        for seq in range(last, at - 1, -1):
            self.change(seq, seq=seq + 1)

    def rehash(self, seq: int) -> str:
        """Recompute row ``seq``'s hash over its current content, as an informed attacker would."""
        digest = compute_hash(self.row(seq))
        AuditEvent.objects.filter(seq=seq).update(hash=digest)
        return digest

    def delete(self, *seqs: int) -> None:
        AuditEvent.objects.filter(seq__in=seqs).delete()

    def forge(self, seq: int, prev_hash: str, **values: Any) -> AuditEvent:
        """Insert a self-consistent row: its hash matches its content and ``prev_hash``."""
        template = self.row(seq - 1) if seq > 1 else self.row(seq)
        row = {**template, "seq": seq, "prev_hash": prev_hash, **values}
        row["hash"] = compute_hash(row)
        return AuditEvent.objects.create(**row)

    def set_head(self, seq: int, digest: str) -> None:
        AuditHead.objects.filter(pk=1).update(seq=seq, hash=digest)


@pytest.fixture
def attacker(chain: Anchor) -> Iterator[Attacker]:
    """The triggers are lifted while the attacker works (inside the test's transaction) and put
    back afterwards."""
    with triggers.lifted(connection):
        yield Attacker()


def verify_error(*anchors: Anchor) -> str:
    """Run ``regie audit verify`` and return its error; fail the test when it passes."""
    args = [f"--anchor={anchor}" for anchor in anchors]
    with pytest.raises(CommandError) as failure:
        call_command("audit", "verify", *args)
    return str(failure.value)


def verify_ok(*anchors: Anchor) -> str:
    from io import StringIO

    out = StringIO()
    call_command("audit", "verify", *[f"--anchor={a}" for a in anchors], stdout=out)
    return out.getvalue()
