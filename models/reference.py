"""Reference data owned by the upstream server: communes, procedures, calendar overrides."""

from __future__ import annotations

import peewee

from models.base import BaseModel


class Commune(BaseModel):
    """A receiving unit (xã/phường) with its national agency identifier (mã định danh)."""

    code = peewee.CharField(primary_key=True, max_length=16)
    name = peewee.CharField(max_length=200)
    agency_code = peewee.CharField(max_length=32)
    province_name = peewee.CharField(max_length=200, default="")
    place_name = peewee.CharField(max_length=200, default="")


class Procedure(BaseModel):
    """An administrative procedure (TTHC) with its statutory processing time."""

    code = peewee.CharField(primary_key=True, max_length=32)
    name = peewee.CharField(max_length=500)
    name_folded = peewee.CharField(max_length=500, index=True)
    field = peewee.CharField(max_length=200, index=True)
    processing_value = peewee.IntegerField()
    processing_unit = peewee.CharField(max_length=16)
    verification_value = peewee.IntegerField(null=True)
    fee_amount = peewee.IntegerField(default=0)
    fee_note = peewee.CharField(max_length=500, default="")
    legal_basis = peewee.TextField(default="")
    result_name = peewee.CharField(max_length=500, default="")
    active = peewee.BooleanField(default=True)
    catalogue_version = peewee.CharField(max_length=32, default="")


class ProcedureDocument(BaseModel):
    """A document the procedure asks for, in the order the form lists them."""

    procedure = peewee.ForeignKeyField(Procedure, backref="documents", on_delete="CASCADE")
    position = peewee.IntegerField()
    name = peewee.TextField()
    form = peewee.CharField(max_length=20)
    quantity = peewee.IntegerField(default=1)
    required = peewee.BooleanField(default=True)

    class Meta:
        indexes = ((("procedure", "position"), True),)


class CalendarOverride(BaseModel):
    """A day the government moved: a make-up working day or an extra day off."""

    date = peewee.DateField(primary_key=True)
    kind = peewee.CharField(max_length=16)
    note = peewee.CharField(max_length=500, default="")
    source = peewee.CharField(max_length=16, default="shipped")
