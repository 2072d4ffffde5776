from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "danvan.portal"
    label = "portal"

    def ready(self) -> None:
        from danvan.portal import contributions

        contributions.register()
