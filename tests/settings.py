"""Settings of the test run: the project's, plus the test-only kind of case
(``tests.kindapp``), which proves that a kind is one app and its registration."""

from danvan.settings import *  # noqa: F403
from danvan.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.kindapp"]
