"""Dossiers and what happens to them: the replicated heart of the app.

Intake facts are written once. Everything afterwards is an immutable ``DossierEvent``; the
status columns of ``Dossier`` are a projection of those events, rebuilt in the same transaction.
"""

from __future__ import annotations

import peewee

from models.base import BaseModel, UtcDateTimeField
from models.reference import Procedure


class Applicant(BaseModel):
    """The citizen as declared on one dossier (a snapshot: receipts reprint what was declared)."""

    id = peewee.CharField(primary_key=True, max_length=36)
    commune_code = peewee.CharField(max_length=16)
    name = peewee.CharField(max_length=200, index=True)
    id_number = peewee.CharField(max_length=12, index=True)
    phone = peewee.CharField(max_length=20, default="", index=True)
    address = peewee.TextField(default="")
    email = peewee.CharField(max_length=200, default="")
    birth_date = peewee.DateField(null=True)
    sex = peewee.CharField(max_length=8, default="")


class Dossier(BaseModel):
    id = peewee.CharField(primary_key=True, max_length=36)
    commune_code = peewee.CharField(max_length=16, index=True)
    desk_id = peewee.CharField(max_length=36)
    code = peewee.CharField(max_length=48, unique=True)
    procedure = peewee.ForeignKeyField(Procedure, column_name="procedure_code", backref="dossiers")
    applicant = peewee.ForeignKeyField(Applicant, backref="dossiers")
    received_at = UtcDateTimeField(index=True)
    received_by = peewee.CharField(max_length=200, default="")
    channel = peewee.CharField(max_length=16, default="direct")
    return_method = peewee.CharField(max_length=16, default="counter")
    sets_count = peewee.IntegerField(default=1)
    fee_amount = peewee.IntegerField(default=0)
    note = peewee.TextField(default="")
    ledger_book = peewee.CharField(max_length=32, default="")
    ledger_entry = peewee.IntegerField(default=0)
    # The citizen agreed to be told by SMS/e-mail (schema version 4); no consent, no message.
    notify = peewee.BooleanField(default=False)
    # Projection of the events (see desk.workflow); never edited by hand.
    status = peewee.CharField(max_length=24, index=True)
    due_at = UtcDateTimeField(index=True)
    deadline_at = UtcDateTimeField()
    clock_started_at = UtcDateTimeField()
    result_ready_at = UtcDateTimeField(null=True)
    returned_at = UtcDateTimeField(null=True)
    closed_at = UtcDateTimeField(null=True)
    outcome = peewee.CharField(max_length=8, default="")
    reschedule_count = peewee.IntegerField(default=0)
    rating = peewee.IntegerField(null=True)
    updated_at = UtcDateTimeField()

    class Meta:
        indexes = ((("status", "due_at"), False),)


class ReceivedDocument(BaseModel):
    """A document the clerk ticked as received, with its form and count."""

    id = peewee.CharField(primary_key=True, max_length=36)
    dossier = peewee.ForeignKeyField(Dossier, backref="documents", on_delete="CASCADE")
    position = peewee.IntegerField()
    name = peewee.TextField()
    form = peewee.CharField(max_length=20)
    quantity = peewee.IntegerField(default=1)


class DossierEvent(BaseModel):
    """Something that happened to a dossier. Rows are never updated or deleted."""

    id = peewee.CharField(primary_key=True, max_length=36)
    commune_code = peewee.CharField(max_length=16, index=True)
    dossier = peewee.ForeignKeyField(Dossier, backref="events", on_delete="CASCADE", index=False)
    kind = peewee.CharField(max_length=24)
    at = UtcDateTimeField()
    recorded_at = UtcDateTimeField()
    hlc = peewee.CharField(max_length=40)
    actor = peewee.CharField(max_length=200, default="")
    origin = peewee.CharField(max_length=16, default="desk")
    note = peewee.TextField(default="")
    data = peewee.TextField(default="{}")

    class Meta:
        indexes = ((("dossier", "hlc", "id"), False),)
