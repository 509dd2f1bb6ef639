"""Demo drop-in for `make run`: the weekly welcome drop-in at the Theatre Royal, its coming
sessions, some bookings, and one full session with a waiting list; and, so that the register
at the door can be tried on any day, a family drop-in at Stage Two on the day the demo is
loaded, with families booked (attendance/demo.py checks some of them in)."""

from datetime import time, timedelta

from django.db import transaction
from django.utils import timezone

from dropins import demo_words, rules, services
from dropins.models import DropInSeries, DropInSession, Weekday
from venues.models import Venue

TEXT = {
    "en": {
        "title": "Welcome drop-in",
        "description": (
            "Meet people, have a hot drink and something to eat, practise English and get "
            "advice. Children are welcome; there are toys and a quiet corner."
        ),
    },
    "uk": {
        "title": "Зустріч-знайомство",
        "description": (
            "Знайомтеся з людьми, випийте гарячого й перекусіть, практикуйте англійську та "
            "отримайте пораду. Діти — бажані гості: є іграшки й тихий куточок."
        ),
    },
    "ar": {
        "title": "لقاء الترحيب",
        "description": (
            "تعرّف على الناس، واشرب شيئًا ساخنًا وتناول شيئًا من الطعام، وتدرّب على الإنجليزية "
            "واحصل على المشورة. الأطفال مرحَّب بهم؛ توجد ألعاب وركن هادئ."
        ),
    },
    "fa": {
        "title": "دیدار خوشامدگویی",
        "description": (
            "با دیگران آشنا شوید، نوشیدنی گرم و چیزی برای خوردن بگیرید، انگلیسی تمرین کنید و "
            "راهنمایی بگیرید. بچه‌ها هم خوش آمدند؛ اسباب‌بازی و گوشه‌ای آرام داریم."
        ),
    },
    "ps": {
        "title": "د هرکلي ناسته",
        "description": (
            "له خلکو سره وګورئ، ګرم څښاک او یو څه خواړه وخورئ، انګلیسي تمرین کړئ او مشوره "
            "واخلئ. ماشومان هم ښه راغلي دي؛ لوبې او یو ارام ګوټ شته."
        ),
    },
    **demo_words.WELCOME,
}

NAMES = [
    ("Amina", 1, 2),
    ("Yusuf", 1, 0),
    ("Olena", 1, 1),
    ("Farid", 2, 3),
    ("Mariam", 1, 0),
    ("Dmytro", 1, 0),
    ("Zahra", 2, 2),
    ("Hamid", 1, 0),
    ("Nour", 1, 1),
]
LANGUAGES = ["ar", "en", "uk", "fa", "ar", "uk", "fa", "ps", "ar"]


@transaction.atomic
def demo_load() -> DropInSeries:
    series = _welcome_load()
    _family_load()
    return series


def _series_new(*, text: dict, **fields) -> DropInSeries:
    """A weekly series for 40 people with interpreters, its words in every language."""
    series = DropInSeries(
        capacity=40, interpreter_languages=["ar", "fa", "prs", "ps", "uk", "ti"], **fields
    )
    for language, words in text.items():
        for field, value in words.items():
            setattr(series, f"{field}_{language}", value)
    return services.series_save(series=series, actor=None)


def _welcome_load() -> DropInSeries:
    venue = Venue.objects.get(slug="theatre-royal")
    series = DropInSeries.objects.filter(venue=venue, title_en=TEXT["en"]["title"]).first()
    if series is not None:
        services.sessions_generate(series=series)
        return series
    series = _series_new(
        venue=venue,
        text=TEXT,
        weekday=Weekday.WEDNESDAY,
        start_time=time(10, 30),
        end_time=time(13, 0),
        booking_opens_days=28,
    )
    upcoming = DropInSession.objects.filter(series=series, starts_at__gt=timezone.now())
    first, second = upcoming.order_by("starts_at")[:2]
    for (name, adults, children), language in zip(NAMES, LANGUAGES, strict=True):
        _book(first, first_name=name, adults=adults, children=children, language=language)
    # The next one is small and full: the last two families wait.
    services.session_capacity_set(session_id=second.pk, capacity=12, actor=None)
    for (name, adults, children), language in zip(NAMES[:7], LANGUAGES, strict=False):
        _book(second, first_name=name, adults=adults, children=children, language=language)
    return series


FAMILY_TEXT = {
    "en": {
        "title": "Family drop-in",
        "description": "Games, crafts and a warm lunch for families, with help on hand.",
    },
    "uk": {
        "title": "Сімейна зустріч",
        "description": "Ігри, творчість і теплий обід для родин, а поруч — ті, хто допоможе.",
    },
    "ar": {
        "title": "لقاء العائلات",
        "description": "ألعاب وأشغال يدوية وغداء دافئ للعائلات، ومن يساعدك موجود.",
    },
    "fa": {
        "title": "دیدار خانواده‌ها",
        "description": "بازی، کاردستی و ناهار گرم برای خانواده‌ها، با کسانی که کمک می‌کنند.",
    },
    "ps": {
        "title": "د کورنیو ناسته",
        "description": "لوبې، لاسي کارونه او ګرم غرمنۍ ډوډۍ د کورنیو لپاره، او مرسته هم شته.",
    },
    **demo_words.FAMILY,
}

FAMILY_NAMES = [
    ("Amal", 2, 2, "ar", "ar", ""),
    ("Bashir", 1, 0, "ps", "ps", ""),
    ("Daria", 1, 2, "uk", "uk", "Buggy: needs the lift."),
    ("Ehsan", 2, 1, "fa", "prs", ""),
    ("Halyna", 1, 0, "uk", "", ""),
    ("Ibrahim", 1, 3, "ar", "", ""),
    ("Kateryna", 2, 1, "uk", "", ""),
    ("Leila", 1, 1, "fa", "fa", "Hard of hearing: please face her when speaking."),
    ("Mohammed", 1, 0, "ar", "ar", ""),
    ("Nasrin", 1, 2, "fa", "", ""),
    ("Oleksandr", 1, 0, "uk", "", ""),
    ("Samira", 2, 2, "ar", "", ""),
    ("Tesfay", 1, 0, "en", "ti", ""),
    ("Yaroslava", 1, 1, "uk", "", ""),
]


def family_session_today() -> DropInSession | None:
    """The demo's family drop-in today at Stage Two, once loaded."""
    return DropInSession.objects.filter(
        series__venue__slug="stage-two",
        series__title_en=FAMILY_TEXT["en"]["title"],
        date=timezone.localdate(),
    ).first()


def _family_load() -> DropInSession:
    """A session today at Stage Two, whatever day it is, for the register at the door."""
    venue = Venue.objects.get(slug="stage-two")
    today = timezone.localdate()
    series = DropInSeries.objects.filter(venue=venue, title_en=FAMILY_TEXT["en"]["title"]).first()
    if series is None:
        series = _series_new(
            venue=venue,
            text=FAMILY_TEXT,
            weekday=today.weekday(),
            start_time=time(10, 0),
            end_time=time(16, 0),
            booking_opens_days=14,
        )
    session = series.sessions.filter(date=today).first()
    if session is None:
        # The series may have been made on another day of the week.
        starts_at, ends_at = series.times_on(today)
        session = DropInSession.objects.create(
            series=series, date=today, starts_at=starts_at, ends_at=ends_at, capacity=40
        )
    if session.bookings.exists():
        return session
    times = {"starts_at": session.starts_at, "ends_at": session.ends_at}
    if not rules.is_bookable(session, timezone.now()):
        # Booking closes when a session starts: the families book through the booking service
        # as if the session were still to come, and then it is given its times back.
        soon = timezone.now() + timedelta(hours=1)
        DropInSession.objects.filter(pk=session.pk).update(
            starts_at=soon, ends_at=soon + timedelta(hours=1)
        )
    for name, adults, children, language, interpreter, access in FAMILY_NAMES:
        _book(
            session,
            first_name=name,
            adults=adults,
            children=children,
            language=language,
            interpreter_language=interpreter,
            access_needs=access,
        )
    DropInSession.objects.filter(pk=session.pk).update(**times)
    return session


def _book(session: DropInSession, **fields):
    return services.booking_create(session_id=session.pk, **fields)
