from django.apps import AppConfig
from django.apps import apps as django_apps
from django.utils.translation import gettext_lazy as _


class DeadlinesConfig(AppConfig):
    name = "danvan.deadlines"
    label = "deadlines"
    verbose_name = _("Thời hạn pháp lý")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_migrate, post_save

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
        post_migrate.connect(_seed_rules, sender=self, dispatch_uid="deadlines-seed-rules")


def _seed_rules(apps=None, using="default", **kwargs) -> None:  # type: ignore[no-untyped-def]
    """After ``migrate``: the rule versions shipped as data (this app's and other apps',
    through ``registries.deadline_rule_sources``) that the table lacks. Only missing
    (id, version) pairs are created, so nothing an administrator corrected is touched and an
    app added later gets its rules with its first ``migrate``."""
    from django.db import DEFAULT_DB_ALIAS

    if using != DEFAULT_DB_ALIAS:
        return
    try:
        # Migrated back before the table exists: nothing to seed.
        (apps or django_apps).get_model("deadlines", "DeadlineRule")
    except LookupError:
        return
    from danvan.deadlines.services import rules_seed

    rules_seed(audit=False)


def _invalidate(**kwargs) -> None:  # type: ignore[no-untyped-def]
    from danvan.deadlines import loaders

    loaders.invalidate_all()
