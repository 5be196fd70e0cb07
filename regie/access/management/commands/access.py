"""``regie access table``: print the access table as Markdown (the source of docs/access.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from regie.access.rules import render_markdown


class Command(BaseCommand):
    help = "Druk de toegangstabel af (Markdown)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=["table"])

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(render_markdown(), ending="")
