"""What the waiting-room board is given: ready results with masked names, today's counts,
the month's on-time rate; nothing else about anyone."""

from desk import board, events, intake
from tests.conftest import vn
from tests.desk.test_intake import PERSON, request


def test_the_board_lists_ready_results_in_order_with_masked_names_and_counts_today(office,
                                                                                  clock):
    made = [intake.receive(office, request(), now=clock).code for _ in range(4)]
    clock.set(vn(2026, 11, 23, 11))
    for code in made[:3]:
        events.record(office, code, "result_ready", now=clock)
    events.record(office, made[0], "returned", now=clock)
    clock.set(vn(2026, 11, 23, 15))
    data = board.snapshot(office, now=clock)
    assert [(line.code, line.name) for line in data.ready] == [
        (made[1], "Đặng V** Đ**"), (made[2], "Đặng V** Đ**")]
    assert (data.received_today, data.returned_today) == (4, 1)
    assert data.month == "11/2026" and data.on_time_rate == 1.0
    assert data.unit == "Trung tâm Phục vụ hành chính công xã Tân Phú"
    assert PERSON.name not in repr(data) and PERSON.id_number not in repr(data)


def test_yesterdays_work_is_not_counted_today(office, clock):
    intake.receive(office, request(), now=clock)
    clock.set(vn(2026, 11, 24, 8))
    data = board.snapshot(office, now=clock)
    assert (data.received_today, data.returned_today, data.ready) == (0, 0, ())
    assert data.on_time_rate is None  # nothing resolved this month yet
