"""How timings are put together: wall time, the queue apart (the real runs are checked
in test_pipeline_e2e.py and tests/workers/test_service.py)."""

from docsum.pipeline import Mapped, Prepared, file_timings, step_timings
from summarize.schema import Notes

NOTES = Notes("n", (), (), (1,))


def test_steps_on_several_boxes_count_map_wall_time_not_the_sum():
    # Two windows mapped at once on two boxes (10-14 and 11-15), reduce 20-23; queued at 5.
    mapped = [Mapped(NOTES, {}, 10.0, 14.0), Mapped(NOTES, {}, 11.0, 15.0)]
    t = step_timings({"ingest_s": 0.5, "plan_s": 0.25, "submitted": 5.0}, mapped, 20.0, 23.0, {"final_s": 2.5})
    assert t["map_s"] == 5.0  # not 8.0, the sum of the steps
    assert t["summarize_s"] == 8.0 and t["final_s"] == 2.5
    assert t["total_s"] == 0.5 + 0.25 + 8.0
    assert t["queue_s"] == (23.0 - 5.0) - 8.0  # waiting is not work


def test_single_pass_job_has_no_map_time():
    t = step_timings({"ingest_s": 1.0, "plan_s": 0.0, "submitted": 100.0}, [], 100.5, 110.5, {"final_s": 10.0})
    assert "map_s" not in t and t["summarize_s"] == 10.0 and t["total_s"] == 11.0 and t["queue_s"] == 0.5


def test_in_process_total_is_the_wall_time_given_and_load_is_reported():
    prepared = Prepared(document=None, plan=None, language="en", ingest_s=0.4, plan_s=0.1)
    t = file_timings(prepared, 2.0, {"final_s": 7.0, "summarize_s": 7.1}, 9.75)
    assert list(t) == ["ingest_s", "load_s", "plan_s", "final_s", "summarize_s", "total_s"]
    assert t["total_s"] == 9.75 >= t["ingest_s"] + t["load_s"] + t["plan_s"] + t["summarize_s"]
    assert "load_s" not in file_timings(prepared, None, {"summarize_s": 1.0}, 1.6)
