# Django ships no date formats for Pashto: day, month name, year, as Pashto readers write them.
# The month names come from our catalog (sanctuary/core_strings.py).
DATE_FORMAT = "j F Y"
TIME_FORMAT = "G:i"
DATETIME_FORMAT = "j F Y، G:i"
SHORT_DATE_FORMAT = "Y/n/j"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
