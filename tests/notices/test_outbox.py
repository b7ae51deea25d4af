"""Notices are owed once per dossier, kind and channel, only with consent, from whichever way
the event reached the server."""

import datetime as dt

from desk.clock import to_local
from models.hub import Notice
from server import events as upstream
from server import settings
from server.notices import kinds, outbox
from server.notices.texts import sms
from tests.conftest import vn
from tests.notices.province import EMAIL_ONLY, LANDLINE


def owed(province):
    with province.session():
        return sorted((n.kind, n.channel, n.state) for n in Notice.select())


def test_result_ready_owes_one_email_and_one_text_to_a_citizen_who_consented(province, clock):
    province.receive(clock, steps=("result_ready",))
    province.push(clock)
    assert owed(province) == [("result_ready", "email", "pending"),
                              ("result_ready", "sms", "pending")]


def test_no_consent_no_notice(province, clock):
    province.receive(clock, notify=False, steps=("result_ready",))
    province.push(clock)
    assert owed(province) == []


def test_a_replayed_batch_or_the_same_records_again_owe_nothing_more(province, clock):
    province.receive(clock, steps=("assigned",))
    province.push(clock)
    code = province.receive(clock)
    province.step(clock, code, "result_ready")
    lines = province.push(clock)
    province.push(clock, lines)  # the answer was lost: the desk sends the batch again
    with province.session():
        outbox.create_for_events([line.record for line in lines
                                  if line.record["type"] == "event"], now=clock())
    assert owed(province) == [("result_ready", "email", "pending"),
                              ("result_ready", "sms", "pending")]


def test_only_a_citizen_who_gave_an_address_gets_an_email(province, clock):
    province.receive(clock, person=EMAIL_ONLY, steps=("result_ready",))
    province.push(clock)
    assert owed(province) == [("result_ready", "email", "pending")]


def test_a_landline_gets_no_text_and_the_dashboard_is_told_why(province, clock):
    province.receive(clock, person=LANDLINE, steps=("result_ready",))
    province.push(clock)
    assert owed(province) == [("result_ready", "email", "pending"),
                              ("result_ready", "sms", "failed")]
    with province.session():
        failed = Notice.get(Notice.channel == "sms")
    assert "không phải số di động Việt Nam" in failed.last_error
    assert "3822" not in failed.last_error  # the number itself is not repeated


def test_a_result_collected_before_the_server_heard_of_it_is_no_news(province, clock):
    province.receive(clock, steps=("result_ready", "returned"))
    province.push(clock)
    assert owed(province) == []


def test_received_is_told_only_when_the_province_turns_it_on(province, clock):
    province.receive(clock)
    province.push(clock)
    assert owed(province) == []
    with province.session():
        settings.put("notify_received", "on", now=clock())
    province.receive(clock)
    province.push(clock)
    assert owed(province) == [("received", "email", "pending"), ("received", "sms", "pending")]


def test_refusal_and_a_new_date_each_owe_their_own_notice(province, clock):
    first = province.receive(clock)
    province.step(clock, first, "rescheduled", note="Cần xác minh thêm.",
                  due_at=vn(2026, 11, 30, 10))
    second = province.receive(clock)
    province.step(clock, second, "refused", note="Không thuộc thẩm quyền của xã.")
    province.push(clock)
    assert owed(province) == [("new_due", "email", "pending"), ("new_due", "sms", "pending"),
                              ("refused", "email", "pending"), ("refused", "sms", "pending")]


def test_a_step_recorded_on_the_dashboard_owes_its_notice_with_the_new_date(province, clock):
    code = province.receive(clock)
    province.push(clock)
    with province.session():
        upstream.record(upstream.UpstreamEvent(code=code, kind="rescheduled", actor="Phòng Tư pháp",
                                               note="Chờ xác minh của tỉnh.",
                                               new_due=vn(2026, 11, 27, 16)), now=clock)
        notice = Notice.get(Notice.channel == "sms")
        delivery = outbox.claim(notice, now=clock())
    assert notice.kind == kinds.NEW_DUE
    assert delivery.facts.when == vn(2026, 11, 27, 16)
    assert "hen lai ngay tra ket qua 27/11/2026" in sms(delivery.facts)


def test_stopping_processing_is_told_with_its_reason(province, clock):
    code = province.receive(clock)
    province.step(clock, code, "stopped", note="Công dân đề nghị dừng để bổ sung giấy tờ khác.")
    province.push(clock)
    assert owed(province) == [("stopped", "email", "pending"), ("stopped", "sms", "pending")]
    with province.session():
        delivery = outbox.claim(Notice.get(Notice.channel == "email"), now=clock())
    assert delivery.facts.reason == "Công dân đề nghị dừng để bổ sung giấy tờ khác."
    assert "da dung giai quyet ngay 23/11/2026" in sms(delivery.facts)


def test_a_claim_is_taken_once_and_a_dead_senders_claim_runs_out(province, clock):
    province.receive(clock, person=EMAIL_ONLY, steps=("result_ready",))
    province.push(clock)
    with province.session():
        [notice] = outbox.due("email", now=clock())
        assert outbox.claim(notice, now=clock()) is not None
        assert outbox.claim(notice, now=clock()) is None  # another process was first
        assert outbox.due("email", now=clock()) == []
        clock.set(to_local(clock()) + outbox.LEASE + dt.timedelta(seconds=1))
        [again] = outbox.due("email", now=clock())
        assert outbox.claim(again, now=clock()).notice.attempts == 2


def test_waits_double_after_each_failure_up_to_an_hour_then_it_gives_up(province, clock):
    province.receive(clock, person=EMAIL_ONLY, steps=("result_ready",))
    province.push(clock)
    waits = []
    with province.session():
        while True:
            [notice] = outbox.due("email", now=clock()) or [None]
            if notice is None:
                break
            claimed = outbox.claim(notice, now=clock())
            outbox.retry_later(claimed.notice, "Máy chủ thư không trả lời.", now=clock())
            after = Notice.get_by_id(notice.id)
            if after.state != kinds.PENDING:
                break
            waits.append(after.next_attempt_at - clock())
            clock.set(after.next_attempt_at)
        final = Notice.get_by_id(notice.id)
    minute = dt.timedelta(minutes=1)
    assert waits[:8] == [minute, 2 * minute, 4 * minute, 8 * minute, 16 * minute, 32 * minute,
                         60 * minute, 60 * minute]
    assert final.state == kinds.FAILED
    assert final.last_error.startswith(f"Đã thử {final.attempts} lần trong 3 ngày")
    assert "Máy chủ thư không trả lời." in final.last_error


