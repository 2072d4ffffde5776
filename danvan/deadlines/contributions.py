"""What deadlines contributes to the shared registries: the public calculator page and its
link in the citizens' navigation."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.registry import ApiRouterMount, NavItem, PublicPage, UrlMount, registries


def register() -> None:
    registries.url_mounts.register(
        "deadlines", UrlMount("deadlines", "thoi-han/", "danvan.deadlines.urls", order=60)
    )
    registries.api_routers.register(
        "deadlines", ApiRouterMount("deadlines", "danvan.deadlines.api", order=30)
    )
    registries.public_pages.register(
        "deadlines.calculator",
        PublicPage(
            key="deadlines.calculator",
            url_name="deadlines:calculator",
            title=_("Tính thời hạn"),
            description=_(
                "Tính hạn giải quyết khiếu nại, tố cáo, hồ sơ một cửa… theo quy định pháp luật, "
                "có giải thích từng bước."
            ),
            order=40,
        ),
    )
    registries.nav.register(
        "deadlines.calculator",
        NavItem(
            key="deadlines.calculator",
            url_name="deadlines:calculator",
            label=pgettext_lazy("page title", "Thời hạn"),
            public=True,
            order=40,
        ),
    )
