"""Tables that live on the desk only: its identity, accounts, counters, settings, outbox, sync."""

from __future__ import annotations

import peewee

from models.base import BaseModel, UtcDateTimeField


class Desk(BaseModel):
    """One installed copy of the app. ``number`` keeps dossier codes apart between desks."""

    id = peewee.CharField(primary_key=True, max_length=36)
    commune_code = peewee.CharField(max_length=16)
    number = peewee.IntegerField()
    name = peewee.CharField(max_length=200, default="")
    created_at = UtcDateTimeField()


class Clerk(BaseModel):
    id = peewee.CharField(primary_key=True, max_length=36)
    commune_code = peewee.CharField(max_length=16)
    name = peewee.CharField(max_length=200)
    active = peewee.BooleanField(default=True)
    created_at = UtcDateTimeField()


class Account(BaseModel):
    """A person who signs in at this desk: a clerk, a leader or the administrator.

    ``password_hash`` is an argon2id string (it carries its own parameters). ``failed_logins``
    counts wrong passwords since the last good one; each one lengthens the wait before the
    next try, which is never a permanent lock (schema version 4).
    """

    id = peewee.CharField(primary_key=True, max_length=36)
    login = peewee.CharField(max_length=32, unique=True)
    name = peewee.CharField(max_length=200)
    role = peewee.CharField(max_length=8)
    password_hash = peewee.CharField(max_length=200)
    active = peewee.BooleanField(default=True)
    created_at = UtcDateTimeField()
    failed_logins = peewee.IntegerField(default=0)
    last_failed_at = UtcDateTimeField(null=True)
    last_login_at = UtcDateTimeField(null=True)


class DailySequence(BaseModel):
    """The last number handed out per agency, day and desk; bumped inside the intake transaction."""

    agency_code = peewee.CharField(max_length=32)
    day = peewee.CharField(max_length=6)
    desk_number = peewee.IntegerField()
    last = peewee.IntegerField(default=0)

    class Meta:
        primary_key = peewee.CompositeKey("agency_code", "day", "desk_number")


class LedgerSequence(BaseModel):
    """Entries of the Sổ theo dõi hồ sơ, numbered from 1 each year per desk."""

    year = peewee.IntegerField()
    desk_number = peewee.IntegerField()
    last = peewee.IntegerField(default=0)

    class Meta:
        primary_key = peewee.CompositeKey("year", "desk_number")


class Setting(BaseModel):
    key = peewee.CharField(primary_key=True, max_length=64)
    value = peewee.TextField()


class Outbox(BaseModel):
    """A replicated record waiting for the server's acknowledgement, in write order."""

    seq = peewee.AutoField()
    record_type = peewee.CharField(max_length=24)
    record_id = peewee.CharField(max_length=36)
    payload = peewee.TextField()
    created_at = UtcDateTimeField()
    state = peewee.CharField(max_length=12, default="pending", index=True)
    attempts = peewee.IntegerField(default=0)
    error = peewee.TextField(default="")  # the server's last refusal, "code: detail"
    parked_at = UtcDateTimeField(null=True)  # when it was last refused (schema version 3)


class ParkedChange(BaseModel):
    """A change pulled from the server that this desk could not apply (schema version 5)."""

    seq = peewee.BigIntegerField(primary_key=True)  # the server's change-log sequence
    kind = peewee.CharField(max_length=16)
    record_id = peewee.CharField(max_length=64, default="")
    payload = peewee.TextField()  # the change as pulled: {"seq", "kind", "record"}
    error = peewee.TextField(default="")  # why it could not be applied, in English
    parked_at = UtcDateTimeField()
    attempts = peewee.IntegerField(default=1)


class SyncState(BaseModel):
    """Where this desk stands with the upstream server (a single row, id = 1)."""

    id = peewee.IntegerField(primary_key=True)
    server_url = peewee.CharField(max_length=500, default="")
    device_id = peewee.CharField(max_length=64, default="")
    acked_seq = peewee.IntegerField(default=0)
    pull_cursor = peewee.IntegerField(default=0)
    last_attempt_at = UtcDateTimeField(null=True)
    last_success_at = UtcDateTimeField(null=True)
    last_error = peewee.TextField(default="")
    clock_skew_seconds = peewee.FloatField(default=0.0)


class SchemaVersion(BaseModel):
    """The number of the last migration applied (a single row, id = 1)."""

    id = peewee.IntegerField(primary_key=True)
    version = peewee.IntegerField()
    app_version = peewee.CharField(max_length=32, default="")
