from __future__ import annotations

import pytest

from regie.accounts.models import Organisation, User
from regie.conftest import MakeUser


@pytest.fixture
def triagist(make_user: MakeUser, acvz: Organisation) -> User:
    return make_user(acvz, "triage", username="triagist")


@pytest.fixture
def voorzitter(make_user: MakeUser, acvz: Organisation) -> User:
    return make_user(acvz, "triage_chair", username="voorzitter")
