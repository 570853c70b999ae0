"""Model processes on one box take their share of the cores while they generate."""

import os
import signal
import subprocess
import sys

import pytest

from summarize.engines.cores import CoreShare

#: A process that generates (as far as CoreShare knows) until it is killed.
HOLDER = (
    "import sys, time\n"
    "from pathlib import Path\n"
    "from summarize.engines.cores import CoreShare\n"
    "with CoreShare(Path(sys.argv[1]), 4).generating():\n"
    "    print('ready', flush=True)\n"
    "    time.sleep(600)\n"
)


@pytest.fixture
def holder(tmp_path):
    procs = []

    def start():
        p = subprocess.Popen([sys.executable, "-c", HOLDER, str(tmp_path)], stdout=subprocess.PIPE, text=True)
        assert p.stdout.readline().strip() == "ready"
        procs.append(p)
        return p

    yield start
    for p in procs:
        p.kill()
        p.wait()


def test_alone_a_process_takes_every_core(tmp_path):
    share = CoreShare(tmp_path, 4)
    with share.generating():
        assert share.generating_now() == 1
        assert share.threads() == 4
    assert list(tmp_path.iterdir()) == [], "nothing left behind"


def test_another_generating_process_halves_the_share(tmp_path, holder):
    holder()
    share = CoreShare(tmp_path, 4)
    assert share.generating_now() == 1, "an idle process does not count itself"
    with share.generating():
        assert share.generating_now() == 2
        assert share.threads() == 2


def test_the_share_is_looked_at_again_while_generating(tmp_path, holder, monkeypatch):
    monkeypatch.setattr(CoreShare, "INTERVAL", 0.0)
    share = CoreShare(tmp_path, 4)
    with share.generating():
        assert share.threads() == 4
        other = holder()
        assert share.threads() == 2
        other.kill()
        other.wait()
        assert share.threads() == 4, "a finished process gives its cores back"


def test_a_killed_process_is_not_counted_and_its_file_is_removed(tmp_path, holder):
    other = holder()
    os.kill(other.pid, signal.SIGKILL)
    other.wait()
    assert len(list(tmp_path.glob("*.gen"))) == 1, "the dead process's file is still there"
    share = CoreShare(tmp_path, 4)
    with share.generating():
        assert share.threads() == 4
    assert list(tmp_path.glob("*.gen")) == []


def test_never_less_than_one_thread(tmp_path, holder):
    for _ in range(3):
        holder()
    share = CoreShare(tmp_path, 2)
    with share.generating():
        assert share.threads() == 1


def test_an_unwritable_directory_means_running_alone(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    share = CoreShare(blocked / "sub", 4)
    with share.generating():
        assert share.threads() == 4


@pytest.mark.slow
def test_the_engine_takes_its_share_while_another_process_generates(small_model, tmp_path, holder):
    """The real engine and llama.cpp: the thread count it generates with is cores // 2."""
    import llama_cpp

    from docsum.pipeline import load_engine
    from tests.conftest import SMALL_MODEL, base_settings

    engine = load_engine(base_settings(model=SMALL_MODEL, ctx=2048, runtime_dir=tmp_path))
    schema = {"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]}
    ctx = engine._llm._ctx.ctx
    cores = engine._share.cores
    engine.complete_json("Reply in JSON.", "Say hello.", schema, 8)
    assert llama_cpp.llama_n_threads(ctx) == cores
    holder()
    engine.complete_json("Reply in JSON.", "Say hello.", schema, 8)
    assert llama_cpp.llama_n_threads(ctx) == max(1, cores // 2)
    assert list(tmp_path.glob("*.gen")) != [], "the other process is still counted"
    fixed = load_engine(base_settings(model=SMALL_MODEL, ctx=2048, runtime_dir=tmp_path, threads=1))
    assert fixed._share is None, "a number the user gave is kept as it is"
