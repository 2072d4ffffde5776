from django.apps import AppConfig


class KindAppConfig(AppConfig):
    name = "tests.kindapp"
    label = "kindapp"

    def ready(self) -> None:
        from tests.kindapp import contributions

        contributions.register()
