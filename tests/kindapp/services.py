"""The kind's one write: a resident's report opens a case through the case core."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from danvan.cases.services import case_open
from tests.kindapp.kind import KIND
from tests.kindapp.rule_data import RULE_ID


def street_light_report(
    *, unit: Any, actor: Any, place: str, name: str, phone: str, received_at: datetime
) -> Any:
    code = f"DD-{unit.code}-{received_at:%y}-{secrets.token_hex(4).upper()}"
    return case_open(
        unit=unit,
        kind=KIND,
        code=code,
        title=f"Đèn đường hỏng: {place}"[:300],
        rule_id=RULE_ID,
        received_at=received_at,
        actor=actor,
        channel="phone",
        applicant_name=name,
        applicant_phone=phone,
    )
