"""schemathesis against the real server's /api/v1 (its own OpenAPI schema), with and without a
device's token: no answer is a 5xx, and every answer is one the schema declares (status,
content type, body). Bounded and reproducible: a fixed number of derandomized examples per
operation, no deadline, so the run does not depend on the machine's speed."""

from __future__ import annotations

import json

import httpx
import pytest
import schemathesis
import zstandard
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import checks
from schemathesis.specs.openapi import checks as openapi_checks

from desk.sync.session import enrolment
from models.wire import PUSH_TYPES
from tests.sync.test_sync_roundtrip import enrolled, receive

EXAMPLES = 25  # per operation and token: about 20 s for both runs on this 2-core machine
CHECKS = [checks.not_a_server_error, openapi_checks.status_code_conformance,
          openapi_checks.content_type_conformance, openapi_checks.response_schema_conformance]

JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
                    lambda inner: st.lists(inner, max_size=3)
                    | st.dictionaries(st.text(max_size=12), inner, max_size=3), max_leaves=8)
SEQS = st.integers(1, 1000) | st.integers(min_value=-1, max_value=2**64)
RECORDS = st.dictionaries(st.sampled_from(["kind", "id", "dossier_id", "code", "at", "hlc"])
                          | st.text(max_size=12), JSON, max_size=6)
LINES = st.lists(st.fixed_dictionaries({"seq": SEQS, "record": RECORDS}), min_size=1,
                 max_size=4)
# A push body the server can decompress, so fuzzed calls reach the parsing of its lines and
# the ingest instead of stopping at bad_compression; now and then plain bytes.
PUSH_BODIES = st.one_of(
    LINES.map(lambda lines: zstandard.ZstdCompressor().compress(
        b"".join(json.dumps(line).encode() + b"\n" for line in lines))),
    st.binary(max_size=64))
for kind in PUSH_TYPES:
    schemathesis.openapi.media_type(kind, PUSH_BODIES)


def fuzz(base: str, headers: dict[str, str]) -> dict[str, set[str]]:
    """Every operation of the schema in turn; the first failure raises, shrunk by hypothesis
    and reported by schemathesis with the curl line that reproduces it. Returns the refusal
    codes (or statuses) each operation answered."""
    schema = schemathesis.openapi.from_url(base + "/api/v1/openapi.json")
    answered: dict[str, set[str]] = {}
    for result in schema.get_all_operations():
        operation = result.ok()
        codes = answered.setdefault(operation.label, set())
        _fuzz_one(operation.as_strategy(), base, headers, codes)
    return answered


def _fuzz_one(cases: st.SearchStrategy, base: str, headers: dict[str, str],
              codes: set[str]) -> None:
    @settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(case=cases)
    def run(case) -> None:  # noqa: ANN001 - schemathesis' Case
        response = case.call(base_url=base, headers=headers, timeout=30)
        case.validate_response(response, checks=CHECKS)
        codes.add(_code(response))

    run()


def _code(response: httpx.Response) -> str:
    try:
        return str(response.json().get("error") or response.status_code)
    except (ValueError, AttributeError):
        return str(response.status_code)


@pytest.mark.parametrize("with_token", [False, True], ids=["no token", "device token"])
def test_the_api_answers_fuzzed_requests_within_its_schema(hub, desk_factory, with_token):
    desk = enrolled(hub, desk_factory)
    headers = {"Content-Encoding": "zstd"}
    if with_token:
        with desk.session():
            receive(desk, 1)
            who = enrolment()
        headers["Authorization"] = f"Bearer {who.device_id}.{who.secret}"
    answered = fuzz(hub.base, headers)
    if with_token:  # the described body took the fuzzer as far as the records' checks
        assert "records_refused" in answered["POST /api/v1/sync/push"]
    assert httpx.get(hub.base + "/api/v1/health").status_code == 200
