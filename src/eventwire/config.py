"""Run configuration: which spaCy pipeline codes each language, limits, and user data files.

A configuration is a TOML file (``eventwire --config FILE`` or ``eventwire.toml`` in the
working directory) whose keys mirror :class:`Config`::

    max_bytes = 20000000
    batch_size = 64
    actor_dictionaries = ["my_actors.tsv"]
    min_confidence = 0.1                   # events less likely to be recorded are not output

    [pipelines]
    fr = "fr_core_news_md"                 # any installed spaCy package or a folder
    en = "/models/en_core_web_trf"
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from eventwire.read import DEFAULT_MAX_BYTES

# The pipelines eventwire is tested with; "builtin:" names resolve to pinned packages (nlp.py).
DEFAULT_PIPELINES: dict[str, str] = {"fr": "builtin:fr", "en": "builtin:en"}
SUPPORTED_LANGUAGES: tuple[str, ...] = ("fr", "en")


class ConfigError(Exception):
    """A configuration file that cannot be used, with the file and the problem named."""


@dataclass
class Config:
    pipelines: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_PIPELINES))
    max_bytes: int = DEFAULT_MAX_BYTES
    batch_size: int = 64  # documents per nlp.pipe call and per worker task
    workers: int = 1
    keep_text: bool = True  # False: the store keeps evidence sentences only
    actor_dictionaries: list[str] = field(default_factory=list)
    verb_patterns: list[str] = field(default_factory=list)
    min_lang_score: float = 0.5  # below this the language is reported as uncertain
    # Events whose confidence (the probability that a careful coder records them, see
    # coder/confidence.py) is below this are not output; 0 keeps every event found.
    min_confidence: float = 0.1

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(lang for lang in SUPPORTED_LANGUAGES if lang in self.pipelines)


def load_config(path: str | Path | None = None, **overrides: Any) -> Config:
    """Read a TOML config (or the defaults) and apply keyword overrides that are not None."""
    data: dict[str, Any] = {}
    if path is None and Path("eventwire.toml").is_file():
        path = Path("eventwire.toml")
    if path is not None:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read the configuration ({exc})") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: invalid TOML ({exc})") from exc
    known = {f.name for f in fields(Config)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(f"{path}: unknown setting(s) {', '.join(unknown)}")
    config = Config(**data)
    if "pipelines" in data:
        config.pipelines = {**DEFAULT_PIPELINES, **data["pipelines"]}
    for key, value in overrides.items():
        if value is not None:
            setattr(config, key, value)
    if config.workers < 1:
        raise ConfigError(f"workers must be at least 1, not {config.workers}")
    return config
