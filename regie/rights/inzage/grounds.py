"""The grounds on which part of an access export may be withheld (GDPR art. 15(4) and 23,
implemented in the Dutch UAVG art. 41). The privacy officer picks one per withheld item."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class WithholdGround(models.TextChoices):
    OTHERS = (
        "rechten_anderen",
        _(
            "Bescherming van de betrokkene of van de rechten en vrijheden van anderen "
            "(AVG art. 15 lid 4; UAVG art. 41 lid 1 sub i)"
        ),
    )
    CRIME = (
        "opsporing",
        _(
            "Voorkoming, onderzoek, opsporing en vervolging van strafbare feiten "
            "(UAVG art. 41 lid 1 sub d)"
        ),
    )
    PUBLIC_SAFETY = "openbare_veiligheid", _("Openbare veiligheid (UAVG art. 41 lid 1 sub c)")
