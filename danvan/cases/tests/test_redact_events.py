"""Hiding a person in the free text of a case's past events: only the notes the redaction
changes are rewritten, the clock's facts stay, all or nothing, and the log keeps a count."""

from __future__ import annotations

import json

import pytest
from django.db import connection

from danvan.cases import services
from danvan.cases.clockstate import replay
from danvan.cases.models import CaseEvent, CaseEventKind, CaseStatus
from danvan.cases.services import case_redact_events
from danvan.cases.tests.conftest import at, open_case
from danvan.core.models import AuditEntry

pytestmark = pytest.mark.django_db

PERSON, PHONE = "Nguyễn Thị Hoa", "0912345678"


def _hide(text: str) -> str:
    return text.replace(PERSON, "[ẩn]").replace(PHONE, "[ẩn]")


def _raw_events() -> str:
    """The events' notes and data as stored, read with a cursor (no model in between). SQLite
    keeps JSON as text with ``\\u`` escapes: it is read back as the text it holds."""
    table = connection.ops.quote_name(CaseEvent._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT note, data FROM {table}")  # noqa: S608 (a table name, no input)
        rows = cursor.fetchall()
    return " ".join(
        f"{note} {json.dumps(json.loads(data) if isinstance(data, str) else data, ensure_ascii=False)}"
        for note, data in rows
    )


def _timeline(case, officer_a):  # type: ignore[no-untyped-def]
    """A case whose officers named the person in an assignment, a hand-on and a pause."""
    services.case_assign(
        case=case, actor=officer_a, assignee=officer_a, note=f"Bà {PERSON} gọi ({PHONE})"
    )
    services.case_hand_on(
        case=case, actor=officer_a, to_department="Địa chính", note=f"Gọi lại cho {PERSON}"
    )
    services.case_pause(
        case=case, actor=officer_a, at=at(2026, 3, 4), reason=f"Chờ {PERSON} nộp bản sao"
    )
    services.case_resume(case=case, actor=officer_a, at=at(2026, 3, 5), note="Đã đủ")


def test_rewrites_only_the_changed_free_text(unit_a, officer_a):
    case = open_case(unit_a, actor=officer_a)
    _timeline(case, officer_a)
    assert PERSON in _raw_events() and PHONE in _raw_events()
    before = {e.pk: (e.kind, e.at, e.public, e.actor_id, e.data) for e in case.events.all()}
    due_before = replay(case).compute().due

    assert case_redact_events(case=case, actor=officer_a, redact=_hide) == 3

    raw = _raw_events()
    assert PERSON not in raw and PHONE not in raw
    events = {e.kind: e for e in case.events.all()}
    assert events[CaseEventKind.ASSIGNED].data["internal_note"] == "Bà [ẩn] gọi ([ẩn])"
    assert events[CaseEventKind.HANDED_ON].data["internal_note"] == "Gọi lại cho [ẩn]"
    assert events[CaseEventKind.CLOCK_PAUSED].note == "Chờ [ẩn] nộp bản sao"
    assert events[CaseEventKind.CLOCK_RESUMED].note == "Đã đủ"  # not named: untouched
    for event in case.events.all():
        kind, when, public, actor_id, data = before[event.pk]
        assert (event.kind, event.at, event.public, event.actor_id) == (
            kind,
            when,
            public,
            actor_id,
        )
        # Everything but the officer's note is as it was: the clock replays the same.
        rest = {k: v for k, v in event.data.items() if k != "internal_note"}
        assert rest == {k: v for k, v in data.items() if k != "internal_note"}
    assert replay(case).compute().due == due_before
    entry = AuditEntry.objects.get(action="cases.redact_events")
    assert entry.detail == {"events": 3} and entry.object_repr == case.code
    assert entry.actor == officer_a and entry.unit_code == unit_a.code
    logged = " ".join(f"{e.detail} {e.object_repr}" for e in AuditEntry.objects.all())
    assert PERSON not in logged and PHONE not in logged


def test_closed_case_too_and_nothing_to_hide(unit_a, officer_a):
    case = open_case(unit_a, actor=officer_a)
    services.case_close(
        case=case,
        actor=officer_a,
        status=CaseStatus.RESOLVED,
        at=at(2026, 3, 6),
        note=f"Đã trả lời {PERSON}",
    )
    assert case_redact_events(case=case, actor=officer_a, redact=_hide) == 1
    assert PERSON not in _raw_events()
    # A second pass finds nothing more: no event rewritten, the pass still logged.
    assert case_redact_events(case=case, actor=officer_a, redact=_hide) == 0
    counts = AuditEntry.objects.filter(action="cases.redact_events").values_list(
        "detail", flat=True
    )
    assert sorted(d["events"] for d in counts) == [0, 1]


def test_all_or_nothing(unit_a, officer_a):
    case = open_case(unit_a, actor=officer_a)
    _timeline(case, officer_a)
    seen = []

    def failing(text: str) -> str:
        seen.append(text)
        if len(seen) == 3:
            raise RuntimeError("the redaction failed half-way")
        return _hide(text)

    with pytest.raises(RuntimeError):
        case_redact_events(case=case, actor=officer_a, redact=failing)
    assert PERSON in _raw_events()
    assert not AuditEntry.objects.filter(action="cases.redact_events").exists()


def test_the_timeline_stays_append_only_otherwise(unit_a, officer_a):
    case = open_case(unit_a, actor=officer_a)
    event = case.events.get()
    event.note = "rewritten"
    with pytest.raises(PermissionError):
        event.save()
    # The other case's events are not read, let alone rewritten.
    other = open_case(unit_a, actor=officer_a)
    services.case_assign(case=other, actor=officer_a, assignee=officer_a, note=PERSON)
    assert case_redact_events(case=case, actor=officer_a, redact=_hide) == 0
    assert other.events.get(kind=CaseEventKind.ASSIGNED).data["internal_note"] == PERSON
