# Django's Albanian formats tell the time as "10.30.AM"; Albania writes the 24-hour clock,
# "10:30", and dates as "1 mars 2027" or "01.03.2027". What is not here comes from Django's.
DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
