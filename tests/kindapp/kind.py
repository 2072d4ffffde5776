"""The kind's key and manifest."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.cases.kinds import CaseKindManifest
from tests.kindapp.rule_data import RULE_ID

KIND = "street_light"
LAMP_REPLACED = "lamp_replaced"


def panel(request: Any, case: Any) -> tuple[str, dict[str, Any]]:
    return "kindapp/_panel.html", {"pole": case.title.rsplit(":", 1)[-1].strip()}


def tracking_link(case: Any) -> list[tuple[Any, str]]:
    url = reverse("kindapp:status", args=[case.code])
    return [(_("Xem lịch sửa đèn"), f"{url}?{urlencode({'secret': case.secret})}")]


def hidden(case: Any) -> tuple[str, ...]:
    # A lamp is repaired or not: no extension of the repair time.
    return ("extend",)


MANIFEST = CaseKindManifest(
    key=KIND,
    app="kindapp",
    label=_("Báo hỏng đèn đường"),
    rules=(RULE_ID,),
    code_prefix="DD",
    panels=(panel,),
    hidden_actions=hidden,
    tracking_links=(tracking_link,),
    event_kinds={LAMP_REPLACED: _("Đã thay bóng đèn")},
)
