"""The dashboard's page of notices that failed or wait (``/notices``, ``?commune=C`` for one
commune, so a commune's page can link to its own): what, to whom by which channel, why.

It is its own router and template, drawn in the dashboard's frame (its base.html)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Cookie, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from models import Commune, db
from server.dashboard import users
from server.dashboard.routes import COOKIE
from server.notices import outbox
from server.notices.listing import notice_row

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=[str(HERE / "templates"),
                                       str(HERE.parent / "dashboard" / "templates")])
router = APIRouter(include_in_schema=False)


@router.get("/notices", response_model=None)
def failed_notices(request: Request, commune: str = "",
                   session: Annotated[str | None, Cookie(alias=COOKIE)] = None) -> Response:
    with db.connection_context():
        user = users.session_user(session)
        if user is None:
            return RedirectResponse("/login", status_code=303)
        names = {c.code: c.name for c in Commune.select(Commune.code, Commune.name)}
        rows = [{**notice_row(item), "commune": names.get(item[0].commune_code, "")}
                for item in outbox.listed(commune=commune.strip())]
    return templates.TemplateResponse(request, "notices.html", {
        "user": user, "rows": rows, "commune": commune, "commune_name": names.get(commune, "")})
