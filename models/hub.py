"""Tables that live on the upstream server only: devices, enrolment, ingest, change log, users.

The server also holds the shared tables (communes, procedures, dossiers, events) of
``models.reference`` and ``models.dossier``; these tables say who may write them and what was
already written, so that a retried push is applied once.
"""

from __future__ import annotations

import peewee

from models.base import BaseModel, UtcDateTimeField
from models.reference import Commune


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
    """Someone who signs in to the dashboard; passwords are salted scrypt hashes.

    ``role``: "province" (province staff, every commune), "commune" (a commune's leader, only
    ``commune``), "admin" (every commune, and manages accounts, communes, enrolment codes and
    reference data).
    """

    id = peewee.AutoField()
    username = peewee.CharField(max_length=64, unique=True)
    password_hash = peewee.CharField(max_length=200)
    display_name = peewee.CharField(max_length=200, default="")
    active = peewee.BooleanField(default=True)
    created_at = UtcDateTimeField()
    role = peewee.CharField(max_length=16, default="province")
    commune = peewee.ForeignKeyField(Commune, column_name="commune_code", null=True,
                                     backref="leaders", on_delete="RESTRICT")
    password_changed_at = UtcDateTimeField(null=True)


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


class LoginThrottle(BaseModel):
    """Failed sign-ins per user name and per client address, for a growing delay."""

    key = peewee.CharField(primary_key=True, max_length=200)
    failures = peewee.IntegerField(default=0)
    last_failure_at = UtcDateTimeField()


class IngestRefusal(BaseModel):
    """A record a device pushed and the server refused (the desk parks it): shown per commune
    until a later push of the same record is accepted."""

    device_id = peewee.CharField(max_length=36)
    seq = peewee.BigIntegerField()
    commune_code = peewee.CharField(max_length=16, index=True)
    record_id = peewee.CharField(max_length=64, default="")
    record_type = peewee.CharField(max_length=24, default="")
    code = peewee.CharField(max_length=64)
    detail = peewee.TextField(default="")
    first_at = UtcDateTimeField()
    last_at = UtcDateTimeField()
    times = peewee.IntegerField(default=1)

    class Meta:
        primary_key = peewee.CompositeKey("device_id", "seq")


# The figures of desk.reports kept per day (server.figures): the count of each figure that
# changes on that day. Flows (received, resolved, ratings...) count what happened that day;
# the pending figures are stocks, so a dossier adds 1 on the day it starts being overdue and
# takes it back on the day it stops. Every figure of desk.reports.Figures has its column except
# "carried_over", which is the pending stock at a period's start (a test keeps them in step).
FIGURE_COLUMNS = (
    "received_direct", "received_online", "received_post",
    "resolved_early", "resolved_on_time", "resolved_late",
    "pending_on_time", "pending_overdue", "waiting_supplement",
    "supplement_requested", "refused", "withdrawn", "stopped",
    "closed_early", "closed_on_time", "closed_late",
    "rated_3", "rated_2", "rated_1",
)
# A bucket is a day, a month or a year (its first day): a period sums a few dozen buckets
# whatever its length, and everything before a day sums years, then months, then days.
GRAINS = ("d", "m", "y")


class _FigureCounts(BaseModel):
    """The figure columns (a base for the three tables below, never a table itself)."""


for _name in FIGURE_COLUMNS:
    _FigureCounts._meta.add_field(_name, peewee.IntegerField(default=0))


class FigureCommune(_FigureCounts):
    """Every procedure of a commune together: the province's table of communes."""

    grain = peewee.CharField(max_length=1)
    bucket = peewee.DateField()
    commune_code = peewee.CharField(max_length=16)

    class Meta:
        primary_key = peewee.CompositeKey("grain", "bucket", "commune_code")


class FigureProcedure(_FigureCounts):
    """One procedure in one commune: the rows of a commune's report."""

    commune_code = peewee.CharField(max_length=16)
    grain = peewee.CharField(max_length=1)
    bucket = peewee.DateField()
    procedure_code = peewee.CharField(max_length=32)

    class Meta:
        primary_key = peewee.CompositeKey("commune_code", "grain", "bucket", "procedure_code")


class FigureProvince(_FigureCounts):
    """One procedure in every commune together: the rows of the province's report."""

    grain = peewee.CharField(max_length=1)
    bucket = peewee.DateField()
    procedure_code = peewee.CharField(max_length=32)

    class Meta:
        primary_key = peewee.CompositeKey("grain", "bucket", "procedure_code")


class FigureRepeat(BaseModel):
    """Consecutive supplement requests on one dossier (days of the first and the next).

    A period counts the dossiers asked for supplements in it, not the requests: requests minus
    the pairs of consecutive requests that both fall inside it.
    """

    commune_code = peewee.CharField(max_length=16)
    procedure_code = peewee.CharField(max_length=32)
    first_day = peewee.DateField()
    last_day = peewee.DateField()
    count = peewee.IntegerField(default=0)

    class Meta:
        primary_key = peewee.CompositeKey("commune_code", "procedure_code", "first_day",
                                          "last_day")


class FigureIrregular(BaseModel):
    """A dossier whose events do not fold into one pending spell followed by one outcome (a
    late paper record that reorders the past): it is counted by folding it at read time."""

    dossier_id = peewee.CharField(primary_key=True, max_length=36)
    commune_code = peewee.CharField(max_length=16, index=True)


class DerivedState(BaseModel):
    """When a table derived from the dossiers (figures, search) was last built whole."""

    name = peewee.CharField(primary_key=True, max_length=32)
    built_at = UtcDateTimeField()


FIGURE_TABLES = [FigureCommune, FigureProcedure, FigureProvince, FigureRepeat, FigureIrregular]
HUB_TABLES = [Device, EnrolmentCode, IngestLedger, ChangeLog, DashboardUser, DashboardSession,
              ServerSetting, Notice, LoginThrottle, IngestRefusal, *FIGURE_TABLES, DerivedState]
# Indexes the server adds to the shared tables (the desk, one commune, does not need them):
# (table, columns, unique). The commune page lists a commune's overdue and due-soon dossiers;
# the pending figures of "now" count dossiers by status, commune, procedure and deadline.
SERVER_INDEXES = (
    ("dossier", ("commune_code", "status", "due_at"), False),
    ("dossier", ("status", "commune_code", "procedure_code", "deadline_at"), False),
)
