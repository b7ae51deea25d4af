"""Decompression bombs: a few KB that expand to gigabytes, and ways to measure memory."""

from __future__ import annotations

import json
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import zstandard

GIGABYTE = 1 << 30


def zeros(size: int = GIGABYTE, head: bytes = b"") -> bytes:
    """One zstd frame: ``head`` and then ``size`` zero bytes (1 GB packs into ~32 KB)."""
    compressor = zstandard.ZstdCompressor(level=1).compressobj()
    piece = bytes(1 << 20)
    out = [compressor.compress(head)]
    out += [compressor.compress(piece) for _ in range(size >> 20)]
    return b"".join([*out, compressor.flush()])


def sealed_bomb(magic: str, device_id: str, key: str, size: int = GIGABYTE) -> bytes:
    """A bundle sealed with ``key`` whose plaintext is a bomb (only the key's holder makes
    one; a reader must still not hold it)."""
    from models import bundle

    plain = json.dumps({"bundle": magic, "v": bundle.FORMAT, "device_id": device_id,
                        "nonce": "00" * 12}, separators=(",", ":")).encode() + b"\n"
    sealing = bundle._sealing_key(key)  # noqa: SLF001 - the test plays a forger with the key
    return plain + sealing.encrypt(bytes(12), zeros(size, head=b"{}\n"), plain)


def peak_rss(pid: int) -> int:
    """The highest resident memory of a running process so far, in bytes (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmHWM")


def python_peak(call: Callable[[], Any]) -> tuple[int, Any]:
    """(peak bytes Python allocated during ``call``, what it returned or raised)."""
    tracemalloc.start()
    try:
        try:
            outcome: Any = call()
        except Exception as exc:  # noqa: BLE001 - the caller looks at what was raised
            outcome = exc
        return tracemalloc.get_traced_memory()[1], outcome
    finally:
        tracemalloc.stop()
