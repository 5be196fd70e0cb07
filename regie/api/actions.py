"""Actions in the API: the actions assigned to the client's organisation in the cases it takes
part in (``GET /api/v1/actions/``), and their status and note
(``POST /api/v1/actions/{id}/status/``, through ``regie.cases.services.action_update``).

Only the action itself is shown, with the case's number and whom it concerns (name and date of
birth): never goals, scenarios, journal entries, participants or anything else in the case.
Whether the organisation takes part is the access policy's ``case`` participation rule; an
action of another organisation, or in a case the organisation does not (or no longer) take
part in, answers 404.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from regie.access.rules import Action as Act
from regie.api.models import ApiScope
from regie.api.pagination import ApiPagination
from regie.api.problems import Conflict, bilingual, conflict_or_invalid
from regie.api.schema import problem_responses
from regie.api.selectors import actions_assigned
from regie.api.serializers import PersonSummarySerializer
from regie.api.validation import StrictSerializer, validated
from regie.api.views import ApiView
from regie.audit.models import AuditAction, AuditOutcome
from regie.audit.services import audit_record
from regie.cases.models import OPEN_STATUSES, Action, ActionStatus
from regie.cases.services import action_update

TAG = ["acties"]
NOTE_MAX = 1000


class ActionSerializer(serializers.ModelSerializer):
    """An action the client's organisation carries out in a case."""

    case = serializers.IntegerField(
        source="goal.plan_id", help_text=_("Nummer van de casus waarin de actie staat.")
    )
    person = PersonSummarySerializer(
        source="goal.plan.case.person", help_text=_("Over wie de casus gaat.")
    )
    plan_version = serializers.IntegerField(
        source="goal.plan.version",
        help_text=_(
            "Versie van het plan van aanpak; stuur haar mee bij het bijwerken om te voorkomen "
            "dat u een intussen gewijzigd plan overschrijft."
        ),
    )

    class Meta:
        model = Action
        fields = [
            "id",
            "case",
            "person",
            "description",
            "due_date",
            "status",
            "note",
            "completed_at",
            "created_at",
            "plan_version",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "id": {"help_text": _("Nummer van de actie in Regie.")},
            "status": {"help_text": _("open, bezig, afgerond of vervallen.")},
            "completed_at": {"help_text": _("Moment van afronden; leeg zolang niet afgerond.")},
            "created_at": {"help_text": _("Moment waarop de actie in het plan kwam.")},
        }


class ActionStatusSerializer(StrictSerializer):
    """A new status of an action, with a short note."""

    status = serializers.ChoiceField(choices=ActionStatus.choices, help_text=_("De nieuwe status."))
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=NOTE_MAX,
        help_text=_(
            "Korte stand van zaken, zonder gevoelige details; vervangt de vorige toelichting. "
            "Weggelaten: de toelichting blijft zoals ze was."
        ),
    )
    plan_version = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        help_text=_(
            "De plan_version die u las. Is het plan intussen gewijzigd, dan 409 en verandert "
            "er niets. Weggelaten: bijwerken op de huidige versie."
        ),
    )


class ActionQuerySerializer(StrictSerializer):
    """Query parameters of the list (pagination parameters are checked by the paginator)."""

    status = serializers.ChoiceField(
        choices=ActionStatus.choices,
        required=False,
        help_text=_("Alleen acties met deze status."),
    )


class ActionListView(ApiView):
    pagination_class = ApiPagination
    required_scopes = {"GET": ApiScope.ACTIONS_WRITE}
    audit_object_type = "action"

    @extend_schema(
        operation_id="actions_list",
        summary="Acties van de eigen organisatie in lopende casussen",
        description=(
            "De acties waarvoor de organisatie van de client verantwoordelijk is, in de "
            "lopende casussen waaraan zij deelneemt; eerst de vroegste uiterste datum. "
            "Scope: actions:write."
        ),
        tags=TAG,
        parameters=[ActionQuerySerializer],
        responses={200: ActionSerializer(many=True), **problem_responses(400, 404)},
        extensions={"x-required-scope": ApiScope.ACTIONS_WRITE.value},
    )
    def get(self, request: Request) -> Response:
        query = {k: v for k, v in request.query_params.items() if k not in ("page", "page_size")}
        filters = validated(ActionQuerySerializer, data=query)
        actions = actions_assigned(self.actor).filter(goal__plan__case__status__in=OPEN_STATUSES)
        if "status" in filters:
            actions = actions.filter(status=filters["status"])
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(actions, request, view=self) or []
        audit_record(
            action=AuditAction.VIEW,
            actor=self.actor,
            object_type="action",
            detail={**self.audit_detail(), "ids": [a.pk for a in page]},
        )
        return paginator.get_paginated_response(ActionSerializer(page, many=True).data)


class ActionStatusView(ApiView):
    required_scopes = {"POST": ApiScope.ACTIONS_WRITE}
    audit_object_type = "action"

    @extend_schema(
        operation_id="actions_status",
        summary="Status en toelichting van een actie bijwerken",
        description=(
            "Alleen acties van de eigen organisatie in casussen waaraan zij deelneemt; de "
            "casus moet nog lopen (anders 409). Scope: actions:write."
        ),
        tags=TAG,
        parameters=[
            OpenApiParameter(
                "id",
                int,
                OpenApiParameter.PATH,
                description="Nummer van een actie van de eigen organisatie.",
            )
        ],
        request=ActionStatusSerializer,
        responses={200: ActionSerializer, **problem_responses(400, 404, 409, 415)},
        extensions={"x-required-scope": ApiScope.ACTIONS_WRITE.value},
    )
    def post(self, request: Request, pk: int) -> Response:
        data = validated(ActionStatusSerializer, data=request.data)
        action = self._action(pk)
        plan = action.goal.plan
        try:
            action_update(
                actor=self.actor,
                case=plan.case,
                action=action,
                status=data["status"],
                note=data.get("note", action.note),
                seen_version=data.get("plan_version", plan.version),
            )
        except DjangoValidationError as exc:
            raise self._refusal(exc) from exc
        return Response(ActionSerializer(actions_assigned(self.actor).get(pk=pk)).data)

    def _action(self, pk: int) -> Action:
        """The action, if assigned to the organisation in a case it may contribute to;
        otherwise "not found", audited like the access policy's refusals."""
        action = actions_assigned(self.actor, Act.CONTRIBUTE).filter(pk=pk).first()
        if action is None:
            audit_record(
                action=AuditAction.ACCESS_DENIED,
                actor=self.actor,
                object_type="action",
                object_id=pk,
                outcome=AuditOutcome.DENIED,
                detail={"requested_action": Act.CONTRIBUTE.value, **self.audit_detail()},
            )
            raise NotFound
        return action

    @staticmethod
    def _refusal(exc: DjangoValidationError) -> Any:
        if getattr(exc, "code", None) == "stale":
            return Conflict(
                bilingual(
                    "Het plan is gewijzigd sinds plan_version; haal de actie opnieuw op en "
                    "probeer het nog eens.",
                    "The plan has changed since plan_version; fetch the action again and retry.",
                )
            )
        return conflict_or_invalid(exc)
