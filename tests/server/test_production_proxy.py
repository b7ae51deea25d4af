"""The shipped nginx site (installer/server/nginx-motcua.conf) in front of a real server:
HTTPS, the redirect from plain HTTP, the 1 MB body limit, the bundle upload exception, and a
desk enrolling and syncing through it with its release recorded.

Only the addresses, ports and certificate paths of the shipped file are rewritten for the test.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import ssl
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

import desk
from desk import intake
from desk.context import load_context
from desk.sync import enrolment, session, transport
from tests.sync.conftest import TAN_PHU
from tests.sync.harness import PERSON, free_port

SITE = Path(__file__).parents[2] / "installer" / "server" / "nginx-motcua.conf"


@pytest.fixture
def proxy(hub, tmp_path) -> Iterator[tuple[str, str, ssl.SSLContext]]:
    """(https base, http base, a context trusting its certificate) of nginx running the
    shipped site."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    assert Path(nginx).exists(), "nginx is needed (apt-get install nginx-light; .ci/run does)"
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    https, http = free_port(), free_port()
    site = SITE.read_text(encoding="utf-8")
    site = re.sub(r"^\s*listen \[::\]:.*$", "", site, flags=re.MULTILINE)
    site = site.replace("listen 80;", f"listen 127.0.0.1:{http};")
    site = site.replace("listen 443 ssl", f"listen 127.0.0.1:{https} ssl")
    site = site.replace("/etc/ssl/motcua/fullchain.pem", str(cert))
    site = site.replace("/etc/ssl/motcua/privkey.pem", str(key))
    site = site.replace("motcua.example.gov.vn", "localhost")
    assert site.count(f"127.0.0.1:{hub.port}") == 0
    site = site.replace("http://127.0.0.1:8000", f"http://127.0.0.1:{hub.port}")
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "logs").mkdir()
    user = "user root;\n" if os.geteuid() == 0 else ""
    (tmp_path / "nginx.conf").write_text(
        f"{user}worker_processes 1;\npid {tmp_path}/nginx.pid;\n"
        f"error_log {tmp_path}/logs/error.log warn;\nevents {{}}\n"
        f"http {{\n access_log off;\n client_body_temp_path {tmp_path}/body;\n"
        f" proxy_temp_path {tmp_path}/proxy;\n include {tmp_path}/site.conf;\n}}\n")
    process = subprocess.Popen([nginx, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf"),
                                "-g", "daemon off;"], stderr=subprocess.PIPE)
    base = f"https://localhost:{https}"
    trust = ssl.create_default_context(cafile=str(cert))
    try:
        deadline = time.monotonic() + 20
        while True:
            assert process.poll() is None, process.stderr.read().decode()
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(base + "/api/v1/health", verify=trust).status_code == 200:
                    break
            assert time.monotonic() < deadline, "nginx did not answer"
            time.sleep(0.1)
        yield base, f"http://127.0.0.1:{http}", trust
    finally:
        process.terminate()
        process.wait(10)


def test_https_with_a_redirect_from_plain_http(proxy):
    base, plain, cert = proxy
    health = httpx.get(base + "/api/v1/health", verify=cert)
    assert health.json()["version"] == desk.__version__
    assert "max-age=31536000" in health.headers["strict-transport-security"]
    moved = httpx.get(plain + "/api/v1/health", headers={"Host": "localhost"})
    assert moved.status_code == 301
    assert moved.headers["location"] == "https://localhost/api/v1/health"


def test_bodies_over_1_mb_stop_at_the_proxy_but_bundle_uploads_pass(proxy):
    base, _, cert = proxy
    big = os.urandom(1_200_000)
    push = httpx.post(base + "/api/v1/sync/push", content=big, verify=cert,
                      headers={"Content-Encoding": "zstd", "Authorization": "Bearer x.y"})
    assert push.status_code == 413 and "nginx" in push.text  # refused before the server
    upload = httpx.post(base + "/api/v1/bundles", content=big, verify=cert)
    assert upload.status_code != 413 and upload.headers["content-type"].startswith(
        "application/json")  # the server itself judged it


def test_a_desk_enrols_and_syncs_through_the_proxy_and_its_release_is_kept(proxy, hub,
                                                                           desk_factory):
    base, _, cert = proxy
    client = httpx.Client(verify=cert, headers=transport.HEADERS, timeout=transport.TIMEOUT)
    pc = desk_factory()
    with client, pc.session():
        device = enrolment.enroll(base, hub.enrolment_code(TAN_PHU[0]), client=client, now=pc.now)
        intake.receive(load_context(now=pc.now), intake.IntakeRequest("1.001193", PERSON),
                       now=pc.now)
        done = session.sync(client=client, now=pc.now)
    assert (done["pushed"], done["pending"]) == (2, 0)
    assert hub.device(device["device_id"]).app_version == desk.__version__
