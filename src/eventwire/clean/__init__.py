"""Clean stage: a raw document to its headline, body paragraphs and metadata.

:func:`clean` (in :mod:`eventwire.clean.article`) runs it; ``plaintext`` and ``html`` read the
two kinds of input, ``boilerplate`` judges paragraphs, ``metadata`` reads datelines, credits
and dates, ``sitechrome`` learns the lines a site repeats on every page.
"""

from eventwire.clean.article import Cleaned, CleanError, clean

__all__ = ["CleanError", "Cleaned", "clean"]
