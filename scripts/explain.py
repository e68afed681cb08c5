"""Print, sentence by sentence, what the coder saw: mentions, triggers, roles and reasons.

.venv/bin/python scripts/explain.py FILE [--published 2017-02-10] [--parse]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from eventwire.coder.candidates import sentence_candidates
from eventwire.config import load_config
from eventwire.pipeline import context_for, prepare
from eventwire.read import document_from_string
from eventwire.resolve.dates import parse_published
from eventwire.truecase import needs_truecasing, truecase


def _parts(mentions) -> str:
    return "; ".join(f"{m.text}={m.country}/{m.sector}" for m in mentions)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--published")
    parser.add_argument("--parse", action="store_true", help="print the dependency parse too")
    args = parser.parse_args()
    config = load_config(None)
    meta = {"published": args.published} if args.published else {}
    article = prepare(
        document_from_string(Path(args.file).read_text(encoding="utf-8"), meta=meta), config
    )
    print(f"lang={article.lang} published={article.published} title={article.title!r}")
    pipeline, ctx = context_for(article.lang, config)
    text = truecase(article.text, article.lang) if needs_truecasing(article.text) else article.text
    doc = pipeline.nlp(text)
    anchor = parse_published(article.published)
    for sent in doc.sents:
        if not sent.text.strip():
            continue
        print(f"\n## {sent.text.strip()}")
        if args.parse:
            for t in sent:
                print(f"   {t.i:3} {t.text:14} {t.lemma_:14} {t.pos_:5} {t.dep_:10} {t.head.i}")
        cands, counts, mentions = sentence_candidates(
            sent, ctx.lexicon, ctx.actors, anchor, set(), all_mentions=True
        )
        for m in mentions:
            print(f"  mention {m.text!r}: {m.country}/{m.sector} [{m.kind}] {m.reason}")
        for c in counts:
            print(f"  count {c.kind}={c.value} ({c.reason})")
        for c in cands:
            trig = ", ".join(sent.doc[t.start : t.end].text for t in c.triggers)
            r, mod = c.roles, c.modality
            print(f"  EVENT {c.type}/{c.mode} cameo={c.cameo} [{trig}] roles={c.roles_kind}")
            print(f"     agents: {_parts(r.agents)} | patients: {_parts(r.patients)}", end="")
            print(f" | others: {_parts(r.others)}")
            print(f"     date={c.date and c.date.value} place={c.place and c.place.text}", end="")
            print(f" src={c.source and c.source.text}")
            print(f"     neg={mod.negated} hyp={mod.hypothetical} acc={mod.accidental} {c.reasons}")


if __name__ == "__main__":
    main()
