"""Residents decide (Art. 15): a decision is created with its notice, households vote while it
is open (one current vote each), the result is computed over ALL households of the village,
reported within 5 working days and recognised or refused within 5 more."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.localtime import local_date
from danvan.core.services import audit_record
from danvan.deadlines.clock import compute_due
from danvan.democracy.categories import (
    COMMUNE_THRESHOLD,
    THRESHOLD_OF,
    Choice,
    DecisionCategory,
    DecisionForm,
    VoteChannel,
)
from danvan.democracy.models import Decision, Household, Vote
from danvan.democracy.services.common import (
    ORGANISER_ROLES,
    VILLAGE_ROLES,
    aware,
    one_line,
    require,
)
from danvan.democracy.services.errors import DemocracyError
from danvan.democracy.services.households import code_valid_for
from danvan.democracy.thresholds import Threshold, threshold_for
from danvan.territory.models import Unit, Village

RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _existing_decision(key: str | None) -> Decision | None:
    return Decision.objects.filter(idempotency_key=key).first() if key else None


def decision_create(
    *,
    actor: Any,
    unit: Unit,
    village: Village | None,
    scope: str,
    category: str,
    form: str,
    title: str,
    opens: datetime,
    closes: datetime,
    description: str = "",
    noticed_at: datetime | None = None,
    idempotency_key: str | None = None,
) -> Decision:
    require(actor, unit, ORGANISER_ROLES)
    found = _existing_decision(idempotency_key)
    if found is not None:
        if found.unit_id != unit.pk:
            raise DemocracyError("key_reused", _("Mã chống gửi trùng đã được dùng."))
        return found
    title = one_line(title, 300)
    _check_decision(unit, village, scope, category, form, title, opens, closes)
    noticed_at = noticed_at or timezone.now()
    notice = compute_due("democracy.decision.notice", opens)
    latest_notice = notice.due
    if local_date(noticed_at) > latest_notice:
        raise DemocracyError(
            "notice_too_late",
            _(
                "Phải thông báo ít nhất %(n)d ngày trước khi bắt đầu: thông báo chậm nhất ngày "
                "%(day)s (%(citation)s)."
            )
            % {
                "n": notice.rule.amount,
                "day": latest_notice.strftime("%d/%m/%Y"),
                "citation": notice.rule.citation,
            },
            field="opens",
        )
    try:
        with transaction.atomic():
            decision = Decision.objects.create(
                unit=unit,
                village=village,
                scope=scope,
                category=category,
                form=form,
                title=title,
                description=(description or "")[:5000],
                noticed_at=noticed_at,
                opens=opens,
                closes=closes,
                created_by=actor,
                idempotency_key=idempotency_key,
            )
            audit_record(
                actor=actor,
                action="democracy.decision.create",
                obj=decision,
                unit_code=unit.code,
                detail={"category": category, "form": form, "scope": scope},
            )
    except IntegrityError:
        found = _existing_decision(idempotency_key)
        if found is None:
            raise
        return found
    return decision


def _check_decision(
    unit: Unit,
    village: Village | None,
    scope: str,
    category: str,
    form: str,
    title: str,
    opens: datetime,
    closes: datetime,
) -> None:
    if category not in DecisionCategory.values:
        raise DemocracyError("bad_category", _("Nội dung quyết định không hợp lệ."), "category")
    if form not in DecisionForm.values:
        raise DemocracyError("bad_form", _("Hình thức không hợp lệ."), "form")
    if not title:
        raise DemocracyError("title_required", _("Cần nhập tiêu đề."), "title")
    aware(opens, "opens")
    aware(closes, "closes")
    if closes <= opens:
        raise DemocracyError(
            "bad_period", _("Thời điểm kết thúc phải sau thời điểm bắt đầu."), "closes"
        )
    if scope == Decision.Scope.VILLAGE:
        if village is None or village.unit_id != unit.pk:
            raise DemocracyError("bad_village", _("Chọn thôn, tổ dân phố của xã."), "village")
    elif scope == Decision.Scope.COMMUNE:
        if village is not None:
            raise DemocracyError(
                "bad_village", _("Nội dung toàn xã không gắn với một thôn."), "village"
            )
        if category == DecisionCategory.VILLAGE_HEAD:
            raise DemocracyError("bad_scope", _("Bầu trưởng thôn là việc của từng thôn."), "scope")
    else:
        raise DemocracyError("bad_scope", _("Phạm vi không hợp lệ."), "scope")
    households = (
        Household.objects.filter(unit=unit)
        if scope == Decision.Scope.COMMUNE
        else Household.objects.filter(village=village)
    )
    if not households.exists():
        raise DemocracyError(
            "no_households",
            _("Chưa có danh sách hộ gia đình: hãy nhập danh sách hộ trước."),
            "village",
        )
    if form == DecisionForm.ONLINE:
        _check_online(unit, village, scope, category, opens)


def _check_online(
    unit: Unit, village: Village | None, scope: str, category: str, opens: datetime
) -> None:
    """Online voting: only for other self-managed matters (item 6), and only where more than
    half of the households agreed to vote online."""
    if category != DecisionCategory.SELF_MANAGED:
        raise DemocracyError(
            "online_not_allowed",
            _("Chỉ biểu quyết trực tuyến đối với công việc tự quản khác (Điều 15 khoản 6)."),
            "form",
        )
    consents = Decision.objects.filter(
        unit=unit,
        scope=scope,
        village=village,
        category=DecisionCategory.ONLINE_CONSENT,
        closes__lte=opens,
    ).order_by("-closes")
    if not any(decision_result(d)["passed"] for d in consents[:5]):
        raise DemocracyError(
            "no_online_consent",
            _("Chưa có hơn một nửa số hộ đồng ý biểu quyết trực tuyến."),
            "form",
        )


def decision_threshold(decision: Decision) -> Threshold:
    on = local_date(decision.opens)
    return threshold_for(THRESHOLD_OF[DecisionCategory(decision.category)], on)


def _tally(decision: Decision) -> dict[int, dict[str, int]]:
    rows = (
        Vote.objects.filter(decision=decision, current=True)
        .values("household__village_id")
        .annotate(
            votes=Count("id"),
            yes=Count("id", filter=Q(choice=Choice.YES)),
            no=Count("id", filter=Q(choice=Choice.NO)),
        )
    )
    return {
        r["household__village_id"]: {"votes": r["votes"], "yes": r["yes"], "no": r["no"]}
        for r in rows
    }


def decision_result(decision: Decision) -> dict[str, Any]:
    """Totals only (never who chose what). Frozen once reported."""
    if decision.final_result is not None:
        return dict(decision.final_result)
    threshold = decision_threshold(decision)
    tally = _tally(decision)
    if decision.scope == Decision.Scope.VILLAGE:
        total = Household.objects.filter(village_id=decision.village_id).count()
        t = tally.get(decision.village_id, {"votes": 0, "yes": 0, "no": 0})
        return {
            "households_total": total,
            "votes": t["votes"],
            "yes": t["yes"],
            "no": t["no"],
            "threshold": threshold.needed(total),
            "threshold_rule": threshold.id,
            "threshold_label": threshold.label,
            "passed": threshold.passes(t["yes"], total),
        }
    # Commune-wide: each village decides over its own households, and the matter passes
    # when enough villages agree.
    per_village = dict(
        Household.objects.filter(unit_id=decision.unit_id)
        .values_list("village_id")
        .annotate(n=Count("id"))
    )
    villages_passed = sum(
        1 for vid, n in per_village.items() if threshold.passes(tally.get(vid, {}).get("yes", 0), n)
    )
    commune = threshold_for(COMMUNE_THRESHOLD, local_date(decision.opens))
    villages_total = len(per_village)
    return {
        "households_total": sum(per_village.values()),
        "votes": sum(t["votes"] for t in tally.values()),
        "yes": sum(t["yes"] for t in tally.values()),
        "no": sum(t["no"] for t in tally.values()),
        "threshold": commune.needed(villages_total),
        "threshold_rule": commune.id,
        "threshold_label": commune.label,
        "villages_total": villages_total,
        "villages_passed": villages_passed,
        "passed": commune.passes(villages_passed, villages_total),
    }


def is_open(decision: Decision, at: datetime) -> bool:
    return decision.opens <= at < decision.closes


def _new_receipt() -> str:
    return "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(16))


@dataclass
class VoteInput:
    household: Household
    choice: str
    code: str = ""
    channel: str = ""
    at: datetime | None = None
    idempotency_key: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def vote_cast(*, decision: Decision, actor: Any, data: VoteInput) -> Vote:
    """Record a household's vote and return it with its new receipt.

    Without an officer (``actor`` None) the household votes online with its code; an officer
    of the commune enters a paper ballot or the meeting's minutes. A later vote of the same
    household while the decision is open replaces the earlier one; none after closing.
    """
    at = data.at or timezone.now()
    household = data.household
    if data.choice not in Choice.values:
        raise DemocracyError("bad_choice", _("Lựa chọn không hợp lệ."), "choice")
    in_scope = (
        household.village_id == decision.village_id
        if decision.scope == Decision.Scope.VILLAGE
        else household.unit_id == decision.unit_id
    )
    if not in_scope:
        raise DemocracyError(
            "bad_household", _("Hộ này không thuộc phạm vi biểu quyết."), "household"
        )
    channel = _check_voter(decision, actor, data)
    if at < decision.opens:
        raise DemocracyError("not_open", _("Chưa đến thời gian biểu quyết."), status=409)
    if at >= decision.closes:
        raise DemocracyError("closed", _("Đã hết thời gian biểu quyết."), status=409)
    key = data.idempotency_key
    if key:
        found = Vote.objects.filter(idempotency_key=key).first()
        if found is not None:
            if found.decision_id != decision.pk or found.household_id != household.pk:
                raise DemocracyError("key_reused", _("Mã chống gửi trùng đã được dùng."))
            return found
    try:
        return _record_vote(decision, household, data, actor, channel, at, key)
    except IntegrityError:
        # The same retried request (same key) committed first: its vote is the answer.
        found = Vote.objects.filter(idempotency_key=key).first() if key else None
        if found is None:
            raise
        return found


def _record_vote(
    decision: Decision,
    household: Household,
    data: VoteInput,
    actor: Any,
    channel: str,
    at: datetime,
    key: str | None,
) -> Vote:
    with transaction.atomic():
        # One household at a time: parallel votes queue on the household row, so exactly one
        # vote stays current (the partial unique index is the last guard).
        Household.objects.select_for_update().filter(pk=household.pk).first()
        replaced = list(
            Vote.objects.filter(decision=decision, household=household, current=True).values_list(
                "receipt", flat=True
            )
        )
        Vote.objects.filter(decision=decision, household=household, current=True).update(
            current=False, replaced_at=at
        )
        vote = Vote.objects.create(
            unit=decision.unit,
            decision=decision,
            household=household,
            choice=data.choice,
            channel=channel,
            receipt=_new_receipt(),
            recorded_at=at,
            recorded_by=actor if actor is not None else None,
            idempotency_key=key,
        )
        audit_record(
            actor=actor,
            action="democracy.vote.cast",
            obj=decision,
            unit_code=decision.unit.code,
            object_repr=f"{decision.pk}",
            detail={
                "household": household.pk,
                "choice": data.choice,
                "channel": channel,
                "receipt": vote.receipt,
                "replaces": replaced,
            },
        )
    return vote


def _check_voter(decision: Decision, actor: Any, data: VoteInput) -> str:
    if actor is None:
        if decision.form != DecisionForm.ONLINE:
            raise DemocracyError(
                "not_online",
                _("Nội dung này không biểu quyết trực tuyến."),
                status=403,
            )
        if not code_valid_for(data.household, decision.pk, data.code):
            raise DemocracyError("bad_code", _("Mã bỏ phiếu không đúng."), "code", status=403)
        return VoteChannel.ONLINE
    require(actor, decision.unit, VILLAGE_ROLES)
    if decision.form == DecisionForm.ONLINE:
        raise DemocracyError(
            "online_only",
            _("Biểu quyết trực tuyến: hộ tự bỏ phiếu bằng mã của hộ."),
            status=403,
        )
    return VoteChannel.MEETING if decision.form == DecisionForm.MEETING else VoteChannel.PAPER


def receipt_lookup(receipt: str) -> Vote | None:
    text = "".join(c for c in (receipt or "").upper() if c.isalnum())
    if len(text) != 16:
        return None
    return Vote.objects.select_related("decision", "household").filter(receipt=text).first()


def decision_report(*, decision: Decision, actor: Any, at: datetime | None = None) -> Decision:
    """Send the result (frozen) to the People's Committee and the Front; the recognition is
    then due within 5 working days."""
    require(actor, decision.unit, ORGANISER_ROLES)
    at = at or timezone.now()
    if at < decision.closes:
        raise DemocracyError("still_open", _("Biểu quyết chưa kết thúc."), status=409)
    if decision.reported_at is not None:
        raise DemocracyError("already_reported", _("Kết quả đã được gửi."), status=409)
    with transaction.atomic():
        locked = Decision.objects.select_for_update().get(pk=decision.pk)
        if locked.reported_at is not None:
            raise DemocracyError("already_reported", _("Kết quả đã được gửi."), status=409)
        locked.final_result = decision_result(locked)
        locked.reported_at = at
        locked.report_due = compute_due("democracy.decision.report", locked.closes).due
        locked.recognition_due = compute_due("democracy.decision.recognise", at).due
        locked.save()
        audit_record(
            actor=actor,
            action="democracy.decision.report",
            obj=locked,
            unit_code=locked.unit.code,
            detail={"result": locked.final_result},
        )
    return locked


def decision_recognise(
    *,
    decision: Decision,
    actor: Any,
    recognised: bool,
    reason: str = "",
    at: datetime | None = None,
) -> Decision:
    from danvan.accounts.roles import Role

    require(actor, decision.unit, (Role.LEADER,))
    at = at or timezone.now()
    if decision.reported_at is None:
        raise DemocracyError("not_reported", _("Kết quả chưa được gửi."), status=409)
    if decision.recognised is not None:
        raise DemocracyError("already_recognised", _("Đã có quyết định công nhận."), status=409)
    reason = (reason or "").strip()[:5000]
    if not recognised and len(reason) < 10:
        raise DemocracyError("reason_required", _("Từ chối công nhận phải nêu rõ lý do."), "reason")
    with transaction.atomic():
        decision.recognised, decision.recognised_at = recognised, at
        decision.refusal_reason = "" if recognised else reason
        decision.save(update_fields=["recognised", "recognised_at", "refusal_reason"])
        audit_record(
            actor=actor,
            action="democracy.decision.recognise",
            obj=decision,
            unit_code=decision.unit.code,
            detail={"recognised": recognised},
        )
    return decision
