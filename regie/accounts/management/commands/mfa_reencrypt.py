"""``regie mfa_reencrypt``: encrypt every stored MFA secret with the first key of
``REGIE_MFA_KEYS`` (after adding a new key in front, before removing the old one)."""

from __future__ import annotations

from typing import Any

from allauth.mfa.models import Authenticator
from django.core.management.base import BaseCommand
from django.db import transaction

from regie.accounts import secret_box
from regie.audit.models import AuditAction
from regie.audit.services import audit_record


class Command(BaseCommand):
    help = "Versleutelt alle opgeslagen MFA-geheimen opnieuw met de eerste sleutel."

    def handle(self, *args: Any, **options: Any) -> None:
        count = 0
        with transaction.atomic():
            for authenticator in Authenticator.objects.select_for_update().iterator():
                authenticator.data = secret_box.map_secrets(
                    authenticator.data, secret_box.reencrypt
                )
                authenticator.save(update_fields=["data"])
                count += 1
            audit_record(
                action=AuditAction.CHANGE,
                object_type="mfa_secrets",
                detail={"reencrypted": count},
            )
        self.stdout.write(f"{count} authenticators opnieuw versleuteld.")
