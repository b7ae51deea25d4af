"""The dashboard's pages, one router per part (login, figures, dossiers, bundles, admin)."""

from fastapi import APIRouter

from server.dashboard.routes import admin, bundles, dossiers, figures, login

router = APIRouter(include_in_schema=False)
for part in (login, figures, dossiers, bundles, admin):
    router.include_router(part.router)
