"""How the formats name a party: its normalised name when it is a name, else its words."""

from __future__ import annotations

import re

from eventwire.records import Actor

# The coder's stand-in for a party it knows only by codes: "RUS MIL", "? JRN", "CHN ?".
_CODES_ONLY = re.compile(r"^(\?|[A-Z]{3}) (\?|[A-Z]{3})$")


def proper_name(actor: Actor) -> str | None:
    """The party's normalised name ("European Union"), None when it is only codes."""
    name = (actor.name or "").strip()
    return None if not name or _CODES_ONLY.match(name) else name
