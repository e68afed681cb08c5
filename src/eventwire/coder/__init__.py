"""The rule-based event coder: sentences in, PLOVER event records out.

Its stages, each a module: ``triggers`` (words to PLOVER type, mode and CAMEO), ``mentions``
(actor mentions), ``roles`` (their parts from the parse), ``casualties`` and ``numbers``,
``modality`` (negation, intention, attribution), ``candidates`` (one sentence's events),
``merge`` (restatements as one event) and ``document`` (a whole article, in story order).
"""

from eventwire.coder.document import CODER_VERSION, CoderContext, code_doc

__all__ = ["CODER_VERSION", "CoderContext", "code_doc"]
