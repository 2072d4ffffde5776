"""The English catalogues: complete, checked, and one English per (context, msgid).

Django merges every app's catalogue into one: when two apps translate the same Vietnamese
msgid (with the same context) differently, only one wins and the other page shows the wrong
English. Same Vietnamese word, different meaning (a timeline step "Received" against a button
"Receive") needs a context; see docs/i18n.md.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.urls import reverse

from danvan.testing.language import english

DANVAN = Path(settings.BASE_DIR) / "danvan"
CATALOGUES = sorted(DANVAN.glob("**/locale/en/LC_MESSAGES/django.po"))
VN = ZoneInfo("Asia/Ho_Chi_Minh")
KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (".*")$')
QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')


@dataclass(frozen=True)
class Entry:
    catalogue: str
    context: str | None
    msgid: str
    msgstrs: tuple[str, ...]
    fuzzy: bool


def _text(parts: list[str]) -> str:
    return "".join(QUOTED.findall("\n".join(parts)))


def parse_po(path: Path) -> list[Entry]:
    """The live entries of a .po file (the header and obsolete ``#~`` entries left out)."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, list[str]] = {}
        current = None
        fuzzy = False
        for line in block.splitlines():
            if line.startswith("#"):
                fuzzy = fuzzy or (line.startswith("#,") and "fuzzy" in line)
                current = None
                continue
            match = KEYWORD.match(line)
            if match:
                current = match.group(1)
                fields[current] = [match.group(2)]
            elif line.startswith('"') and current:
                fields[current].append(line)
        msgid = _text(fields.get("msgid", []))
        if not msgid:
            continue
        entries.append(
            Entry(
                catalogue=str(path.relative_to(DANVAN) if path.is_relative_to(DANVAN) else path),
                context=_text(fields["msgctxt"]) if "msgctxt" in fields else None,
                msgid=msgid,
                msgstrs=tuple(
                    _text(v) for k, v in sorted(fields.items()) if k.startswith("msgstr")
                ),
                fuzzy=fuzzy,
            )
        )
    return entries


ENTRIES = [entry for path in CATALOGUES for entry in parse_po(path)]


def test_every_app_catalogue_is_found():
    names = {entry.catalogue.split("/")[0] for entry in ENTRIES}
    assert {"locale", "cases", "dossiers", "letters", "deadlines", "territory"} <= names


def test_parser_reads_contexts_and_multiline_entries(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain\\n"\n\n'
        '#, fuzzy\nmsgctxt "action"\nmsgid "Tiếp nhận"\nmsgstr "Receive"\n\n'
        'msgid ""\n"Dòng một "\n"dòng hai"\nmsgstr ""\n',
        encoding="utf-8",
    )
    first, second = parse_po(po)
    assert (first.context, first.msgid, first.msgstrs, first.fuzzy) == (
        "action",
        "Tiếp nhận",
        ("Receive",),
        True,
    )
    assert (second.context, second.msgid, second.msgstrs) == (None, "Dòng một dòng hai", ("",))


def test_no_empty_translation():
    empty = [(e.catalogue, e.context, e.msgid) for e in ENTRIES if not all(e.msgstrs)]
    assert empty == []


def test_no_fuzzy_entry():
    # gettext ignores fuzzy entries: the page would silently show Vietnamese.
    assert [(e.catalogue, e.context, e.msgid) for e in ENTRIES if e.fuzzy] == []
    # The header too (makemessages marks a new catalogue's header fuzzy).
    fuzzy_files = [
        str(path.relative_to(DANVAN))
        for path in CATALOGUES
        if any(line.startswith("#,") and "fuzzy" in line for line in path.read_text().splitlines())
    ]
    assert fuzzy_files == []


def test_one_english_per_msgid_and_context():
    seen: dict[tuple[str | None, str], dict[tuple[str, ...], list[str]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for e in ENTRIES:
        seen[(e.context, e.msgid)][e.msgstrs].append(e.catalogue)
    conflicts = {key: dict(value) for key, value in seen.items() if len(value) > 1}
    assert conflicts == {}


# Rendered pages: the ambiguous words in the places that once showed the wrong English.


@pytest.fixture
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def procedure(db):
    from danvan.dossiers.models import Procedure

    return Procedure.objects.create(
        code="1.001193",
        name="Đăng ký khai sinh",
        field="Hộ tịch",
        processing_days=3,
        fees="Miễn lệ phí",
        required_documents=["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"],
        legal_basis="Luật Hộ tịch 2014",
        online="full",
    )


@pytest.fixture
def dossier(officer_a, unit_a, procedure):
    from danvan.dossiers.services import dossier_receive

    return dossier_receive(
        unit=unit_a,
        procedure=procedure,
        actor=officer_a,
        applicant_name="Nguyễn Văn Đức",
        applicant_phone="0912345678",
        received_at=datetime(2026, 10, 5, 9, 0, tzinfo=VN),
    )


@pytest.mark.django_db
def test_case_page_timeline_says_received_and_buttons_say_assign(client_a, unit_a, officer_a):
    from danvan.cases.models import CaseKind
    from danvan.cases.services import case_open

    case = case_open(
        unit=unit_a,
        kind=CaseKind.REFLECTION,
        code="T-99001-000001",
        title="Đèn đường thôn 3 hỏng",
        rule_id="letter.process",
        received_at=datetime(2026, 3, 2, 9, 0, tzinfo=VN),
        actor=None,
        applicant_name="Nguyễn Thị Hoa",
        applicant_phone="0912345678",
        applicant_address="Thôn 3",
        secret="ABCD2345",
    )
    html = english(client_a).get(reverse("cases:detail", args=[case.code])).content.decode()
    # The timeline step is a past event, the action a verb.
    assert "<strong>Received</strong>" in html and "<strong>Receive</strong>" not in html
    assert "Processing steps" in html
    assert re.search(r"<summary>\s*Assign\s*</summary>", html)
    assert not re.search(r"<summary>\s*Assigned\s*</summary>", html)
    assert re.search(r"<summary>\s*Extend\s*</summary>", html)
    assert not re.search(r"<summary>\s*Extended\s*</summary>", html)


@pytest.mark.django_db
def test_reception_button_says_receive(client_a, procedure, _fast_passwords):
    html = english(client_a).get(reverse("dossiers:receive"), {"procedure": procedure.code})
    text = html.content.decode()
    assert html.status_code == 200
    assert re.search(r'<button type="submit" class="button">\s*Receive\s*</button>', text)


@pytest.mark.django_db
def test_dossier_page_action_and_timeline(client_a, dossier):
    text = (
        english(client_a).get(reverse("dossiers:detail", args=[dossier.case.code])).content.decode()
    )
    # The button asks for a supplement; the timeline records that one was asked for.
    assert re.search(r"<button[^>]*>\s*Request a supplement\s*</button>", text)
    assert "<strong>Received</strong>" in text or ">Received<" in text
    assert "<dt>Stage</dt>" in text
    home = english(client_a).get(reverse("dossiers:home")).content.decode()
    assert "<th>Received</th>" in home and "<th>Receive</th>" not in home


@pytest.mark.django_db
def test_deadline_rules_page_title_and_columns(client_a):
    text = english(client_a).get(reverse("deadlines:rules")).content.decode()
    assert re.search(r"<title>\s*Deadline rules", text)
    assert '<th scope="col">Deadline</th>' in text and '<th scope="col">Basis</th>' in text


@pytest.mark.django_db
def test_denunciation_page_extend_button_and_acceptance_date(client_a, officer_a, unit_a, settings):
    from cryptography.fernet import Fernet

    from danvan.letters.services.decisions import DecisionInput, letter_decide
    from danvan.letters.services.intake import LetterInput, Sender, letter_receive

    settings.DANVAN_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    letter = letter_receive(
        data=LetterInput(
            unit=unit_a,
            kind="denunciation",
            content="Tố cáo cán bộ địa chính thu tiền sai quy định khi cấp giấy chứng nhận.",
            channel="desk",
            sender=Sender(name="Hoàng Thị Lan", phone="0912345678", address="Thôn Nà Pán"),
            received_at=datetime(2026, 1, 27, 9, 0, tzinfo=VN),
        ),
        actor=officer_a,
    )
    letter = letter_decide(
        letter=letter,
        actor=officer_a,
        data=DecisionInput(decision="accepted", at=datetime(2026, 2, 2, 9, 0, tzinfo=VN)),
    )
    html = (
        english(client_a).get(reverse("letters:detail", args=[letter.case.code])).content.decode()
    )
    assert re.search(r'<button class="button" type="submit">\s*Extend\s*</button>', html)
    assert "<dt>Accepted for handling</dt>" in html
    assert "<dt>Number of extensions</dt>" in html
