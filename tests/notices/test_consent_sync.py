"""Consent replicates: a desk's "notify" reaches the server and the commune's other desks."""

import json

import pytest

from desk import intake
from desk.context import load_context
from desk.sync import enrolment, session
from models import Dossier, Outbox
from server.ingest.shapes import Refusal, check_shape
from tests.sync.conftest import TAN_PHU
from tests.sync.harness import PERSON


def test_consent_reaches_the_server_and_the_communes_other_desk(hub, desk_factory):
    first, second = desk_factory(number=0), desk_factory(number=1)
    for desk in (first, second):
        with desk.session():
            enrolment.enroll(hub.base, hub.enrolment_code(TAN_PHU[0]), now=desk.now)
    with first.session():
        ctx = load_context(now=first.now)
        told = intake.receive(ctx, intake.IntakeRequest("1.001193", PERSON, notify=True),
                              now=first.now)
        silent = intake.receive(ctx, intake.IntakeRequest("1.001193", PERSON), now=first.now)
        session.sync(now=first.now)
    with hub.session():
        assert Dossier.get_by_id(told.id).notify is True
        assert Dossier.get_by_id(silent.id).notify is False
    with second.session():
        session.sync(now=second.now)
        assert Dossier.get_by_id(told.id).notify is True
        assert Dossier.get_by_id(silent.id).notify is False


def _wire_dossier(desk_factory, **changes):
    desk = desk_factory()
    with desk.session():
        request = intake.IntakeRequest("1.001193", PERSON, notify=True)
        intake.receive(load_context(now=desk.now), request, now=desk.now)
        record = json.loads(Outbox.get(Outbox.record_type == "dossier").payload)
    return {**record, **changes}


def test_a_dossier_from_a_desk_before_consent_existed_is_taken_without_consent(desk_factory):
    record = _wire_dossier(desk_factory)
    del record["notify"]
    check_shape(record)


@pytest.mark.parametrize("value", ["yes", 1, None])
def test_consent_that_is_not_true_or_false_is_refused_by_name(desk_factory, value):
    with pytest.raises(Refusal) as caught:
        check_shape(_wire_dossier(desk_factory, notify=value))
    assert caught.value.code == "invalid_record"
    assert caught.value.detail.startswith("notify:")


