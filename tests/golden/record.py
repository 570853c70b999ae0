"""Record the golden replay again: `python -m tests.golden.record [--outputs] [ID ...]`.

Runs the real model on every golden document (or those named) and writes its answers and
the exact output they give to tests/golden/recorded/. With --outputs the model is not run: the
recorded answers are kept and only the outputs are worked out again (for a change after the
model, such as a new strategy field; a change to a prompt needs the model). Use it on purpose,
when a change is meant to alter what docsum writes, and say so in the commit.
"""

from __future__ import annotations

import json
import sys

from docsum.pipeline import load_engine
from tests.golden.replay import RECORDED, RecordingEngine, ReplayEngine, cases, settings, summarize


def main(argv: list[str]) -> int:
    outputs_only = "--outputs" in argv
    argv = [a for a in argv if a != "--outputs"]
    chosen = [c for c in cases() if not argv or c.id in argv]
    unknown = set(argv) - {c.id for c in chosen}
    if unknown:
        print(f"no golden case {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    config = settings()
    engine = load_engine(config, tokenizer_only=outputs_only)
    RECORDED.mkdir(exist_ok=True)
    for case in chosen:
        if outputs_only:
            answers = json.loads(case.recording.read_text(encoding="utf-8"))["answers"]
            recorder = ReplayEngine(engine, answers, case.id)
        else:
            recorder = RecordingEngine(engine)
        output = summarize(case, recorder, config)
        record = {"answers": recorder.answers, "output": output}
        case.recording.write_text(json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"{case.id}: {len(recorder.answers)} answers, {output['doc_type']}, {output['title']!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
