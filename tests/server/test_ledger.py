"""The ingest ledger's canonical form: a retry must hash as it did, whichever JSON library
wrote the hash (``json`` in earlier releases, orjson now)."""

from __future__ import annotations

import hashlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.bulk import bulk_insert
from models.hub import IngestLedger
from models.hub_migrations import HUB_MIGRATIONS
from models.migrations import migrate
from server.database import connect
from server.ingest.ledger import NotCanonical, incoming, legacy_digest, partition
from tests.conftest import CLOCK_START
from tests.sync.harness import bound

TEXT = st.characters(exclude_categories=("Cs",), exclude_characters="\x00")
LEAVES = (st.none() | st.booleans() | st.integers(-(2**63), 2**64 - 1) | st.text(TEXT))
VALUES = st.recursive(LEAVES, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(TEXT, max_size=6), inner, max_size=4),
                      max_leaves=20)


def old_canonical(record: dict) -> str:
    return json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(TEXT, max_size=8), VALUES, max_size=6))
def test_canonical_text_is_what_json_wrote_for_every_value_without_floats(extra):
    record = {**extra, "id": "r1", "type": "event"}
    item = incoming(1, record)
    assert item.canonical == old_canonical(record)
    assert item.digest == hashlib.sha256(item.canonical.encode()).hexdigest()


def test_an_integer_beyond_64_bits_or_a_nul_character_is_not_canonical():
    for odd in ({"n": 2**64}, {"note": "a\x00b"}, {"data": {"k\x00": 1}},
                {"note": "\\\x00"}):
        with pytest.raises(NotCanonical):
            incoming(1, {"id": "r1", "type": "event", **odd})
    for fine in ({"note": "\\u0000"}, {"note": "\\\\u0000"}, {"note": "u0000"}):
        assert incoming(1, {"id": "r1", "type": "event", **fine}).canonical


@pytest.fixture
def ledger_db(tmp_path):
    database = connect(str(tmp_path / "hub.sqlite3"))
    with bound(database), database.connection_context():
        migrate(database, HUB_MIGRATIONS, app_version="test")
        yield database
    database.close()


def test_a_retry_hashed_by_an_earlier_release_is_still_a_retry(ledger_db):
    record = {"id": "r1", "type": "event", "commune_code": "26734", "data": {"x": 1e-07}}
    assert incoming(1, record).digest != legacy_digest(record)  # 1e-7 against 1e-07
    bulk_insert(IngestLedger, [{
        "record_id": "r1", "record_type": "event", "commune_code": "26734", "device_id": "d",
        "device_seq": 1, "payload_hash": legacy_digest(record),
        "received_at": CLOCK_START}])
    fresh, retries, conflicts = partition([incoming(1, record)])
    assert (len(fresh), len(retries), len(conflicts)) == (0, 1, 0)
    changed = {**record, "data": {"x": 2e-07}}
    fresh, retries, conflicts = partition([incoming(1, changed)])
    assert (len(fresh), len(retries), len(conflicts)) == (0, 0, 1)
