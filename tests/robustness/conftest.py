"""The world the robustness tests walk: the standard cast plus one real object of each kind.

Real objects matter: junk sent to a page that finds nothing stops at the 404, while junk
sent to a page that finds its object reaches the form and the service behind it.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.core.cache import cache
from django.db import transaction
from django.test import Client

from danvan.accounts.auth import api_token_create
from danvan.accounts.roles import Role
from danvan.core.localtime import LOCAL_TZ as VN
from danvan.testing.factories import VillageFactory, make_officer


@pytest.fixture(autouse=True)
def _robust_settings(settings):
    # Letters encrypt denouncers' identities; without a key the app refuses to start them.
    settings.DANVAN_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    cache.clear()


@dataclass
class World:
    """Real values for path parameters, keyed by the URL template prefix and parameter name."""

    real: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    def add(self, prefix: str, name: str, *values: Any) -> None:
        self.real.setdefault((prefix, name), []).extend(str(v) for v in values)

    def for_route(self, template: str) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for (prefix, name), values in self.real.items():
            if template.startswith(prefix):
                out.setdefault(name, []).extend(values)
        return out


@pytest.fixture
def world(unit_a, unit_b, officer_a, officer_b, province_viewer) -> World:
    w = World()
    village = VillageFactory(unit=unit_a, name="Thôn Nà Pán")
    token, _plain = api_token_create(user=officer_a, label="robustness")
    # A third officer of A whose role the walk may delete without disarming officer_a.
    dora = make_officer("dora", unit=unit_a, roles=[Role.SPECIALIST])
    membership = dora.memberships.first()
    w.add("dia-ban/", "code", unit_a.code, unit_a.province.code)
    w.add("dia-ban/thon/", "pk", village.pk)
    w.add("tai-khoan/can-bo/", "code", unit_a.code)
    w.add("tai-khoan/khoa-api/", "pk", token.pk)
    w.add("tai-khoan/can-bo/", "pk", membership.pk)
    w.add("thoi-han/lich/", "year", 2026)
    w.add("danh-gia/cong-khai/", "province_code", unit_a.province.code)
    w.add("danh-gia/cong-khai/", "year", 2025)
    w.add("don-thu/cong-khai/", "unit_code", unit_a.code)
    w.add("api/v1/", "code", unit_a.code, unit_a.province.code)
    w.add("ho-so-viec/", "action", "pause", "resume", "extend", "close", "assign", "hand_on")
    w.add(
        "mot-cua/ho-so/",
        "action",
        "yeu-cau-bo-sung",
        "nhan-bo-sung",
        "chuyen",
        "co-ket-qua",
        "tra-ket-qua",
        "xin-loi",
    )
    w.add("mot-cua/ho-so/", "fmt", "pdf", "docx")
    w.add("don-thu/don/", "fmt", "pdf", "docx")

    def letter():  # type: ignore[no-untyped-def]
        from danvan.letters.services.intake import LetterInput, Sender, letter_receive

        return letter_receive(
            data=LetterInput(
                unit=unit_a,
                kind="complaint",
                content="Khiếu nại quyết định thu hồi đất của UBND xã.",
                channel="desk",
                sender=Sender(name="Nguyễn Văn Dân", phone="0987000111", address="Thôn Nà Pán"),
                received_at=datetime(2026, 1, 27, 9, tzinfo=VN),
            ),
            actor=officer_a,
        )

    def split_part():  # type: ignore[no-untyped-def]
        from danvan.letters.services.decisions import DecisionInput, Part, letter_decide
        from danvan.letters.services.intake import LetterInput, Sender, letter_receive

        mixed = letter_receive(
            data=LetterInput(
                unit=unit_a,
                kind="mixed",
                content="Tôi là Lò Văn Tách, phản ánh đèn hỏng và tố cáo trưởng thôn thu tiền.",
                channel="desk",
                sender=Sender(name="Lò Văn Tách", phone="0987000333", address="Bản Tách"),
                received_at=datetime(2026, 1, 27, 9, tzinfo=VN),
            ),
            actor=officer_a,
        )
        mixed = letter_decide(
            letter=mixed,
            actor=officer_a,
            data=DecisionInput(
                decision="split",
                at=datetime(2026, 1, 28, 9, tzinfo=VN),
                parts=[
                    Part("reflection", "Phản ánh đèn đường ở bản bị hỏng."),
                    Part("denunciation", "Tố cáo trưởng thôn thu tiền sai quy định."),
                ],
            ),
        )
        return mixed.parts.get(kind="reflection")

    def register_denunciation():  # type: ignore[no-untyped-def]
        from datetime import date

        from danvan.letters.services.reception import EntryInput, entry_record

        return entry_record(
            data=EntryInput(
                unit=unit_a,
                day=date(2026, 10, 8),
                content="Bà Lê Thị Sổ (0933444555) tố cáo trưởng thôn thu quỹ trái phép.",
                kind="denunciation",
                visitor_name="Lê Thị Sổ",
                visitor_phone="0933444555",
            ),
            actor=officer_a,
        )

    def dossier():  # type: ignore[no-untyped-def]
        from danvan.dossiers.models import Procedure
        from danvan.dossiers.services import dossier_receive

        procedure = Procedure.objects.create(
            code="1.001193",
            name="Đăng ký khai sinh",
            field="Hộ tịch",
            processing_days=3,
            fees="Miễn lệ phí",
            required_documents=["Tờ khai"],
            legal_basis="Luật Hộ tịch 2014",
            online="full",
        )
        return procedure, dossier_receive(
            unit=unit_a,
            procedure=procedure,
            actor=officer_a,
            applicant_name="Nguyễn Văn Đức",
            applicant_phone="0912345678",
            received_at=datetime(2026, 10, 5, 9, tzinfo=VN),
        )

    code = letter().case.code
    w.add("don-thu/don/", "code", code)
    w.add("ho-so-viec/", "code", code)
    w.add("tra-cuu/", "code", code)
    w.add("api/v1/letters/", "code", code)
    w.add("api/v1/track/", "code", code)
    # The protected paths (issue #11): a part split from a mixed letter, and an in-person
    # denunciation in the register.
    part = split_part()
    w.add("don-thu/don/", "code", part.code)
    w.add("ho-so-viec/", "code", part.code)
    w.add("api/v1/letters/", "code", part.code)
    w.add("don-thu/tiep-cong-dan/", "pk", register_denunciation().pk)
    procedure, d = dossier()
    w.add("mot-cua/ho-so/", "code", d.case.code)
    w.add("mot-cua/", "code", procedure.code)
    w.add("mot-cua/thiet-lap/", "code", unit_a.code)
    w.add("mot-cua/nhap-tu-tinh/", "code", unit_a.code)
    w.add("api/v1/dossiers/", "code", d.case.code)
    _kind_cases(w, unit_a, officer_a)
    from danvan.democracy.tests.world import add_to_world

    add_to_world(w, unit_a, village, officer_a)
    return w


def _kind_cases(w: World, unit: Any, actor: Any) -> None:
    """A real case of every kind a manifest declares (opened on its first rule), its code
    given to the case pages, the tracking page and the URL mounts of the kind's app: a new
    kind is walked with real objects without editing this file."""
    import secrets

    from danvan.cases.kinds import kinds
    from danvan.cases.services import case_open
    from danvan.core.registry import registries

    for manifest in kinds:
        if not manifest.rules:
            continue  # opened by its app above (a dossier: its procedure's rule)
        case = case_open(
            unit=unit,
            kind=manifest.key,
            code=f"RB-{manifest.key[:12]}-{secrets.token_hex(4)}".upper(),
            title=f"Việc loại {manifest.key}",
            rule_id=manifest.rules[0],
            received_at=datetime(2026, 10, 6, 9, tzinfo=VN),
            actor=actor,
        )
        for prefix in ("ho-so-viec/", "tra-cuu/", "api/v1/track/"):
            w.add(prefix, "code", case.code)
        for mount in registries.url_mounts:
            if mount.key == manifest.app or mount.key.startswith(f"{manifest.app}."):
                w.add(mount.prefix, "code", case.code)


@pytest.fixture
def cast(client_a, client_b, client_viewer) -> dict[str, Client]:
    """Anonymous, officer of A, officer of B, province viewer."""
    return {
        "anonymous": Client(),
        "officer_a": client_a,
        "officer_b": client_b,
        "province_viewer": client_viewer,
    }


@dataclass
class Failure:
    who: str
    method: str
    url: str
    status: int
    error: str

    def __str__(self) -> str:
        return f"{self.method} {self.url[:160]} as {self.who} → {self.status}\n{self.error}"


def hit(
    client: Client, who: str, method: str, url: str, **kwargs: Any
) -> tuple[Any, Failure | None]:
    """One request in its own savepoint; a server error becomes a ``Failure``, not a raise.

    The savepoint matters on PostgreSQL: a failed statement aborts the whole test
    transaction, and every later request would then fail for a reason not its own.
    """
    cache.clear()  # rate limits would otherwise turn the walk into a wall of 429s
    try:
        with transaction.atomic():
            response = getattr(client, method)(url, **kwargs)
    except Exception as exc:  # noqa: BLE001 — an unhandled exception is exactly what we look for
        tb = traceback.extract_tb(exc.__traceback__)
        where = next((f for f in reversed(tb) if "/danvan/" in f.filename), tb[-1])
        return None, Failure(
            who,
            method.upper(),
            url,
            500,
            f"{type(exc).__name__}: {str(exc)[:300]} at {where.filename}:{where.lineno}",
        )
    if response.status_code >= 500:
        return response, Failure(
            who,
            method.upper(),
            url,
            response.status_code,
            response.content[:300].decode("utf-8", "replace"),
        )
    return response, None


def report(failures: list[Failure]) -> str:
    return f"{len(failures)} server errors:\n" + "\n\n".join(str(f) for f in failures[:40])
