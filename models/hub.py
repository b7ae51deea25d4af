"""Tables that live on the upstream server only: devices, enrolment, ingest, change log, users.

The server also holds the shared tables (communes, procedures, dossiers, events) of
``models.reference`` and ``models.dossier``; these tables say who may write them and what was
already written, so that a retried push is applied once.
"""

from __future__ import annotations

import peewee

from models.base import BaseModel, UtcDateTimeField


class Device(BaseModel):
    """An enrolled desk. Only a hash of its secret is kept; revocation is a timestamp."""

    id = peewee.CharField(primary_key=True, max_length=36)
    commune_code = peewee.CharField(max_length=16, index=True)
    name = peewee.CharField(max_length=200, default="")
    secret_hash = peewee.CharField(max_length=64)
    # HMAC key for signed bundles, derived from the secret on both sides (never the secret).
    bundle_key = peewee.CharField(max_length=64)
    created_at = UtcDateTimeField()
    revoked_at = UtcDateTimeField(null=True)
    last_seen_at = UtcDateTimeField(null=True)
    # The highest outbox sequence of this device the server holds: the push acknowledgement.
    acked_seq = peewee.BigIntegerField(default=0)
    # What the desk said was still waiting at its last contact (shown on the dashboard).
    pending_reported = peewee.IntegerField(default=0)
    # The desk release of its last push or pull (its User-Agent), so the IT person sees which
    # communes still run an old one; '' until the first contact after server version 2.
    app_version = peewee.CharField(max_length=32, default="")


class EnrolmentCode(BaseModel):
    """A one-time code an administrator hands to a commune; stored hashed, used once."""

    code_hash = peewee.CharField(primary_key=True, max_length=64)
    commune_code = peewee.CharField(max_length=16)
    created_at = UtcDateTimeField()
    expires_at = UtcDateTimeField()
    used_at = UtcDateTimeField(null=True)
    device_id = peewee.CharField(max_length=36, default="")


class IngestLedger(BaseModel):
    """Every record id ever accepted, with the hash of its canonical payload.

    The same id with the same hash again is a safe retry; with another hash it is a conflict.
    """

    record_id = peewee.CharField(primary_key=True, max_length=36)
    record_type = peewee.CharField(max_length=24)
    commune_code = peewee.CharField(max_length=16)
    device_id = peewee.CharField(max_length=36)
    device_seq = peewee.BigIntegerField()
    payload_hash = peewee.CharField(max_length=64)
    received_at = UtcDateTimeField()


class ChangeLog(BaseModel):
    """What pull serves, in server order: records of a commune, or reference data for all."""

    seq = peewee.BigAutoField()
    commune_code = peewee.CharField(max_length=16, null=True)
    kind = peewee.CharField(max_length=16)
    record_id = peewee.CharField(max_length=64)
    origin_device = peewee.CharField(max_length=36, default="")
    payload = peewee.TextField()
    created_at = UtcDateTimeField()

    class Meta:
        indexes = ((("commune_code", "seq"), False),)


class DashboardUser(BaseModel):
    """District or province staff who read the dashboard; passwords are salted scrypt hashes."""

    id = peewee.AutoField()
    username = peewee.CharField(max_length=64, unique=True)
    password_hash = peewee.CharField(max_length=200)
    display_name = peewee.CharField(max_length=200, default="")
    active = peewee.BooleanField(default=True)
    created_at = UtcDateTimeField()


class DashboardSession(BaseModel):
    """A signed-in browser: the cookie holds a random token, the table only its hash."""

    token_hash = peewee.CharField(primary_key=True, max_length=64)
    user = peewee.ForeignKeyField(DashboardUser, backref="sessions", on_delete="CASCADE")
    created_at = UtcDateTimeField()
    expires_at = UtcDateTimeField()


class ServerSetting(BaseModel):
    """A province-wide setting (server.settings declares them); secrets stay in the environment."""

    key = peewee.CharField(primary_key=True, max_length=64)
    value = peewee.TextField()
    updated_at = UtcDateTimeField()


class Notice(BaseModel):
    """A message owed to a citizen who consented: one per dossier, kind and channel (``key``),
    however often the event that caused it arrives. Sent by server.notices.sender."""

    id = peewee.BigAutoField()
    key = peewee.CharField(max_length=120, unique=True)
    dossier_id = peewee.CharField(max_length=36, index=True)
    event_id = peewee.CharField(max_length=36)
    commune_code = peewee.CharField(max_length=16)
    kind = peewee.CharField(max_length=16)  # server.notices.kinds
    channel = peewee.CharField(max_length=8)  # email | sms
    state = peewee.CharField(max_length=12)  # pending | sent | failed | skipped
    attempts = peewee.IntegerField(default=0)
    next_attempt_at = UtcDateTimeField()
    created_at = UtcDateTimeField()
    sent_at = UtcDateTimeField(null=True)
    last_error = peewee.TextField(default="")  # Vietnamese, for the dashboard

    class Meta:
        indexes = ((("state", "next_attempt_at"), False),)


HUB_TABLES = [Device, EnrolmentCode, IngestLedger, ChangeLog, DashboardUser, DashboardSession,
              ServerSetting, Notice]
