from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "danvan.evaluation"
    label = "evaluation"

    def ready(self) -> None:
        from danvan.evaluation import contributions

        contributions.register()
