"""The OpenAPI schema, the documentation page, and protocol errors as problem details."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml
from django.contrib.staticfiles import finders
from drf_spectacular.validation import validate_schema

pytestmark = pytest.mark.django_db

SCHEMA_URL = "/api/v1/schema/"


@pytest.fixture
def schema(client) -> dict[str, Any]:
    response = client.get(SCHEMA_URL)
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_the_served_schema_is_valid_openapi_3(schema) -> None:
    assert schema["openapi"].startswith("3.")
    validate_schema(schema)


def test_the_schema_declares_the_bearer_scheme_for_every_operation(schema) -> None:
    assert schema["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert operation["security"] == [{"bearerAuth": []}], (method, path)
            assert operation["x-required-scope"], (method, path)


def test_every_operation_documents_its_problems_as_problem_json(schema) -> None:
    for operations in schema["paths"].values():
        for operation in operations.values():
            for code in ("401", "403", "429"):
                content = operation["responses"][code]["content"]
                assert list(content) == ["application/problem+json"]
                assert content["application/problem+json"]["schema"] == {
                    "$ref": "#/components/schemas/Problem"
                }


def test_every_field_in_the_schema_has_a_description(schema) -> None:
    missing = [
        f"{name}.{prop}"
        for name, component in schema["components"]["schemas"].items()
        for prop, definition in component.get("properties", {}).items()
        if not definition.get("description")
    ]
    assert missing == []


def test_request_bodies_allow_no_unknown_fields(schema) -> None:
    requests = {k: v for k, v in schema["components"]["schemas"].items() if k.endswith("Request")}
    assert set(requests) >= {"NominationCreateRequest", "PersonInputRequest", "FactItemRequest"}
    assert all(component["additionalProperties"] is False for component in requests.values())


def test_the_schema_is_served_as_json_too(client) -> None:
    response = client.get(SCHEMA_URL, HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Regie partner-API"


def test_the_docs_page_loads_only_same_origin_assets_and_no_inline_code(client) -> None:
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<style" not in html
    assert "style=" not in html
    assert re.findall(r"<script(?![^>]*\bsrc=)", html) == []
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets
    assert all(a.startswith("/static/") for a in assets)
    for asset in assets:
        assert finders.find(asset.removeprefix("/static/")), asset
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_an_unknown_api_address_is_a_404_problem(client) -> None:
    for method in ("get", "post", "delete"):
        response = getattr(client, method)("/api/v1/bestaat-niet/")
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["type"] == "urn:regie:problem:not-found"


def test_a_wrong_method_is_a_405_problem(politie_api) -> None:
    response = politie_api.delete("/api/v1/nominations/")
    assert response.status_code == 405
    assert response.json()["detail_en"] == "The method DELETE is not allowed here."
    assert response["Allow"] == "GET, POST, HEAD"
    assert politie_api.options("/api/v1/nominations/").status_code == 405


def test_a_body_that_is_not_json_is_a_400_or_415_problem(politie_api) -> None:
    broken = politie_api.post(
        "/api/v1/nominations/", data="{niet: json", content_type="application/json"
    )
    assert broken.status_code == 400
    assert broken.json()["type"] == "urn:regie:problem:malformed-request"
    form = politie_api.post("/api/v1/nominations/", data="a=b", content_type="text/plain")
    assert form.status_code == 415
    assert form.json()["type"] == "urn:regie:problem:unsupported-media-type"


def test_a_huge_id_is_simply_not_found(politie_api) -> None:
    assert politie_api.get(f"/api/v1/nominations/{10**30}/").status_code == 404
