"""Errors as RFC 9457 problem details (``application/problem+json``), in Dutch and English.

Every error body has ``type`` (a ``urn:regie:problem:…`` URI, listed in docs/api.md), ``title``
and ``detail`` in Dutch, ``title_en`` and ``detail_en`` in English, ``status`` and ``instance``
(the request path). Validation problems add ``errors``: one entry per bad value with its
``path`` (``concerns[0].domain``, ``[3].external_key``) and a message in both languages.

Messages of the shared domain services are Dutch; their English is in this app's catalog
(``locale/en/LC_MESSAGES/django.po``), looked up by the Dutch text (``in_language``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils import translation
from django.utils.functional import lazy
from rest_framework import exceptions, status
from rest_framework.response import Response

from regie.access.policy import ProcessingRestricted

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_TYPE_PREFIX = "urn:regie:problem:"


def _pick(nl: str, en: str, params: dict[str, Any]) -> str:
    text = en if (translation.get_language() or "nl").startswith("en") else nl
    return text.format(**params) if params else text


_lazy_pick = lazy(_pick, str)


def bilingual(nl: str, en: str, **params: Any) -> str:
    """A lazy message: renders in Dutch, or in English while English is the active language."""
    return _lazy_pick(nl, en, params)


def render(message: Any, language: str) -> str:
    with translation.override(language):
        return str(message)


def in_language(message: Any, language: str) -> str:
    """A service's message in ``language``. Lazy messages translate themselves; a message the
    service already rendered in Dutch is looked up by its text (unknown text stays Dutch)."""
    with translation.override(language):
        return translation.gettext(str(message))


def conflict_or_invalid(exc: DjangoValidationError) -> exceptions.APIException:
    """A transition service's refusal: errors on fields are invalid data (400); an error about
    the object as a whole means its state does not allow the transition (409)."""
    if hasattr(exc, "error_dict"):
        return ApiValidationError.from_django(exc)
    message = " ".join(str(m) for m in exc.messages)
    return Conflict(_lazy_in_language(message))


@dataclass(frozen=True)
class FieldError:
    path: str
    message_nl: str
    message_en: str
    code: str = "invalid"

    def as_dict(self) -> dict[str, str]:
        return {
            "path": self.path,
            "code": self.code,
            "message_nl": self.message_nl,
            "message_en": self.message_en,
        }


def join_path(prefix: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{prefix}[{key}]"
    if key in ("non_field_errors", "__all__"):
        return prefix
    return f"{prefix}.{key}" if prefix else key


def flatten(detail: Any, prefix: str = "") -> list[tuple[str, str, str]]:
    """DRF's nested error structure as ``(path, message, code)`` triples, in document order."""
    if isinstance(detail, dict):
        return [
            triple
            for key, value in detail.items()
            for triple in flatten(value, join_path(prefix, key))
        ]
    if isinstance(detail, list):
        if all(isinstance(item, str) for item in detail):
            return [(prefix, str(item), getattr(item, "code", "invalid")) for item in detail]
        return [
            triple
            for index, item in enumerate(detail)
            for triple in flatten(item, f"{prefix}[{index}]")
        ]
    return [(prefix, str(detail), getattr(detail, "code", "invalid"))]


class ApiValidationError(exceptions.APIException):
    """400 with field paths. Raised with both languages already rendered."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid"

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__(detail="invalid")
        self.errors = errors

    @classmethod
    def from_django(cls, exc: DjangoValidationError, prefix: str = "") -> ApiValidationError:
        """From a service's ``ValidationError``; its (lazy) messages are rendered in both
        languages."""
        items: list[tuple[str, DjangoValidationError]] = []
        if hasattr(exc, "error_dict"):
            for field, errors in exc.error_dict.items():
                items.extend((join_path(prefix, field), error) for error in errors)
        else:
            items.extend((prefix, error) for error in exc.error_list)
        return cls(
            [
                FieldError(
                    path=path,
                    message_nl=_django_message(error, "nl"),
                    message_en=_django_message(error, "en"),
                    code=error.code or "invalid",
                )
                for path, error in items
            ]
        )


def _django_message(error: DjangoValidationError, language: str) -> str:
    message = in_language(error.message, language)
    return message % error.params if error.params else message


def _current_language(message: str) -> str:
    return in_language(message, translation.get_language() or "nl")


_lazy_in_language = lazy(_current_language, str)


class Conflict(exceptions.APIException):
    """409: the request is valid but the object's state does not allow it (now)."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"

    def __init__(self, message: str) -> None:
        super().__init__(detail="conflict")
        self.message = message


class ScopeMissing(exceptions.PermissionDenied):
    """403: the client lacks a scope. Scopes are public, so saying so leaks nothing."""

    default_code = "insufficient_scope"

    def __init__(self, scope: str) -> None:
        super().__init__(detail="insufficient_scope")
        self.scope = scope


class Restricted(exceptions.PermissionDenied):
    """403: the person's processing is restricted (GDPR art. 18). The client already reached
    the object through its own scope, so saying why leaks nothing it could not see."""

    default_code = "processing_restricted"


@dataclass(frozen=True)
class Kind:
    slug: str
    title_nl: str
    title_en: str
    detail: str


INVALID = Kind(
    "validation-error",
    "Ongeldige gegevens",
    "Invalid data",
    bilingual(
        "Het verzoek bevat ongeldige gegevens; zie 'errors'.",
        "The request contains invalid data; see 'errors'.",
    ),
)


def _kind(exc: Exception, request: Any) -> Kind:
    if isinstance(exc, exceptions.NotAuthenticated):
        return Kind(
            "not-authenticated",
            "Niet aangemeld",
            "Not authenticated",
            bilingual(
                "Stuur een token mee: 'Authorization: Bearer <token>'.",
                "Send a token: 'Authorization: Bearer <token>'.",
            ),
        )
    if isinstance(exc, exceptions.AuthenticationFailed):
        return Kind(
            "invalid-token",
            "Token ongeldig",
            "Invalid token",
            bilingual(
                "Het token is onbekend, verlopen of ingetrokken, of de client is niet actief.",
                "The token is unknown, expired or revoked, or the client is not active.",
            ),
        )
    if isinstance(exc, ScopeMissing):
        return Kind(
            "insufficient-scope",
            "Scope ontbreekt",
            "Insufficient scope",
            bilingual(
                "Deze client heeft de scope '{scope}' niet.",
                "This client lacks the scope '{scope}'.",
                scope=exc.scope,
            ),
        )
    if isinstance(exc, Restricted):
        return Kind(
            "processing-restricted",
            "Verwerking beperkt",
            "Processing restricted",
            bilingual(
                "De verwerking van de gegevens van deze persoon is beperkt (AVG artikel 18): "
                "de gegevens worden alleen bewaard.",
                "Processing of this person's data is restricted (GDPR article 18): the data "
                "is only stored.",
            ),
        )
    if isinstance(exc, exceptions.PermissionDenied):
        return Kind(
            "forbidden",
            "Niet toegestaan",
            "Forbidden",
            bilingual("Deze handeling is niet toegestaan.", "This action is not allowed."),
        )
    if isinstance(exc, exceptions.NotFound):
        return Kind(
            "not-found",
            "Niet gevonden",
            "Not found",
            bilingual(
                "Dit adres of object bestaat niet of valt buiten wat deze client mag zien.",
                "This address or object does not exist or is outside what this client may see.",
            ),
        )
    if isinstance(exc, exceptions.MethodNotAllowed):
        method = request.method if request is not None else ""
        return Kind(
            "method-not-allowed",
            "Methode niet toegestaan",
            "Method not allowed",
            bilingual(
                "De methode {method} is hier niet toegestaan.",
                "The method {method} is not allowed here.",
                method=method,
            ),
        )
    if isinstance(exc, exceptions.NotAcceptable):
        return Kind(
            "not-acceptable",
            "Formaat niet beschikbaar",
            "Not acceptable",
            bilingual(
                "Deze API antwoordt alleen in application/json.",
                "This API only answers in application/json.",
            ),
        )
    if isinstance(exc, exceptions.UnsupportedMediaType):
        return Kind(
            "unsupported-media-type",
            "Inhoudstype niet ondersteund",
            "Unsupported media type",
            bilingual(
                "Stuur de inhoud als application/json.", "Send the body as application/json."
            ),
        )
    if isinstance(exc, exceptions.ParseError):
        return Kind(
            "malformed-request",
            "Onleesbaar verzoek",
            "Malformed request",
            bilingual("De inhoud is geen geldige JSON.", "The body is not valid JSON."),
        )
    if isinstance(exc, exceptions.Throttled):
        return Kind(
            "too-many-requests",
            "Te veel verzoeken",
            "Too many requests",
            bilingual(
                "Te veel verzoeken; probeer het over {wait} seconden opnieuw.",
                "Too many requests; try again in {wait} seconds.",
                wait=int(getattr(exc, "wait", None) or 1),
            ),
        )
    if isinstance(exc, Conflict):
        return Kind("conflict", "Conflict", "Conflict", exc.message)
    return Kind(
        "error", "Fout", "Error", bilingual("Het verzoek is mislukt.", "The request failed.")
    )


def problem_response(
    exc: exceptions.APIException, request: Any, kind: Kind, extra: dict[str, Any] | None = None
) -> Response:
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE_PREFIX + kind.slug,
        "title": kind.title_nl,
        "title_en": kind.title_en,
        "status": exc.status_code,
        "detail": render(kind.detail, "nl"),
        "detail_en": render(kind.detail, "en"),
        "instance": request.path if request is not None else "",
        **(extra or {}),
    }
    response = Response(body, status=exc.status_code, content_type=PROBLEM_MEDIA_TYPE)
    auth_header = getattr(exc, "auth_header", None)
    if auth_header:
        response["WWW-Authenticate"] = auth_header
    wait = getattr(exc, "wait", None)
    if wait is not None:
        response["Retry-After"] = str(int(wait) or 1)
    return response


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's exception handler (settings ``REST_FRAMEWORK["EXCEPTION_HANDLER"]``)."""
    view = context.get("view")
    request = context.get("request")
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, ProcessingRestricted):
        exc = Restricted()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, DjangoValidationError):
        exc = ApiValidationError.from_django(exc)
    elif isinstance(exc, exceptions.ValidationError):
        exc = ApiValidationError(
            [
                FieldError(path, message, message, code)
                for path, message, code in flatten(exc.detail)
            ]
        )
    if not isinstance(exc, exceptions.APIException):
        return None
    if isinstance(exc, ApiValidationError):
        response = problem_response(
            exc, request, INVALID, {"errors": [error.as_dict() for error in exc.errors]}
        )
    else:
        extra = {"scope": exc.scope} if isinstance(exc, ScopeMissing) else None
        response = problem_response(exc, request, _kind(exc, request), extra)
    on_failure = getattr(view, "audit_failure", None)
    if on_failure is not None and request is not None:
        on_failure(exc)
    return response
