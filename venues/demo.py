"""Demo venues for `make run`: the three venues with their words in every UI language (five
of them in venues/demo_words.py). The demo volunteer takes attendance at the Theatre Royal and
Stage Two."""

from sanctuary.models import User
from venues.demo_words import TEXT as MORE_TEXT
from venues.models import Venue

VENUES = [
    {
        "slug": "theatre-royal",
        "position": 1,
        "address": "Theatre Street, Norwich",
        "postcode": "NR2 1RL",
        "text": {
            "en": {
                "name": "Theatre Royal",
                "description": (
                    "Our main theatre, with about 1,300 seats. The weekly welcome drop-in "
                    "meets here."
                ),
                "access_information": (
                    "Step-free entrance on Theatre Street. Accessible toilets on the ground "
                    "floor. A hearing loop at the box office. Ask any of us for a quiet room."
                ),
                "getting_there": (
                    "A short walk from the city centre. Many buses stop on St Stephens "
                    "Street, two minutes away."
                ),
            },
            "uk": {
                "name": "Театр Роял",
                "description": (
                    "Наш головний театр, приблизно на 1300 місць. Щотижнева зустріч "
                    "для новоприбулих відбувається тут."
                ),
                "access_information": (
                    "Вхід без сходинок з Театр-стріт. Доступні туалети на першому поверсі. "
                    "Індукційна петля в касі. Попросіть будь-кого з нас про тиху кімнату."
                ),
                "getting_there": (
                    "Кілька хвилин пішки від центру міста. Багато автобусів зупиняються на "
                    "Сент-Стівенс-стріт, за дві хвилини звідси."
                ),
            },
            "ar": {
                "name": "المسرح الملكي",
                "description": (
                    "مسرحنا الرئيسي، وفيه نحو 1300 مقعد. يُقام هنا لقاء الترحيب الأسبوعي."
                ),
                "access_information": (
                    "مدخل بلا درج في شارع المسرح. دورات مياه مهيأة في الطابق الأرضي. حلقة "
                    "سمعية عند شباك التذاكر. اطلب من أي واحد منا غرفة هادئة."
                ),
                "getting_there": (
                    "على مسافة قصيرة سيرًا من وسط المدينة. تتوقف حافلات كثيرة في شارع سانت "
                    "ستيفنز، على بعد دقيقتين."
                ),
            },
            "fa": {
                "name": "تئاتر رویال",
                "description": (
                    "تئاتر اصلی ما با حدود ۱۳۰۰ صندلی. دیدار هفتگی خوشامدگویی اینجا برگزار می‌شود."
                ),
                "access_information": (
                    "ورودی بدون پله در خیابان تئاتر. سرویس بهداشتی مناسب در طبقه همکف. حلقه "
                    "شنوایی در گیشه. برای اتاق آرام از هر کدام از ما بپرسید."
                ),
                "getting_there": (
                    "با چند دقیقه پیاده‌روی از مرکز شهر. اتوبوس‌های زیادی در خیابان سنت "
                    "استیونز، دو دقیقه دورتر، می‌ایستند."
                ),
            },
            "ps": {
                "name": "شاهي تياتر",
                "description": (
                    "زموږ اصلي تياتر، چې شاوخوا ۱۳۰۰ څوکۍ لري. د هرکلي اونيزه ناسته دلته کېږي."
                ),
                "access_information": (
                    "د تياتر په سړک بې زينو دروازه. په ځمکني پوړ کې د معلولينو لپاره تشناب. "
                    "د ټکټ په کړکۍ کې د اورېدو حلقه. د ارام کوټې لپاره له هر يو موږ څخه "
                    "وپوښتئ."
                ),
                "getting_there": (
                    "د ښار له مرکز څخه لږ پلی واټن. ډېر بسونه د سېنټ سټيفنز په سړک، دوه "
                    "دقيقې لرې، دريږي."
                ),
            },
        },
    },
    {
        "slug": "playhouse",
        "position": 2,
        "address": "42–58 St George's Street, Norwich",
        "postcode": "NR3 1AB",
        "text": {
            "en": {
                "name": "Playhouse",
                "description": "A smaller theatre by the river, with about 300 seats.",
                "access_information": (
                    "Step-free entrance from St George's Street. Accessible toilet on the "
                    "ground floor."
                ),
                "getting_there": "Ten minutes' walk from the Theatre Royal, across the river.",
            },
            "uk": {
                "name": "Плейгауз",
                "description": "Менший театр біля річки, приблизно на 300 місць.",
                "access_information": (
                    "Вхід без сходинок із Сент-Джорджес-стріт. Доступний туалет на першому поверсі."
                ),
                "getting_there": "Десять хвилин пішки від Театру Роял, через річку.",
            },
            "ar": {
                "name": "بلاي هاوس",
                "description": "مسرح أصغر قرب النهر، فيه نحو 300 مقعد.",
                "access_information": (
                    "مدخل بلا درج من شارع سانت جورج. دورة مياه مهيأة في الطابق الأرضي."
                ),
                "getting_there": "عشر دقائق سيرًا من المسرح الملكي، عبر النهر.",
            },
            "fa": {
                "name": "پلی‌هاوس",
                "description": "تئاتری کوچک‌تر کنار رودخانه با حدود ۳۰۰ صندلی.",
                "access_information": (
                    "ورودی بدون پله از خیابان سنت جورج. سرویس بهداشتی مناسب در طبقه همکف."
                ),
                "getting_there": "ده دقیقه پیاده از تئاتر رویال، آن سوی رودخانه.",
            },
            "ps": {
                "name": "پلې هاوس",
                "description": "د سيند تر څنګ يو کوچنی تياتر، چې شاوخوا ۳۰۰ څوکۍ لري.",
                "access_information": (
                    "د سېنټ جورج له سړک څخه بې زينو دروازه. په ځمکني پوړ کې د معلولينو لپاره تشناب."
                ),
                "getting_there": "له شاهي تياتر څخه لس دقيقې پلی، د سيند هاخوا.",
            },
        },
    },
    {
        "slug": "stage-two",
        "position": 3,
        "address": "Theatre Street, Norwich",
        "postcode": "NR2 1RL",
        "text": {
            "en": {
                "name": "Stage Two",
                "description": (
                    "Our learning and participation building, next to the Theatre Royal. "
                    "Courses, workshops and youth theatre happen here."
                ),
                "access_information": (
                    "Step-free entrance and a lift to every floor. Accessible toilets on each "
                    "floor."
                ),
                "getting_there": "Next door to the Theatre Royal, on Theatre Street.",
            },
            "uk": {
                "name": "Стейдж Ту",
                "description": (
                    "Наш навчальний центр поруч із Театром Роял. Тут проходять курси, "
                    "майстер-класи та молодіжний театр."
                ),
                "access_information": (
                    "Вхід без сходинок і ліфт на кожен поверх. Доступні туалети на кожному поверсі."
                ),
                "getting_there": "Поруч із Театром Роял, на Театр-стріт.",
            },
            "ar": {
                "name": "ستيج تو",
                "description": (
                    "مبنى التعلّم والمشاركة، بجانب المسرح الملكي. تُقام هنا الدورات وورش "
                    "العمل ومسرح الشباب."
                ),
                "access_information": (
                    "مدخل بلا درج ومصعد إلى كل طابق. دورات مياه مهيأة في كل طابق."
                ),
                "getting_there": "بجوار المسرح الملكي، في شارع المسرح.",
            },
            "fa": {
                "name": "استیج تو",
                "description": (
                    "ساختمان آموزش و مشارکت ما، کنار تئاتر رویال. دوره‌ها، کارگاه‌ها و "
                    "تئاتر جوانان اینجا برگزار می‌شوند."
                ),
                "access_information": (
                    "ورودی بدون پله و آسانسور به همه طبقه‌ها. سرویس بهداشتی مناسب در هر طبقه."
                ),
                "getting_there": "همسایه تئاتر رویال، در خیابان تئاتر.",
            },
            "ps": {
                "name": "سټېج ټو",
                "description": (
                    "زموږ د زده کړې او ګډون ودانۍ، د شاهي تياتر تر څنګ. کورسونه، ورکشاپونه "
                    "او د ځوانانو تياتر دلته کېږي."
                ),
                "access_information": (
                    "بې زينو دروازه او هر پوړ ته لفټ. په هر پوړ کې د معلولينو لپاره تشناب."
                ),
                "getting_there": "د شاهي تياتر تر څنګ، د تياتر په سړک.",
            },
        },
    },
]


VOLUNTEER_VENUES = ["theatre-royal", "stage-two"]


def demo_load() -> None:
    for data in VENUES:
        _venue(data)
    volunteer = User.objects.filter(email="volunteer@example.org").first()
    if volunteer is not None:
        volunteer.venues.set(Venue.objects.filter(slug__in=VOLUNTEER_VENUES))


def _venue(data: dict) -> None:
    text = {**data["text"], **MORE_TEXT[data["slug"]]}
    fields = {
        "address": data["address"],
        "postcode": data["postcode"],
        "position": data["position"],
        "is_active": True,
    }
    for language, words in text.items():
        for field, value in words.items():
            fields[f"{field}_{language}"] = value
    Venue.objects.update_or_create(slug=data["slug"], defaults=fields)
