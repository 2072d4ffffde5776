from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "danvan.deadlines"
    label = "deadlines"

    def ready(self) -> None:
        from danvan.deadlines import contributions

        contributions.register()
