"""Record the golden replay again: `python -m tests.golden.record [ID ...]`.

Runs the real model on every golden document (or those named) and writes its answers and
the exact output they give to tests/golden/recorded/. Use it on purpose, when a change is
meant to alter what docsum writes, and say so in the commit.
"""

from __future__ import annotations

import json
import sys

from docsum.pipeline import load_engine
from tests.golden.replay import RECORDED, RecordingEngine, cases, settings, summarize


def main(argv: list[str]) -> int:
    chosen = [c for c in cases() if not argv or c.id in argv]
    unknown = set(argv) - {c.id for c in chosen}
    if unknown:
        print(f"no golden case {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    config = settings()
    engine = load_engine(config)
    RECORDED.mkdir(exist_ok=True)
    for case in chosen:
        recorder = RecordingEngine(engine)
        output = summarize(case, recorder, config)
        record = {"answers": recorder.answers, "output": output}
        case.recording.write_text(json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"{case.id}: {len(recorder.answers)} answers, {output['doc_type']}, {output['title']!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
