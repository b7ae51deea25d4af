"""peewee tables shared by the desk and the server, their migrations and wire shapes."""

from models.audit import AuditEntry
from models.base import BaseModel, UtcDateTimeField, db
from models.dossier import Applicant, Dossier, DossierEvent, ReceivedDocument
from models.local import (
    Account,
    Clerk,
    DailySequence,
    Desk,
    LedgerSequence,
    Outbox,
    ParkedChange,
    SchemaVersion,
    Setting,
    SyncState,
)
from models.reference import CalendarOverride, Commune, Procedure, ProcedureDocument

REFERENCE_TABLES = [Commune, Procedure, ProcedureDocument, CalendarOverride]
DOSSIER_TABLES = [Applicant, Dossier, ReceivedDocument, DossierEvent]
DESK_TABLES = [
    SchemaVersion,
    *REFERENCE_TABLES,
    Desk,
    Clerk,
    Account,
    *DOSSIER_TABLES,
    DailySequence,
    LedgerSequence,
    Setting,
    Outbox,
    ParkedChange,
    SyncState,
    AuditEntry,
]

__all__ = [
    "DESK_TABLES",
    "Account",
    "DOSSIER_TABLES",
    "REFERENCE_TABLES",
    "Applicant",
    "AuditEntry",
    "BaseModel",
    "CalendarOverride",
    "Clerk",
    "Commune",
    "DailySequence",
    "Desk",
    "Dossier",
    "DossierEvent",
    "LedgerSequence",
    "Outbox",
    "ParkedChange",
    "Procedure",
    "ProcedureDocument",
    "ReceivedDocument",
    "SchemaVersion",
    "Setting",
    "SyncState",
    "UtcDateTimeField",
    "db",
]
