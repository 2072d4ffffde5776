from django.apps import AppConfig


class LettersConfig(AppConfig):
    name = "danvan.letters"
    label = "letters"

    def ready(self) -> None:
        from danvan.cases.signals import due_recomputed
        from danvan.letters import contributions
        from danvan.letters.services.casework import follow_recomputed_due

        contributions.register()
        due_recomputed.connect(follow_recomputed_due, dispatch_uid="letters.decision_due")
