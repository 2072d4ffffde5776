"""Residents supervise: the People's Inspection Board (members from the villages, never
commune officials) and Community Investment Supervision Boards (one per project). Their
recommendations are cases of kind ``inspection_recommendation`` that the People's Committee
answers within 15 days (``inspection.answer``, Art. 40)."""

from __future__ import annotations

import secrets
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.accounts.roles import PROVINCE_ROLES, Role
from danvan.accounts.selectors import officers_of_unit
from danvan.cases import services as case_services
from danvan.cases.models import CaseStatus
from danvan.core.services import audit_record
from danvan.democracy.categories import BoardKind
from danvan.democracy.models import Board, BoardMember, Recommendation
from danvan.democracy.services.common import SUPERVISION_ROLES, aware, one_line, require
from danvan.democracy.services.errors import DemocracyError
from danvan.territory.models import Unit, Village

KIND = "inspection_recommendation"
RULE = "inspection.answer"
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
# Roles a board member may hold in the commune (residents' own bodies); any other commune
# membership makes the person a commune official.
NON_OFFICIAL_ROLES = {Role.INSPECTION_BOARD, Role.VILLAGE_HEAD, Role.FRONT}


def _check_term(term_start: Any, term_end: Any) -> None:
    if not isinstance(term_start, date) or not isinstance(term_end, date):
        raise DemocracyError("bad_term", _("Cần nhiệm kỳ từ ngày… đến ngày…."), "term_start")
    if term_end <= term_start:
        raise DemocracyError("bad_term", _("Nhiệm kỳ phải kết thúc sau khi bắt đầu."), "term_end")


def board_create(
    *,
    actor: Any,
    unit: Unit,
    kind: str,
    name: str,
    term_start: date,
    term_end: date,
    project: str = "",
) -> Board:
    require(actor, unit, SUPERVISION_ROLES)
    if kind not in BoardKind.values:
        raise DemocracyError("bad_kind", _("Loại ban không hợp lệ."), "kind")
    name, project = one_line(name, 200), one_line(project, 300)
    if not name:
        raise DemocracyError("name_required", _("Cần nhập tên ban."), "name")
    if kind == BoardKind.INVESTMENT and not project:
        raise DemocracyError(
            "project_required", _("Ban Giám sát đầu tư gắn với một dự án."), "project"
        )
    _check_term(term_start, term_end)
    # casefold in Python: SQLite's iexact folds ASCII only ("Đường" vs "đường").
    taken = Board.objects.filter(unit=unit, kind=BoardKind.INVESTMENT).values_list(
        "project", flat=True
    )
    if kind == BoardKind.INVESTMENT and project.casefold() in {p.casefold() for p in taken}:
        raise DemocracyError(
            "project_has_board", _("Dự án này đã có Ban Giám sát đầu tư."), "project"
        )
    with transaction.atomic():
        board = Board.objects.create(
            unit=unit,
            kind=kind,
            name=name,
            project=project,
            term_start=term_start,
            term_end=term_end,
        )
        audit_record(actor=actor, action="democracy.board.create", obj=board, unit_code=unit.code)
    return board


def _is_commune_official(unit: Unit, name: str) -> bool:
    """Whether an officer account of the commune bears this name (a commune official)."""
    folded = name.casefold()
    official = [r for r in Role.values if r not in NON_OFFICIAL_ROLES | set(PROVINCE_ROLES)]
    users = officers_of_unit(unit, *official)
    return any(
        folded in {(u.get_full_name() or "").casefold(), u.get_username().casefold()} for u in users
    )


def board_member_add(
    *,
    actor: Any,
    board: Board,
    village: Village,
    name: str,
    term_start: date,
    term_end: date,
    is_commune_official: bool,
    position: str = "",
    occupation: str = "",
) -> BoardMember:
    """Add a member. Commune officials are refused (Law 10/2022: the board is the residents'
    own): declared on the form, and checked against the commune's officer accounts."""
    require(actor, board.unit, SUPERVISION_ROLES)
    name = one_line(name, 150)
    if not name:
        raise DemocracyError("name_required", _("Cần nhập họ và tên."), "name")
    if village.unit_id != board.unit_id:
        raise DemocracyError("bad_village", _("Chọn thôn, tổ dân phố của xã."), "village")
    if is_commune_official or _is_commune_official(board.unit, name):
        raise DemocracyError(
            "commune_official",
            _(
                "Cán bộ, công chức xã không được là thành viên Ban (Luật Thực hiện dân chủ "
                "ở cơ sở)."
            ),
            "is_commune_official",
        )
    _check_term(term_start, term_end)
    with transaction.atomic():
        member = BoardMember.objects.create(
            unit=board.unit,
            board=board,
            village=village,
            name=name,
            position=one_line(position, 100),
            occupation=one_line(occupation, 200),
            term_start=term_start,
            term_end=term_end,
        )
        audit_record(
            actor=actor,
            action="democracy.board.member_add",
            obj=board,
            unit_code=board.unit.code,
            detail={"member": member.pk, "village": village.pk},
        )
    return member


def recommendation_receive(
    *,
    actor: Any,
    board: Board,
    title: str,
    content: str,
    received_at: datetime | None = None,
) -> Recommendation:
    """Record a board's recommendation and start its 15-day clock as a case."""
    require(actor, board.unit, SUPERVISION_ROLES)
    received_at = aware(received_at or timezone.now(), "received_at")
    title = one_line(title, 300)
    content = (content or "").strip()[:10000]
    if not title:
        raise DemocracyError("title_required", _("Cần nhập tiêu đề."), "title")
    if len(content) < 10:
        raise DemocracyError("content_required", _("Cần nhập nội dung kiến nghị."), "content")
    random_part = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    with transaction.atomic():
        case = case_services.case_open(
            unit=board.unit,
            kind=KIND,
            code=f"TTND-{board.unit.code}-{received_at:%y}-{random_part}",
            title=title,
            rule_id=RULE,
            received_at=received_at,
            actor=actor,
            channel="board",
            applicant_name=board.name,
        )
        recommendation = Recommendation.objects.create(
            unit=board.unit, board=board, case=case, title=title, content=content
        )
        audit_record(
            actor=actor,
            action="democracy.recommendation.receive",
            obj=recommendation,
            unit_code=board.unit.code,
            detail={"case": case.code},
        )
    return recommendation


def recommendation_answer(
    *, actor: Any, recommendation: Recommendation, answer: str, at: datetime | None = None
) -> Recommendation:
    require(actor, recommendation.unit, (Role.LEADER,))
    at = aware(at or timezone.now(), "at")
    answer = (answer or "").strip()[:10000]
    if len(answer) < 10:
        raise DemocracyError("answer_required", _("Cần nhập nội dung trả lời."), "answer")
    if recommendation.answer:
        raise DemocracyError("answered", _("Kiến nghị đã được trả lời."), status=409)
    with transaction.atomic():
        case_services.case_close(
            case=recommendation.case,
            actor=actor,
            status=CaseStatus.RESOLVED,
            at=at,
            public_note=str(_("UBND xã đã trả lời kiến nghị.")),
        )
        recommendation.answer = answer
        recommendation.save(update_fields=["answer", "updated_at"])
        audit_record(
            actor=actor,
            action="democracy.recommendation.answer",
            obj=recommendation,
            unit_code=recommendation.unit.code,
        )
    return recommendation
