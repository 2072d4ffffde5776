"""What territory contributes to the shared registries."""

from django.utils.translation import gettext_lazy as _

from danvan.core.registry import NavItem, PublicPage, registries


def register() -> None:
    registries.nav.register(
        "territory.provinces",
        NavItem("territory.provinces", "territory:provinces", _("Địa bàn"), public=True, order=50),
    )
    registries.public_pages.register(
        "territory.provinces",
        PublicPage("territory.provinces", "territory:provinces", _("Tỉnh, xã, thôn")),
    )
