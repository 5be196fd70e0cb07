"""Demo research project (demo mode only), so that ``regie research-export --project
Effectmeting-demo …`` works straight after ``regie demo``. Idempotent."""

from __future__ import annotations

from regie.accounts.models import User
from regie.research.models import ResearchProject
from regie.research.services import research_project_create

DEMO_PROJECT = "Effectmeting-demo"


def build_demo(*, seed: int) -> None:
    if ResearchProject.objects.filter(name=DEMO_PROJECT).exists():
        return
    research_project_create(
        actor=User.objects.get(username="beheer"),  # the demo's functioneel beheer
        name=DEMO_PROJECT,
        purpose="Demo: effect van persoonsgerichte regie op recidive en zelfredzaamheid, met de "
        "voorgedragen maar niet toegelaten personen als vergelijkingsgroep.",
        legal_basis="art. 24 UAVG (wetenschappelijk onderzoek) — demo",
        approval_reference="DEMO-DPIA-0001",
        approved_by="Functionaris gegevensbescherming (demo)",
    )
