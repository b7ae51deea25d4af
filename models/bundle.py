"""The sealed file a desk carries to the server on a USB stick, and the reply it brings back.

A bundle (format 2) is one plain JSON line naming the kind, the format, the device and a fresh
nonce, then the ciphertext, sealed with ChaCha20-Poly1305: the plain line is the associated
data, the plaintext one zstd frame holding the JSON header line (``first``, ``last``,
``count``, ``pull_cursor``... of a push; ``acked_seq``, ``cursor`` and the range it ``answers``
of a reply) and then the lines in the push or pull wire format. The key comes from the device's
bundle key, which both sides hold (the server keeps that key, never the secret). So every byte
of the file is authenticated, an edit or a cut anywhere is refused before anything is read, and
whoever finds the stick reads no citizen in it.

Format 1, the previous one (one zstd frame: a JSON header line carrying an HMAC-SHA256 of the
body, then the lines), still opens during the upgrade, since a stick may have been written
before its desk or server was upgraded. Only its body is signed, so only the body is believed:
``open_bundle`` hands back the format, the kind and the device (bound by the device's key) and
drops every other header field (``first``, ``last``, ``count``, ``pull_cursor``, ``acked_seq``,
``cursor``...), which anyone could have edited. Callers read what they need from the body.

Reading is bounded: a file is sized before it is read, the plaintext exists only after the tag
matched, and it is decompressed in small pieces up to MAX_BUNDLE, so a bomb costs a moment of
CPU and no memory.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import os
import secrets
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import zstandard
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

MAGIC_PUSH = "motcua-push"
MAGIC_REPLY = "motcua-reply"
FORMAT = 2
MAX_BUNDLE = 64 << 20  # a year of a busy commune stays far below this
MAX_FILE = 64 << 20  # the file itself, before anything is read
HEADER_LIMIT = 64 << 10
PLAIN_LIMIT = 1 << 10  # the plain line: kind, format, device id, nonce
PIECE = 64 << 10  # decompressed bytes held at once
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"  # how a format-1 file begins

KeyFor = Callable[[dict[str, Any]], str]  # plain line -> the device's bundle key (hex)


class BundleError(Exception):
    """The file is not a bundle, is damaged or edited, or is not for this key."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


def bundle_key(secret: str) -> str:
    return hmac.new(secret.encode(), b"motcua-bundle-v1", hashlib.sha256).hexdigest()


def _sealing_key(key: str) -> ChaCha20Poly1305:
    """Its own key, so the bundle key never serves two algorithms."""
    return ChaCha20Poly1305(hmac.new(bytes.fromhex(key), b"motcua-bundle-v2 seal",
                                     hashlib.sha256).digest())


def encode(magic: str, device_id: str, header: dict[str, Any], lines: list[bytes],
           key: str) -> bytes:
    plain = json.dumps({"bundle": magic, "v": FORMAT, "device_id": device_id,
                        "nonce": secrets.token_hex(12)}, separators=(",", ":")).encode() + b"\n"
    head = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode()
    body = b"".join(line.rstrip(b"\n") + b"\n" for line in lines)
    frame = zstandard.ZstdCompressor(level=10).compress(head + b"\n" + body)
    nonce = bytes.fromhex(json.loads(plain)["nonce"])
    return plain + _sealing_key(key).encrypt(nonce, frame, plain)


def read_file(path: Path) -> bytes:
    """The file, unless it is larger than any bundle can be (a stick may hold anything)."""
    with open(path, "rb") as handle:
        if os.fstat(handle.fileno()).st_size > MAX_FILE:
            raise BundleError("invalid_bundle", "the file is larger than any bundle")
        return handle.read()


def open_bundle(blob: bytes, magic: str, key_for: KeyFor) -> tuple[dict[str, Any], bytes]:
    """The header and body of a bundle sealed with the key ``key_for(plain)`` names, the plain
    line's ``device_id`` copied into the header; ``key_for`` may refuse (BundleError) a device
    that is unknown or revoked."""
    if len(blob) > MAX_FILE:
        raise BundleError("invalid_bundle", "the bundle is too large")
    if blob.startswith(ZSTD_MAGIC):
        return _open_format_1(blob, magic, key_for)
    plain, sealed = _plain_line(blob, magic)
    nonce = bytes.fromhex(plain["nonce"])
    try:
        frame = _sealing_key(key_for(plain)).decrypt(nonce, sealed, blob[:len(blob)
                                                                          - len(sealed)])
    except InvalidTag as exc:
        raise BundleError("bad_signature", "the bundle was edited, cut short, or sealed for "
                                           "another device") from exc
    head, body = _header_and_body(frame)
    header = _inner_header(head)
    return {**header, "bundle": magic, "v": FORMAT, "device_id": plain["device_id"]}, body


def read_header(blob: bytes, magic: str) -> dict[str, Any]:
    """The kind, format and device a bundle claims, unauthenticated: enough to tell whose it
    is before opening it."""
    if blob.startswith(ZSTD_MAGIC):
        return _format_1_claim(_first_line(_pieces(blob))[0], magic)
    return _plain_line(blob, magic)[0]


def _plain_line(blob: bytes, magic: str) -> tuple[dict[str, Any], bytes]:
    line, newline, sealed = blob[:PLAIN_LIMIT].partition(b"\n")
    try:
        plain = json.loads(line) if newline else None
    except (UnicodeDecodeError, json.JSONDecodeError):
        plain = None
    if not isinstance(plain, dict) or plain.get("bundle") != magic or plain.get("v") != FORMAT \
            or isinstance(plain.get("v"), bool) or not isinstance(plain.get("device_id"), str) \
            or not _is_nonce(plain.get("nonce")):
        raise BundleError("invalid_bundle", f"not a {magic} bundle of format {FORMAT}")
    return plain, blob[len(line) + 1:]


def _is_nonce(value: object) -> bool:
    return isinstance(value, str) and len(value) == 24 and all(
        c in "0123456789abcdef" for c in value)


def _header_and_body(frame: bytes) -> tuple[bytes, bytes]:
    """The authenticated frame, measured piece by piece before anything is kept (even the
    key's holder cannot make a reader hold a bomb), then decompressed whole."""
    size = 0
    for piece in _pieces(frame):
        size += len(piece)
        if size > MAX_BUNDLE:
            raise BundleError("invalid_bundle", "the bundle is too large")
    head, newline, body = b"".join(_pieces(frame)).partition(b"\n")
    if not newline or len(head) > HEADER_LIMIT:
        raise BundleError("invalid_bundle", "the bundle holds no header")
    return head, body


def _pieces(frame: bytes) -> Iterator[bytes]:
    """The decompressed bytes, at most PIECE at a time."""
    try:
        yield from zstandard.ZstdDecompressor().read_to_iter(
            io.BytesIO(frame), read_size=PIECE // 8, write_size=PIECE)
    except zstandard.ZstdError as exc:
        raise BundleError("invalid_bundle", "the bundle's contents are damaged") from exc


def _inner_header(head: bytes) -> dict[str, Any]:
    try:
        header = json.loads(head)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BundleError("invalid_bundle", "the bundle's header is not JSON") from exc
    if not isinstance(header, dict):
        raise BundleError("invalid_bundle", "the bundle's header is not an object")
    return header


def _open_format_1(blob: bytes, magic: str, key_for: KeyFor) -> tuple[dict[str, Any], bytes]:
    """A format-1 bundle whose body's HMAC matches, measured piece by piece on the way; of its
    header only what the key binds comes back (see the module's docstring)."""
    pieces = _pieces(blob)
    head, rest = _first_line(pieces)
    claim = _format_1_claim(head, magic)
    signature = json.loads(head).get("signature")
    mac = hmac.new(bytes.fromhex(key_for(claim)), rest, hashlib.sha256)
    size = len(head) + len(rest)
    for piece in pieces:
        size += len(piece)
        if size > MAX_BUNDLE:
            raise BundleError("invalid_bundle", "the bundle is too large")
        mac.update(piece)
    if not isinstance(signature, str) or not hmac.compare_digest(mac.hexdigest(), signature):
        raise BundleError("bad_signature", "the bundle's signature does not match its device")
    # Signed and of a known, bounded size: now it may be decompressed whole.
    return claim, b"".join(_pieces(blob)).partition(b"\n")[2]


def _first_line(pieces: Iterator[bytes]) -> tuple[bytes, bytes]:
    seen = b""
    for piece in pieces:
        seen += piece
        head, newline, rest = seen.partition(b"\n")
        if newline:
            return head, rest
        if len(seen) > HEADER_LIMIT:
            break
    raise BundleError("invalid_bundle", "the bundle holds no header")


def _format_1_claim(head: bytes, magic: str) -> dict[str, Any]:
    header = _inner_header(head) if len(head) <= HEADER_LIMIT else None
    if not isinstance(header, dict) or header.get("bundle") != magic or header.get("v") != 1 \
            or isinstance(header.get("v"), bool) or not isinstance(header.get("device_id"), str):
        raise BundleError("invalid_bundle", f"not a {magic} bundle of format 1")
    return {"bundle": magic, "v": 1, "device_id": header["device_id"]}
