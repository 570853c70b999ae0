"""What the timings of a real run must satisfy, however fast the machine was."""

#: Each field is rounded to milliseconds on its own.
ROUNDING = 0.01


def assert_wall_timings(timings: dict, wall: float, workers: bool = False) -> None:
    """total_s covers every stage and is no more than the wall time the caller saw."""
    stages = timings["ingest_s"] + timings["plan_s"] + timings["summarize_s"] + timings.get("load_s", 0.0)
    assert all(v >= 0 for v in timings.values()), timings
    assert timings["summarize_s"] > 0 and timings["final_s"] > 0, timings
    assert timings["total_s"] >= stages - ROUNDING, timings
    assert timings["total_s"] <= wall + ROUNDING, (timings, wall)
    if "map_s" in timings:
        assert timings["map_s"] + timings["final_s"] <= timings["summarize_s"] + ROUNDING, timings
    if workers:
        # Waiting in the queue is reported apart, and nothing is counted twice.
        assert timings["queue_s"] >= 0 and timings["total_s"] + timings["queue_s"] <= wall + ROUNDING, (timings, wall)
        assert timings["total_s"] == round(timings["ingest_s"] + timings["plan_s"] + timings["summarize_s"], 3)
