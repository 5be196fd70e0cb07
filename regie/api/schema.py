"""What the OpenAPI schema says beyond the views: the bearer scheme, the problem-details
responses, and closed request bodies (``additionalProperties: false``: unknown fields are
rejected, so the schema says so)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers

from regie.api.facts import MAX_FACTS
from regie.api.problems import PROBLEM_MEDIA_TYPE


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "regie.api.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "rg_<kenmerk>_<geheim>",
            "description": (
                "Token van een API-client, uitgegeven door functioneel beheer "
                "(/beheer/api-clients/). Stuur mee als 'Authorization: Bearer <token>'."
            ),
        }


class FieldErrorSerializer(serializers.Serializer):
    """One invalid value and where it is."""

    path = serializers.CharField(
        help_text=_("Pad van de ongeldige waarde, bijv. 'concerns[0].domain' of '[3].bsn'.")
    )
    code = serializers.CharField(help_text=_("Code van de fout, bijv. 'required'."))
    message_nl = serializers.CharField(help_text=_("Melding in het Nederlands."))
    message_en = serializers.CharField(help_text=_("Melding in het Engels."))


class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details, in Dutch and English."""

    type = serializers.CharField(
        help_text=_("Soort probleem, een URI 'urn:regie:problem:…' (zie docs/api.md).")
    )
    title = serializers.CharField(help_text=_("Korte titel, Nederlands."))
    title_en = serializers.CharField(help_text=_("Korte titel, Engels."))
    status = serializers.IntegerField(help_text=_("De HTTP-statuscode."))
    detail = serializers.CharField(help_text=_("Uitleg voor dit geval, Nederlands."))
    detail_en = serializers.CharField(help_text=_("Uitleg voor dit geval, Engels."))
    instance = serializers.CharField(help_text=_("Het pad van het verzoek."))
    errors = FieldErrorSerializer(  # type: ignore[assignment]
        many=True,
        required=False,
        help_text=_("Alleen bij 'validation-error': elke ongeldige waarde met haar pad."),
    )
    scope = serializers.CharField(
        required=False, help_text=_("Alleen bij 'insufficient-scope': de ontbrekende scope.")
    )


PROBLEM_DESCRIPTIONS = {
    400: "Ongeldig verzoek; bij 'validation-error' staat in 'errors' elke fout met haar pad.",
    401: "Geen, een onbekend, verlopen of ingetrokken token.",
    403: "De client mist de scope voor deze handeling, of de verwerking van de gegevens van "
    "deze persoon is beperkt (AVG artikel 18).",
    404: "Bestaat niet, of valt buiten wat de organisatie van de client mag zien.",
    409: "Het object staat dit nu niet toe (bijv. al besloten).",
    415: "Stuur de inhoud als application/json.",
    429: "Te veel verzoeken van deze client; zie de header Retry-After.",
}


def problem_responses(*statuses: int) -> dict[tuple[int, str], OpenApiResponse]:
    """Problem responses for an operation: the given statuses plus 401, 403 and 429."""
    return {
        (code, PROBLEM_MEDIA_TYPE): OpenApiResponse(
            ProblemSerializer, description=PROBLEM_DESCRIPTIONS[code]
        )
        for code in sorted({*statuses, 401, 403, 429})
    }


def close_request_bodies(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """drf-spectacular post-processing hook: request bodies allow no other properties, and the
    facts list has its bounds."""
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if name.endswith("Request") and component.get("type") == "object":
            component["additionalProperties"] = False
    facts = result.get("paths", {}).get("/api/v1/facts/", {}).get("post")
    if facts:
        body = facts["requestBody"]["content"]["application/json"]["schema"]
        body.update(minItems=1, maxItems=MAX_FACTS)
    return result
