"""Demo partner organisations for `make run`: the network's members that the bursaries, drop-in
bookings and guest tickets of the demo name, listed on the public "Find support" page with what
each does in every language. Their contact details are made up (example.org, 01603 496 0xx).
Safe to run again: it updates what is there."""

from partners import demo_words
from partners.models import PartnerOrganisation, Stream

# What each demo partner does, in English, Ukrainian, Arabic, Persian and Pashto (the other
# languages in partners/demo_words.py), each marked as example text so that nobody takes the
# demo for the real network.
DEMO_NOTE = {
    "en": "(Example text for the demo.)",
    "uk": "(Приклад тексту для демонстрації.)",
    "ar": "(نص مثال للعرض التجريبي.)",
    "fa": "(متن نمونه برای نمایش.)",
    "ps": "(د ښودنې لپاره د بېلګې متن.)",
    **demo_words.DEMO_NOTE,
}

PARTNERS = [
    {
        "name": "The Bridge Plus+",
        "slug": "bridgeplus",
        "phone": "01603 496001",
        "address": "Demo address: Magdalen Street, Norwich",
        "streams": [Stream.ADVICE, Stream.HOUSING, Stream.COMMUNITY],
        "description": {
            "en": "Advice and casework for refugees, people seeking asylum and migrants: "
            "housing, benefits, letters and appointments, in many languages.",
            "uk": "Консультації та супровід справ для біженців, шукачів притулку та мігрантів: "
            "житло, соціальні виплати, листи та записи на прийом, багатьма мовами.",
            "ar": "مشورة ومتابعة للحالات للاجئين وطالبي اللجوء والمهاجرين: السكن والإعانات "
            "والرسائل والمواعيد، بلغات كثيرة.",
            "fa": "مشاوره و پیگیری پرونده برای پناهندگان، پناه‌جویان و مهاجران: مسکن، "
            "کمک‌هزینه‌ها، نامه‌ها و وقت‌های ملاقات، به زبان‌های مختلف.",
            "ps": "د کډوالو، پناه غوښتونکو او مهاجرو لپاره مشوره او د قضیو تعقیب: کور، "
            "مرستې، لیکونه او د لیدنې وختونه، په ډېرو ژبو.",
        },
    },
    {
        "name": "New Routes",
        "slug": "newroutes",
        "phone": "01603 496002",
        "address": "",
        "streams": [Stream.COMMUNITY, Stream.EDUCATION, Stream.MATERNITY],
        "description": {
            "en": "Friendship and practical help for people new to Norwich: volunteer "
            "befrienders, English conversation groups and activities for families.",
            "uk": "Дружба й практична допомога для тих, хто нещодавно приїхав до Норвіча: "
            "волонтери-друзі, розмовні групи англійської та заходи для сімей.",
            "ar": "صداقة ومساعدة عملية للقادمين الجدد إلى نورويتش: متطوعون يرافقونك، "
            "ومجموعات محادثة بالإنجليزية، وأنشطة للعائلات.",
            "fa": "دوستی و کمک عملی برای تازه‌واردان به نورویچ: داوطلبانی که همراهتان "
            "می‌شوند، گروه‌های گفت‌وگوی انگلیسی و برنامه‌هایی برای خانواده‌ها.",
            "ps": "نورویچ ته د نویو راغلو خلکو لپاره دوستي او عملي مرسته: رضاکار ملګري، "
            "د انګلیسي خبرو اترو ډلې او د کورنیو لپاره فعالیتونه.",
        },
    },
    {
        "name": "GYROS",
        "slug": "gyros",
        "phone": "01603 496003",
        "address": "Demo address: Prince of Wales Road, Norwich",
        "streams": [Stream.ADVICE, Stream.WORK],
        "description": {
            "en": "Free, confidential advice for migrants about work, benefits and settling "
            "in, from advisers who speak many languages.",
            "uk": "Безкоштовні конфіденційні консультації для мігрантів щодо роботи, "
            "соціальних виплат та облаштування від консультантів, які говорять багатьма "
            "мовами.",
            "ar": "مشورة مجانية وسرية للمهاجرين حول العمل والإعانات والاستقرار، يقدمها "
            "مستشارون يتحدثون لغات كثيرة.",
            "fa": "مشاوره‌ی رایگان و محرمانه برای مهاجران درباره‌ی کار، کمک‌هزینه‌ها و "
            "جاافتادن در زندگی تازه، از مشاورانی که به زبان‌های مختلف صحبت می‌کنند.",
            "ps": "د مهاجرو لپاره وړیا او محرمه مشوره د کار، مرستو او مېشتېدو په اړه، د "
            "هغو سلاکارانو له خوا چې په ډېرو ژبو خبرې کوي.",
        },
    },
    {
        "name": "Dereham Ukraine Aid Centre",
        "slug": "dereham-ukraine",
        "phone": "01362 496004",
        "address": "Demo address: Market Place, Dereham",
        "streams": [Stream.COMMUNITY, Stream.HOUSING, Stream.EDUCATION],
        "description": {
            "en": "A welcome centre in Dereham for Ukrainian families and the people hosting "
            "them: donated clothes and household things, English classes and a place to meet.",
            "uk": "Центр у Дергемі для українських родин і тих, хто їх приймає: одяг і речі "
            "для дому від благодійників, уроки англійської та місце для зустрічей.",
            "ar": "مركز ترحيب في ديرهام للعائلات الأوكرانية ومن يستضيفونها: ملابس وأغراض "
            "منزلية متبرَّع بها، ودروس في اللغة الإنجليزية، ومكان للقاء.",
            "fa": "مرکزی در درِهام برای خانواده‌های اوکراینی و میزبانانشان: لباس و وسایل "
            "خانه‌ی اهدایی، کلاس‌های انگلیسی و جایی برای دیدار.",
            "ps": "په ډېرهم کې د اوکرایني کورنیو او د هغوی د کوربه ګانو لپاره د هرکلي مرکز: "
            "بسپنه شوې جامې او د کور توکي، د انګلیسي ټولګي او د لیدو کتو ځای.",
        },
    },
    {
        "name": "Norwich City of Sanctuary",
        "slug": "norwich-sanctuary",
        "phone": "",
        "address": "",
        "streams": [Stream.COMMUNITY, Stream.EDUCATION],
        "description": {
            "en": "Brings together the groups that make Norwich a city of welcome, and runs "
            "the “Speak Up for Sanctuary” training.",
            "uk": "Об’єднує організації, завдяки яким Норвіч є гостинним містом, і проводить "
            "тренінг «Speak Up for Sanctuary».",
            "ar": "تجمع المجموعات التي تجعل نورويتش مدينة ترحيب، وتنظّم تدريب "
            "«Speak Up for Sanctuary».",
            "fa": "گروه‌هایی را که نورویچ را به شهری مهمان‌نواز تبدیل می‌کنند گرد هم "
            "می‌آورد و دوره‌ی آموزشی «Speak Up for Sanctuary» را برگزار می‌کند.",
            "ps": "هغه ډلې سره یو ځای کوي چې نورویچ د هرکلي ښار ګرځوي، او د "
            "«Speak Up for Sanctuary» روزنه جوړوي.",
        },
    },
    {
        "name": "NCAN",
        "slug": "ncan",
        "phone": "01603 496006",
        "address": "",
        "streams": [Stream.ADVICE],
        "description": {
            "en": "Norfolk's network of free advice services: it helps you find advice near "
            "you about money, housing, work and the law.",
            "uk": "Мережа безкоштовних консультаційних служб Норфолку: допомагає знайти "
            "поруч пораду щодо грошей, житла, роботи та законів.",
            "ar": "شبكة خدمات المشورة المجانية في نورفولك: تساعدك على إيجاد مشورة قريبة "
            "منك حول المال والسكن والعمل والقانون.",
            "fa": "شبکه‌ی خدمات مشاوره‌ی رایگان نورفوک: کمکتان می‌کند نزدیک محل "
            "زندگی‌تان درباره‌ی پول، مسکن، کار و قانون مشاوره پیدا کنید.",
            "ps": "د نورفوک د وړیا مشورې خدمتونو شبکه: له تاسو سره مرسته کوي چې خپل ځای "
            "ته نږدې د پیسو، کور، کار او قانون په اړه مشوره پیدا کړئ.",
        },
    },
    {
        "name": "Creative Arts East",
        "slug": "creativeartseast",
        "phone": "01603 496007",
        "address": "",
        "streams": [Stream.ARTS, Stream.HEALTH],
        "description": {
            "en": "Arts in villages and towns across Norfolk: creative workshops for families "
            "and adults. No experience needed.",
            "uk": "Мистецтво в селах і містечках Норфолку: творчі майстер-класи для родин і "
            "дорослих. Досвід не потрібен.",
            "ar": "فنون في قرى وبلدات نورفولك: ورش إبداعية للعائلات والكبار. لا حاجة إلى "
            "خبرة سابقة.",
            "fa": "هنر در روستاها و شهرهای کوچک نورفوک: کارگاه‌های خلاقیت برای "
            "خانواده‌ها و بزرگسالان. به تجربه‌ی قبلی نیازی نیست.",
            "ps": "د نورفوک په کلیو او ښارګوټو کې هنر: د کورنیو او لویانو لپاره تخلیقي "
            "ورکشاپونه. مخکینۍ تجربې ته اړتیا نشته.",
        },
    },
    {
        "name": "Norwich Arts Centre",
        "slug": "norwichartscentre",
        "phone": "01603 496008",
        "address": "Demo address: St Benedict's Street, Norwich",
        "streams": [Stream.ARTS, Stream.COMMUNITY],
        "description": {
            "en": "A music and arts venue on St Benedict's Street. Each year it hosts the City "
            "of Sanctuary celebration, with free tickets through partners.",
            "uk": "Музичний і мистецький простір на вулиці Сент-Бенедіктс-стріт. Щороку тут "
            "проходить свято City of Sanctuary з безкоштовними квитками через партнерів.",
            "ar": "مكان للموسيقى والفنون في شارع سانت بنديكتس. يستضيف كل عام احتفال «مدينة "
            "الملاذ»، مع تذاكر مجانية عبر المنظمات الشريكة.",
            "fa": "سالنی برای موسیقی و هنر در خیابان سنت بندیکت. هر سال جشن «شهر پناه» در "
            "آن برگزار می‌شود و بلیت‌های رایگان از راه سازمان‌های همکار داده می‌شود.",
            "ps": "په سېنټ بېنېډیکټس سړک کې د موسیقۍ او هنر ځای. هر کال د «د پناه ښار» "
            "جشن کوربه کوي، او وړیا ټکټونه د همکارو ادارو له لارې ورکول کېږي.",
        },
    },
]


def demo_load() -> None:
    for partner in PARTNERS:
        texts = {**partner["description"], **demo_words.DESCRIPTIONS[partner["slug"]]}
        descriptions = {
            f"description_{code}": f"{text} {DEMO_NOTE[code]}" for code, text in texts.items()
        }
        PartnerOrganisation.objects.update_or_create(
            name=partner["name"],
            defaults={
                "is_active": True,
                "is_listed": True,
                "streams": [stream.value for stream in partner["streams"]],
                "website": f"https://{partner['slug']}.example.org/",
                "public_email": f"hello@{partner['slug']}.example.org",
                "public_phone": partner["phone"],
                "address": partner["address"],
                **descriptions,
            },
        )
