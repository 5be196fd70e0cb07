"""Server-rendered SVG charts: well-formed, accessible, CSP-safe, escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from regie.monitor.svg import Bar, Series, bar_chart, format_number, line_chart

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output, not untrusted input


def assert_accessible_and_csp_safe(root: ET.Element, title: str) -> None:
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title_id, desc_id = (root.get("aria-labelledby") or "").split()
    children = list(root)
    assert children[0].tag == f"{SVG}title"
    assert children[0].get("id") == title_id
    assert children[0].text == title
    assert children[1].tag == f"{SVG}desc"
    assert children[1].get("id") == desc_id
    for element in root.iter():
        assert "style" not in element.attrib
        assert element.tag not in {f"{SVG}style", f"{SVG}script", f"{SVG}foreignObject"}
        assert not any(name.startswith("on") for name in element.attrib)


def test_bar_chart_is_well_formed_accessible_svg_without_inline_styles() -> None:
    svg = bar_chart(
        [Bar("Amsterdam", 120), Bar("Diemen", 14), Bar("Aalsmeer", None, "<5")],
        title="Instroom per gemeente",
        description="Aantal personen dat in 2025 instroomde.",
    )
    root = parse(svg)
    assert_accessible_and_csp_safe(root, "Instroom per gemeente")
    desc = root.find(f"{SVG}desc")
    assert desc is not None
    assert desc.text == (
        "Aantal personen dat in 2025 instroomde. Amsterdam: 120; Diemen: 14; Aalsmeer: <5"
    )


def test_hidden_value_draws_no_bar_but_shows_its_text() -> None:
    root = parse(bar_chart([Bar("A", 10), Bar("B", None, "<5")], title="t", description="d"))
    groups = root.findall(f"{SVG}g")
    assert len(groups) == 2
    assert groups[0].find(f"{SVG}rect") is not None
    assert groups[1].find(f"{SVG}rect") is None
    assert [t.text for t in groups[1].iter(f"{SVG}text")] == ["B", "<5"]


def test_bar_lengths_are_proportional_to_values() -> None:
    root = parse(bar_chart([Bar("A", 10), Bar("B", 5)], title="t", description="d"))
    widths = [float(rect.get("width", "0")) for rect in root.iter(f"{SVG}rect")]
    assert widths[0] == pytest.approx(2 * widths[1], rel=1e-3)


def test_labels_and_titles_are_escaped() -> None:
    label = '<script>alert("x")</script> & Zoon'
    svg = bar_chart([Bar(label, 3)], title="A & B <c>", description='"quoted"')
    assert "<script>" not in svg
    root = parse(svg)
    assert_accessible_and_csp_safe(root, "A & B <c>")
    bar_title = root.find(f"{SVG}g/{SVG}title")
    assert bar_title is not None
    assert bar_title.text == f"{label}: 3"


def test_long_labels_are_shortened_but_kept_whole_in_the_tooltip() -> None:
    label = "Een bijzonder lange omschrijving van een uitstroomreden"
    root = parse(bar_chart([Bar(label, 3)], title="t", description="d"))
    texts = [t.text or "" for t in root.iter(f"{SVG}text")]
    assert texts[0].endswith("…")
    assert len(texts[0]) == 32
    tooltip = root.find(f"{SVG}g/{SVG}title")
    assert tooltip is not None
    assert tooltip.text == f"{label}: 3"


def test_reference_line_marks_parity_for_disparity_ratios() -> None:
    root = parse(
        bar_chart(
            [Bar("Man", 1.3, "1,30"), Bar("Vrouw", 0.6, "0,60")],
            title="t",
            description="d",
            reference=1.0,
        )
    )
    dashed = [line for line in root.iter(f"{SVG}line") if line.get("stroke-dasharray")]
    assert len(dashed) == 1


def test_empty_bar_chart_is_still_valid() -> None:
    assert_accessible_and_csp_safe(parse(bar_chart([], title="Leeg", description="")), "Leeg")


def test_charts_refuse_negative_values() -> None:
    with pytest.raises(ValueError, match="non-negative"):
        bar_chart([Bar("A", -1)], title="t", description="d")


def test_chart_id_must_be_a_valid_html_id() -> None:
    root = parse(bar_chart([Bar("A", 1)], title="t", description="d", chart_id="instroom"))
    assert root.get("aria-labelledby") == "instroom-title instroom-desc"
    with pytest.raises(ValueError, match="id"):
        bar_chart([Bar("A", 1)], title="t", description="d", chart_id='x" onload="alert(1)')


def test_default_ids_differ_between_charts() -> None:
    first = parse(bar_chart([Bar("A", 1)], title="Instroom", description="d"))
    second = parse(bar_chart([Bar("A", 1)], title="Uitstroom", description="d"))
    assert first.get("aria-labelledby") != second.get("aria-labelledby")


def test_line_chart_draws_one_line_per_series_with_gaps_for_hidden_years() -> None:
    svg = line_chart(
        ["2023", "2024", "2025", "2026"],
        [
            Series("Amsterdam", [120, 131, 118, 125]),
            Series("Diemen", [12, None, 9, 11], texts=["12", "<5", "9", "11"]),
        ],
        title="Personen in de aanpak op peildatum",
        description="Per gemeente, peildatum 1 februari.",
    )
    root = parse(svg)
    assert_accessible_and_csp_safe(root, "Personen in de aanpak op peildatum")
    lines = root.findall(f"{SVG}g")
    assert len(lines[0].findall(f"{SVG}polyline")) == 1
    assert len(lines[1].findall(f"{SVG}polyline")) == 1  # 2025–2026; 2023 stands alone
    assert len(lines[1].findall(f"{SVG}circle")) == 3
    point = lines[0].find(f"{SVG}circle/{SVG}title")
    assert point is not None
    assert point.text == "Amsterdam, 2023: 120"
    assert lines[1].find(f"{SVG}polyline[@stroke-dasharray]") is not None
    desc = root.find(f"{SVG}desc")
    assert desc is not None
    assert desc.text is not None
    assert "Diemen: 2023 12, 2024 <5, 2025 9, 2026 11" in desc.text


def test_line_chart_needs_one_value_per_label() -> None:
    with pytest.raises(ValueError, match="one value per label"):
        line_chart(["2025"], [Series("A", [1, 2])], title="t", description="d")


def test_missing_value_without_a_text_reads_as_a_dash() -> None:
    root = parse(line_chart(["2024", "2025"], [Series("A", [None, 3])], title="t", description="d"))
    desc = root.find(f"{SVG}desc")
    assert desc is not None
    assert desc.text == "d A: 2024 –, 2025 3"


def test_line_chart_with_a_single_year_is_valid() -> None:
    root = parse(line_chart(["2025"], [Series("A", [4])], title="t", description="d"))
    assert root.find(f"{SVG}g/{SVG}circle") is not None


@pytest.mark.parametrize(
    ("value", "text"), [(0, "0"), (1234, "1.234"), (12.5, "12,5"), (0.14, "0,1"), (2.0, "2")]
)
def test_numbers_are_formatted_the_dutch_way(value: float, text: str) -> None:
    assert format_number(value) == text
