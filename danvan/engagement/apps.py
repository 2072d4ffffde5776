from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "danvan.engagement"
    label = "engagement"
    verbose_name = "Đối thoại, kiến nghị cử tri"

    def ready(self) -> None:
        from danvan.engagement import contributions

        contributions.register()
