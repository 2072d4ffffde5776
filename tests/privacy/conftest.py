"""The privacy audit's world: commune A holding every kind of record, seeded through each
app's services, and the people who must not see it (officer of B, the province viewer, an
officer of A who is neither leader nor assignee, an anonymous visitor)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.test import Client

from danvan.accounts.auth import api_token_create
from danvan.accounts.roles import Role
from danvan.core.localtime import LOCAL_TZ as VN
from danvan.testing.factories import make_officer

KEY = Fernet.generate_key().decode()

# The denouncer (letter) and the in-person denouncer (register entry): these strings must
# appear in no response body, file or log line, except through the audited reading.
DENOUNCER_NAME = "Nguyễn Văn Tố Giác"
DENOUNCER_PHONE = "0912345678"
VISITOR_NAME = "Lê Thị Tiếp Dân"
VISITOR_PHONE = "0933444555"
# Where the denouncers live, written by them inside their own text (issue #11, item 3).
DENOUNCER_ADDRESS = "Xóm Khe Giấu Kín"
VISITOR_ADDRESS = "Bản Lũng Tiếp Dân"
# The sender of a mixed letter split into a reflection, a complaint and a denunciation.
SPLIT_NAME = "Vũ Thị Tách Đơn"
SPLIT_PHONE = "0944555666"
SPLIT_ADDRESS = "Xóm Suối Tách Rời"
PROTECTED = (
    DENOUNCER_NAME,
    DENOUNCER_PHONE,
    DENOUNCER_ADDRESS,
    VISITOR_NAME,
    VISITOR_PHONE,
    VISITOR_ADDRESS,
    SPLIT_NAME,
    SPLIT_PHONE,
    SPLIT_ADDRESS,
)
# A's ordinary (non-protected) personal data: fine for A's officers, never for B's.
APPLICANT_NAME = "Trần Thị Hồ Sơ"
APPLICANT_PHONE = "0977111222"
COMPLAINANT_NAME = "Phạm Văn Khiếu"
PETITIONER_NAME = "Đỗ Thị Kiến"
VILLAGE_NAME = "Thôn Bí Ẩn Nà Làng"
# Visitors of the register's other kinds (complaint, petition, reflection).
ENTRY_VISITORS = {
    "complaint": "Hà Văn Sổ Một",
    "petition": "Hà Thị Sổ Hai",
    "reflection": "Hà Văn Sổ Ba",
}
A_PRIVATE = (
    APPLICANT_NAME,
    APPLICANT_PHONE,
    COMPLAINANT_NAME,
    PETITIONER_NAME,
    *ENTRY_VISITORS.values(),
)


def vn(*args: int) -> datetime:
    return datetime(*args, tzinfo=VN)


@pytest.fixture(autouse=True)
def _privacy_settings(settings):
    from django.core.cache import cache

    cache.clear()
    settings.DANVAN_ENCRYPTION_KEYS = [KEY]
    settings.DANVAN_PUBLIC_FORM_MIN_SECONDS = 0


@pytest.fixture
def clerk_a(unit_a):
    """Officer of A with working roles but neither leader nor assignee."""
    return make_officer("dora", unit=unit_a, roles=[Role.ONE_STOP, Role.SPECIALIST])


@pytest.fixture
def one_stop_a(unit_a):
    return make_officer("olga", unit=unit_a, roles=[Role.ONE_STOP])


@pytest.fixture
def assignee_a(unit_a):
    return make_officer("eve", unit=unit_a, roles=[Role.SPECIALIST])


@pytest.fixture
def admin_a(unit_a):
    return make_officer("adam", unit=unit_a, roles=[Role.ADMIN])


def login(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def front_a(unit_a):
    return make_officer("fred", unit=unit_a, roles=[Role.FRONT])


@pytest.fixture
def village_head_a(unit_a):
    return make_officer("vinh", unit=unit_a, roles=[Role.VILLAGE_HEAD])


@dataclass
class World:
    unit_a: Any
    unit_b: Any
    dossier: Any
    complaint: Any
    petition: Any
    denunciation: Any
    entry: Any
    village: Any
    b_letter: Any
    mixed: Any = None
    parts: tuple[Any, ...] = ()
    entries: tuple[Any, ...] = ()


@pytest.fixture
def world(unit_a, unit_b, officer_a, officer_b, assignee_a) -> World:
    from danvan.cases.services import case_assign
    from danvan.dossiers.models import Procedure
    from danvan.dossiers.services import dossier_receive, dossier_result_ready
    from danvan.letters.services.decisions import DecisionInput, Part, letter_decide
    from danvan.letters.services.intake import LetterInput, Sender, letter_receive
    from danvan.letters.services.reception import EntryInput, entry_record
    from danvan.territory.services import village_create

    procedure = Procedure.objects.create(
        code="1.001193",
        name="Đăng ký khai sinh",
        field="Hộ tịch",
        processing_days=3,
        fees="Miễn lệ phí",
        required_documents=["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"],
        legal_basis="Luật Hộ tịch 2014",
        online="full",
    )
    dossier = dossier_receive(
        unit=unit_a,
        procedure=procedure,
        actor=officer_a,
        applicant_name=APPLICANT_NAME,
        applicant_phone=APPLICANT_PHONE,
        received_at=vn(2026, 10, 5, 9, 0),
    )
    dossier = dossier_result_ready(dossier=dossier, actor=officer_a, at=vn(2026, 10, 7, 9, 0))

    def letter(unit, kind, content, name, phone, actor, address="Thôn Nà Pán"):
        return letter_receive(
            data=LetterInput(
                unit=unit,
                kind=kind,
                content=content,
                channel="desk",
                sender=Sender(name=name, phone=phone, address=address),
                received_at=vn(2026, 10, 6, 9, 0),
            ),
            actor=actor,
        )

    complaint = letter(
        unit_a,
        "complaint",
        "Khiếu nại quyết định thu hồi đất của UBND xã đối với thửa đất số 12.",
        COMPLAINANT_NAME,
        "0966000111",
        officer_a,
    )
    petition = letter(
        unit_a,
        "petition",
        "Kiến nghị sửa chữa đường liên thôn bị sạt lở sau mưa lớn.",
        PETITIONER_NAME,
        "0966000222",
        officer_a,
    )
    denunciation = letter(
        unit_a,
        "denunciation",
        f"Tôi là {DENOUNCER_NAME}, ở {DENOUNCER_ADDRESS.lower()}, SĐT {DENOUNCER_PHONE}, "
        "tố cáo cán bộ địa chính thu tiền sai quy định khi cấp giấy chứng nhận.",
        DENOUNCER_NAME,
        DENOUNCER_PHONE,
        officer_a,
        address=f"{DENOUNCER_ADDRESS}, xã Bình Yên",
    )
    case_assign(case=denunciation.case, actor=officer_a, assignee=assignee_a)
    entry = entry_record(
        data=EntryInput(
            unit=unit_a,
            day=date(2026, 10, 8),
            # The visitor says who they are; the officer writes it down as said.
            content=f"Tố cáo trưởng thôn thu quỹ trái phép. Người tố cáo: {VISITOR_NAME}, "
            f"{VISITOR_ADDRESS}, điện thoại {VISITOR_PHONE}.",
            kind="denunciation",
            visitor_name=VISITOR_NAME,
            visitor_phone=VISITOR_PHONE,
            visitor_address=VISITOR_ADDRESS,
            notes=f"Bà {VISITOR_NAME} xin giữ bí mật.",
        ),
        actor=officer_a,
    )
    others = tuple(
        entry_record(
            data=EntryInput(
                unit=unit_a,
                day=date(2026, 10, 8),
                content=f"Công dân {visitor} trình bày việc {kind} về đất đai ở thôn.",
                kind=kind,
                visitor_name=visitor,
                visitor_phone="0966000999",
                visitor_address="Thôn Nà Pán",
            ),
            actor=officer_a,
        )
        for kind, visitor in ENTRY_VISITORS.items()
    )
    # A mixed letter whose sender names themself, split by the leader into three parts; the
    # leader's own wording of the parts names the sender again.
    mixed = letter(
        unit_a,
        "mixed",
        f"Tôi là {SPLIT_NAME}, nhà ở {SPLIT_ADDRESS}, điện thoại {SPLIT_PHONE}. Đèn đường "
        "hỏng đã lâu; tôi khiếu nại việc thu phí vệ sinh và tố cáo trưởng thôn thu tiền.",
        SPLIT_NAME,
        SPLIT_PHONE,
        officer_a,
        address=SPLIT_ADDRESS,
    )
    mixed = letter_decide(
        letter=mixed,
        actor=officer_a,
        data=DecisionInput(
            decision="split",
            at=vn(2026, 10, 7, 9, 0),
            parts=[
                Part("reflection", f"Bà {SPLIT_NAME} ({SPLIT_PHONE}) phản ánh đèn đường hỏng."),
                Part("complaint", f"{SPLIT_NAME} ở {SPLIT_ADDRESS} khiếu nại phí vệ sinh."),
                Part("denunciation", "Tố cáo trưởng thôn thu tiền trái quy định."),
            ],
        ),
    )
    parts = tuple(mixed.parts.select_related("case").order_by("kind"))
    village = village_create(actor=officer_a, unit=unit_a, name=VILLAGE_NAME, households=80)
    b_letter = letter(
        unit_b,
        "petition",
        "Kiến nghị của xã B về chiếu sáng công cộng ở đường trục xã.",
        "Người Dân Xã B",
        "0955000333",
        officer_b,
    )
    return World(
        unit_a=unit_a,
        unit_b=unit_b,
        dossier=dossier,
        complaint=complaint,
        petition=petition,
        denunciation=denunciation,
        entry=entry,
        village=village,
        b_letter=b_letter,
        mixed=mixed,
        parts=parts,
        entries=(entry, *others),
    )


def token_for(user: Any) -> str:
    _token, plaintext = api_token_create(user=user, label="audit")
    return plaintext


def text_of(response: Any) -> str:
    """Every readable character of a response: HTML/JSON/XML as text, DOCX paragraphs and
    tables, XLSX cells, PDF text."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    ctype = response.get("Content-Type", "")
    if "wordprocessingml" in ctype:
        import docx

        doc = docx.Document(BytesIO(body))
        parts = [p.text for p in doc.paragraphs]
        for table in doc.tables:
            parts += [cell.text for row in table.rows for cell in row.cells]
        for section in doc.sections:
            parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
        return "\n".join(parts)
    if "spreadsheetml" in ctype:
        from openpyxl import load_workbook

        wb = load_workbook(BytesIO(body), read_only=True)
        return "\n".join(
            str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row
        )
    if "pdf" in ctype:
        # pypdf (a test requirement) rather than poppler's pdftotext: no system package needed.
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(BytesIO(body)).pages)
    return body.decode("utf-8", errors="replace")


# Same shape as the searched strings, matching nothing: the baseline of an echoed query.
DUMMY = "Zzqxwvzzqxwvzzqxwvzzqxwvzzqxwv"
