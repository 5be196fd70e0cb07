"""The production profile: what applies when DEBUG is not set to true."""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from regie.core.checks import sqlite_skips_range_after_in

PROJECT = Path(__file__).resolve().parents[3]
SHOW_SETTINGS = (
    "import json; from django.conf import settings as s; print(json.dumps({k: getattr(s, k) for k in"
    " ('DEBUG', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SESSION_COOKIE_NAME',"
    " 'CSRF_COOKIE_NAME', 'SECURE_HSTS_SECONDS', 'SECURE_SSL_REDIRECT',"
    " 'SECURE_PROXY_SSL_HEADER', 'ALLAUTH_TRUSTED_PROXY_COUNT', 'SESSION_COOKIE_AGE')}))"
)


def production_env(**extra: str) -> dict[str, str]:
    """The environment of a production server: no DEBUG, no test or demo switches."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DEBUG", "REGIE_TESTING", "REGIE_DEMO", "SECRET_KEY", "ALLOWED_HOSTS")
    }
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="regie.example.org",
        DJANGO_SETTINGS_MODULE="regie.settings",
    )
    env.update(extra)
    return env


def regie(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "regie", *args],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def production_settings(**extra: str) -> dict[str, object]:
    result = regie("shell", "--no-imports", "-c", SHOW_SETTINGS, env=production_env(**extra))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_deploy_check_is_clean_in_the_production_profile() -> None:
    """Clean, except the warning about this machine's SQLite library where it applies (on
    PostgreSQL, or on a SQLite without the bug, nothing at all)."""
    env = production_env()
    result = regie("check", "--deploy", "--fail-level", "WARNING", env=env)

    on_sqlite = not env.get("DATABASE_URL", "sqlite").startswith("postgres")
    if on_sqlite and sqlite_skips_range_after_in():
        assert result.returncode != 0
        assert re.findall(r"\((\w+\.\w+)\)", result.stdout + result.stderr) == ["regie.W001"]
        assert "System check identified 1 issue" in result.stderr + result.stdout
    else:
        assert result.returncode == 0, result.stdout + result.stderr
        assert "System check identified no issues" in result.stdout


def test_deploy_check_fails_on_a_weak_secret_key() -> None:
    result = regie(
        "check", "--deploy", "--fail-level", "WARNING", env=production_env(SECRET_KEY="geheim")
    )

    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key() -> None:
    env = production_env()
    del env["SECRET_KEY"]

    result = regie("check", env=env)

    assert result.returncode != 0
    assert "SECRET_KEY ontbreekt: zet de omgevingsvariabele SECRET_KEY." in result.stderr


def test_production_cookies_are_secure_and_host_bound_with_hsts() -> None:
    values = production_settings()

    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_NAME"] == "__Host-regie_session"
    assert values["CSRF_COOKIE_NAME"] == "__Host-regie_csrftoken"
    assert values["SECURE_HSTS_SECONDS"] == 63072000
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SESSION_COOKIE_AGE"] == 15 * 60


@pytest.mark.parametrize(
    ("extra", "header", "proxies"),
    [
        ({}, None, 0),
        ({"REGIE_BEHIND_TLS_PROXY": "true"}, ["HTTP_X_FORWARDED_PROTO", "https"], 0),
        ({"REGIE_TRUSTED_PROXIES": "2"}, None, 2),
    ],
)
def test_forwarded_headers_are_trusted_only_when_configured(extra, header, proxies) -> None:
    values = production_settings(**extra)

    assert values["SECURE_PROXY_SSL_HEADER"] == header
    assert values["ALLAUTH_TRUSTED_PROXY_COUNT"] == proxies
