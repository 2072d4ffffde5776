"""Vietnamese number format: 12.007 and 3,5 (Django's own "vi" module sets the separators but
no grouping, so ``intcomma`` printed 12007). Only numbers shown to people go through
``intcomma``/``floatformat``; ids, codes and years are printed as they are."""

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
