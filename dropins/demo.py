"""Demo drop-in for `make run`: the weekly welcome drop-in at the Theatre Royal, its coming
sessions, some bookings, and one full session with a waiting list."""

from datetime import time

from django.db import transaction
from django.utils import timezone

from dropins import services
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
    venue = Venue.objects.get(slug="theatre-royal")
    series = DropInSeries.objects.filter(venue=venue, title_en=TEXT["en"]["title"]).first()
    if series is not None:
        services.sessions_generate(series=series)
        return series
    series = DropInSeries(
        venue=venue,
        weekday=Weekday.WEDNESDAY,
        start_time=time(10, 30),
        end_time=time(13, 0),
        capacity=40,
        booking_opens_days=28,
        interpreter_languages=["ar", "fa", "prs", "ps", "uk", "ti"],
    )
    for language, fields in TEXT.items():
        for field, value in fields.items():
            setattr(series, f"{field}_{language}", value)
    services.series_save(series=series, actor=None)
    upcoming = DropInSession.objects.filter(series=series, starts_at__gt=timezone.now())
    first, second = upcoming.order_by("starts_at")[:2]
    for (name, adults, children), language in zip(NAMES, LANGUAGES, strict=True):
        _book(first, name, adults, children, language)
    # The next one is small and full: the last two families wait.
    services.session_capacity_set(session_id=second.pk, capacity=12, actor=None)
    for (name, adults, children), language in zip(NAMES[:7], LANGUAGES, strict=False):
        _book(second, name, adults, children, language)
    return series


def _book(session: DropInSession, first_name: str, adults: int, children: int, language: str):
    return services.booking_create(
        session_id=session.pk,
        first_name=first_name,
        adults=adults,
        children=children,
        language=language,
    )
