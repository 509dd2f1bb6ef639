"""Demo performances with guest seats for sanctuary guests: the National Symphony Orchestra of
Ukraine at the Theatre Royal, whose release deadline has passed (some guests named, the rest
released to the pool, one party waiting), and an ordinary performance at the Playhouse whose
deadline is still ahead. Built from the clock; safe to run again: it updates what is there and
names guests only once."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from events import services
from events.demo import words
from events.models import GuestAllocation, Performance, PoolRequest
from partners.models import PartnerOrganisation
from venues.models import Venue

LONDON = ZoneInfo("Europe/London")
DEREHAM, BRIDGE, NEW_ROUTES = "Dereham Ukraine Aid Centre", "The Bridge Plus+", "New Routes"

ORCHESTRA = {
    "slug": "national-symphony-orchestra-of-ukraine",
    "venue": "theatre-royal",
    "days": 10,
    "at": time(19, 30),
    "doors_before": 45,
    "running_minutes": 120,
    "title": {
        "en": "National Symphony Orchestra of Ukraine",
        "uk": "Національний симфонічний оркестр України",
        "ar": "الأوركسترا السيمفونية الوطنية الأوكرانية",
        "fa": "ارکستر سمفونیک ملی اوکراین",
        "ps": "د اوکراین ملي سمفوني ارکستر",
    },
    "description": {
        "en": "An evening of music from Ukraine and beyond. Free seats for sanctuary guests "
        "and the hosts who come with them, through our partners.",
        "uk": "Вечір музики з України та інших країн. Безкоштовні місця для гостей програми "
        "«Театр притулку» та господарів, які приходять з ними, через наших партнерів.",
        "ar": "أمسية من موسيقى أوكرانيا وغيرها. مقاعد مجانية لضيوف الملاذ والمضيفين الذين "
        "يأتون معهم، عبر شركائنا.",
        "fa": "شبی با موسیقی اوکراین و فراتر از آن. صندلی‌های رایگان برای مهمانان پناهگاه و "
        "میزبانانی که همراهشان می‌آیند، از طریق شرکای ما.",
        "ps": "د اوکراین او نورو ځایونو د موسیقۍ یوه ماښام. د پناه میلمنو او هغو کوربانو ته چې "
        "ورسره راځي، زموږ د همکارانو له لارې وړیا څوکۍ.",
    },
}

PLAYHOUSE = {
    "slug": "a-midsummer-nights-dream-playhouse",
    "venue": "playhouse",
    "days": 24,
    "at": time(19, 0),
    "doors_before": 30,
    "running_minutes": 150,
    "title": {
        "en": "A Midsummer Night's Dream",
        "uk": "Сон літньої ночі",
        "ar": "حلم ليلة منتصف الصيف",
        "fa": "رویای شب نیمه تابستان",
        "ps": "د دوبي د نیمې شپې خوب",
    },
    "description": {
        "en": "Shakespeare's comedy of lovers lost in a wood, for all the family.",
        "uk": "Комедія Шекспіра про закоханих, що заблукали в лісі, для всієї родини.",
        "ar": "كوميديا شكسبير عن عشاق تائهين في غابة، لكل العائلة.",
        "fa": "کمدی شکسپیر درباره‌ی عاشقانی که در جنگل گم شده‌اند، برای همه‌ی خانواده.",
        "ps": "د شکسپیر کامیډي د هغو مینانو په اړه چې په ځنګل کې ورک شوي، د ټولې کورنۍ لپاره.",
    },
}

# Parties named before the deadline: (partner, first name, guests, hosts, language).
NAMED = [
    (DEREHAM, "Oksana", 4, 1, "uk"),
    (DEREHAM, "Mykola", 2, 1, "uk"),
    (DEREHAM, "Halyna", 3, 0, "uk"),
    (DEREHAM, "Iryna", 5, 2, "uk"),
    (BRIDGE, "Amina", 3, 0, "ar"),
    (BRIDGE, "Dmytro", 2, 1, "uk"),
    (NEW_ROUTES, "Yusuf", 2, 0, "fa"),
    (NEW_ROUTES, "Olha", 4, 1, "uk"),
    (None, "Zainab", 2, 0, "ps"),
]


def _performance(spec: dict, venue: Venue) -> Performance:
    day = timezone.localdate(timezone.now(), LONDON) + timedelta(days=spec["days"])
    starts_at = datetime.combine(day, spec["at"], tzinfo=LONDON)
    fields = {
        "venue": venue,
        "starts_at": starts_at,
        "doors_at": starts_at - timedelta(minutes=spec["doors_before"]),
        "running_minutes": spec["running_minutes"],
    }
    more = words.PERFORMANCES[spec["slug"]]
    for language, text in {**spec["title"], **more["title"]}.items():
        fields[f"title_{language}"] = text
    for language, text in {**spec["description"], **more["description"]}.items():
        fields[f"description_{language}"] = text
    performance, _created = Performance.objects.update_or_create(slug=spec["slug"], defaults=fields)
    return performance


def _allocation(performance, *, seats, companion_seats, release_at, quotas) -> GuestAllocation:
    existing = GuestAllocation.objects.filter(performance=performance).first()
    if existing is not None:
        return existing
    partners = {p.name: p for p in PartnerOrganisation.objects.filter(name__in=list(quotas))}
    return services.allocation_save(
        allocation=GuestAllocation(
            performance=performance,
            seats=seats,
            companion_seats=companion_seats,
            release_at=release_at,
        ),
        quotas=[
            services.QuotaSeats(seats=count, organisation=partners.get(name))
            for name, count in quotas.items()
        ],
        actor=None,
    )


@transaction.atomic
def _orchestra_night(venue: Venue) -> None:
    now = timezone.now()
    allocation = _allocation(
        _performance(ORCHESTRA, venue),
        seats=150,
        companion_seats=60,
        release_at=now - timedelta(days=1),
        quotas={DEREHAM: 60, BRIDGE: 40, NEW_ROUTES: 30, None: 20},
    )
    if allocation.tickets.exists():
        return
    quotas = {
        quota.organisation.name if quota.organisation else None: quota
        for quota in allocation.quotas.select_related("organisation")
    }
    for name, first_name, guests, hosts, language in NAMED:
        quota = quotas[name]
        services.ticket_create(
            allocation_id=allocation.pk,
            quota_id=quota.pk,
            first_name=first_name,
            guests=guests,
            hosts=hosts,
            language=language,
            organisation=quota.organisation,
        )
    services.allocation_release(allocation_id=allocation.pk, now=now)
    # A party that asked just now: beat's next scan of the pool offers it seats.
    PoolRequest.objects.create(
        allocation=allocation,
        organisation=quotas[BRIDGE].organisation,
        first_name="Samira",
        guests=3,
        hosts=0,
        language="ar",
    )


def demo_load() -> None:
    venues = {
        venue.slug: venue for venue in Venue.objects.filter(slug__in=["theatre-royal", "playhouse"])
    }
    if len(venues) < 2:
        return
    _orchestra_night(venues["theatre-royal"])
    _allocation(
        _performance(PLAYHOUSE, venues["playhouse"]),
        seats=20,
        companion_seats=8,
        release_at=timezone.now() + timedelta(days=17),
        quotas={DEREHAM: 8, NEW_ROUTES: 6, None: 6},
    )
