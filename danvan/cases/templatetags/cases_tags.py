"""Template helpers of the case core."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


@register.inclusion_tag("cases/_due_badge.html")
def due_badge(case: Any) -> dict[str, Any]:
    """The days-left badge of a case (see ``badge_for``)."""
    return badge_for(case)


def badge_for(case: Any) -> dict[str, Any]:
    """CSS class and text: "Còn 3 ngày", "Đến hạn hôm nay", "Quá hạn 2 ngày", "Đúng hạn"...
    ``case.days_left`` must be set on open cases."""
    if not case.is_open:
        if case.on_time is None:
            return {
                "css": "",
                "text": getattr(case, "status_label", None) or case.get_status_display(),
            }
        return {
            "css": "badge-ok" if case.on_time else "badge-bad",
            "text": _("Đúng hạn") if case.on_time else _("Trễ hạn"),
        }
    if case.paused_at is not None:
        return {"css": "badge-warn", "text": _("Tạm dừng, chờ người dân")}
    left = getattr(case, "days_left", None)
    if left is None:
        return {"css": "", "text": _("Chưa có hạn")}
    if left < 0:
        text = ngettext("Quá hạn %(n)d ngày", "Quá hạn %(n)d ngày", -left) % {"n": -left}
        return {"css": "badge-bad", "text": text}
    if left == 0:
        return {"css": "badge-warn", "text": _("Đến hạn hôm nay")}
    text = ngettext("Còn %(n)d ngày", "Còn %(n)d ngày", left) % {"n": left}
    return {"css": "badge-warn" if left <= 2 else "badge-ok", "text": text}


@register.filter
def iso_date(value: Any) -> str:
    """An ISO date stored in an event's data, shown dd/mm/yyyy."""
    try:
        return date.fromisoformat(str(value)[:10]).strftime("%d/%m/%Y")
    except ValueError:
        return ""


@register.filter
def kind_label(key: str) -> str:
    """``{{ case.kind|kind_label }}``: the label its app's manifest gives the kind."""
    from danvan.cases.kinds import kind_label as label

    return label(key)


@register.filter
def event_label(key: str) -> str:
    """``{{ event.kind|event_label }}``: a generic step's label or one a kind declares."""
    from danvan.cases.kinds import event_label as label

    return label(key)


@register.inclusion_tag("cases/_path.html")
def case_path(case: Any) -> dict[str, Any]:
    """Where ``case`` stands on its kind's legal path (``CaseKindManifest.path``)."""
    from danvan.cases.kinds import case_path as steps

    return {"steps": steps(case)}


@register.filter
def rule_label(value: Any) -> str:
    """``{{ case|rule_label }}``: the name and citation of the deadline rule's version the
    case's clock ran on (in force on its receipt day), never its id. ``{{ rule_id|rule_label }}``
    names the newest version."""
    from django.utils import timezone
    from django.utils.translation import get_language

    from danvan.deadlines.ruleset import rule_label as label

    received = getattr(value, "received_at", None)
    rule_id = getattr(value, "rule_id", value) or ""
    on = timezone.localtime(received).date() if received is not None else None
    return label(str(rule_id), get_language() or "vi", on=on) or "—"


@register.filter
def channel_label(code: str) -> str:
    """``{{ case.channel|channel_label }}``: how the case came in, in words."""
    from danvan.cases.text import channel_label as label

    return label(code)


@register.inclusion_tag("cases/_sent.html")
def sent_to_citizen(case: Any) -> dict[str, Any]:
    """What the citizen was sent about ``case`` and when (the outbox rows of the case)."""
    from danvan.cases.selectors_outbox import sent_about

    return {"rows": sent_about(case)}
