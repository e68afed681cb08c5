"""Tests for the scorer: every rule of shared/eval/FORMAT.md on small invented documents."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eventwire.scoring import (
    DocResult,
    GoldDoc,
    GoldError,
    Report,
    distance_km,
    fold_name,
    format_report,
    load_gold,
    score,
    score_document,
)

ALL = [
    "type", "mode", "cameo", "actor.country", "actor.sector", "recipient.country",
    "recipient.sector", "location.country", "location.name", "location.coords", "date", "dead",
    "injured",
]  # fmt: skip

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "seed.jsonl"


def doc(
    events: list[dict[str, Any]],
    scored: list[str] | None = None,
    types: list[str] | None = None,
    id: str = "d1",
) -> GoldDoc:
    return GoldDoc(
        id=id,
        text="invented story",
        published="2021-05-04T10:00:00",
        lang="en",
        events=events,
        scored=ALL if scored is None else scored,
        types=types,
    )


def party(country: str | None = None, sector: str | None = None) -> dict[str, Any]:
    return {"country": country, "sector": sector, "text": "someone"}


def shelling(**extra: Any) -> dict[str, Any]:
    """An invented strike: artillery on a market town, two dead and five hurt."""
    event: dict[str, Any] = {
        "type": "ASSAULT",
        "mode": "heavy-weapons",
        "cameo": "195",
        "actor": [party("ARM", "MIL")],
        "recipient": [party("AZE", "CVL")],
        "location": {"name": "Ter-Ghazar", "country": "AZE", "lat": 40.10, "lon": 46.70},
        "date": "2021-05-03",
        "dead": 2,
        "injured": 5,
    }
    event.update(extra)
    return event


def one(gold_events: list[dict[str, Any]], preds: list[dict[str, Any]], **kw: Any) -> Report:
    return score([doc(gold_events, **kw)], {"d1": preds})


def errors_of(report: Report) -> list[str]:
    return report.docs[0].field_errors


# --------------------------------------------------------------------------- detection


def test_exact_match_scores_one_everywhere() -> None:
    report = one([shelling()], [shelling()])
    assert (report.precision, report.recall, report.f1, report.exact) == (1.0, 1.0, 1.0, 1.0)
    assert (report.tp, report.fp, report.fn) == (1, 0, 0)
    assert set(report.fields) == set(ALL) - {"type"}
    assert all(f == {"acc": 1.0, "n": 1} for f in report.fields.values())
    assert report.docs[0].ok


def test_type_mismatch_is_a_miss_and_a_false_positive() -> None:
    pred = shelling(type="COERCE")
    report = one([shelling()], [pred])
    assert (report.tp, report.fp, report.fn) == (0, 1, 1)
    assert (report.precision, report.recall, report.f1, report.exact) == (0.0, 0.0, 0.0, 0.0)
    assert report.fields == {}


def test_matching_pairs_events_by_agreement_not_by_order() -> None:
    gold = [shelling(date="2021-05-01"), shelling(date="2021-05-02")]
    preds = [shelling(date="2021-05-02"), shelling(date="2021-05-01")]
    report = one(gold, preds)
    assert report.docs[0].matched == [(0, 1), (1, 0)]
    assert report.exact == 1.0


def test_most_agreeing_pair_is_taken_first_even_for_a_later_gold_event() -> None:
    gold = [shelling(date="2021-05-01"), shelling(date="2021-05-02")]
    report = one(gold, [shelling(date="2021-05-02")])
    assert report.docs[0].matched == [(1, 0)]
    assert report.docs[0].missed == [0]


def test_most_agreeing_prediction_wins_and_the_other_is_a_false_positive() -> None:
    preds = [shelling(dead=9, injured=9), shelling()]
    report = one([shelling()], preds)
    assert report.docs[0].matched == [(0, 1)]
    assert report.docs[0].false_positives == [0]


def test_ties_go_to_gold_order() -> None:
    gold = [shelling(), shelling()]
    report = one(gold, [shelling()])
    assert report.docs[0].matched == [(0, 0)]
    assert report.docs[0].missed == [1]


def test_ties_then_go_to_prediction_order() -> None:
    report = one([shelling()], [shelling(), shelling()])
    assert report.docs[0].matched == [(0, 0)]
    assert report.docs[0].false_positives == [1]


def test_greedy_takes_best_pairs_not_an_optimal_assignment() -> None:
    # pred 0 agrees with gold 0 on two fields; greedy takes that pair although pred 1 then has
    # only gold 1 left, which it agrees with on nothing.
    scored = ["type", "date", "dead"]
    gold = [shelling(date="2021-05-01", dead=1), shelling(date="2021-05-02", dead=2)]
    preds = [shelling(date="2021-05-01", dead=1), shelling(date="2021-05-01", dead=1)]
    report = one(gold, preds, scored=scored)
    assert report.docs[0].matched == [(0, 0), (1, 1)]
    assert report.fields["date"] == {"acc": 0.5, "n": 2}


def test_matching_counts_only_graded_fields() -> None:
    # mode is not scored here, so both gold events agree equally and gold order decides.
    gold = [shelling(mode="aerial"), shelling(mode="heavy-weapons")]
    report = one(gold, [shelling(mode="heavy-weapons")], scored=["type", "date"])
    assert report.docs[0].matched == [(0, 0)]
    # with mode scored, the agreeing gold event is taken.
    report = one(gold, [shelling(mode="heavy-weapons")], scored=["type", "date", "mode"])
    assert report.docs[0].matched == [(1, 0)]


# --------------------------------------------------------------------------- optional events


def test_prediction_matched_to_optional_is_neither_tp_nor_fp() -> None:
    gold = [shelling(), shelling(date="2021-04-20", optional=True)]
    report = one(gold, [shelling(), shelling(date="2021-04-20")])
    assert (report.tp, report.fp, report.fn) == (1, 0, 0)
    assert report.docs[0].matched_optional == [(1, 1)]
    assert report.precision == 1.0
    assert report.matched_optional == 1
    assert report.n_pred == 2


def test_unmatched_optional_is_not_missed() -> None:
    gold = [shelling(), shelling(date="2021-04-20", optional=True)]
    report = one(gold, [shelling()])
    assert report.recall == 1.0
    assert report.docs[0].missed == []
    assert report.n_gold == 1


def test_required_events_are_matched_before_optional_ones() -> None:
    # The prediction fits the optional event better, but the required round comes first.
    gold = [shelling(date="2021-05-01"), shelling(date="2021-05-02", optional=True)]
    report = one(gold, [shelling(date="2021-05-02")])
    assert report.docs[0].matched == [(0, 0)]
    assert report.docs[0].matched_optional == []
    assert errors_of(report) == ["ASSAULT #0 date: gold 2021-05-01, predicted 2021-05-02"]


def test_optional_round_uses_agreement_too() -> None:
    gold = [
        shelling(date="2021-04-01", optional=True),
        shelling(date="2021-04-02", optional=True),
    ]
    report = one(gold, [shelling(date="2021-04-02")])
    assert report.docs[0].matched_optional == [(1, 0)]


def test_fields_are_not_graded_on_optional_pairs() -> None:
    gold = [shelling(optional=True)]
    report = one(gold, [shelling(dead=40, date="1999-01-01")])
    assert report.fields == {}
    assert errors_of(report) == []
    assert report.docs[0].ok


def test_optional_only_document_with_no_predictions_is_perfect() -> None:
    report = one([shelling(optional=True)], [])
    assert (report.precision, report.recall, report.f1) == (1.0, 1.0, 1.0)


# --------------------------------------------------------------------------- negatives, types


def test_negative_document_makes_every_prediction_a_false_positive() -> None:
    report = one([], [shelling(), {"type": "PROTEST"}])
    assert (report.tp, report.fp, report.fn) == (0, 2, 0)
    # nothing to find but something predicted: 0/0 recall and exact are 0.0, not perfect
    assert (report.precision, report.recall, report.f1, report.exact) == (0.0, 0.0, 0.0, 0.0)
    assert report.docs[0].false_positives == [0, 1]


def test_negative_document_with_no_predictions_is_perfect() -> None:
    report = one([], [])
    assert (report.precision, report.recall, report.f1, report.exact) == (1.0, 1.0, 1.0, 1.0)
    assert report.docs[0].ok


def test_no_predictions_against_gold_scores_zero() -> None:
    report = one([shelling()], [])
    assert (report.precision, report.recall, report.f1, report.exact) == (0.0, 0.0, 0.0, 0.0)


def test_predictions_of_types_outside_types_are_left_out() -> None:
    preds = [{"type": "CONSULT"}, shelling(), {"type": "AID"}]
    report = one([shelling()], preds, types=["ASSAULT", "THREATEN"])
    assert (report.tp, report.fp, report.fn) == (1, 0, 0)
    assert report.docs[0].ignored == [0, 2]
    assert (report.ignored, report.n_pred) == (2, 1)
    assert report.precision == 1.0


def test_types_filter_also_applies_to_negatives() -> None:
    report = one([], [{"type": "CONSULT"}, {"type": "THREATEN"}], types=["ASSAULT", "THREATEN"])
    assert report.fp == 1
    assert report.docs[0].false_positives == [1]


def test_without_types_every_prediction_counts() -> None:
    report = one([shelling()], [shelling(), {"type": "CONSULT"}])
    assert report.fp == 1
    assert report.ignored == 0


def test_prediction_without_type_is_a_false_positive() -> None:
    report = one([shelling()], [shelling(), {"mode": "aerial"}])
    assert report.docs[0].false_positives == [1]


# --------------------------------------------------------------------------- parties


def talks(**extra: Any) -> dict[str, Any]:
    """An invented phone call between two presidents, coded the PLOVER way."""
    event: dict[str, Any] = {
        "type": "CONSULT",
        "mode": "phone",
        "actor": [party("KEN", "GOV"), party("ETH", "GOV")],
        "date": "2021-05-03",
    }
    event.update(extra)
    return event


def test_reciprocal_party_order_is_not_graded() -> None:
    pred = talks(actor=[party("ETH", "GOV")], recipient=[party("KEN", "GOV")])
    report = one([talks()], [pred])
    assert errors_of(report) == []
    assert report.fields["actor.country"] == {"acc": 1.0, "n": 1}
    assert report.fields["actor.sector"] == {"acc": 1.0, "n": 1}
    # gold has no recipient, so recipient fields are not graded at all
    assert "recipient.country" not in report.fields
    assert report.exact == 1.0


def test_reciprocal_gold_with_a_recipient_grades_both_sides_on_all_parties() -> None:
    gold = talks(actor=[party("KEN")], recipient=[party("IGO", "GOV")])
    pred = talks(actor=[party("IGO", "GOV"), party("KEN")])
    report = one([gold], [pred])
    assert report.fields["actor.country"] == {"acc": 1.0, "n": 1}
    assert report.fields["recipient.country"] == {"acc": 1.0, "n": 1}
    assert report.fields["recipient.sector"] == {"acc": 1.0, "n": 1}
    # the gold actor has no sector: actor.sector is not filled, so not graded
    assert "actor.sector" not in report.fields


def test_reciprocal_missing_party_is_wrong() -> None:
    report = one([talks()], [talks(actor=[party("KEN", "GOV")])])
    assert errors_of(report) == ["CONSULT #0 actor.country: gold ETH KEN, predicted KEN"]


def test_one_way_event_grades_party_order() -> None:
    swapped = shelling(actor=[party("AZE", "CVL")], recipient=[party("ARM", "MIL")])
    report = one([shelling()], [swapped], scored=["type", "actor.country", "recipient.country"])
    assert report.fields["actor.country"] == {"acc": 0.0, "n": 1}
    assert report.fields["recipient.country"] == {"acc": 0.0, "n": 1}
    assert report.exact == 0.0


def test_party_codes_compare_as_sets() -> None:
    scored = ["type", "actor.country", "actor.sector"]
    gold = shelling(actor=[party("ARM", "MIL"), party("ARM", "GOV")])
    same = shelling(actor=[party("ARM", "GOV"), party("ARM", "MIL"), party("ARM"), party()])
    assert errors_of(one([gold], [same], scored=scored)) == []
    extra = shelling(actor=[party("ARM", "MIL"), party("RUS", "GOV")])
    assert errors_of(one([gold], [extra], scored=scored)) == [
        "ASSAULT #0 actor.country: gold ARM, predicted ARM RUS"
    ]


def test_prediction_without_parties_gets_party_fields_wrong() -> None:
    pred = shelling()
    del pred["actor"]
    pred["recipient"] = None
    report = one([shelling()], [pred], scored=["type", "actor.country", "recipient.sector"])
    assert report.fields["actor.country"] == {"acc": 0.0, "n": 1}
    assert report.fields["recipient.sector"] == {"acc": 0.0, "n": 1}
    assert report.docs[0].field_errors[0] == "ASSAULT #0 actor.country: gold ARM, predicted none"


def test_party_fields_need_a_non_null_gold_code() -> None:
    gold = shelling(actor=[party("ARM")], recipient=[party(None, "CVL")])
    pred = shelling(actor=[party("ARM", "REB")], recipient=[party("GEO", "CVL")])
    report = one([gold], [pred])
    assert "actor.sector" not in report.fields
    assert "recipient.country" not in report.fields
    assert report.fields["recipient.sector"] == {"acc": 1.0, "n": 1}


# --------------------------------------------------------------------------- other fields


@pytest.mark.parametrize(
    ("name", "folded"),
    [
        ("al-Bab", "bab"),
        ("Al Bāb", "bab"),
        ("El-Fasher", "fasher"),
        ("L'Aquila", "aquila"),
        ("L’Haÿ-les-Roses", "hay roses"),
        ("Le Caire", "caire"),
        ("The Hague", "hague"),
        ("Saint-Étienne", "saint etienne"),
        ("São  Tomé", "sao tome"),
        ("Ṣanʿāʾ", "san a"),
        ("Aleppo", "aleppo"),
    ],
)
def test_fold_name(name: str, folded: str) -> None:
    assert fold_name(name) == folded


def test_location_name_is_compared_folded() -> None:
    scored = ["type", "location.name"]
    gold = shelling(location={"name": "al-Bab"})
    assert one([gold], [shelling(location={"name": "Al Bāb"})], scored=scored).exact == 1.0
    wrong = one([gold], [shelling(location={"name": "Bab al-Hawa"})], scored=scored)
    assert errors_of(wrong) == ["ASSAULT #0 location.name: gold al-Bab, predicted Bab al-Hawa"]
    assert one([gold], [shelling(location=None)], scored=scored).exact == 0.0


def test_location_country_is_an_equal_code() -> None:
    scored = ["type", "location.country"]
    gold = shelling(location={"country": "AZE"})
    assert one([gold], [shelling(location={"country": "AZE"})], scored=scored).exact == 1.0
    assert one([gold], [shelling(location={"country": "ARM"})], scored=scored).exact == 0.0


def test_distance_km_is_haversine() -> None:
    assert distance_km(48.8566, 2.3522, 51.5074, -0.1278) == pytest.approx(343.5, abs=1.0)
    assert distance_km(0.0, 0.0, 0.0, 1.0) == pytest.approx(111.2, abs=0.1)
    assert distance_km(10.0, 20.0, 10.0, 20.0) == 0.0


def test_coordinates_within_25_km() -> None:
    scored = ["type", "location.coords"]
    gold = shelling(location={"lat": 40.0, "lon": 46.0})
    near = shelling(location={"lat": 40.2, "lon": 46.0})  # about 22 km north
    far = shelling(location={"lat": 40.25, "lon": 46.0})  # about 28 km north
    assert one([gold], [near], scored=scored).fields["location.coords"]["acc"] == 1.0
    report = one([gold], [far], scored=scored)
    assert report.fields["location.coords"]["acc"] == 0.0
    assert errors_of(report) == [
        "ASSAULT #0 location.coords: gold 40.0000,46.0000, predicted 40.2500,46.0000 (28 km)"
    ]
    no_coords = shelling(location={"name": "Ter-Ghazar", "lat": 40.0})
    assert one([gold], [no_coords], scored=scored).fields["location.coords"]["acc"] == 0.0


def test_coordinates_graded_only_when_gold_has_both() -> None:
    gold = shelling(location={"name": "Ter-Ghazar", "lat": 40.1, "lon": None})
    report = one([gold], [shelling()], scored=["type", "location.coords", "location.name"])
    assert "location.coords" not in report.fields
    assert report.fields["location.name"]["n"] == 1


def test_date_is_the_same_day_string() -> None:
    scored = ["type", "date"]
    assert one([shelling()], [shelling()], scored=scored).exact == 1.0
    report = one([shelling()], [shelling(date="2021-05")], scored=scored)
    assert errors_of(report) == ["ASSAULT #0 date: gold 2021-05-03, predicted 2021-05"]
    assert one([shelling()], [shelling(date="2021-05-04")], scored=scored).exact == 0.0


def test_dead_and_injured_are_the_same_integer() -> None:
    scored = ["type", "dead", "injured"]
    assert one([shelling()], [shelling(dead=2, injured=5)], scored=scored).exact == 1.0
    report = one([shelling()], [shelling(dead=3, injured="5")], scored=scored)
    assert report.fields == {"dead": {"acc": 0.0, "n": 1}, "injured": {"acc": 0.0, "n": 1}}
    # true is not 1, and a gold 0 is a filled value that is graded
    report = one([shelling(dead=1, injured=0)], [shelling(dead=True)], scored=scored)
    assert report.fields == {"dead": {"acc": 0.0, "n": 1}, "injured": {"acc": 0.0, "n": 1}}


def test_mode_and_cameo_ignore_case() -> None:
    pred = shelling(mode="Heavy-Weapons", cameo="195")
    report = one([shelling()], [pred], scored=["type", "mode", "cameo"])
    assert report.exact == 1.0
    report = one(
        [shelling()], [shelling(mode="aerial", cameo=195)], scored=["type", "mode", "cameo"]
    )
    assert report.fields == {"mode": {"acc": 0.0, "n": 1}, "cameo": {"acc": 0.0, "n": 1}}


def test_fields_not_in_scored_are_not_graded() -> None:
    pred = shelling(mode="aerial", dead=50, location={"name": "Elsewhere"})
    report = one([shelling()], [pred], scored=["type", "date"])
    assert report.fields == {"date": {"acc": 1.0, "n": 1}}
    assert report.exact == 1.0


def test_gold_fields_null_or_empty_are_not_graded() -> None:
    gold = shelling(mode=None, cameo="", date=None, dead=None, location={"name": None}, actor=[])
    report = one([gold], [shelling(mode="aerial", date="2000-01-01", dead=7)])
    assert set(report.fields) == {"recipient.country", "recipient.sector", "injured"}
    assert report.exact == 1.0


def test_type_only_match_is_exact() -> None:
    report = one([{"type": "PROTEST"}], [{"type": "PROTEST", "mode": "riot"}])
    assert report.exact == 1.0
    assert report.fields == {}


def test_extra_prediction_keys_are_ignored() -> None:
    pred = shelling(confidence=0.3, evidence=[{"sentence": "..."}], date_precision="day")
    pred["location"] = {**pred["location"], "geonames_id": 12345, "canonical": "Tərgazar"}
    assert one([shelling()], [pred]).exact == 1.0


def test_exact_needs_every_graded_field_right() -> None:
    gold = [shelling(date="2021-05-01"), shelling(date="2021-05-02"), {"type": "PROTEST"}]
    preds = [shelling(date="2021-05-01"), shelling(date="2021-05-02", dead=3)]
    report = one(gold, preds)
    assert report.docs[0].exact == [0]
    assert report.n_exact == 1
    assert report.exact == pytest.approx(1 / 3)


def test_non_dict_prediction_is_an_error() -> None:
    with pytest.raises(TypeError):
        score_document(doc([shelling()]), ["ASSAULT"])  # type: ignore[list-item]


# --------------------------------------------------------------------------- files


def test_figures_are_micro_averaged_over_documents() -> None:
    docs = [
        doc([shelling()], id="a"),
        doc([shelling(), {"type": "PROTEST"}], id="b"),
        doc([], id="c"),
    ]
    preds = {
        "a": [shelling()],
        "b": [shelling(dead=9), {"type": "AID"}, {"type": "AID"}],
        "c": [{"type": "THREATEN"}],
    }
    report = score(docs, preds)
    assert (report.tp, report.fp, report.fn) == (2, 3, 1)
    assert report.precision == pytest.approx(2 / 5)
    assert report.recall == pytest.approx(2 / 3)
    assert report.f1 == pytest.approx(2 * 0.4 * (2 / 3) / (0.4 + 2 / 3))
    assert report.exact == pytest.approx(1 / 3)
    assert report.fields["dead"] == {"acc": 0.5, "n": 2}
    assert (report.n_docs, report.n_gold, report.n_pred) == (3, 3, 5)


def test_missing_predictions_mean_nothing_predicted_and_unknown_ids_are_ignored() -> None:
    docs = [doc([shelling()], id="a"), doc([], id="b")]
    report = score(docs, {"a": [shelling()], "zzz": [shelling()]})
    assert (report.tp, report.fp, report.fn) == (1, 0, 0)


def test_score_document_returns_result_and_tally() -> None:
    result, tally = score_document(doc([shelling()]), [shelling(dead=4)])
    assert isinstance(result, DocResult)
    assert tally.graded["dead"] == 1
    assert tally.correct["dead"] == 0
    assert tally.correct["date"] == 1
    assert result.gold_types == ["ASSAULT"]
    assert result.pred_types == ["ASSAULT"]


def test_as_dict_is_json_ready() -> None:
    report = one([shelling()], [shelling(dead=4)])
    data = report.as_dict()
    for key in ("precision", "recall", "f1", "exact", "fields", "tp", "fp", "fn", "n_docs"):
        assert key in data
    assert "docs" not in data
    assert data["fields"]["dead"] == {"acc": 0.0, "n": 1}
    round_trip = json.loads(json.dumps(report.as_dict(docs=True)))
    assert round_trip["docs"][0]["matched"] == [[0, 0]]


def test_format_report_lists_figures_and_failing_documents() -> None:
    docs = [
        doc([shelling()], id="ok-doc"),
        doc([shelling(), {"type": "PROTEST"}], id="bad-doc"),
    ]
    preds = {"ok-doc": [shelling()], "bad-doc": [shelling(date="2021-05-04"), {"type": "AID"}]}
    text = format_report(score(docs, preds), name="invented")
    lines = text.splitlines()
    assert lines[0].startswith("invented: 2 documents, 3 required gold events")
    assert "P 0.667  R 0.667  F1 0.667  exact 0.333" in lines[1]
    assert any(line.split() == ["date", "0.500", "(n=2)"] for line in lines)
    assert "ok-doc" not in text
    bad = [line for line in lines if "bad-doc" in line]
    assert len(bad) == 1
    assert "missed PROTEST #1" in bad[0]
    assert "false positives AID (pred 1)" in bad[0]
    assert "ASSAULT #0 date: gold 2021-05-03, predicted 2021-05-04" in bad[0]


def test_format_report_without_failures_has_no_document_lines() -> None:
    text = format_report(one([shelling()], [shelling()]))
    assert "documents with errors" not in text
    assert text.splitlines()[0].startswith("1 documents")


# --------------------------------------------------------------------------- load_gold


def write(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def gold_line(**changes: Any) -> str:
    data: dict[str, Any] = {
        "id": "t/1",
        "dataset": "t",
        "lang": "fr",
        "text": "Des obus sont tombés sur le marché.",
        "published": None,
        "events": [shelling(), {"type": "PROTEST", "optional": True}],
        "scored": ["type", "date"],
    }
    data.update(changes)
    return json.dumps({k: v for k, v in data.items() if v is not ...}, ensure_ascii=False)


def test_load_gold_reads_documents_and_skips_blank_lines(tmp_path: Path) -> None:
    path = write(tmp_path, gold_line(), "", gold_line(id="t/2", types=["ASSAULT"], events=[]))
    docs = load_gold(path)
    assert [d.id for d in docs] == ["t/1", "t/2"]
    assert docs[0].published is None
    assert docs[0].types is None
    assert docs[0].lang == "fr"
    assert docs[0].dataset == "t"
    assert docs[0].events[1]["optional"] is True
    assert docs[1].types == ["ASSAULT"]
    assert docs[1].events == []


def test_load_gold_accepts_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + gold_line().encode("utf-8") + b"\n")
    assert load_gold(path)[0].id == "t/1"


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ('{"id": "t/2", "text": ', "gold.jsonl:3: invalid JSON"),
        ("[1, 2]", "gold.jsonl:3: a gold document must be a JSON object"),
        (gold_line(id="t/2", events=...), "gold.jsonl:3: missing 'events'"),
        (gold_line(id="t/2", scored=...), "gold.jsonl:3: missing 'scored'"),
        (gold_line(id="t/2", text=...), "gold.jsonl:3: missing 'text'"),
        (gold_line(id=...), "gold.jsonl:3: missing 'id'"),
        (gold_line(id="t/2", events={"type": "AID"}), "'events' must be a list"),
        (gold_line(id="t/2", events=[{"mode": "riot"}]), "event #0: missing 'type'"),
        (gold_line(id="t/2", events=[{"type": "FIGHT"}]), "unknown event type(s): FIGHT"),
        (gold_line(id="t/2", events=[{"type": "AID", "optional": "yes"}]), "'optional'"),
        (gold_line(id="t/2", events=[{"type": "AID", "actor": {"country": "FRA"}}]), "'actor'"),
        (gold_line(id="t/2", scored=["type", "deaths"]), "unknown field(s) in 'scored': deaths"),
        (gold_line(id="t/2", types="ASSAULT"), "'types' must be a list of strings"),
        (gold_line(id="t/2", published=20210503), "'published' must be a string or null"),
        (gold_line(), "gold.jsonl:3: duplicate id 't/1' (first on line 1)"),
    ],
)
def test_load_gold_errors_name_file_and_line(tmp_path: Path, bad: str, message: str) -> None:
    path = write(tmp_path, gold_line(), "", bad)
    with pytest.raises(GoldError) as err:
        load_gold(path)
    assert str(path) in str(err.value)
    assert message in str(err.value)


def test_load_gold_rejects_bad_encoding_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_bytes(gold_line().encode("utf-8") + b"\n" + b'{"id": "caf\xe9"}\n')
    with pytest.raises(GoldError, match=r"gold\.jsonl:2: not UTF-8"):
        load_gold(path)
    with pytest.raises(GoldError, match="cannot read"):
        load_gold(tmp_path / "absent.jsonl")


# --------------------------------------------------------------------------- shared seed set


@pytest.mark.skipif(not SEED.exists(), reason=f"shared gold set not found at {SEED}")
def test_seed_gold_scored_against_itself_is_perfect() -> None:
    docs = load_gold(SEED)
    assert docs
    preds = {d.id: [e for e in d.events if not e.get("optional")] for d in docs}
    report = score(docs, preds)
    assert (report.precision, report.recall, report.f1, report.exact) == (1.0, 1.0, 1.0, 1.0)
    assert report.fp == report.fn == 0
    assert all(f["acc"] == 1.0 for f in report.fields.values())
    assert all(d.ok for d in report.docs)
