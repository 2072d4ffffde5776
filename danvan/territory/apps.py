from django.apps import AppConfig


class TerritoryConfig(AppConfig):
    name = "danvan.territory"
    label = "territory"
    verbose_name = "Địa giới hành chính / Territory"

    def ready(self) -> None:
        from danvan.territory import contributions

        contributions.register()
