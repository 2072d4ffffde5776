"""What evaluation contributes: the public indicator catalogue."""

from django.utils.translation import gettext_lazy as _

from danvan.core.registry import PublicPage, registries


def register() -> None:
    registries.public_pages.register(
        "evaluation.catalogue",
        PublicPage(
            "evaluation.catalogue",
            "evaluation:catalogue",
            _("Bộ chỉ số đánh giá"),
            _("Các chỉ số đo công tác dân vận chính quyền của từng xã, với nguồn và căn cứ."),
            order=90,
        ),
    )
