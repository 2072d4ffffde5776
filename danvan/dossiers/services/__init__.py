"""Writes of the one-stop shop (each runs in a transaction, calls the case services and
writes an audit entry). Import from here."""

from danvan.dossiers.errors import DossierError
from danvan.dossiers.services.catalogue import (
    ImportResult,
    procedure_create,
    procedure_update,
    procedures_import,
)
from danvan.dossiers.services.desk import (
    SETTINGS_FIELDS,
    unit_procedures_set,
    unit_settings_update,
)
from danvan.dossiers.services.processing import (
    dossier_apologise,
    dossier_hand_on,
    dossier_rate,
    dossier_request_supplement,
    dossier_result_ready,
    dossier_return,
    dossier_withdraw,
    latest_apology_day,
)
from danvan.dossiers.services.provincial import ProvincialImportResult, provincial_import
from danvan.dossiers.services.reception import dossier_receive, dossier_supplement_received

__all__ = [
    "SETTINGS_FIELDS",
    "DossierError",
    "ImportResult",
    "ProvincialImportResult",
    "dossier_apologise",
    "dossier_hand_on",
    "dossier_rate",
    "dossier_receive",
    "dossier_request_supplement",
    "dossier_result_ready",
    "dossier_return",
    "dossier_supplement_received",
    "dossier_withdraw",
    "latest_apology_day",
    "procedure_create",
    "procedure_update",
    "procedures_import",
    "provincial_import",
    "unit_procedures_set",
    "unit_settings_update",
]
