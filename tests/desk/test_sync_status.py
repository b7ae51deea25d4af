import datetime as dt

from desk import intake
from desk.sync.status import sync_status
from models import Outbox, SyncState
from tests.desk.test_intake import PERSON


def test_fresh_desk_is_not_configured_and_nothing_waits(office, clock):
    status = sync_status(now=clock)
    assert (status.configured, status.pending, status.parked, status.stale) == (
        False, 0, 0, False)


def test_intake_leaves_records_waiting_and_stale_after_seven_days(office, clock):
    intake.receive(office, intake.IntakeRequest("1.001193", PERSON), now=clock)
    SyncState.create(id=1, server_url="https://hub", device_id="d1",
                     last_success_at=clock() - dt.timedelta(days=8))
    status = sync_status(now=clock)
    assert status.configured and status.pending == 2 and status.stale
    Outbox.update(state="parked").where(Outbox.record_type == "event").execute()
    assert sync_status(now=clock).parked == 1


def test_unconfigured_or_newly_enrolled_desk_is_not_stale(office, clock):
    intake.receive(office, intake.IntakeRequest("1.001193", PERSON), now=clock)
    assert not sync_status(now=clock).stale  # never enrolled: no bundle to offer
    SyncState.create(id=1, server_url="https://hub", device_id="d1")
    assert not sync_status(now=clock).stale
    clock.set(clock() + dt.timedelta(days=8))
    assert sync_status(now=clock).stale


def test_clock_skew_of_minutes_is_flagged(office, clock):
    SyncState.create(id=1, clock_skew_seconds=-300.0)
    assert sync_status(now=clock).clock_is_off
