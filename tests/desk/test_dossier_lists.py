"""Read helpers behind the counter's lists: queue counts and SQL sorting."""

from desk import dossiers, events, intake
from tests.conftest import vn

PEOPLE = ("Trần Văn Bình", "Lê Thị An", "Đặng Văn Đức")


def receive(office, clock, name, procedure="1.004837"):
    person = intake.ApplicantInput(name=name, id_number="079203001234")
    return intake.receive(office, intake.IntakeRequest(procedure, person), now=clock)


def test_queue_counts_match_the_rows_of_each_queue(office, clock):
    for name in PEOPLE:
        receive(office, clock, name)
    ready = receive(office, clock, "Phạm Thu Hà")
    events.record(office, ready.code, "result_ready", now=clock)
    counts = dossiers.queue_counts(office.calendar, clock())
    for name in dossiers.QUEUES:
        assert counts[name] == dossiers.queue(name, office.calendar, clock()).count(), name
    assert counts["today"] == 4
    assert counts["ready"] == 1
    assert counts["overdue"] == 0


def test_queue_sorts_by_applicant_name_in_sql_either_way(office, clock):
    for name in PEOPLE:
        receive(office, clock, name)
    up = dossiers.queue("all", office.calendar, clock(), order_by="applicant")
    down = dossiers.queue("all", office.calendar, clock(), order_by="applicant", descending=True)
    names = [d.applicant.name for d in up]
    assert names == sorted(names)
    assert [d.applicant.name for d in down] == names[::-1]


def test_paging_a_sorted_queue_neither_skips_nor_repeats(office, clock):
    for i in range(7):
        clock.set(vn(2026, 11, 23, 10, i))
        receive(office, clock, "Lê Thị An")  # the same name everywhere: ties broken by code
    query = dossiers.queue("all", office.calendar, clock(), order_by="applicant")
    pages = [d.code for offset in range(0, 7, 3) for d in query.limit(3).offset(offset)]
    assert sorted(pages) == sorted(d.code for d in query)
    assert len(set(pages)) == 7


def test_due_soon_and_overdue_counts_follow_the_clock(office, clock):
    receive(office, clock, "Lê Thị An")  # 3 working days: due Fri 27/11 10:00 (24/11 is off)
    clock.set(vn(2026, 11, 26, 11, 0))
    assert dossiers.queue_count("due_soon", office.calendar, clock()) == 1
    clock.set(vn(2026, 11, 27, 10, 30))
    assert dossiers.queue_count("overdue", office.calendar, clock()) == 1
    assert dossiers.queue_count("due_soon", office.calendar, clock()) == 0


def test_receiving_clerk_is_the_clerk_set_up_first(office):
    assert dossiers.receiving_clerk() == "Trần Thị Hồng"


def test_filtered_queue_sorts_by_status_then_due_and_by_procedure_code(office, clock):
    first = receive(office, clock, "Lê Thị An", procedure="1.004873")
    second = receive(office, clock, "Trần Văn Bình", procedure="1.004837")
    events.record(office, first.code, "assigned", now=clock)
    today = dossiers.queue("today", office.calendar, clock(), order_by="status")
    assert [d.status for d in today] == sorted(d.status for d in today)
    by_procedure = dossiers.queue("today", office.calendar, clock(), order_by="procedure")
    assert [d.code for d in by_procedure] == [second.code, first.code]
