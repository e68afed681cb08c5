"""Incidents: one record per real incident, however many articles and outlets tell it.

Two stages after the store, each a module of its own:

- ``placement``: an incoming article is stored, or folded into the stored article it
  repeats (``dedup``: MinHash over word shingles), keeping every address it was seen under;
- ``storage.update_incidents``: events without an incident are grouped (``keys`` for
  blocking, ``match`` for compatibility with reasons, ``group`` for the clustering) and the
  incident records (``record``) written, inside the batch that stored the events.

``export`` writes the incidents out.
"""

from eventwire.incidents.facts import Facts, facts_from_record
from eventwire.incidents.group import Grouper, Incident
from eventwire.incidents.match import Verdict, compare
from eventwire.incidents.placement import Placement, backfill_signatures, place_article
from eventwire.incidents.record import build
from eventwire.incidents.storage import (
    UpdateStats,
    incident_counts,
    rebuild_incidents,
    update_incidents,
)

__all__ = [
    "Facts",
    "Grouper",
    "Incident",
    "Placement",
    "UpdateStats",
    "Verdict",
    "backfill_signatures",
    "build",
    "compare",
    "facts_from_record",
    "incident_counts",
    "place_article",
    "rebuild_incidents",
    "update_incidents",
]
