"""Which day an event gets: its clause's, the lead's, the publication's; on our own sentences."""

from functools import lru_cache

import eventwire
from eventwire.records import Article, Event

FRIDAY = "2023-11-10T09:00:00"


@lru_cache(maxsize=32)
def coded(text: str, published: str | None = FRIDAY) -> Article:
    return eventwire.extract(text, published=published)


def only(text: str, etype: str, published: str | None = FRIDAY) -> Event:
    events = [e for e in coded(text, published).events if e.type == etype]
    assert len(events) == 1, [(e.type, e.date) for e in coded(text, published).events]
    return events[0]


def test_a_datelines_day_is_not_the_events_day() -> None:
    # filed on the 9th, published on the 10th: an undated arrest is of the publication day
    e = only(
        "LOMÉ, 9 novembre (Reuters) - La police a arrêté dix militants de l'opposition.", "COERCE"
    )
    assert (e.date, e.date_precision) == ("2023-11-10", "report")
    e = only(
        "NAIROBI, Nov 9 (Reuters) - Kenyan police arrested ten opposition activists.", "COERCE"
    )
    assert (e.date, e.date_precision) == ("2023-11-10", "report")


def test_last_tuesday_after_a_dateline_counts_from_publication() -> None:
    e = only("NAIROBI, Nov 10 (Reuters) - Police arrested ten activists last Tuesday.", "COERCE")
    assert (e.date, e.date_precision) == ("2023-11-07", "day")


def test_the_leads_own_day_dates_what_the_story_leaves_undated() -> None:
    text = (
        "LOMÉ, 10 novembre (Reuters) - Les forces de sécurité ont dispersé mardi une marche "
        "de l'opposition.\n\nPlusieurs militants ont été arrêtés."
    )
    e = only(text, "COERCE")
    assert e.date == "2023-11-07" and "lead" in e.reasons["date"]


def test_a_past_meeting_keeps_its_day_beside_a_future_one() -> None:
    text = "The two ministers met in Algiers on Wednesday and will meet again in Tunis in January."
    assert only(text, "CONSULT").date == "2023-11-08"
    # the agreement to meet again is not dated by the meeting to come
    e = only("Les deux ministres, réunis à Alger, ont convenu de se revoir en janvier.", "AGREE")
    assert (e.date, e.date_precision) == ("2023-11-10", "report")


def test_a_meeting_told_as_done_does_not_take_the_day_of_the_next_one() -> None:
    text = (
        "Les ministres algérien et tunisien des Affaires étrangères se sont rencontrés pour "
        "parler de la frontière. Les deux ministres se rencontreront à nouveau mardi prochain."
    )
    done = [e for e in coded(text).events if e.type == "CONSULT" and not e.flags.hypothetical]
    assert done and all(e.date != "2023-11-14" for e in done)


def test_a_meeting_to_come_is_dated_forward() -> None:
    assert only("Les deux ministres se rencontreront lundi à Tunis.", "CONSULT").date == (
        "2023-11-13"
    )
    assert only("The two ministers will meet in Tunis on Friday.", "CONSULT").date == "2023-11-10"


def test_a_date_on_the_verb_above_a_noun_trigger_is_its_date() -> None:
    e = only("The president on Tuesday repeated his threat to close the border.", "THREATEN")
    assert e.date == "2023-11-07"


def test_without_publication_date_a_story_reads_from_the_last_day_it_writes_in_full() -> None:
    text = (
        "Le 3 mars 2015, des rebelles ont pris la ville de Goma.\n\n"
        "Vendredi 6 mars, l'aviation a bombardé leurs positions."
    )
    assert only(text, "ASSAULT", published=None).date == "2015-03-06"
