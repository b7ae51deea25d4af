"""Which desk release is calling: the ``motcua-desk/<version>`` product of its User-Agent.

Every desk request already carries it (desk/sync/transport.py), so the version costs no byte
on a 2G line; the server keeps it per device, next to the device's last contact.
"""

from __future__ import annotations

import re

from fastapi import Header

from models.hub import Device

PRODUCT = re.compile(r"(?:^|\s)motcua-desk/([0-9A-Za-z.+-]{1,32})(?:\s|$)")


def desk_version(user_agent: str | None = Header(default=None)) -> str:
    """The desk's release, or '' for a caller that is not a desk (curl, a test client)."""
    match = PRODUCT.search(user_agent or "")
    return match.group(1) if match else ""


def record(device: Device, version: str) -> None:
    """Store the release a device now runs; one UPDATE when it changed, none otherwise."""
    if version and version != device.app_version:
        Device.update(app_version=version).where(Device.id == device.id).execute()
        device.app_version = version
