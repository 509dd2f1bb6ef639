"""The programme's own settings, read from the environment like the rest (README lists every
variable): how the drop-in, bursaries, partners and events behave. settings.py takes them all."""

import environ

env = environ.Env()

# The weekly drop-in.
# Sessions are made this many days ahead (booking for each opens as its series says).
DROPIN_GENERATE_DAYS = env.int("DROPIN_GENERATE_DAYS", default=84)
# The reminder goes this many hours before a session starts.
DROPIN_REMINDER_HOURS_BEFORE = env.int("DROPIN_REMINDER_HOURS_BEFORE", default=24)
# The waiting list goes strictly in order until this many hours before a session starts (places
# are kept for the family at its head); from then on freed places go to whoever fits, earliest
# first, so that none stays empty. Beat gives out places kept empty once this time comes.
DROPIN_WAITLIST_STRICT_HOURS = env.int("DROPIN_WAITLIST_STRICT_HOURS", default=24)
# Names, contacts and access needs are forgotten this many days after a session.
DROPIN_KEEP_DAYS = env.int("DROPIN_KEEP_DAYS", default=30)
# Bookings one client may send per hour (people book for others, but not dozens).
DROPIN_BOOKINGS_PER_HOUR = env.int("DROPIN_BOOKINGS_PER_HOUR", default=10)
# Bursary applications one client may send per hour (a partner charity may help several people
# apply from one office). Only those sent count.
BURSARY_APPLICATIONS_PER_HOUR = env.int("BURSARY_APPLICATIONS_PER_HOUR", default=20)
# Bursary applications lose names, contact details and statements this long after the
# decision, or after they were sent if never decided (a nightly beat task); amounts and
# statuses stay for reports.
BURSARY_ANONYMISE_AFTER_MONTHS = env.int("BURSARY_ANONYMISE_AFTER_MONTHS", default=24)
# What one partner worker may send through the portal per hour: they book and refer for many
# clients from one office, but not hundreds.
PORTAL_BOOKINGS_PER_HOUR = env.int("PORTAL_BOOKINGS_PER_HOUR", default=60)
PORTAL_REFERRALS_PER_HOUR = env.int("PORTAL_REFERRALS_PER_HOUR", default=30)

# Guest seats for performances.
# An offer of seats from the shared pool to its waiting list stays open this many hours.
EVENTS_POOL_OFFER_HOURS = env.int("EVENTS_POOL_OFFER_HOURS", default=24)
# The pool's waiting list goes strictly in order until this many hours before a performance;
# from then on freed seats go to whoever fits, earliest first, so that none stays empty.
EVENTS_POOL_STRICT_HOURS = env.int("EVENTS_POOL_STRICT_HOURS", default=24)

# Network events and the partnership mailing list.
# Names and email addresses of network event bookings are forgotten this many days after the
# date (a nightly beat task); the counts stay.
NETWORK_KEEP_DAYS = env.int("NETWORK_KEEP_DAYS", default=30)
# Network event bookings one client may send per hour.
NETWORK_BOOKINGS_PER_HOUR = env.int("NETWORK_BOOKINGS_PER_HOUR", default=10)
# Requests to join the mailing list one client may send per hour.
MAILING_JOINS_PER_HOUR = env.int("MAILING_JOINS_PER_HOUR", default=10)
# Addresses that never confirmed are forgotten this many days after they asked.
MAILING_UNCONFIRMED_KEEP_DAYS = env.int("MAILING_UNCONFIRMED_KEEP_DAYS", default=7)

# Guest tickets for performances.
# A claim link a partner worker sends a guest works this many days (never after the release
# deadline or the performance).
EVENTS_CLAIM_LINK_DAYS = env.int("EVENTS_CLAIM_LINK_DAYS", default=7)
# Claims one client may send per hour from claim links.
EVENTS_CLAIMS_PER_HOUR = env.int("EVENTS_CLAIMS_PER_HOUR", default=10)
# The reminder goes this many hours before a performance starts.
EVENTS_REMINDER_HOURS_BEFORE = env.int("EVENTS_REMINDER_HOURS_BEFORE", default=24)
# Guests' names, contacts and access needs are forgotten this many days after the performance.
EVENTS_KEEP_DAYS = env.int("EVENTS_KEEP_DAYS", default=30)

# Reports: a report file the worker made is kept this many days for the person who asked for
# it, then deleted (nightly).
REPORTS_EXPORT_KEEP_DAYS = env.int("REPORTS_EXPORT_KEEP_DAYS", default=7)

# Development (DEBUG on): an unknown address shows the site's own "not found" page, as in
# production; set DEBUG_TECHNICAL_404=true for Django's page listing the URL patterns tried.
DEBUG_TECHNICAL_404 = env.bool("DEBUG_TECHNICAL_404", default=False)
