"""The pure engine: every rule kind at its boundaries, unknown data, three-valued logic."""

from __future__ import annotations

from datetime import date
from itertools import product
from typing import Any

import pytest

from regie.criteria.dates import age_on, months_after, years_before
from regie.criteria.engine import Outcome, RuleResult, all_of, any_of, evaluate_rule
from regie.criteria.facts import Fact, Facts, Inputs

ON = date(2026, 11, 30)
M, N, U = Outcome.MET, Outcome.NOT_MET, Outcome.UNKNOWN


def person(
    *facts: Fact, born: date | None = date(1995, 3, 4), municipality: str = "amsterdam"
) -> Facts:
    return Facts(person_id=7, date_of_birth=born, municipality=municipality, facts=facts)


def offence(id: int, day: date, category: str = "overval", role: str = "verdachte") -> Fact:
    return Fact(id=id, kind="offence", date=day, category=category, role=role)


def run(
    rule: dict[str, Any], facts: Facts | None = None, on: date = ON, **inputs: Any
) -> RuleResult:
    return evaluate_rule(
        {"id": "r", "label": "Regel", **rule}, facts or person(), Inputs(**inputs), on
    )


HIC = {
    "kind": "offence_count",
    "categories": ["overval", "straatroof", "woninginbraak"],
    "role": "verdachte",
    "window_years": 5,
    "min": 3,
}


# --- Offence counts ---------------------------------------------------------------------------


def test_three_registrations_in_the_window_meet_the_rule_and_are_listed_in_the_sentence() -> None:
    facts = person(
        offence(1, date(2024, 1, 12)),
        offence(2, date(2025, 5, 3), "straatroof"),
        offence(3, date(2025, 10, 10), "woninginbraak"),
    )
    result = run(HIC, facts)
    assert result.outcome == M
    assert [f.id for f in result.facts] == [1, 2, 3]
    assert result.sentence == (
        "3 van 3 vereiste registraties als verdachte in 5 jaar tot en met 30-11-2026 "
        "(overval 12-01-2024, straatroof 03-05-2025, woninginbraak 10-10-2025)."
    )


def test_a_registration_exactly_window_years_before_the_date_falls_outside() -> None:
    facts = person(offence(1, date(2021, 11, 30)), offence(2, ON), offence(3, date(2026, 1, 1)))
    result = run(HIC, facts)
    assert result.outcome == N
    assert [f.id for f in result.facts] == [3, 2]


def test_a_registration_one_day_later_than_window_years_before_counts() -> None:
    facts = person(offence(1, date(2021, 12, 1)), offence(2, ON), offence(3, date(2026, 1, 1)))
    assert run(HIC, facts).outcome == M


def test_registrations_after_the_evaluation_date_do_not_count() -> None:
    facts = person(offence(1, date(2026, 1, 1)), offence(2, ON), offence(3, date(2026, 12, 1)))
    result = run(HIC, facts)
    assert result.outcome == N
    assert result.sentence.startswith("2 van 3 vereiste")


def test_window_from_29_february_starts_on_28_february() -> None:
    rule = {**HIC, "min": 1}
    on = date(2028, 2, 29)
    assert run(rule, person(offence(1, date(2023, 2, 28))), on).outcome == N
    assert run(rule, person(offence(1, date(2023, 3, 1))), on).outcome == M


def test_only_the_requested_role_and_categories_are_counted() -> None:
    facts = person(
        offence(1, date(2025, 1, 1)),
        offence(2, date(2025, 2, 1), role="veroordeelde"),
        offence(3, date(2025, 3, 1), category="drugscriminaliteit"),
    )
    assert [f.id for f in run({**HIC, "min": 1}, facts).facts] == [1]
    any_role = run({**HIC, "role": "any"}, facts)
    assert [f.id for f in any_role.facts] == [1, 2]
    assert "als verdachte of veroordeelde" in any_role.sentence


def test_registrations_without_role_or_category_make_the_count_unknown_when_they_could_decide() -> (
    None
):
    facts = person(
        offence(1, date(2025, 1, 1)),
        offence(2, date(2025, 2, 1), role=""),
        offence(3, date(2025, 3, 1), category=""),
        offence(4, date(2025, 4, 1), category="", role="veroordeelde"),
    )
    result = run(HIC, facts)
    assert result.outcome == U
    assert [f.id for f in result.facts] == [1, 2, 3]
    assert result.sentence.endswith("; 2 registratie(s) zonder delictcategorie of rol.")
    assert run({**HIC, "min": 4}, facts).outcome == N
    assert run({**HIC, "role": "any"}, facts).outcome == U
    assert run({**HIC, "min": 1}, facts).outcome == M


def test_more_registrations_than_required_read_naturally() -> None:
    facts = person(*(offence(i, date(2025, 1, i)) for i in range(1, 6)))
    assert run(HIC, facts).sentence.startswith("5 (ten minste 3 vereist) registraties")


def test_no_registrations_is_not_met_and_says_none() -> None:
    result = run(HIC)
    assert result.outcome == N
    assert result.sentence.endswith("(geen).")


# --- Age --------------------------------------------------------------------------------------

YOUTH = {"kind": "age", "min_years": 12, "max_years": 23}


def test_turning_12_on_the_evaluation_date_is_in_range() -> None:
    assert run(YOUTH, person(born=date(2014, 11, 30))).outcome == M
    assert run(YOUTH, person(born=date(2014, 12, 1))).outcome == N


def test_the_last_day_before_turning_24_is_in_range_and_the_birthday_is_not() -> None:
    assert run(YOUTH, person(born=date(2002, 12, 1))).outcome == M
    assert run(YOUTH, person(born=date(2002, 11, 30))).outcome == N


def test_born_on_29_february_turns_older_on_1_march_in_a_non_leap_year() -> None:
    born = date(2012, 2, 29)
    assert age_on(born, date(2025, 2, 28)) == 12
    assert age_on(born, date(2025, 3, 1)) == 13
    assert age_on(born, date(2024, 2, 29)) == 12
    rule = {"kind": "age", "min_years": 13}
    assert run(rule, person(born=born), date(2025, 2, 28)).outcome == N
    assert run(rule, person(born=born), date(2025, 3, 1)).outcome == M


def test_unknown_date_of_birth_makes_the_age_rule_unknown() -> None:
    result = run(YOUTH, person(born=None))
    assert result.outcome == U
    assert result.sentence == "Geboortedatum onbekend; vereist: 12 tot en met 23 jaar."


def test_age_sentence_names_the_age_and_the_requirement() -> None:
    result = run({"kind": "age", "min_years": 18}, person(born=date(1995, 3, 4)))
    assert result.sentence == "31 jaar op 30-11-2026; vereist: 18 jaar of ouder."


# --- Detention --------------------------------------------------------------------------------

DETENTION = {"kind": "detention_remaining", "more_than_months": 24}


def detention(end: date | None, start: date = date(2026, 1, 1), id: int = 9) -> Fact:
    return Fact(id=id, kind="detention", date=start, end_date=end)


def test_exactly_24_months_remaining_is_not_more_than_24() -> None:
    assert months_after(ON, 24) == date(2028, 11, 30)
    assert run(DETENTION, person(detention(date(2028, 11, 30)))).outcome == N


def test_24_months_and_one_day_remaining_excludes() -> None:
    result = run(DETENTION, person(detention(date(2028, 12, 1))))
    assert result.outcome == M
    assert [f.id for f in result.facts] == [9]
    assert "01-12-2028" in result.sentence


def test_a_detention_that_ended_or_has_not_started_is_not_running() -> None:
    ended = detention(date(2026, 11, 30), start=date(2020, 1, 1))
    future = detention(date(2031, 1, 1), start=date(2026, 12, 1), id=10)
    result = run(DETENTION, person(ended, future))
    assert result.outcome == N
    assert result.sentence == "Geen lopende detentie geregistreerd op 30-11-2026."


def test_a_running_detention_without_expected_end_is_unknown() -> None:
    assert run(DETENTION, person(detention(None))).outcome == U


def test_absent_means_unknown_turns_no_detention_into_unknown() -> None:
    assert run({**DETENTION, "absent_means": "unknown"}).outcome == U


def test_months_after_clamps_to_the_end_of_the_month() -> None:
    assert months_after(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert months_after(date(2026, 12, 15), 2) == date(2027, 2, 15)


# --- Residence, deceased, region, other approach ----------------------------------------------


def residence(status: str, day: date, id: int) -> Fact:
    return Fact(id=id, kind="residence", date=day, residence_status=status)


def test_no_residence_fact_means_lawful_residence_by_default() -> None:
    result = run({"kind": "no_lawful_residence"})
    assert result.outcome == N
    assert (
        result.sentence == "Geen verblijfsstatus geregistreerd; uitgegaan van rechtmatig verblijf."
    )


def test_no_residence_fact_is_unknown_when_the_set_says_so() -> None:
    assert run({"kind": "no_lawful_residence", "absent_means": "unknown"}).outcome == U


def test_the_latest_residence_status_on_the_date_decides() -> None:
    facts = person(
        residence("geen_rechtmatig_verblijf", date(2024, 1, 1), 1),
        residence("rechtmatig", date(2025, 1, 1), 2),
        residence("geen_rechtmatig_verblijf", date(2027, 1, 1), 3),
    )
    result = run({"kind": "no_lawful_residence"}, facts)
    assert (result.outcome, [f.id for f in result.facts]) == (N, [2])
    assert run({"kind": "no_lawful_residence"}, facts, date(2024, 6, 1)).outcome == M


def test_deceased_on_or_before_the_date() -> None:
    facts = person(Fact(id=4, kind="deceased", date=ON))
    assert run({"kind": "deceased"}, facts).outcome == M
    assert run({"kind": "deceased"}, facts, date(2026, 11, 29)).outcome == N


def test_outside_region_by_municipality_or_by_latest_move() -> None:
    rule = {"kind": "outside_region"}
    assert run(rule, person(municipality="buiten_regio")).outcome == M
    moved_out = Fact(id=5, kind="moved", date=date(2026, 6, 1), municipality="buiten_regio")
    assert run(rule, person(moved_out)).outcome == M
    assert run(rule, person(moved_out), date(2026, 5, 31)).outcome == N
    moved_back = Fact(id=6, kind="moved", date=date(2026, 9, 1), municipality="diemen")
    back = run(rule, person(moved_out, moved_back))
    assert (back.outcome, back.sentence) == (N, "Woont in de regio (Diemen).")


def test_unknown_municipality_without_moves_is_unknown() -> None:
    assert run({"kind": "outside_region"}, person(municipality="")).outcome == U


@pytest.mark.parametrize(("flag", "outcome"), [(None, U), (True, M), (False, N)])
def test_other_approach_is_an_input_flag(flag: bool | None, outcome: Outcome) -> None:
    assert run({"kind": "other_approach"}, other_approach=flag).outcome == outcome


# --- ZRM and partner domains ------------------------------------------------------------------

CARE = {"kind": "zrm", "min_domains": 3, "max_score": 2}


def test_zrm_without_scores_is_unknown() -> None:
    result = run(CARE)
    assert (result.outcome, result.sentence) == (U, "ZRM-scores ontbreken.")


def test_zrm_counts_domains_at_or_below_the_maximum_score() -> None:
    scores = dict.fromkeys(("financien", "dagbesteding", "huisvesting", "verslaving", "adl"), 4)
    scores.update(
        {
            "huiselijke_relaties": 3,
            "geestelijke_gezondheid": 4,
            "lichamelijke_gezondheid": 5,
            "sociaal_netwerk": 4,
            "maatschappelijke_participatie": 4,
            "justitie": 1,
        }
    )
    assert run(CARE, zrm_scores=scores).outcome == N
    scores.update({"financien": 2, "huisvesting": 2})
    result = run(CARE, zrm_scores=scores)
    assert result.outcome == M
    assert result.sentence == (
        "3 van 3 vereiste leefgebieden met ZRM-score 2 of lager "
        "(Financiën 2, Huisvesting 2, Justitie 1)."
    )


def test_zrm_with_unscored_domains_is_unknown_until_decided() -> None:
    assert run(CARE, zrm_scores={"financien": 1, "huisvesting": 2}).outcome == U
    assert run(CARE, zrm_scores={"financien": 1, "huisvesting": 2, "adl": 1}).outcome == M
    only_two_unscored = dict.fromkeys(("financien", "dagbesteding", "huisvesting", "verslaving"), 5)
    only_two_unscored.update(dict.fromkeys(("adl", "justitie", "sociaal_netwerk"), 4))
    only_two_unscored.update({"huiselijke_relaties": 3, "geestelijke_gezondheid": 3})
    assert run(CARE, zrm_scores=only_two_unscored).outcome == N


def test_zrm_may_be_limited_to_named_domains() -> None:
    rule = {**CARE, "min_domains": 1, "domains": ["verslaving"]}
    assert run(rule, zrm_scores={"financien": 1, "verslaving": 3}).outcome == N
    assert run(rule, zrm_scores={"verslaving": 2}).outcome == M


def test_partner_domains() -> None:
    rule = {"kind": "partner_domains", "min_domains": 2}
    assert run(rule).outcome == U
    assert run(rule, partner_domains=frozenset({"zorg"})).outcome == N
    result = run(rule, partner_domains=frozenset({"veiligheid", "zorg"}))
    assert (result.outcome, result.sentence) == (
        M,
        "2 van 2 vereiste partnerdomeinen nodig (zorg, veiligheid).",
    )


# --- Three-valued combinations ----------------------------------------------------------------


@pytest.mark.parametrize(("a", "b"), list(product([M, N, U], repeat=2)))
def test_all_and_any_follow_kleene_logic(a: Outcome, b: Outcome) -> None:
    truth = {M: True, N: False, U: None}
    back = {True: M, False: N, None: U}
    x, y = truth[a], truth[b]
    kleene_and = False if False in (x, y) else (None if None in (x, y) else True)
    kleene_or = True if True in (x, y) else (None if None in (x, y) else False)
    assert all_of([a, b]) == back[kleene_and]
    assert any_of([a, b]) == back[kleene_or]


def test_empty_all_is_met_and_empty_any_is_not_met() -> None:
    assert (all_of([]), any_of([])) == (M, N)


def test_nested_rules_combine_three_valued_and_keep_their_children() -> None:
    rule = {
        "kind": "any",
        "rules": [
            {"id": "a", "label": "Leeftijd", "kind": "age", "min_years": 40},
            {
                "id": "b",
                "label": "Zorg en partners",
                "kind": "all",
                "rules": [
                    {"id": "c", "label": "Zorg", **CARE},
                    {"id": "d", "label": "Partners", "kind": "partner_domains", "min_domains": 2},
                ],
            },
        ],
    }
    unknown = run(rule)
    assert unknown.outcome == U
    assert unknown.sentence == "Onbekend door: Zorg en partners."
    assert [c.outcome for c in unknown.rules[1].rules] == [U, U]
    not_met = run(rule, partner_domains=frozenset({"zorg"}))
    assert (not_met.outcome, not_met.rules[1].sentence) == (N, "Niet voldaan: Partners.")
    met = run(rule, person(born=date(1980, 1, 1)))
    assert (met.outcome, met.sentence) == (M, "Voldaan via: Leeftijd.")


def test_years_before_on_29_february() -> None:
    assert years_before(date(2028, 2, 29), 1) == date(2027, 2, 28)
    assert years_before(date(2028, 2, 29), 4) == date(2024, 2, 29)
