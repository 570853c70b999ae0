"""Heartbeats, held messages and the reaper on a real redis-server with kombu's own
transport; the job record's bookkeeping of attempts and requeues."""

import time

import pytest
import redis

from tests.conftest import base_settings
from workers.celery_app import make_app
from workers.jobs import QUEUED, RUNNING, JobStore
from kombu.transport.redis import Mutex

from workers.liveness import MUTEX_EXPIRE_S, Heart, Liveness, UnackedKeys, held, reap

pytestmark = pytest.mark.slow  # a real redis-server


@pytest.fixture
def broker(redis_server):
    app = make_app(base_settings(broker_url=redis_server.url))
    client = redis.Redis.from_url(redis_server.url, decode_responses=True)
    with app.connection_for_write() as taker, app.connection_for_write() as reaper:
        queue = taker.SimpleQueue("work")
        for n in range(3):
            queue.put({"n": n})
        # Taken and never acknowledged, as by workers that then died or still work.
        messages = [queue.get(timeout=5) for _ in range(3)]
        channel = reaper.default_channel
        yield client, channel, messages
        queue.close()


def _reap(client, channel, before=lambda restored: None):
    keys = UnackedKeys(channel.unacked_key, channel.unacked_index_key, channel.unacked_mutex_key)
    return reap(client, lambda tag: channel.qos.restore_by_tag(tag, leftmost=True), keys, before)


def test_only_the_messages_of_dead_workers_go_back(broker):
    client, channel, (dead_one, live_one, unclaimed) = broker
    dead = Liveness(client, "docsum-1@box-a", heartbeat_s=60, hold_s=600)
    live = Liveness(client, "docsum-2@box-b", heartbeat_s=60, hold_s=600)
    live.beat()  # the dead worker never beats again: its key is gone
    dead.hold(dead_one.delivery_tag, "task-1", "job-1")
    live.hold(live_one.delivery_tag, "task-2", "job-2")
    assert held(client, dead_one.delivery_tag).worker == dead.worker_id
    assert client.llen("work") == 0 and client.hlen(channel.unacked_key) == 3

    seen_in_queue = []
    restored = _reap(client, channel, before=lambda r: seen_in_queue.append(client.llen("work")))
    assert [(r.tag, r.job_id, r.task_id) for r in restored] == [(dead_one.delivery_tag, "job-1", "task-1")]
    assert "docsum-1@box-a stopped (no heartbeat)" in restored[0].reason
    assert seen_in_queue == [0], "the job's record is written before the step is back on the queue"
    assert client.llen("work") == 1 and client.hlen(channel.unacked_key) == 2

    # The live worker's message stays, and so does one that no docsum worker claimed
    # (another application's, or one whose record failed): kombu's timeout keeps those.
    assert _reap(client, channel) == []
    assert client.hexists(channel.unacked_key, live_one.delivery_tag)
    assert client.hexists(channel.unacked_key, unclaimed.delivery_tag)


def test_reapers_take_turns_under_kombu_s_mutex(broker):
    client, channel, (first, _, _) = broker
    Liveness(client, "gone@box", 60, 600).hold(first.delivery_tag, "t", "j")
    with Mutex(client, channel.unacked_mutex_key, 60):  # kombu's restore_visible, or another reaper
        assert _reap(client, channel) == []
    once, again = _reap(client, channel), _reap(client, channel)
    assert len(once) == 1 and again == [] and client.llen("work") == 1


def test_a_mutex_left_by_a_killed_worker_blocks_reaping_for_a_minute_at_most(broker):
    client, channel, (first, _, _) = broker
    Liveness(client, "gone@box", 60, 600).hold(first.delivery_tag, "t", "j")
    # A worker SIGKILLed inside kombu's restore_visible leaves its lock, taken as kombu takes it.
    assert client.lock(channel.unacked_mutex_key, timeout=channel.unacked_mutex_expire).acquire(blocking=False)
    assert _reap(client, channel) == []
    assert 0 < client.ttl(channel.unacked_mutex_key) <= MUTEX_EXPIRE_S <= 60
    client.delete(channel.unacked_mutex_key)  # what the minute does
    assert len(_reap(client, channel)) == 1


def test_a_worker_reaps_only_once_it_and_the_broker_have_been_up_a_whole_period(redis_server):
    client = redis.Redis.from_url(redis_server.url, decode_responses=True)
    ticks = []
    heart = Heart(Liveness(client, "docsum-1@box", heartbeat_s=4, hold_s=600), lambda: ticks.append(time.monotonic()))
    started = time.monotonic()
    heart.start()
    try:
        deadline = time.monotonic() + 20
        while not ticks and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        heart.stop()
    assert ticks, "a settled worker reaps"
    assert ticks[0] - started >= 4 and int(client.info("server")["uptime_in_seconds"]) >= 4


def test_a_restarted_worker_with_the_same_name_is_not_the_dead_one(redis_server):
    client = redis.Redis.from_url(redis_server.url, decode_responses=True)
    before = Liveness(client, "docsum-1@box", 60, 600)
    after = Liveness(client, "docsum-1@box", 60, 600)
    assert before.worker_id != after.worker_id


def test_attempts_and_requeues_in_the_job_record(redis_server):
    store = JobStore(redis.Redis.from_url(redis_server.url, decode_responses=True))
    store.create("j1", "report.pdf", "0" * 64, "single", 1)
    store.running("j1")
    assert store.status("j1").state == RUNNING
    store.requeued("j1", "its worker docsum-1@box stopped (no heartbeat)")
    status = store.status("j1")
    assert status.state == QUEUED and status.requeues == 1 and "no heartbeat" in status.note
    assert "requeued 1x: its worker" in status.line()
    assert [store.attempt("task") for _ in range(3)] == [1, 2, 3]
    store.lost("task", "the process running it died (signal 4 (SIGILL))")
    assert "SIGILL" in store.last_loss("task")
