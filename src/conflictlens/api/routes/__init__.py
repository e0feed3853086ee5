"""The REST API's routes, one module per resource; :data:`router` has them all under ``/api``."""

from __future__ import annotations

from fastapi import APIRouter

from conflictlens.api.routes.documents import router as documents_router
from conflictlens.api.routes.export import router as export_router
from conflictlens.api.routes.incidents import router as incidents_router
from conflictlens.api.routes.session import router as session_router

router = APIRouter(prefix="/api")
router.include_router(session_router)
router.include_router(incidents_router)
router.include_router(documents_router)
router.include_router(export_router)

__all__ = ["router"]
