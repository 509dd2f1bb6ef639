"""Demo network events for `make run`, built from the clock: the annual City of Sanctuary
celebration at Norwich Arts Centre in about three weeks, the "Speak Up for Sanctuary" training
course with three dates at Stage Two, and the NCAN partnership meeting. Safe to run again: an
event is updated, and its dates are made only if it has none."""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from events import services
from events.demo import words
from events.models import NetworkBooking, NetworkEvent, NetworkEventDate
from venues.models import Venue

CELEBRATION = {
    "slug": "city-of-sanctuary-celebration",
    "kind": NetworkEvent.Kind.CELEBRATION,
    "organiser": "Norwich City of Sanctuary",
    "place_name": "Norwich Arts Centre",
    "place_address": "51 St Benedict's Street, Norwich NR2 4PG",
    "map_url": "https://www.openstreetmap.org/search?query=51%20St%20Benedict%27s%20Street%2C%20Norwich%20NR2%204PG",
    "capacity": 150,
    "ticket_limit": 6,
    "text": {
        "en": (
            "City of Sanctuary celebration",
            "The annual celebration of Norwich as a City of Sanctuary: music, food from many "
            "kitchens, stories and dancing. Free, and everyone is welcome, with family and "
            "friends.",
        ),
        "uk": (
            "Свято «Місто-прихисток»",
            "Щорічне свято Норвіча як міста-прихистку: музика, страви багатьох кухонь, історії "
            "й танці. Безкоштовно; запрошуємо всіх — із родиною та друзями.",
        ),
        "ar": (
            "احتفال مدينة الملاذ",
            "الاحتفال السنوي بنورتش مدينةً للملاذ: موسيقى، وطعام من مطابخ كثيرة، وحكايات "
            "ورقص. مجاني، والجميع مرحَّب بهم مع العائلة والأصدقاء.",
        ),
        "fa": (
            "جشن شهر پناه",
            "جشن سالانهٔ نورویچ به‌عنوان شهر پناه: موسیقی، غذا از آشپزخانه‌های گوناگون، قصه و "
            "رقص. رایگان است و همه، همراه خانواده و دوستان، خوش آمدند.",
        ),
        "ps": (
            "د پناه ښار جشن",
            "د پناه ښار په توګه د نارویچ کلنی جشن: موسیقي، د ډېرو پخلنځیو خواړه، کیسې او ګډا. "
            "وړیا دی، او ټول له کورنۍ او ملګرو سره ښه راغلي دي.",
        ),
    },
}

TRAINING = {
    "slug": "speak-up-for-sanctuary",
    "kind": NetworkEvent.Kind.TRAINING,
    "organiser": "Norwich City of Sanctuary",
    "venue": "stage-two",
    "capacity": 20,
    "ticket_limit": 2,
    "text": {
        "en": (
            "Speak Up for Sanctuary",
            "A short course on telling your story and speaking up for welcome: to the press, "
            "at meetings, to your MP. Three mornings; book each one you can come to.",
        ),
        "uk": (
            "Говоріть на захист прихистку",
            "Короткий курс про те, як розповідати свою історію та виступати за гостинність: "
            "у пресі, на зустрічах, перед своїм депутатом. Три ранки; бронюйте кожен, на який "
            "зможете прийти.",
        ),
        "ar": (
            "ارفع صوتك من أجل الملاذ",
            "دورة قصيرة عن رواية قصتك والدفاع عن الترحيب: للصحافة، وفي الاجتماعات، ولدى نائبك "
            "في البرلمان. ثلاثة صباحات؛ احجز كل صباح تستطيع حضوره.",
        ),
        "fa": (
            "برای پناه سخن بگو",
            "دوره‌ای کوتاه دربارهٔ گفتن داستان خود و دفاع از خوشامدگویی: برای رسانه‌ها، در "
            "جلسه‌ها و نزد نمایندهٔ پارلمان. سه صبح؛ هر صبحی را که می‌توانید بیایید رزرو کنید.",
        ),
        "ps": (
            "د پناه لپاره غږ پورته کړئ",
            "یو لنډ کورس چې خپله کیسه څنګه ووایئ او د هرکلي لپاره غږ پورته کړئ: رسنیو ته، په "
            "غونډو کې، او خپل استازي ته. درې سهارونه؛ هر یو چې راتلای شئ، بوک یې کړئ.",
        ),
    },
}

MEETING = {
    "slug": "ncan-partnership-meeting",
    "kind": NetworkEvent.Kind.MEETING,
    "organiser": "NCAN",
    "venue": "playhouse",
    "capacity": 40,
    "ticket_limit": 2,
    "text": {
        "en": (
            "NCAN partnership meeting",
            "The network's partners meet to share news, plan together and welcome new members.",
        ),
        "uk": (
            "Партнерська зустріч NCAN",
            "Партнери мережі зустрічаються, щоб поділитися новинами, разом планувати й "
            "привітати нових учасників.",
        ),
        "ar": (
            "اجتماع شراكة NCAN",
            "يلتقي شركاء الشبكة لتبادل الأخبار والتخطيط معًا والترحيب بالأعضاء الجدد.",
        ),
        "fa": (
            "نشست همکاری NCAN",
            "همکاران شبکه گرد هم می‌آیند تا خبرها را در میان بگذارند، با هم برنامه بریزند و به "
            "اعضای تازه خوشامد بگویند.",
        ),
        "ps": (
            "د NCAN د ملګرتیا غونډه",
            "د شبکې ملګري سره راټولېږي چې خبرونه شریک کړي، یوځای پلان جوړ کړي او نوي غړو ته "
            "ښه راغلاست ووايي.",
        ),
    },
}


def _at(days: int, start: time, end: time):
    day = timezone.localdate() + timedelta(days=days)
    zone = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(day, start), zone),
        timezone.make_aware(datetime.combine(day, end), zone),
    )


def _event_load(data: dict, times: list[tuple]) -> NetworkEvent:
    fields = {key: value for key, value in data.items() if key not in ("slug", "text", "venue")}
    if "venue" in data:
        fields["venue"] = Venue.objects.get(slug=data["venue"])
    for language, (title, description) in {**data["text"], **words.NETWORK[data["slug"]]}.items():
        fields[f"title_{language}"] = title
        fields[f"description_{language}"] = description
    event = NetworkEvent.objects.filter(slug=data["slug"]).first() or NetworkEvent(
        slug=data["slug"]
    )
    for name, value in fields.items():
        setattr(event, name, value)
    event.is_published = True
    services.network_event_save(event=event, actor=None, changed=list(fields))
    if not event.dates.exists():
        for starts_at, ends_at in times:
            services.network_date_save(
                date=NetworkEventDate(event=event, starts_at=starts_at, ends_at=ends_at),
                actor=None,
            )
    return event


@transaction.atomic
def demo_load() -> None:
    celebration = _event_load(CELEBRATION, [_at(21, time(18), time(20, 30))])
    _event_load(TRAINING, [_at(days, time(10), time(12, 30)) for days in (10, 17, 24)])
    _event_load(MEETING, [_at(35, time(14), time(16))])
    date = celebration.dates.first()
    if not NetworkBooking.objects.filter(date=date).exists():
        for name, tickets, language in [("Iryna", 4, "uk"), ("Samir", 2, "ar"), ("Jo", 1, "en")]:
            services.network_booking_create(
                date_id=date.pk,
                name=name,
                email=f"{name.lower()}@example.org",
                tickets=tickets,
                language=language,
            )
