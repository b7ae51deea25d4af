"""The signed file a desk carries to the server on a USB stick, and the reply it brings back.

A bundle is one zstd frame holding a JSON header line and then lines in the push wire format
(``{"seq": n, "record": {...}}``) or, for a reply, the pull format. The header carries an
HMAC-SHA256 of everything after it, keyed by a key both sides derive from the device secret:
the server keeps that key (it never keeps the secret), so a bundle proves which device wrote it
and that nobody edited it on the way.

Reading is bounded: a file is sized before it is read, and a bundle is decompressed in small
pieces, its header within 64 KB and the signature checked on the way, so a bomb (a few KB
expanding to gigabytes) costs a moment of CPU and no memory. Only a bundle whose signature
matches, and so of a known size, is decompressed whole.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import zstandard

MAGIC_PUSH = "motcua-push"
MAGIC_REPLY = "motcua-reply"
MAX_BUNDLE = 64 << 20  # a year of a busy commune stays far below this
MAX_FILE = 64 << 20  # the file itself, before anything is read
HEADER_LIMIT = 64 << 10
PIECE = 64 << 10  # decompressed bytes held at once while checking

KeyFor = Callable[[dict[str, Any]], str]  # header -> the device's bundle key (hex)


class BundleError(Exception):
    """The file is not a bundle, is damaged, or its signature does not match."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


def bundle_key(secret: str) -> str:
    return hmac.new(secret.encode(), b"motcua-bundle-v1", hashlib.sha256).hexdigest()


def sign(key: str, body: bytes) -> str:
    return hmac.new(bytes.fromhex(key), body, hashlib.sha256).hexdigest()


def encode(header: dict[str, Any], lines: list[bytes], key: str) -> bytes:
    body = b"".join(line.rstrip(b"\n") + b"\n" for line in lines)
    signed = {**header, "signature": sign(key, body)}
    head = json.dumps(signed, ensure_ascii=False, separators=(",", ":")).encode()
    return zstandard.ZstdCompressor(level=10).compress(head + b"\n" + body)


def read_file(path: Path) -> bytes:
    """The file, unless it is larger than any bundle can be (a stick may hold anything)."""
    with open(path, "rb") as handle:
        if os.fstat(handle.fileno()).st_size > MAX_FILE:
            raise BundleError("invalid_bundle", "the file is larger than any bundle")
        return handle.read()


def open_bundle(blob: bytes, magic: str, key_for: KeyFor) -> tuple[dict[str, Any], bytes]:
    """The header and body of a bundle whose signature matches the key ``key_for(header)``
    names; ``key_for`` may refuse (BundleError) a header naming an unknown or revoked device."""
    if len(blob) > MAX_FILE:
        raise BundleError("invalid_bundle", "the bundle is too large")
    pieces = _pieces(blob)
    head, rest = _first_line(pieces)
    header = _header(head, magic)
    mac = hmac.new(bytes.fromhex(key_for(header)), rest, hashlib.sha256)
    size = len(head) + len(rest)
    for piece in pieces:
        size += len(piece)
        if size > MAX_BUNDLE:
            raise BundleError("invalid_bundle", "the bundle is truncated or too large")
        mac.update(piece)
    if not hmac.compare_digest(mac.hexdigest(), str(header.get("signature", ""))):
        raise BundleError("bad_signature", "the bundle's signature does not match its device")
    return header, _whole(blob).partition(b"\n")[2]


def _pieces(blob: bytes) -> Iterator[bytes]:
    """The decompressed bytes, at most PIECE at a time."""
    try:
        yield from zstandard.ZstdDecompressor().read_to_iter(
            io.BytesIO(blob), read_size=PIECE // 8, write_size=PIECE)
    except zstandard.ZstdError as exc:
        raise BundleError("invalid_bundle", "the file is not a Một Cửa bundle") from exc


def _first_line(pieces: Iterator[bytes]) -> tuple[bytes, bytes]:
    seen = b""
    for piece in pieces:
        seen += piece
        head, newline, rest = seen.partition(b"\n")
        if newline:
            return head, rest
        if len(seen) > HEADER_LIMIT:
            break
    raise BundleError("invalid_bundle", "the file is not a Một Cửa bundle")


def _header(head: bytes, magic: str) -> dict[str, Any]:
    try:
        header = json.loads(head)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BundleError("invalid_bundle", "the file is not a Một Cửa bundle") from exc
    if not isinstance(header, dict) or header.get("bundle") != magic \
            or header.get("v") != 1 or isinstance(header.get("v"), bool):
        raise BundleError("invalid_bundle", f"not a {magic} bundle of version 1")
    return header


def _whole(blob: bytes) -> bytes:
    """All of a frame already checked piece by piece (so of a known, bounded size)."""
    reader = zstandard.ZstdDecompressor().decompressobj()
    try:
        data = reader.decompress(blob)
    except zstandard.ZstdError as exc:
        raise BundleError("invalid_bundle", "the file is not a Một Cửa bundle") from exc
    if not reader.eof:
        raise BundleError("invalid_bundle", "the bundle is truncated")
    return data
