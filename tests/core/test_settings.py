from pathlib import Path

import pytest

from core.errors import UsageError
from core.settings import Settings, load_settings


def test_file_then_environment_then_flags(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('model = "from-file"\nctx = 4096\nthreads = 2\nlang = "de"\n')
    env = {"HOME": str(tmp_path), "DOCSUM_CTX": "8192", "DOCSUM_THREADS": "3"}
    s = load_settings(config, env, {"threads": 4})
    assert (s.model, s.ctx, s.threads, s.lang) == ("from-file", 8192, 4, "de")


def test_default_config_location_and_models_dir_follow_xdg(tmp_path):
    (tmp_path / "cfg" / "docsum").mkdir(parents=True)
    (tmp_path / "cfg" / "docsum" / "config.toml").write_text("overlap_tokens = 64\n")
    env = {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "cfg"), "XDG_DATA_HOME": str(tmp_path / "data")}
    s = load_settings(None, env)
    assert s.overlap_tokens == 64
    assert s.models_dir == tmp_path / "data" / "docsum" / "models"


def test_hub_variables_are_honoured(tmp_path):
    s = load_settings(None, {"HOME": str(tmp_path), "HF_HUB_OFFLINE": "1", "HF_ENDPOINT": "http://mirror"})
    assert s.hf_offline and s.hf_endpoint == "http://mirror"


@pytest.mark.parametrize(
    "env, message",
    [
        ({"DOCSUM_CTX": "lots"}, "DOCSUM_CTX"),
        ({"DOCSUM_CTX": "100"}, "too small"),
        ({"DOCSUM_KV_CACHE": "q2"}, "kv_cache"),
        ({"DOCSUM_FLASH_ATTN": "maybe"}, "DOCSUM_FLASH_ATTN"),
        ({"DOCSUM_KV_CACHE": "q8_0"}, "needs flash_attn"),
        ({"DOCSUM_BASE_URL": "localhost:8080"}, "must start with http"),
        ({"DOCSUM_PARALLEL": "0"}, "at least 1"),
        ({"DOCSUM_SEQUENCES": "0"}, "sequences must be between 1 and 16"),
        ({"DOCSUM_STRUCTURED_OUTPUT": "grammar"}, "structured_output must be one of"),
        ({"DOCSUM_OUTPUT_RETRIES": "-1"}, "cannot be negative"),
        ({"DOCSUM_LANG": "klingon"}, "--lang 'klingon' is not a language code"),
    ],
)
def test_bad_values_are_usage_errors(tmp_path, env, message):
    with pytest.raises(UsageError, match=message):
        load_settings(None, {"HOME": str(tmp_path), **env})


def test_quantized_kv_cache_with_flash_attention(tmp_path):
    s = load_settings(None, {"HOME": str(tmp_path), "DOCSUM_KV_CACHE": "q8_0", "DOCSUM_FLASH_ATTN": "1"})
    assert (s.kv_cache, s.flash_attn) == ("q8_0", True)


def test_unknown_key_or_bad_toml_in_config(tmp_path):
    bad = tmp_path / "c.toml"
    bad.write_text("modle = 'x'\n")
    with pytest.raises(UsageError, match="unknown settings: modle"):
        load_settings(bad, {"HOME": str(tmp_path)})
    bad.write_text("model = \n")
    with pytest.raises(UsageError, match="not valid TOML"):
        load_settings(bad, {"HOME": str(tmp_path)})
    with pytest.raises(UsageError, match="not found"):
        load_settings(Path(tmp_path / "missing.toml"), {"HOME": str(tmp_path)})


def test_model_server_settings_from_the_environment(tmp_path):
    env = {"HOME": str(tmp_path), "DOCSUM_ENGINE": "openai", "DOCSUM_BASE_URL": "http://box:8080/v1",
           "DOCSUM_API_KEY": "sk-7f3a9", "DOCSUM_PARALLEL": "4"}
    s = load_settings(None, env)
    assert (s.engine, s.base_url, s.api_key, s.parallel) == ("openai", "http://box:8080/v1", "sk-7f3a9", 4)
    assert "sk-7f3a9" not in repr(s)  # the key never shows up in logs
    # An empty variable, as docker compose passes an unset one, means unset.
    assert load_settings(None, {"HOME": str(tmp_path), "DOCSUM_BASE_URL": "", "DOCSUM_API_KEY": ""}).base_url is None


def test_a_settings_object_checks_itself_however_it_is_built(tmp_path):
    good = load_settings(None, {"HOME": str(tmp_path)}, {"lang": "de"})
    assert good.lang == "de"
    with pytest.raises(UsageError, match="--lang 'xx'"):
        good.replace(lang="xx")
    with pytest.raises(UsageError, match="at least 1024"):
        Settings(ctx=512)
