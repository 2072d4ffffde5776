from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeadlinesConfig(AppConfig):
    name = "danvan.deadlines"
    label = "deadlines"
    verbose_name = _("Thời hạn pháp lý")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from danvan.deadlines import contributions, loaders
        from danvan.deadlines.models import CalendarOverride, DeadlineRule

        loaders.install()
        # Saves that bypass the services (fixtures, the shell) must not leave a stale cache.
        for model in (CalendarOverride, DeadlineRule):
            post_save.connect(
                _invalidate, sender=model, dispatch_uid=f"deadlines-{model.__name__}-s"
            )
            post_delete.connect(
                _invalidate, sender=model, dispatch_uid=f"deadlines-{model.__name__}-d"
            )
        contributions.register()


def _invalidate(**kwargs) -> None:  # type: ignore[no-untyped-def]
    from danvan.deadlines import loaders

    loaders.invalidate_all()
