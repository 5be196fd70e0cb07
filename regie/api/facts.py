"""Registered facts in the API: a list validated as a whole (all or nothing).

Each item names its person by ``bsn`` or by ``nomination`` (one of the organisation's own), and
carries the organisation's own key (``external_key``). Every bad item is reported at once with
its index: field errors, persons the client may not see (reported as unknown, never as
"forbidden"), keys repeated in the request, keys already used for a different fact.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from regie.access.policy import scope
from regie.access.rules import Action
from regie.accounts.models import Municipality, User
from regie.api.domain_services import current_person
from regie.api.fact_services import FactInput
from regie.api.validation import StrictSerializer, bsn_field, error, validate_past_date
from regie.core.domain import OffenceCategory
from regie.nominations.models import Nomination
from regie.persons.models import FactKind, JusticeFact, OffenceRole, Person, ResidenceStatus

MAX_FACTS = 1000
MAX_ID = 2**63 - 1

# Per kind: the fields it needs, and the optional fields that belong to it.
REQUIRED = {
    FactKind.OFFENCE: {"category", "role"},
    FactKind.DETENTION: set(),
    FactKind.RESIDENCE: {"residence_status"},
    FactKind.DECEASED: set(),
    FactKind.MOVED: {"municipality"},
}
OPTIONAL = {FactKind.DETENTION: {"end_date"}}
KIND_FIELDS = ("category", "role", "end_date", "residence_status", "municipality")


class FactListSerializer(serializers.ListSerializer):
    """Validates every item, then the batch (persons, keys); reports every error at once."""

    child: FactItemSerializer

    def to_internal_value(self, data: Any) -> list[FactInput]:
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
        facts = self._resolve(items, errors)
        if any(errors):
            raise serializers.ValidationError(errors)
        return facts

    def _resolve(
        self, items: list[dict[str, Any] | None], errors: list[dict[str, Any]]
    ) -> list[FactInput]:
        user: User = self.context["user"]
        valid = [item for item in items if item is not None]
        people = {
            person.bsn: person
            for person in scope(user, Action.VIEW, Person).filter(
                bsn__in=[item["bsn"] for item in valid if "bsn" in item]
            )
        }
        nominations = {
            nomination.pk: nomination.person
            for nomination in scope(user, Action.VIEW, Nomination)
            .filter(pk__in=[item["nomination"] for item in valid if "nomination" in item])
            .select_related("person")
        }
        stored = {
            fact.external_key: fact
            for fact in JusticeFact.objects.filter(
                source_organisation_id=user.organisation_id,
                external_key__in=[item["external_key"] for item in valid],
            )
        }
        facts: list[FactInput] = []
        first_index: dict[str, int] = {}
        for index, item in enumerate(items):
            if item is None:
                continue
            person = (
                people.get(item["bsn"]) if "bsn" in item else nominations.get(item["nomination"])
            )
            if person is None:
                field = "bsn" if "bsn" in item else "nomination"
                errors[index][field] = error(
                    "Onbekende persoon, of een persoon die uw organisatie niet kan zien.",
                    "Unknown person, or a person your organisation cannot see.",
                    "unknown_person",
                )
                continue
            fact = FactInput(
                person=current_person(person),
                **{k: v for k, v in item.items() if k not in ("bsn", "nomination")},
            )
            key = fact.external_key
            if key in first_index:
                errors[index]["external_key"] = error(
                    "Deze sleutel staat al bij item {first}.",
                    "This key is already used by item {first}.",
                    "duplicate_key",
                    first=first_index[key],
                )
            elif key in stored and not fact.matches(stored[key]):
                errors[index]["external_key"] = error(
                    "Deze sleutel is al gebruikt voor een ander feit.",
                    "This key is already used for a different fact.",
                    "key_reused",
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
            "en dezelfde inhoud verandert niets."
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
        validators=[validate_past_date],
        help_text=_("Datum van het feit of begin van de detentie."),
    )
    category = serializers.ChoiceField(
        choices=OffenceCategory.choices, required=False, help_text=_("Delictcategorie (offence).")
    )
    role = serializers.ChoiceField(
        choices=OffenceRole.choices, required=False, help_text=_("Rol bij het delict (offence).")
    )
    end_date = serializers.DateField(
        required=False, help_text=_("Verwachte einddatum van de detentie (detention).")
    )
    residence_status = serializers.ChoiceField(
        choices=ResidenceStatus.choices, required=False, help_text=_("Verblijfsstatus (residence).")
    )
    municipality = serializers.ChoiceField(
        choices=Municipality.choices, required=False, help_text=_("Nieuwe gemeente (moved).")
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        errors: dict[str, Any] = {}
        if ("bsn" in attrs) == ("nomination" in attrs):
            errors["bsn"] = error(
                "Geef precies één van 'bsn' en 'nomination'.",
                "Give exactly one of 'bsn' and 'nomination'.",
                "person_reference",
            )
        kind = attrs["kind"]
        allowed = REQUIRED[kind] | OPTIONAL.get(kind, set())
        for name in REQUIRED[kind] - attrs.keys():
            errors[name] = error(
                "Verplicht bij soort '{kind}'.",
                "Required for kind '{kind}'.",
                "required",
                kind=kind,
            )
        for name in set(KIND_FIELDS) & attrs.keys() - allowed:
            errors[name] = error(
                "Hoort niet bij soort '{kind}'.",
                "Does not belong to kind '{kind}'.",
                "not_allowed",
                kind=kind,
            )
        end = attrs.get("end_date")
        if end is not None and end < attrs["date"]:
            errors["end_date"] = error(
                "De einddatum ligt vóór de begindatum.",
                "The end date is before the start date.",
                "order",
            )
        if errors:
            raise serializers.ValidationError(errors)
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
