from django.apps import AppConfig


class DossiersConfig(AppConfig):
    name = "danvan.dossiers"
    label = "dossiers"

    def ready(self) -> None:
        from danvan.dossiers import contributions

        contributions.register()
