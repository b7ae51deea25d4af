"""The audit trail: who did what, when, to which dossier or setting. Append-only.

Each entry's ``hash`` covers the previous entry's hash and its own fields, so an entry edited
or deleted anywhere breaks the chain from there on (desk.audit.verify). Triggers in the schema
refuse UPDATE and DELETE outright.
"""

from __future__ import annotations

import peewee

from models.base import BaseModel, UtcDateTimeField


class AuditEntry(BaseModel):
    seq = peewee.AutoField()
    at = UtcDateTimeField()
    actor = peewee.CharField(max_length=32, default="")  # the account's login; "" before any
    action = peewee.CharField(max_length=40)
    target = peewee.CharField(max_length=200, default="")  # a dossier code, a login, a key
    details = peewee.TextField(default="{}")  # JSON; never names, ID numbers or phones
    hash = peewee.CharField(max_length=64)
