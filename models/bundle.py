"""The signed file a desk carries to the server on a USB stick, and the reply it brings back.

A bundle is one zstd frame holding a JSON header line and then lines in the push wire format
(``{"seq": n, "record": {...}}``) or, for a reply, the pull format. The header carries an
HMAC-SHA256 of everything after it, keyed by a key both sides derive from the device secret:
the server keeps that key (it never keeps the secret), so a bundle proves which device wrote it
and that nobody edited it on the way.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any

import zstandard

MAGIC_PUSH = "motcua-push"
MAGIC_REPLY = "motcua-reply"
MAX_BUNDLE = 64 << 20  # a year of a busy commune stays far below this


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


def read_header(blob: bytes, magic: str) -> tuple[dict[str, Any], bytes]:
    """The header and the signed body, before the signature is checked (it names the key)."""
    try:
        reader = zstandard.ZstdDecompressor().decompressobj()
        data = reader.decompress(blob)
    except zstandard.ZstdError as exc:
        raise BundleError("invalid_bundle", "the file is not a Một Cửa bundle") from exc
    if not reader.eof or len(data) > MAX_BUNDLE:
        raise BundleError("invalid_bundle", "the bundle is truncated or too large")
    head, _, body = data.partition(b"\n")
    try:
        header = json.loads(head)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BundleError("invalid_bundle", "the bundle header is not JSON") from exc
    if not isinstance(header, dict) or header.get("bundle") != magic or header.get("v") != 1:
        raise BundleError("invalid_bundle", f"not a {magic} bundle of version 1")
    return header, body


def verify(header: dict[str, Any], body: bytes, key: str) -> None:
    expected = sign(key, body)
    if not hmac.compare_digest(expected, str(header.get("signature", ""))):
        raise BundleError("bad_signature", "the bundle's signature does not match its device")
