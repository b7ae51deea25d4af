import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from desk.clock import HybridClock, encode_hlc, iso_local, parse_instant

T = dt.datetime(2026, 11, 23, 3, 0, tzinfo=dt.UTC)


class Wall:
    def __init__(self, value: dt.datetime) -> None:
        self.value = value

    def __call__(self) -> dt.datetime:
        return self.value


@given(st.lists(st.integers(min_value=-3_600_000, max_value=3_600_000), min_size=1,
                max_size=40))
def test_ticks_strictly_increase_even_when_the_pc_clock_goes_back(steps_ms):
    wall = Wall(T)
    clock = HybridClock(wall=wall)
    previous = clock.tick()
    for step in steps_ms:
        wall.value += dt.timedelta(milliseconds=step)
        current = clock.tick()
        assert current > previous
        previous = current


def test_observing_a_later_clock_moves_ours_past_it():
    clock = HybridClock(wall=Wall(T))
    remote = encode_hlc(int(T.timestamp() * 1000) + 60_000, 3)
    clock.observe(remote)
    assert clock.tick() > remote


def test_a_far_future_clock_is_not_adopted():
    clock = HybridClock(wall=Wall(T))
    ten_years = encode_hlc(int((T + dt.timedelta(days=3650)).timestamp() * 1000), 0)
    clock.observe(ten_years)
    assert clock.tick() < ten_years


def test_clock_survives_a_restart_from_its_persisted_value():
    first = HybridClock(wall=Wall(T))
    stamp = first.tick()
    again = HybridClock(stamp, wall=Wall(T - dt.timedelta(hours=1)))
    assert again.tick() > stamp


def test_instants_without_offset_are_vietnam_time():
    assert parse_instant("2026-11-23T10:00") == dt.datetime(2026, 11, 23, 3, 0, tzinfo=dt.UTC)
    assert iso_local(T) == "2026-11-23T10:00:00+07:00"
