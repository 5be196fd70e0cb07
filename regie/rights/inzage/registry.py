"""The access export (inzage) is assembled from *sections*, one or more per app.

Each app contributes a function ``build(person, context) -> Section | None`` with
``register_section(key, order=…, build=…)``; ``collect`` calls them in order. A new app (e.g.
reviews) plugs in by registering its section in its own ``AppConfig.ready()``; nothing here
changes. Builders read the database directly: the export is the privacy officer's, made on the
person's own request, and is audited as one ``EXPORT``.

A builder marks items the privacy officer may withhold (``withholdable``), and suggests some
(``suggest_withhold``, e.g. journal entries visible to the regisseur only). ``collect`` replaces
the content of every withheld item by its ground, so nothing withheld reaches the PDF or JSON.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.utils import timezone

if TYPE_CHECKING:
    from regie.persons.models import Person


@dataclass(frozen=True)
class Field:
    """One value: ``name`` for machines, ``label`` and ``value`` in Dutch for people."""

    name: str
    label: str
    value: str


@dataclass(frozen=True)
class Item:
    key: str
    title: str
    when: date | datetime | None = None
    fields: tuple[Field, ...] = ()
    withholdable: bool = False
    suggest_withhold: bool = False
    withheld_ground: str = ""


@dataclass(frozen=True)
class Table:
    """A long uniform list (the access history) as columns and rows of text."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    intro: str = ""
    items: tuple[Item, ...] = ()
    table: Table | None = None


@dataclass(frozen=True)
class Context:
    """What every builder gets: the ids of the person and of duplicates merged into them, and
    whether employee names may be shown (``REGIE_INZAGE_SHOW_EMPLOYEE_NAMES``)."""

    person_ids: tuple[int, ...]
    show_employee_names: bool


Builder = Callable[["Person", Context], Section | None]


@dataclass(frozen=True)
class Source:
    key: str
    order: int
    build: Builder


_sources: dict[str, Source] = {}


def register_section(key: str, *, order: int, build: Builder) -> None:
    """Add (or replace) the section ``key``; sections appear by ascending ``order``."""
    _sources[key] = Source(key, order, build)


def sources() -> list[Source]:
    return sorted(_sources.values(), key=lambda s: (s.order, s.key))


@dataclass(frozen=True)
class Withheld:
    section: str
    key: str
    title: str
    ground: str


@dataclass(frozen=True)
class Inzage:
    person_id: int
    generated_at: datetime
    sections: tuple[Section, ...]
    withheld: tuple[Withheld, ...] = field(default=())


def _context(person: Person, show_employee_names: bool) -> Context:
    ids = [person.pk, *person.merged_from.order_by("pk").values_list("pk", flat=True)]
    return Context(person_ids=tuple(ids), show_employee_names=show_employee_names)


def _withhold(item: Item, ground: str) -> Item:
    return replace(item, fields=(), withheld_ground=ground)


def collect(
    person: Person, *, withheld: Mapping[str, str] | None = None, show_employee_names: bool = False
) -> Inzage:
    """Everything held on ``person``, section by section, with ``withheld`` (item key → ground)
    applied. Keys of items that cannot be withheld raise ``ValueError``."""
    withheld = dict(withheld or {})
    context = _context(person, show_employee_names)
    sections: list[Section] = []
    applied: list[Withheld] = []
    for source in sources():
        section = source.build(person, context)
        if section is None:
            continue
        items = []
        for item in section.items:
            ground = withheld.pop(item.key, "")
            if ground:
                if not item.withholdable:
                    raise ValueError(f"{item.key} cannot be withheld")
                item = _withhold(item, ground)
                applied.append(Withheld(section.title, item.key, item.title, ground))
            items.append(item)
        sections.append(replace(section, items=tuple(items)))
    if withheld:
        raise ValueError(f"unknown items to withhold: {', '.join(sorted(withheld))}")
    return Inzage(person.pk, timezone.now(), tuple(sections), tuple(applied))


def withholdable_items(person: Person) -> list[tuple[str, Item]]:
    """The items the privacy officer may withhold, with their section's title."""
    context = _context(person, show_employee_names=False)
    found = []
    for source in sources():
        section = source.build(person, context)
        if section is not None:
            found += [(section.title, item) for item in section.items if item.withholdable]
    return found


def _when(value: date | datetime | None) -> str | None:
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat()
    return value.isoformat() if value else None


def as_json(inzage: Inzage) -> dict[str, Any]:
    """The machine-readable export: the same sections, items and fields as the PDF."""
    return {
        "format": "regie-inzage/1",
        "person_id": inzage.person_id,
        "generated_at": _when(inzage.generated_at),
        "sections": [
            {
                "key": s.key,
                "title": s.title,
                "intro": s.intro,
                "items": [
                    {
                        "key": i.key,
                        "title": i.title,
                        "date": _when(i.when),
                        **(
                            {"withheld": {"ground": i.withheld_ground}}
                            if i.withheld_ground
                            else {
                                "fields": [
                                    {"name": f.name, "label": f.label, "value": f.value}
                                    for f in i.fields
                                ]
                            }
                        ),
                    }
                    for i in s.items
                ],
                **(
                    {
                        "table": {
                            "columns": list(s.table.columns),
                            "rows": [list(r) for r in s.table.rows],
                        }
                    }
                    if s.table
                    else {}
                ),
            }
            for s in inzage.sections
        ],
        "withheld": [
            {"section": w.section, "key": w.key, "title": w.title, "ground": w.ground}
            for w in inzage.withheld
        ],
    }
