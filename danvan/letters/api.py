"""API router of letters, mounted under /api/v1/ by danvan.api."""

from ninja import Router

router = Router(tags=["letters"])
