"""Writes of the democracy app (households, decisions and votes, consultations,
disclosures, supervision): keyword-only, transactional, audited."""

from danvan.democracy.services.errors import DemocracyError

__all__ = ["DemocracyError"]
