"""The partner API, version 1. Thin: translate HTTP into selectors and service calls.

Every view authenticates a client (bearer token), checks the scope of the method, throttles per
client and audits the call; objects come through the access policy, so anything outside the
client organisation's need-to-know answers 404.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from regie.access.policy import access
from regie.access.rules import Action
from regie.accounts.models import User
from regie.api.authentication import ApiClientRateThrottle, BearerTokenAuthentication, HasScope
from regie.api.facts import FactItemSerializer, FactSubmitResultSerializer
from regie.api.models import ApiScope, ApiToken
from regie.api.pagination import ApiPagination
from regie.api.problems import ApiValidationError, Conflict, bilingual, conflict_or_invalid
from regie.api.schema import problem_responses
from regie.api.selectors import nominations_for
from regie.api.serializers import (
    NominationCreateSerializer,
    NominationListQuerySerializer,
    NominationSerializer,
)
from regie.api.validation import EmptyBodySerializer, validated
from regie.audit.models import AuditAction, AuditOutcome
from regie.audit.services import audit_record
from regie.nominations.models import Nomination, Urgency
from regie.nominations.services import (
    nomination_save_draft,
    nomination_submit,
    nomination_withdraw,
)
from regie.persons.fact_store import facts_save
from regie.persons.models import Person
from regie.persons.services import person_find_or_create

NOMINATION_TAG = ["voordrachten"]
NOMINATION_ID = OpenApiParameter(
    "id",
    int,
    OpenApiParameter.PATH,
    description="Nummer van een voordracht van de eigen organisatie.",
)


class ApiView(APIView):
    # No OPTIONS (there is no metadata to describe; the schema does that).
    http_method_names = ["get", "post", "head"]
    authentication_classes = [BearerTokenAuthentication]
    permission_classes = [HasScope]
    throttle_classes = [ApiClientRateThrottle]
    required_scopes: dict[str, str] = {}
    audit_object_type = ""

    @property
    def actor(self) -> User:
        return self.request.user  # type: ignore[return-value]

    @property
    def client_id(self) -> int:
        token = self.request.auth
        assert isinstance(token, ApiToken)
        return token.client_id

    def audit_detail(self) -> dict[str, Any]:
        return {"api_client": self.client_id}

    def audit_failure(self, exc: Exception) -> None:
        """Called by the exception handler: a refused write by a known client is audited."""
        if isinstance(self.request.auth, ApiToken) and isinstance(
            exc, ApiValidationError | Conflict
        ):
            if self.request.method == "GET":
                action = AuditAction.VIEW
            else:
                action = AuditAction.CHANGE if "pk" in self.kwargs else AuditAction.CREATE
            audit_record(
                action=action,
                actor=self.actor,
                object_type=self.audit_object_type,
                object_id=self.kwargs.get("pk", ""),
                outcome=AuditOutcome.FAILED,
                detail={**self.audit_detail(), "status": exc.status_code},
            )

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        return response


class NominationListView(ApiView):
    pagination_class = ApiPagination
    required_scopes = {"GET": ApiScope.NOMINATIONS_READ, "POST": ApiScope.NOMINATIONS_WRITE}
    audit_object_type = "nomination"

    @extend_schema(
        operation_id="nominations_list",
        summary="Voordrachten van de eigen organisatie",
        description="Nieuwste eerst. Scope: nominations:read.",
        tags=NOMINATION_TAG,
        parameters=[NominationListQuerySerializer],
        responses={200: NominationSerializer(many=True), **problem_responses(400, 404)},
        extensions={"x-required-scope": ApiScope.NOMINATIONS_READ.value},
    )
    def get(self, request: Request) -> Response:
        query = {k: v for k, v in request.query_params.items() if k not in ("page", "page_size")}
        filters = validated(NominationListQuerySerializer, data=query)
        nominations = nominations_for(self.actor)
        if "status" in filters:
            nominations = nominations.filter(status=filters["status"])
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(nominations, request, view=self) or []
        audit_record(
            action=AuditAction.VIEW,
            actor=self.actor,
            object_type="nomination",
            detail={**self.audit_detail(), "ids": [n.pk for n in page]},
        )
        return paginator.get_paginated_response(NominationSerializer(page, many=True).data)

    @extend_schema(
        operation_id="nominations_create",
        summary="Een persoon voordragen",
        description=(
            "Maakt een voordracht namens de organisatie van de client, meteen ingediend of als "
            "concept (submit=false). Met een BSN dat Regie kent, gaat de voordracht over die "
            "persoon; anders wordt de persoon nieuw geregistreerd (triage voegt dubbele "
            "registraties samen). Mislukt het indienen, dan wordt niets vastgelegd. "
            "Scope: nominations:write."
        ),
        tags=NOMINATION_TAG,
        request=NominationCreateSerializer,
        responses={201: NominationSerializer, **problem_responses(400, 415)},
        extensions={"x-required-scope": ApiScope.NOMINATIONS_WRITE.value},
    )
    def post(self, request: Request) -> Response:
        data = validated(NominationCreateSerializer, data=request.data)
        # One transaction: a nomination that cannot be submitted leaves no person or draft.
        with transaction.atomic():
            person = self._person(data["person"])
            nomination = nomination_save_draft(
                actor=self.actor,
                person=person,
                proposed_target_group=data["proposed_target_group"],
                reasons=data["reasons"],
                urgency=data.get("urgency") or Urgency.NORMAL,
                tried_already=data["tried_already"],
                concerns={c["domain"]: c["description"] for c in data["concerns"]},
            )
            if data["submit"]:
                nomination_submit(actor=self.actor, nomination=nomination)
        nomination = nominations_for(self.actor).get(pk=nomination.pk)
        response = Response(NominationSerializer(nomination).data, status=status.HTTP_201_CREATED)
        response["Location"] = f"{request.path}{nomination.pk}/"
        return response

    def _person(self, data: dict[str, Any]) -> Person:
        try:
            return person_find_or_create(actor=self.actor, **{**data, "bsn": data.get("bsn") or ""})
        except DjangoValidationError as exc:
            raise ApiValidationError.from_django(exc, prefix="person") from exc


class NominationDetailView(ApiView):
    required_scopes = {"GET": ApiScope.NOMINATIONS_READ}
    audit_object_type = "nomination"

    @extend_schema(
        operation_id="nominations_retrieve",
        summary="Eén voordracht: status en uitkomst",
        description=(
            "Status en uitkomst van een voordracht van de eigen organisatie; nooit de "
            "beoordeling. Scope: nominations:read."
        ),
        tags=NOMINATION_TAG,
        parameters=[NOMINATION_ID],
        responses={200: NominationSerializer, **problem_responses(404)},
        extensions={"x-required-scope": ApiScope.NOMINATIONS_READ.value},
    )
    def get(self, request: Request, pk: int) -> Response:
        nomination = access(
            self.actor,
            Action.VIEW,
            nominations_for(self.actor),
            audit=False,
            detail=self.audit_detail(),
            pk=pk,
        )
        audit_record(
            action=AuditAction.VIEW,
            actor=self.actor,
            object_type="nomination",
            object_id=nomination.pk,
            person_id=nomination.person_id,
            detail=self.audit_detail(),
        )
        return Response(NominationSerializer(nomination).data)


class NominationTransitionView(ApiView):
    """POST without a body: one transition of one nomination."""

    required_scopes = {"POST": ApiScope.NOMINATIONS_WRITE}
    audit_object_type = "nomination"
    action = Action.CHANGE

    def transition(self, nomination: Nomination) -> Nomination:
        raise NotImplementedError

    def post(self, request: Request, pk: int) -> Response:
        validated(EmptyBodySerializer, data=request.data)
        nomination = access(
            self.actor, self.action, Nomination, audit=False, detail=self.audit_detail(), pk=pk
        )
        try:
            self.transition(nomination)
        except DjangoValidationError as exc:
            raise conflict_or_invalid(exc) from exc
        return Response(NominationSerializer(nominations_for(self.actor).get(pk=pk)).data)


TRANSITION_SCHEMA: dict[str, Any] = {
    "tags": NOMINATION_TAG,
    "parameters": [NOMINATION_ID],
    "request": EmptyBodySerializer,
    "responses": {200: NominationSerializer, **problem_responses(400, 404, 409, 415)},
    "extensions": {"x-required-scope": ApiScope.NOMINATIONS_WRITE.value},
}


class NominationSubmitView(NominationTransitionView):
    action = Action.CHANGE

    @extend_schema(
        operation_id="nominations_submit",
        summary="Een concept indienen",
        description=(
            "Alleen een concept met doelgroep, redenen en zorgen (ontbreekt er een: 400 met "
            "elk ontbrekend veld; geen concept meer: 409). Scope: nominations:write."
        ),
        **TRANSITION_SCHEMA,
    )
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)

    def transition(self, nomination: Nomination) -> Nomination:
        return nomination_submit(actor=self.actor, nomination=nomination)


class NominationWithdrawView(NominationTransitionView):
    action = Action.WITHDRAW

    @extend_schema(
        operation_id="nominations_withdraw",
        summary="Een voordracht intrekken",
        description="Kan tot het besluit (concept, ingediend, in triage). Scope: nominations:write.",
        **TRANSITION_SCHEMA,
    )
    def post(self, request: Request, pk: int) -> Response:
        return super().post(request, pk)

    def transition(self, nomination: Nomination) -> Nomination:
        return nomination_withdraw(actor=self.actor, nomination=nomination)


class FactSubmitView(ApiView):
    required_scopes = {"POST": ApiScope.FACTS_WRITE}
    audit_object_type = "justice_fact"

    @extend_schema(
        operation_id="facts_submit",
        summary="Geregistreerde feiten aanleveren (bulk)",
        description=(
            "Alles of niets: is één feit ongeldig, dan wordt niets opgeslagen en staat elk "
            "ongeldig feit in 'errors' met zijn index ('[3].kind'). Idempotent per "
            "external_key: hetzelfde verzoek nog eens verandert niets en geeft hetzelfde "
            "antwoord; een bekende sleutel met andere inhoud werkt het feit bij. "
            "Scope: facts:write."
        ),
        tags=["feiten"],
        request=FactItemSerializer(many=True),
        responses={200: FactSubmitResultSerializer, **problem_responses(400, 409, 415)},
        extensions={"x-required-scope": ApiScope.FACTS_WRITE.value},
    )
    def post(self, request: Request) -> Response:
        facts = validated(
            FactItemSerializer, data=request.data, many=True, context={"user": self.actor}
        )
        try:
            stored, _result = facts_save(actor=self.actor, facts=facts)
        except IntegrityError as exc:
            raise Conflict(
                bilingual(
                    "Tegelijk met een ander verzoek aangeleverd; probeer het opnieuw.",
                    "Submitted at the same time as another request; try again.",
                )
            ) from exc
        results = [
            {"index": index, "external_key": fact.external_key, "id": fact.pk}
            for index, fact in enumerate(stored)
        ]
        return Response({"count": len(results), "results": results})


@extend_schema(exclude=True)
class NotFoundView(APIView):
    """Anything under /api/ that is not an endpoint: a 404 problem, whatever the method."""

    authentication_classes = []
    permission_classes = []
    throttle_classes = []

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        raise NotFound
