from django.apps import AppConfig


class NationalConfig(AppConfig):
    name = "danvan.national"
    label = "national"

    def ready(self) -> None:
        from danvan.national import contributions

        contributions.register()
