from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "danvan.outreach"
    label = "outreach"
    verbose_name = "Tuyên truyền, bồi dưỡng, phối hợp"

    def ready(self) -> None:
        from danvan.outreach import contributions

        contributions.register()
