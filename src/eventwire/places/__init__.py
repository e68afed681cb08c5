"""Places: the offline gazetteer that place names are looked up in."""

from eventwire.places.gazetteer import (
    Candidate,
    Gazetteer,
    Place,
    common_words,
    distance_km,
    get_gazetteer,
    prior,
)
from eventwire.places.normalise import normalise

__all__ = [
    "Candidate",
    "Gazetteer",
    "Place",
    "common_words",
    "distance_km",
    "get_gazetteer",
    "normalise",
    "prior",
]
