"""The criteria in the API (``GET /api/v1/criteria/``): which criteria sets govern admission,
with their rules as data (the criteria document) and as the Dutch sentences of the published
criteria page (``regie.criteria.describe``).

Listed per target group: every adopted (``vastgesteld``) set, flagged whether it is in force
today; and where no adopted set is in force today, the set triage evaluates against instead
(``criteria_set_for_evaluation``: the newest concept), flagged ``adopted: false``. Criteria hold
no personal data; reading them is audited all the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from regie.api.models import ApiScope
from regie.api.pagination import ApiPagination
from regie.api.schema import problem_responses
from regie.api.selectors import criteria_published
from regie.api.validation import StrictSerializer, validated
from regie.api.views import ApiView
from regie.audit.models import AuditAction
from regie.audit.services import audit_record
from regie.core.domain import TargetGroup
from regie.criteria.describe import RuleLine, describe
from regie.criteria.models import CriteriaSet

PARTS = (
    ("hard", "hard_rules"),
    ("exclusion", "exclusion_rules"),
    ("necessity", "necessity_rule"),
)


class RuleSentenceSerializer(serializers.Serializer):
    """One rule in plain Dutch; nested rules follow their parent, which they name."""

    id = serializers.CharField(help_text=_("Id van de regel, uniek in de set."))
    part = serializers.ChoiceField(
        choices=[p for p, _field in PARTS],
        help_text=_(
            "hard: harde criteria (alle moeten gelden); exclusion: exclusiecriteria (één is "
            "genoeg); necessity: de noodzaakregel."
        ),
    )
    parent = serializers.CharField(  # type: ignore[assignment]
        allow_null=True, help_text=_("Id van de samengestelde regel waar deze onder valt.")
    )
    label = serializers.CharField(help_text=_("Korte naam van de regel."))  # type: ignore[assignment]
    sentence = serializers.CharField(help_text=_("De regel als Nederlandse zin."))


def _lines(part: str, line: RuleLine, parent: str | None = None) -> Iterator[dict[str, Any]]:
    yield {
        "id": line.id,
        "part": part,
        "parent": parent,
        "label": line.label,
        "sentence": line.sentence,
    }
    for child in line.children:
        yield from _lines(part, child, line.id)


def rule_sentences(document: dict[str, Any]) -> list[dict[str, Any]]:
    """Every rule of a criteria document as a sentence, in document order."""
    sentences: list[dict[str, Any]] = []
    for part, field in PARTS:
        rules = document[field]
        for rule in rules if isinstance(rules, list) else [rules]:
            sentences.extend(_lines(part, describe(rule)))
    return sentences


class CriteriaSetSerializer(serializers.ModelSerializer):
    """One version of the criteria for one target group."""

    adopted = serializers.BooleanField(
        help_text=_(
            "true: vastgesteld. false: (nog) niet vastgesteld — een concept waartegen triage "
            "toetst zolang er voor de doelgroep geen vastgestelde set geldt."
        )
    )
    in_force = serializers.SerializerMethodField(
        help_text=_("Of dit vandaag de vastgestelde set in haar geldigheidsperiode is.")
    )
    document_sha256 = serializers.CharField(
        help_text=_("SHA-256 van het document; staat ook in elke evaluatie bij een besluit.")
    )
    document = serializers.JSONField(
        help_text=_(
            "De regels als gegevens: het volledige criteriadocument (JSON Schema "
            "regie/criteria/schema.json; uitleg in docs/criteria.md)."
        )
    )
    rules = serializers.SerializerMethodField(
        help_text=_("Elke regel als Nederlandse zin, in de volgorde van het document.")
    )

    class Meta:
        model = CriteriaSet
        fields = [
            "id",
            "target_group",
            "version",
            "title",
            "status",
            "adopted",
            "in_force",
            "effective_from",
            "effective_until",
            "note",
            "document_sha256",
            "document",
            "rules",
        ]
        read_only_fields = fields
        extra_kwargs = {"id": {"help_text": _("Nummer van de set in Regie.")}}

    def get_in_force(self, criteria_set: CriteriaSet) -> bool:
        return criteria_set.pk in self.context["in_force"]

    @extend_schema_field(RuleSentenceSerializer(many=True))
    def get_rules(self, criteria_set: CriteriaSet) -> list[dict[str, Any]]:
        return rule_sentences(criteria_set.document)


class CriteriaQuerySerializer(StrictSerializer):
    """Query parameters of the list (pagination parameters are checked by the paginator)."""

    target_group = serializers.ChoiceField(
        choices=TargetGroup.choices,
        required=False,
        help_text=_("Alleen de criteria voor deze doelgroep."),
    )


class CriteriaListView(ApiView):
    pagination_class = ApiPagination
    required_scopes = {"GET": ApiScope.CRITERIA_READ}
    audit_object_type = "criteria_set"

    @extend_schema(
        operation_id="criteria_list",
        summary="De criteria waarop triage toetst",
        description=(
            "Per doelgroep elke vastgestelde set (in_force: geldt vandaag), en waar vandaag "
            "geen vastgestelde set geldt de conceptset waartegen triage toetst (adopted: "
            "false). Regels als gegevens (document) en als Nederlandse zinnen (rules). "
            "Scope: criteria:read."
        ),
        tags=["criteria"],
        parameters=[CriteriaQuerySerializer],
        responses={200: CriteriaSetSerializer(many=True), **problem_responses(400, 404)},
        extensions={"x-required-scope": ApiScope.CRITERIA_READ.value},
    )
    def get(self, request: Request) -> Response:
        query = {k: v for k, v in request.query_params.items() if k not in ("page", "page_size")}
        filters = validated(CriteriaQuerySerializer, data=query)
        sets, in_force = criteria_published(timezone.localdate())
        if "target_group" in filters:
            sets = sets.filter(target_group=filters["target_group"])
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(sets, request, view=self) or []
        audit_record(
            action=AuditAction.VIEW,
            actor=self.actor,
            object_type="criteria_set",
            detail={**self.audit_detail(), "ids": [s.pk for s in page]},
        )
        data = CriteriaSetSerializer(page, many=True, context={"in_force": in_force}).data
        return paginator.get_paginated_response(data)
