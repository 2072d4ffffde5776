"""House rules checked on the code: views fetch commune data only through access-scoped
selectors, and nothing in letters logs or audits a sender's name."""

from __future__ import annotations

import re
from pathlib import Path

APP = Path(__file__).resolve().parent.parent


def test_views_never_use_objects_get():
    offenders = []
    for path in [*(APP / "views").glob("*.py"), APP / "api.py", *(APP / "open311").glob("*.py")]:
        if re.search(r"\.objects\.get\(", path.read_text(encoding="utf-8")):
            offenders.append(path.name)
    assert offenders == []


def test_no_sender_fields_in_log_calls():
    pattern = re.compile(r"logger\.\w+\([^)]*(sender|name|phone|identity)", re.S)
    offenders = [
        p.name
        for p in APP.rglob("*.py")
        if "tests" not in p.parts and pattern.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []
