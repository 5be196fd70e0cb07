"""Page-number pagination for every list: ``?page=2&page_size=50`` (default 25, at most 100).

Strict: a ``page`` or ``page_size`` that is not a whole number in range is a 400 with the
parameter as path; a page past the last one is a 404.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response

from regie.api.problems import ApiValidationError, FieldError, bilingual, render

MAX_PAGE = 10**9


def _whole_number(request: Request, name: str, maximum: int) -> int | None:
    raw = request.query_params.get(name)
    if raw is None:
        return None
    if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= maximum:
        message = bilingual(
            "Geef een geheel getal van 1 tot en met {maximum}.",
            "Give a whole number from 1 up to and including {maximum}.",
            maximum=maximum,
        )
        raise ApiValidationError(
            [FieldError(name, render(message, "nl"), render(message, "en"), "invalid")]
        )
    return int(raw)


class ApiPagination(PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request: Request) -> int:
        return _whole_number(request, self.page_size_query_param, self.max_page_size) or (
            self.page_size
        )

    def paginate_queryset(
        self, queryset: QuerySet[Any], request: Request, view: Any = None
    ) -> list[Any] | None:
        _whole_number(request, self.page_query_param, MAX_PAGE)
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data: Any) -> Response:
        assert self.page is not None
        return Response(
            {
                "count": self.page.paginator.count,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "object",
            "required": ["count", "next", "previous", "results"],
            "properties": {
                "count": {
                    "type": "integer",
                    "description": "Totaal aantal resultaten over alle pagina's.",
                },
                "next": {
                    "type": "string",
                    "nullable": True,
                    "format": "uri",
                    "description": "Adres van de volgende pagina; leeg op de laatste.",
                },
                "previous": {
                    "type": "string",
                    "nullable": True,
                    "format": "uri",
                    "description": "Adres van de vorige pagina; leeg op de eerste.",
                },
                "results": {**schema, "description": "De resultaten op deze pagina."},
            },
        }

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": "Paginanummer, vanaf 1.",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Aantal resultaten per pagina (standaard {self.page_size}, "
                f"hoogstens {self.max_page_size}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]
