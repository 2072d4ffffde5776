from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "danvan.surveys"
    label = "surveys"
    verbose_name = "Khảo sát"

    def ready(self) -> None:
        from danvan.surveys import contributions

        contributions.register()
