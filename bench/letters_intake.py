"""Letters: intake throughput (with repeat detection and identity encryption), the officers'
list query, the Open311 GET and the indicator computations, on a throw-away SQLite database
(or DATABASE_URL). Prints figures; not a test.

    .venv/bin/python bench/letters_intake.py [n_letters]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
if not os.environ.get("DATABASE_URL"):
    os.environ["DANVAN_VAR_DIR"] = tempfile.mkdtemp(prefix="danvan-bench-letters-")
os.environ.setdefault("DANVAN_ENCRYPTION_KEYS", "")

import django  # noqa: E402

django.setup()

from datetime import date, datetime, timedelta  # noqa: E402
from zoneinfo import ZoneInfo  # noqa: E402

from cryptography.fernet import Fernet  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

settings.DANVAN_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
settings.ALLOWED_HOSTS = ["*"]
call_command("migrate", verbosity=0)

from danvan.accounts.roles import Role  # noqa: E402
from danvan.letters.indicators import INDICATORS  # noqa: E402
from danvan.letters.services.intake import LetterInput, Sender, letter_receive  # noqa: E402
from danvan.testing.factories import ProvinceFactory, UnitFactory, make_officer  # noqa: E402

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
VN = ZoneInfo("Asia/Ho_Chi_Minh")
unit = UnitFactory(code="97001", name="Xã Đo Tốc Độ", province=ProvinceFactory())
officer = make_officer("bench-letters", unit=unit, roles=[Role.ONE_STOP, Role.LEADER])
kinds = ["complaint", "petition", "reflection", "reflection", "denunciation"]

start = time.perf_counter()
for i in range(N):
    letter_receive(
        data=LetterInput(
            unit=unit,
            kind=kinds[i % len(kinds)],
            content=f"Nội dung đơn số {i}: đường liên thôn {i % 50} bị hỏng, đề nghị xã sửa chữa.",
            channel="desk",
            sender=Sender(name=f"Người dân {i % 400}", phone=f"09{i % 400:08d}"),
            received_at=datetime(2026, 3, 2, 9, tzinfo=VN) + timedelta(minutes=i),
        ),
        actor=officer,
    )
elapsed = time.perf_counter() - start
print(
    f"intake: {N} letters in {elapsed:.2f} s = {N / elapsed:.0f} letters/s ({elapsed / N * 1000:.1f} ms each, incl. repeat detection, case + clock, encryption for 1 in 5)"
)

client = Client()
client.force_login(officer)
for url, label in (
    ("/don-thu/", "officers' list (50 rows)"),
    ("/open311/v2/requests.json?jurisdiction_id=97001", "Open311 GET requests (all reflections)"),
):
    client.get(url)
    t = time.perf_counter()
    for _ in range(20):
        response = client.get(url)
    print(
        f"{label}: {(time.perf_counter() - t) / 20 * 1000:.1f} ms/request (status {response.status_code})"
    )

t = time.perf_counter()
for indicator in INDICATORS:
    indicator.compute([unit.pk], date(2026, 3, 1), date(2026, 4, 1))
print(f"7 indicators for one commune-month: {(time.perf_counter() - t) * 1000:.1f} ms")
