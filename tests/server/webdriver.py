"""Just enough of the W3C WebDriver protocol to drive headless Chromium through chromedriver."""

from __future__ import annotations

import contextlib
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

from tests.sync.harness import free_port

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
ELEMENT = "element-6066-11e4-a52e-4f735466cecf"


class Browser:
    def __init__(self, driver: str, session: str) -> None:
        self.url = f"{driver}/session/{session}"

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        answer = httpx.request(method, self.url + path, json=body, timeout=60)
        value = answer.json()["value"]
        if answer.status_code != 200:
            raise AssertionError(f"webdriver {path}: {value}")
        return value

    def go(self, url: str) -> None:
        self._call("POST", "/url", {"url": url})

    @property
    def current_url(self) -> str:
        return str(self._call("GET", "/url"))

    def find(self, css: str) -> str:
        return str(self._call("POST", "/element", {"using": "css selector", "value": css})[ELEMENT])

    def type(self, css: str, text: str) -> None:
        self._call("POST", f"/element/{self.find(css)}/value", {"text": text})

    def clear(self, css: str) -> None:
        self._call("POST", f"/element/{self.find(css)}/clear", {})

    def click(self, css: str) -> None:
        self._call("POST", f"/element/{self.find(css)}/click", {})

    def text(self, css: str) -> str:
        return str(self._call("GET", f"/element/{self.find(css)}/text"))

    def attribute(self, css: str, name: str) -> str:
        return str(self._call("GET", f"/element/{self.find(css)}/attribute/{name}"))

    def value(self, css: str) -> str:
        """What a field holds now (its ``value`` property, not the attribute it started with)."""
        return str(self._call("GET", f"/element/{self.find(css)}/property/value"))

    def select(self, css: str, value: str) -> None:
        """Choose the option with ``value`` in the <select> at ``css``."""
        self.click(f'{css} option[value="{value}"]')

    def run(self, script: str, *args: Any) -> Any:
        return self._call("POST", "/execute/sync", {"script": script, "args": list(args)})

    def texts(self, css: str) -> list[str]:
        """The text of every element ``css`` matches, in page order (none: empty list)."""
        found = self._call("POST", "/elements", {"using": "css selector", "value": css})
        return [str(self._call("GET", f"/element/{e[ELEMENT]}/text")) for e in found]


@contextlib.contextmanager
def headless_chromium(profile: Path, downloads: Path) -> Iterator[Browser]:
    port = free_port()
    driver = subprocess.Popen([CHROMEDRIVER, f"--port={port}"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base)
        options = {"binary": CHROMIUM, "args": [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", f"--user-data-dir={profile}",
            "--window-size=1366,768", "--lang=vi"],
            "prefs": {"download.default_directory": str(downloads),
                      "download.prompt_for_download": False}}
        created = httpx.post(base + "/session", json={"capabilities": {"alwaysMatch": {
            "browserName": "chrome", "goog:chromeOptions": options}}}, timeout=60).json()
        session = created["value"]["sessionId"]
        try:
            yield Browser(base, session)
        finally:
            httpx.delete(f"{base}/session/{session}", timeout=30)
    finally:
        driver.terminate()
        driver.wait(10)


def _wait(base: str) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(base + "/status", timeout=1).json()["value"]["ready"]:
                return
        time.sleep(0.1)
    raise RuntimeError("chromedriver did not start")


def screenshot(browser: Browser, path: Path) -> Path:
    """The page as a PNG, to look at."""
    import base64

    path.write_bytes(base64.b64decode(browser._call("GET", "/screenshot")))
    return path
