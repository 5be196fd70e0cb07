"""Nominations in the API: what a partner sends, and what it gets back (status and outcome,
never the assessment). Every field carries a description for the OpenAPI schema; where the
model has a help text, that is the description."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from regie.api.validation import (
    RejectUnknownFieldsMixin,
    StrictSerializer,
    bsn_field,
    error,
    validate_past_date,
)
from regie.core.domain import LifeDomain
from regie.nominations.models import (
    Nomination,
    NominationConcern,
    NominationOutcome,
    NominationStatus,
)
from regie.persons.models import Person

MAX_TEXT = 10_000


class PersonInputSerializer(RejectUnknownFieldsMixin, serializers.ModelSerializer):
    """The person to nominate, as the partner knows them."""

    bsn = bsn_field(
        required=False,
        allow_null=True,
        allow_blank=True,
        help_text=_(
            "Burgerservicenummer (9 cijfers, elfproef); leeg of null als het onbekend is. Met "
            "een BSN dat Regie kent, gaat de voordracht over die persoon; zonder BSN wordt de "
            "persoon nieuw geregistreerd."
        ),
    )
    date_of_birth = serializers.DateField(
        validators=[validate_past_date], help_text=_("Geboortedatum (JJJJ-MM-DD).")
    )

    class Meta:
        model = Person
        fields = [
            "bsn",
            "first_name",
            "name_prefix",
            "last_name",
            "date_of_birth",
            "gender",
            "municipality",
            "district",
        ]
        extra_kwargs = {
            "first_name": {"help_text": _("Voornaam.")},
            "name_prefix": {"help_text": _("Tussenvoegsel, bijv. 'van der'.")},
            "last_name": {"help_text": _("Achternaam.")},
            "gender": {"help_text": _("Geslacht: m, v of x (anders / onbekend).")},
        }


class PersonSummarySerializer(serializers.ModelSerializer):
    """Who the nomination is about: name and date of birth only (no BSN, no address data)."""

    class Meta:
        model = Person
        fields = ["first_name", "name_prefix", "last_name", "date_of_birth"]
        read_only_fields = fields
        extra_kwargs = {
            "first_name": {"help_text": _("Voornaam.")},
            "name_prefix": {"help_text": _("Tussenvoegsel.")},
            "last_name": {"help_text": _("Achternaam.")},
            "date_of_birth": {"help_text": _("Geboortedatum.")},
        }


class ConcernSerializer(RejectUnknownFieldsMixin, serializers.ModelSerializer):
    """A concern on one life domain, as the nominating partner sees it."""

    description = serializers.CharField(
        max_length=MAX_TEXT, help_text=_("Wat de partner ziet op dit leefgebied.")
    )

    class Meta:
        model = NominationConcern
        fields = ["domain", "description"]
        extra_kwargs = {
            "domain": {"help_text": _("Leefgebied van de Zelfredzaamheid-Matrix.")},
        }


class NominationCreateSerializer(RejectUnknownFieldsMixin, serializers.ModelSerializer):
    """A new nomination by the client's organisation."""

    person = PersonInputSerializer(help_text=_("De persoon die wordt voorgedragen."))
    reasons = serializers.CharField(
        max_length=MAX_TEXT,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Waarom persoonsgerichte regie nodig is. Verplicht bij indienen."),
    )
    tried_already = serializers.CharField(
        max_length=MAX_TEXT,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Welke hulp of aanpak al is ingezet."),
    )
    concerns = ConcernSerializer(  # type: ignore[call-arg]
        many=True,
        required=False,
        default=list,
        max_length=len(LifeDomain.values),
        help_text=_(
            "Zorgen per leefgebied, elk leefgebied hoogstens één keer; bij indienen minstens één."
        ),
    )
    submit = serializers.BooleanField(
        default=True,
        help_text=_(
            "true (standaard): meteen indienen; false: bewaren als concept, later indienen "
            "met POST …/submit/."
        ),
    )

    class Meta:
        model = Nomination
        fields = [
            "person",
            "proposed_target_group",
            "reasons",
            "urgency",
            "tried_already",
            "concerns",
            "submit",
        ]
        extra_kwargs = {
            "proposed_target_group": {
                "help_text": _("Doelgroep die de partner voorstelt."),
                "required": True,
                "allow_blank": False,
            },
            "urgency": {"help_text": _("Urgentie (standaard normaal).")},
        }

    def validate_concerns(self, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        counts = Counter(item["domain"] for item in value)
        if any(count > 1 for count in counts.values()):
            seen: set[str] = set()
            errors: list[dict[str, Any]] = []
            for item in value:
                duplicate = item["domain"] in seen
                seen.add(item["domain"])
                errors.append(
                    {
                        "domain": [
                            error(
                                "Dit leefgebied staat er al eerder in.",
                                "This life domain is already listed.",
                                "duplicate",
                            )
                        ]
                    }
                    if duplicate
                    else {}
                )
            raise serializers.ValidationError(errors)
        return value


class BlankAsNullChoiceField(serializers.ChoiceField):
    def to_representation(self, value: Any) -> Any:
        return None if value in ("", None) else super().to_representation(value)


class NominationSerializer(serializers.ModelSerializer):
    """A nomination as its organisation sees it: what it sent, the status and the outcome."""

    person = PersonSummarySerializer(help_text=_("De voorgedragen persoon."))
    concerns = ConcernSerializer(many=True, help_text=_("Zorgen per leefgebied."))
    outcome = BlankAsNullChoiceField(
        choices=NominationOutcome.choices,
        allow_null=True,
        help_text=_("Uitkomst van de triage; leeg (null) zolang er niet is besloten."),
    )

    class Meta:
        model = Nomination
        fields = [
            "id",
            "person",
            "proposed_target_group",
            "reasons",
            "urgency",
            "tried_already",
            "concerns",
            "status",
            "outcome",
            "created_at",
            "submitted_at",
            "decided_at",
            "withdrawn_at",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "id": {"help_text": _("Nummer van de voordracht in Regie.")},
            "proposed_target_group": {"help_text": _("Voorgestelde doelgroep.")},
            "urgency": {"help_text": _("Urgentie.")},
            "status": {
                "help_text": _(
                    "concept → ingediend → in_triage → besloten; of ingetrokken vóór het besluit."
                )
            },
            "created_at": {"help_text": _("Moment van aanmaken.")},
            "submitted_at": {"help_text": _("Moment van indienen; leeg voor een concept.")},
            "decided_at": {"help_text": _("Moment van het besluit; leeg zolang er geen is.")},
            "withdrawn_at": {"help_text": _("Moment van intrekken; leeg als niet ingetrokken.")},
        }


class NominationListQuerySerializer(StrictSerializer):
    """Query parameters of the list (pagination parameters are checked by the paginator)."""

    status = serializers.ChoiceField(
        choices=NominationStatus.choices,
        required=False,
        help_text=_("Alleen voordrachten met deze status."),
    )
