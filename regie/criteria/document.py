"""Reading and checking criteria documents (YAML or JSON) against ``schema.json`` and the
domain vocabulary.

``check_document`` reports *every* problem, each with its path in the document
(``hard_rules[1].window_years``) and, when read from a file, its line number. The schema checks
the shape; the semantic checks add what a schema cannot know: offence categories and life
domains must exist in ``regie.core.domain``, rule ids must be unique in the whole set, an age
range may not be empty, a threshold may not exceed what can be counted.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaError

from regie.core.domain import LifeDomain, OffenceCategory, TargetGroup

SCHEMA_PATH = Path(__file__).with_name("schema.json")
SETS_DIR = Path(__file__).with_name("sets")
PathPart = str | int


@dataclass(frozen=True)
class Problem:
    path: tuple[PathPart, ...]
    message: str
    line: int | None = None

    @property
    def where(self) -> str:
        return format_path(self.path)

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"

    def located(self, filename: str) -> str:
        """``file:line: path: message``, the way compilers report, for the command line."""
        return f"{filename}:{self.line}: {self}" if self.line else f"{filename}: {self}"


class DocumentError(Exception):
    """A document that cannot be read, or that has problems (all of them in ``problems``)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


def format_path(path: tuple[PathPart, ...]) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "(document)"


@cache
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


# --- Reading ----------------------------------------------------------------------------------


def _lines(
    node: yaml.Node, path: tuple[PathPart, ...], out: dict[tuple[PathPart, ...], int]
) -> None:
    out.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                out[(*path, key.value)] = key.start_mark.line + 1
                _lines(value, (*path, key.value), out)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _lines(item, (*path, index), out)


def read_document(text: str) -> tuple[Any, dict[tuple[PathPart, ...], int]]:
    """Parse YAML (or JSON, which YAML reads too) and map each path to its line number.

    Raises ``DocumentError`` with the line of a syntax error."""
    try:
        data = yaml.safe_load(text)
        node = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(exc, "problem", None) or str(exc)
        raise DocumentError([Problem((), f"geen geldige YAML/JSON: {reason}", line)]) from exc
    lines: dict[tuple[PathPart, ...], int] = {}
    if node is not None:
        _lines(node, (), lines)
    return data, lines


def read_file(path: Path) -> tuple[Any, dict[tuple[PathPart, ...], int]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DocumentError([Problem((), f"bestand niet te lezen: {exc}")]) from exc
    return read_document(text)


# --- Checking ---------------------------------------------------------------------------------


def _show(value: Any) -> str:
    # YAML reads 2026-01-01 as a date: say so, rather than print a Python repr.
    return f"{value.isoformat()} (een datum)" if isinstance(value, date) else repr(value)


_TYPE_NAMES = {
    "integer": "geheel getal",
    "string": "tekst",
    "array": "lijst",
    "object": "object (sleutels met waarden)",
    "boolean": "ja/nee-waarde",
}
_MESSAGES = {
    "required": lambda e: (
        "verplicht veld ontbreekt: "
        + ", ".join(repr(k) for k in e.validator_value if k not in e.instance)
    ),
    "additionalProperties": lambda e: (
        "onbekend veld: "
        + ", ".join(repr(k) for k in e.instance if k not in e.schema.get("properties", {}))
    ),
    "type": lambda e: (
        f"{_show(e.instance)} is geen {_TYPE_NAMES.get(e.validator_value, e.validator_value)}"
    ),
    "enum": lambda e: (
        f"{e.instance!r} is niet toegestaan; kies uit "
        + ", ".join(str(v) for v in e.validator_value)
    ),
    "const": lambda e: f"{e.instance!r} moet {e.validator_value!r} zijn",
    "minimum": lambda e: f"{e.instance!r} is kleiner dan het minimum {e.validator_value}",
    "maximum": lambda e: f"{e.instance!r} is groter dan het maximum {e.validator_value}",
    "minItems": lambda e: f"ten minste {e.validator_value} element(en) nodig",
    "uniqueItems": lambda e: "bevat dubbele waarden",
    "minLength": lambda e: f"te kort (ten minste {e.validator_value} tekens)",
    "maxLength": lambda e: f"te lang (hoogstens {e.validator_value} tekens)",
    "pattern": lambda e: f"{e.instance!r} voldoet niet aan het patroon {e.validator_value}",
    "anyOf": lambda e: (
        "geef ten minste één van: "
        + ", ".join(str(s["required"][0]) for s in e.validator_value if "required" in s)
    ),
}


def _schema_problems(data: Any) -> Iterator[Problem]:
    validator = Draft202012Validator(schema())
    for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.path))):
        yield from _leaf_problems(error)


def _leaf_problems(error: SchemaError) -> Iterator[Problem]:
    # "if/then" and "allOf" only wrap the real errors: report those, where they happened.
    if error.validator in ("allOf", "$ref", "if", "then") and error.context:
        for sub in error.context:
            yield from _leaf_problems(sub)
        return
    render = _MESSAGES.get(str(error.validator))
    yield Problem(tuple(error.absolute_path), render(error) if render else error.message)


def _rules(data: Any) -> Iterator[tuple[tuple[PathPart, ...], dict[str, Any]]]:
    """Every rule dict in the document with its path, nested ones included."""

    def walk(
        rule: Any, path: tuple[PathPart, ...]
    ) -> Iterator[tuple[tuple[PathPart, ...], dict[str, Any]]]:
        if not isinstance(rule, dict):
            return
        yield path, rule
        children = rule.get("rules")
        if isinstance(children, list):
            for index, child in enumerate(children):
                yield from walk(child, (*path, "rules", index))

    if not isinstance(data, dict):
        return
    for key in ("hard_rules", "exclusion_rules"):
        if isinstance(data.get(key), list):
            for index, rule in enumerate(data[key]):
                yield from walk(rule, (key, index))
    yield from walk(data.get("necessity_rule"), ("necessity_rule",))


def _codes(value: Any) -> list[tuple[int, str]]:
    return (
        [(i, v) for i, v in enumerate(value) if isinstance(v, str)]
        if isinstance(value, list)
        else []
    )


def _semantic_problems(data: Any) -> Iterator[Problem]:
    group = data.get("target_group") if isinstance(data, dict) else None
    if isinstance(group, str) and group not in TargetGroup.values:
        yield Problem(
            ("target_group",),
            f"onbekende doelgroep {group!r}; kies uit " + ", ".join(TargetGroup.values),
        )
    seen: dict[str, tuple[PathPart, ...]] = {}
    for path, rule in _rules(data):
        rule_id = rule.get("id")
        if isinstance(rule_id, str):
            if rule_id in seen:
                yield Problem(
                    (*path, "id"),
                    f"regel-id {rule_id!r} komt al voor bij {format_path(seen[rule_id])}",
                )
            seen.setdefault(rule_id, path)
        for index, code in _codes(rule.get("categories")):
            if code not in OffenceCategory.values:
                yield Problem(
                    (*path, "categories", index),
                    f"onbekende delictcategorie {code!r}; kies uit "
                    + ", ".join(OffenceCategory.values),
                )
        for index, code in _codes(rule.get("domains")):
            if code not in LifeDomain.values:
                yield Problem(
                    (*path, "domains", index),
                    f"onbekend leefgebied {code!r}; kies uit " + ", ".join(LifeDomain.values),
                )
        yield from _threshold_problems(path, rule)


def _threshold_problems(path: tuple[PathPart, ...], rule: dict[str, Any]) -> Iterator[Problem]:
    low, high = rule.get("min_years"), rule.get("max_years")
    if isinstance(low, int) and isinstance(high, int) and low > high:
        yield Problem((*path, "min_years"), f"min_years ({low}) is groter dan max_years ({high})")
    domains, need = rule.get("domains"), rule.get("min_domains")
    if isinstance(domains, list) and isinstance(need, int) and need > len(domains):
        yield Problem(
            (*path, "min_domains"),
            f"min_domains ({need}) is groter dan het aantal genoemde leefgebieden "
            f"({len(domains)}): de regel kan nooit gelden",
        )


def check_document(
    data: Any, lines: dict[tuple[PathPart, ...], int] | None = None
) -> list[Problem]:
    """Every problem in the document, schema and semantic, in document order."""
    lines = lines or {}
    problems = [*_schema_problems(data), *_semantic_problems(data)]
    located = [Problem(p.path, p.message, _line_for(p.path, lines)) for p in problems]
    return sorted(located, key=lambda p: (p.line or 0, p.where))


def _line_for(path: tuple[PathPart, ...], lines: dict[tuple[PathPart, ...], int]) -> int | None:
    while path and path not in lines:
        path = path[:-1]
    return lines.get(path)


def load_checked(path: Path) -> dict[str, Any]:
    """Read and check a file; raises ``DocumentError`` with every problem."""
    data, lines = read_file(path)
    problems = check_document(data, lines)
    if problems:
        raise DocumentError(problems)
    return data


def shipped_paths() -> list[Path]:
    """The criteria sets shipped with Regie (``regie/criteria/sets/*.yaml``)."""
    return sorted(SETS_DIR.glob("*.yaml"))
