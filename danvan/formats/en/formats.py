"""English pages of a Vietnamese product: dates are still typed and shown dd/mm/yyyy
(Django's ``en`` module reads "04/12/2026" as 12 April)."""

from django.conf.locale.en.formats import *  # noqa: F403 — extend Django's module

from danvan.core.dates import DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS  # noqa: F401

SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
