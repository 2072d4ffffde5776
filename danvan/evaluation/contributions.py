"""What evaluation contributes: the public indicator catalogue."""

from django.utils.translation import gettext_lazy as _

from danvan.core.registry import PublicPage, UrlMount, registries


def register() -> None:
    registries.url_mounts.register(
        "evaluation", UrlMount("evaluation", "danh-gia/", "danvan.evaluation.urls", order=100)
    )
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
