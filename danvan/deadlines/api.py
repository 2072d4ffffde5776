"""API router of deadlines, mounted under /api/v1/ by danvan.api."""

from ninja import Router

router = Router(tags=["deadlines"])
