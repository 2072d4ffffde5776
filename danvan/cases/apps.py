from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "danvan.cases"
    label = "cases"

    def ready(self) -> None:
        from danvan.cases import contributions

        contributions.register()
