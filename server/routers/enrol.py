"""POST /api/v1/enrol: trade a one-time code for a device id and secret."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from models import Commune, db
from server import enrolment
from server.clock import Clock

router = APIRouter(tags=["enrol"])


class EnrolRequest(BaseModel):
    code: str = Field(min_length=4, max_length=64)
    name: str = Field(default="", max_length=200)
    commune_code: str = Field(default="", max_length=16)


class EnrolAnswer(BaseModel):
    device_id: str
    secret: str
    commune_code: str
    commune_name: str
    agency_code: str


@router.post("/enrol", responses={403: {"description": "invalid_enrolment_code, commune_mismatch"}})
def enrol(request: EnrolRequest, clock: Clock) -> EnrolAnswer:
    with db.connection_context():
        done = enrolment.enrol(request.code, request.name, request.commune_code, now=clock)
        commune = Commune.get_by_id(done.commune_code)
    return EnrolAnswer(device_id=done.device_id, secret=done.secret,
                       commune_code=commune.code, commune_name=commune.name,
                       agency_code=commune.agency_code)
