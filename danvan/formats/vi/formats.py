"""Vietnamese formats: Django's own, with the input formats Vietnam writes (dd/mm/yyyy).

Django's ``vi`` module has no input formats, so it fell back to the global default whose
second entry is the American ``%m/%d/%Y``: "04/12/2026" became 12 April.
"""

from django.conf.locale.vi.formats import *  # noqa: F403 — extend Django's module

from danvan.core.dates import DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS  # noqa: F401

SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
