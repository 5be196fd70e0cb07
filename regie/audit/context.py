"""Who is acting, from where: set per request by ``AuditContextMiddleware``."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    client_ip: str | None
    purpose: str = ""


current: ContextVar[RequestContext | None] = ContextVar("regie_audit_request", default=None)
