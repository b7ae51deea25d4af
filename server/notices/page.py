"""The dashboard's page of notices that failed or wait (``/notices``, ``?commune=C`` for one
commune, so a commune's page can link to its own): what, to whom by which channel, why.

It is its own router and template, drawn in the dashboard's frame (its base.html) and held to
the dashboard's sign-in and scope: a commune leader sees her own commune's notices only."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import Response

from models import Commune, db
from server.clock import Clock
from server.dashboard import web
from server.notices import outbox
from server.notices.listing import notice_row

HERE = Path(__file__).parent
templates = web.templates_with(HERE / "templates")
router = APIRouter(include_in_schema=False)


@router.get("/notices", response_model=None)
def failed_notices(request: Request, clock: Clock, commune: str = "") -> Response:
    with db.connection_context():
        who = web.viewer(request, clock)
        chosen = commune.strip() or (who.commune_code or "")
        if chosen:
            who.require_commune(chosen)
        names = {c.code: c.name for c in Commune.select(Commune.code, Commune.name)}
        rows = [{**notice_row(item), "commune": names.get(item[0].commune_code, "")}
                for item in outbox.listed(commune=chosen)]
        return web.page(request, "notices.html", who, using=templates, rows=rows,
                        commune=chosen, commune_name=names.get(chosen, ""))

