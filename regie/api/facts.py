"""Registered facts in the API: a list validated as a whole (all or nothing).

Each item names its person by ``bsn`` or by ``nomination`` (one of the organisation's own), and
carries the organisation's own key (``external_key``). The serializer checks the JSON shape;
whether a fact is valid for its kind is checked by ``regie.persons.fact_store.fact_problems``,
the same check as the file import's. Every bad item is reported at once with its index: field
errors, persons the client may not see (reported as unknown, never as "forbidden"), keys
repeated in the request. Storing is ``fact_store.facts_save`` (idempotent upsert).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from regie.access.policy import scope
from regie.access.rules import Action
from regie.accounts.models import Municipality, User
from regie.api.validation import StrictSerializer, bsn_field, error
from regie.core.domain import OffenceCategory
from regie.nominations.models import Nomination
from regie.persons.fact_store import fact_problems
from regie.persons.models import FactKind, JusticeFact, OffenceRole, Person, ResidenceStatus
from regie.persons.selectors import survivor_of

MAX_FACTS = 1000
MAX_ID = 2**63 - 1
FACT_FIELDS = ("kind", "date", "category", "role", "end_date", "residence_status", "municipality")


class FactListSerializer(serializers.ListSerializer):
    """Validates every item, then the batch (persons, keys); reports every error at once."""

    child: FactItemSerializer

    def to_internal_value(self, data: Any) -> list[JusticeFact]:
        if not isinstance(data, list):
            raise serializers.ValidationError(
                [error("Verwacht een lijst met feiten.", "Expected a list of facts.", "not_a_list")]
            )
        if not 1 <= len(data) <= MAX_FACTS:
            raise serializers.ValidationError(
                [
                    error(
                        "Stuur 1 tot en met {n} feiten per verzoek.",
                        "Send 1 up to and including {n} facts per request.",
                        "length",
                        n=MAX_FACTS,
                    )
                ]
            )
        items: list[dict[str, Any] | None] = []
        errors: list[dict[str, Any]] = []
        for raw in data:
            try:
                items.append(self.child.run_validation(raw))
                errors.append({})
            except serializers.ValidationError as exc:
                items.append(None)
                detail = exc.detail
                errors.append(
                    detail if isinstance(detail, Mapping) else {"non_field_errors": detail}
                )
        facts = self._facts(items, errors)
        if any(errors):
            raise serializers.ValidationError(errors)
        return facts

    def _persons(self, items: list[dict[str, Any]]) -> tuple[dict[str, Person], dict[int, Person]]:
        """The persons the items name (survivors of merges), among those the client's
        organisation may see."""
        user: User = self.context["user"]
        by_bsn = {
            person.bsn: survivor_of(person)
            for person in Person.objects.filter(
                bsn__in=[item["bsn"] for item in items if "bsn" in item]
            )
            if person.bsn
        }
        by_nomination = {
            nomination.pk: survivor_of(nomination.person)
            for nomination in scope(user, Action.VIEW, Nomination)
            .filter(pk__in=[item["nomination"] for item in items if "nomination" in item])
            .select_related("person")
        }
        named = {p.pk for p in (*by_bsn.values(), *by_nomination.values())}
        visible = set(
            scope(user, Action.VIEW, Person).filter(pk__in=named).values_list("pk", flat=True)
        )
        return (
            {bsn: p for bsn, p in by_bsn.items() if p.pk in visible},
            {pk: p for pk, p in by_nomination.items() if p.pk in visible},
        )

    def _facts(
        self, items: list[dict[str, Any] | None], errors: list[dict[str, Any]]
    ) -> list[JusticeFact]:
        user: User = self.context["user"]
        by_bsn, by_nomination = self._persons([item for item in items if item is not None])
        facts: list[JusticeFact] = []
        first_index: dict[str, int] = {}
        for index, item in enumerate(items):
            if item is None:
                continue
            field = "bsn" if "bsn" in item else "nomination"
            person = by_bsn.get(item["bsn"]) if field == "bsn" else by_nomination.get(item[field])
            if person is None:
                errors[index][field] = error(
                    "Onbekende persoon, of een persoon die uw organisatie niet kan zien.",
                    "Unknown person, or a person your organisation cannot see.",
                    "unknown_person",
                )
            fact = JusticeFact(
                source_organisation=user.organisation,
                external_key=item["external_key"],
                **{name: item[name] for name in FACT_FIELDS if name in item},
            )
            if person is not None:
                fact.person = person
            for name, messages in fact_problems(fact).items():
                errors[index][name] = [serializers.ErrorDetail(m, code="invalid") for m in messages]
            key = fact.external_key
            if key in first_index:
                errors[index]["external_key"] = error(
                    "Deze sleutel staat al bij item {first}.",
                    "This key is already used by item {first}.",
                    "duplicate_key",
                    first=first_index[key],
                )
            first_index.setdefault(key, index)
            facts.append(fact)
        return facts


class FactItemSerializer(StrictSerializer):
    """One fact. The request body is a JSON array of these (``many=True``)."""

    external_key = serializers.CharField(
        max_length=100,
        help_text=_(
            "Uw eigen unieke sleutel voor dit feit. Opnieuw aanleveren met dezelfde sleutel "
            "en dezelfde inhoud verandert niets; met andere inhoud wordt het feit bijgewerkt."
        ),
    )
    bsn = bsn_field(required=False, help_text=_("BSN van de persoon (of geef 'nomination')."))
    nomination = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_ID,
        help_text=_(
            "Nummer van een voordracht van uw organisatie; het feit gaat over die persoon."
        ),
    )
    kind = serializers.ChoiceField(
        choices=FactKind.choices,
        help_text=_(
            "offence: category, role; detention: end_date (niet verplicht); residence: "
            "residence_status; deceased: alleen date; moved: municipality."
        ),
    )
    date = serializers.DateField(
        help_text=_("Datum van het feit of begin van de detentie; niet in de toekomst.")
    )
    category = serializers.ChoiceField(
        choices=OffenceCategory.choices, required=False, help_text=_("Delictcategorie (offence).")
    )
    role = serializers.ChoiceField(
        choices=OffenceRole.choices, required=False, help_text=_("Rol bij het delict (offence).")
    )
    end_date = serializers.DateField(
        required=False,
        help_text=_("Verwachte einddatum van de detentie (detention); niet vóór 'date'."),
    )
    residence_status = serializers.ChoiceField(
        choices=ResidenceStatus.choices, required=False, help_text=_("Verblijfsstatus (residence).")
    )
    municipality = serializers.ChoiceField(
        choices=Municipality.choices, required=False, help_text=_("Nieuwe gemeente (moved).")
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if ("bsn" in attrs) == ("nomination" in attrs):
            raise serializers.ValidationError(
                {
                    "bsn": error(
                        "Geef precies één van 'bsn' en 'nomination'.",
                        "Give exactly one of 'bsn' and 'nomination'.",
                        "person_reference",
                    )
                }
            )
        return attrs

    class Meta:
        list_serializer_class = FactListSerializer


class FactResultSerializer(serializers.Serializer):
    """Where one submitted fact is stored."""

    index = serializers.IntegerField(help_text=_("Plaats van het feit in het verzoek, vanaf 0."))
    external_key = serializers.CharField(help_text=_("Uw sleutel van het feit."))
    id = serializers.IntegerField(help_text=_("Nummer van het geregistreerde feit in Regie."))


class FactSubmitResultSerializer(serializers.Serializer):
    """The outcome of a submission; the same for a repeated submission."""

    count = serializers.IntegerField(help_text=_("Aantal feiten in het verzoek."))
    results = FactResultSerializer(
        many=True, help_text=_("Per feit, in de volgorde van het verzoek, het nummer in Regie.")
    )
