from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "danvan.letters"
    label = "letters"

    def ready(self) -> None:
        from danvan.letters import contributions

        contributions.register()
