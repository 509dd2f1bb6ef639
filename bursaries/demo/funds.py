"""The demo's partner organisations, funds and opportunities, in every UI language."""

from decimal import Decimal

from bursaries.models import Opportunity

OPEN_FUND = {
    "slug": "learning-and-participation-2026-27",
    "budget": Decimal("5000.00"),
    "opens_in_days": -60,
    "closes_in_days": 180,
    "text": {
        "en": {
            "name": "Learning and participation bursaries 2026–27",
            "description": (
                "Money so that people seeking sanctuary can join our courses, workshops, youth "
                "theatre and training, and make and watch shows."
            ),
            "covers": (
                "Most bursaries are between £50 and £300. You can ask for more than one thing."
            ),
            "how_decided": (
                "Two reviewers read each application. Programme staff decide within four weeks."
            ),
        },
        "uk": {
            "name": "Стипендії на навчання та участь 2026–27",
            "description": (
                "Гроші, щоб люди, які шукають прихистку, могли відвідувати наші курси, "
                "майстер-класи, молодіжний театр і навчання, створювати й дивитися вистави."
            ),
            "covers": "Більшість стипендій — від £50 до £300. Можна попросити про кілька речей.",
            "how_decided": (
                "Кожну заявку читають двоє рецензентів. Працівники програми вирішують "
                "протягом чотирьох тижнів."
            ),
        },
        "ar": {
            "name": "منح التعلّم والمشاركة 2026–27",
            "description": (
                "مال لكي يتمكّن طالبو الملاذ من الانضمام إلى دوراتنا وورش العمل ومسرح الشباب "
                "والتدريب، ومن صنع العروض ومشاهدتها."
            ),
            "covers": "معظم المنح بين 50 و300 جنيه إسترليني. يمكنك أن تطلب أكثر من شيء واحد.",
            "how_decided": "يقرأ كل طلب مراجِعان اثنان. ويقرّر فريق البرنامج خلال أربعة أسابيع.",
        },
        "fa": {
            "name": "کمک‌هزینه‌های آموزش و مشارکت ۲۰۲۶–۲۷",
            "description": (
                "پولی برای اینکه پناه‌جویان بتوانند در دوره‌ها، کارگاه‌ها، تئاتر جوانان و "
                "آموزش‌های ما شرکت کنند و نمایش بسازند و ببینند."
            ),
            "covers": (
                "بیشتر کمک‌هزینه‌ها بین ۵۰ تا ۳۰۰ پوند است. می‌توانید برای بیش از یک چیز درخواست کنید."
            ),
            "how_decided": (
                "دو داور هر درخواست را می‌خوانند. کارکنان برنامه ظرف چهار هفته تصمیم می‌گیرند."
            ),
        },
        "ps": {
            "name": "د زده کړې او ګډون بورسيې ۲۰۲۶–۲۷",
            "description": (
                "پیسې، چې پناه غوښتونکي زموږ په کورسونو، ورکشاپونو، د ځوانانو تياتر او "
                "روزنو کې ګډون وکړای شي، او ننداره جوړه او وګوري."
            ),
            "covers": "ډېری بورسيې د ۵۰ او ۳۰۰ پونډو ترمنځ دي. تاسو له يو شي زيات غوښتلی شئ.",
            "how_decided": (
                "دوه کتونکي هر غوښتنليک لولي. د پروګرام کارکوونکي په څلورو اونيو کې پرېکړه کوي."
            ),
        },
    },
}

CLOSED_FUND = {
    "slug": "summer-youth-theatre-2026",
    "budget": Decimal("1500.00"),
    "opens_in_days": -200,
    "closes_in_days": -90,
    "text": {
        "en": {
            "name": "Summer youth theatre bursaries 2026",
            "description": "For young people aged 11 to 18 joining the summer youth theatre.",
        },
        "uk": {
            "name": "Літні стипендії молодіжного театру 2026",
            "description": "Для молоді віком від 11 до 18 років у літньому молодіжному театрі.",
        },
        "ar": {
            "name": "منح مسرح الشباب الصيفي 2026",
            "description": "للشباب من عمر 11 إلى 18 عامًا المنضمّين إلى مسرح الشباب الصيفي.",
        },
        "fa": {
            "name": "کمک‌هزینه‌های تئاتر تابستانی جوانان ۲۰۲۶",
            "description": "برای نوجوانان ۱۱ تا ۱۸ ساله که به تئاتر تابستانی جوانان می‌پیوندند.",
        },
        "ps": {
            "name": "د ځوانانو د اوړني تياتر بورسيې ۲۰۲۶",
            "description": "د ۱۱ څخه تر ۱۸ کلنو ځوانانو لپاره چې د اوړني تياتر سره یوځای کېږي.",
        },
    },
}

OPPORTUNITIES = [
    {
        "kind": Opportunity.Kind.YOUTH_THEATRE,
        "venue": "stage-two",
        "starts_in_days": -30,
        "ends_in_days": 150,
        "text": {
            "en": {
                "title": "Youth theatre, ages 11 to 18",
                "schedule": "Saturdays, 10am to 12.30pm",
                "description": "Games, drama and making a show together. No experience needed.",
            },
            "uk": {
                "title": "Молодіжний театр, 11–18 років",
                "schedule": "Щосуботи, 10:00–12:30",
                "description": "Ігри, драма і спільна вистава. Досвід не потрібен.",
            },
            "ar": {
                "title": "مسرح الشباب، من 11 إلى 18 عامًا",
                "schedule": "أيام السبت، من 10 صباحًا إلى 12:30 ظهرًا",
                "description": "ألعاب ودراما وصنع عرض معًا. لا حاجة إلى خبرة.",
            },
            "fa": {
                "title": "تئاتر جوانان، ۱۱ تا ۱۸ سال",
                "schedule": "شنبه‌ها، ساعت ۱۰ تا ۱۲:۳۰",
                "description": "بازی، نمایش و ساختن یک اجرا با هم. نیازی به تجربه نیست.",
            },
            "ps": {
                "title": "د ځوانانو تياتر، له ۱۱ تر ۱۸ کلنۍ",
                "schedule": "د شنبې ورځې، له ۱۰ بجو تر ۱۲:۳۰",
                "description": "لوبې، ډرامه او يوځای د ننداره جوړول. تجربې ته اړتيا نشته.",
            },
        },
    },
    {
        "kind": Opportunity.Kind.COURSE,
        "venue": "stage-two",
        "starts_in_days": 20,
        "ends_in_days": 90,
        "text": {
            "en": {
                "title": "Acting for beginners",
                "schedule": "Tuesday evenings, 7pm to 9pm, for ten weeks",
                "description": "A friendly course for adults. Build confidence and speak up.",
            },
            "uk": {
                "title": "Акторська майстерність для початківців",
                "schedule": "Щовівторка ввечері, 19:00–21:00, десять тижнів",
                "description": (
                    "Дружній курс для дорослих. Набудьте впевненості й говоріть сміливо."
                ),
            },
            "ar": {
                "title": "التمثيل للمبتدئين",
                "schedule": "مساء كل ثلاثاء، من 7 إلى 9 مساءً، لمدة عشرة أسابيع",
                "description": "دورة ودودة للبالغين. ابنِ ثقتك بنفسك وعبّر عن رأيك.",
            },
            "fa": {
                "title": "بازیگری برای تازه‌کارها",
                "schedule": "سه‌شنبه‌ها عصر، ساعت ۱۹ تا ۲۱، به مدت ده هفته",
                "description": "دوره‌ای دوستانه برای بزرگسالان. اعتمادبه‌نفس پیدا کنید و حرف بزنید.",
            },
            "ps": {
                "title": "د پيل کوونکو لپاره اداکاري",
                "schedule": "د سه شنبې ماښامونه، له ۷ تر ۹ بجو، لس اونۍ",
                "description": "د لويانو لپاره يو دوستانه کورس. باور پيدا کړئ او خبرې وکړئ.",
            },
        },
    },
    {
        "kind": Opportunity.Kind.TRAINING,
        "venue": "theatre-royal",
        "starts_in_days": 40,
        "ends_in_days": 70,
        "text": {
            "en": {
                "title": "Backstage skills: lighting and sound",
                "schedule": "Four Sunday afternoons",
                "description": "Learn how a show is lit and heard, with our technical team.",
            },
            "uk": {
                "title": "Закулісні навички: світло і звук",
                "schedule": "Чотири неділі, після обіду",
                "description": (
                    "Дізнайтеся, як виставу освітлюють і озвучують, з нашою технічною командою."
                ),
            },
            "ar": {
                "title": "مهارات الكواليس: الإضاءة والصوت",
                "schedule": "أربع أمسيات من أيام الأحد",
                "description": "تعلّم كيف يُضاء العرض ويُسمع، مع فريقنا التقني.",
            },
            "fa": {
                "title": "مهارت‌های پشت صحنه: نور و صدا",
                "schedule": "چهار بعدازظهر یکشنبه",
                "description": "با تیم فنی ما یاد بگیرید که نور و صدای یک نمایش چگونه ساخته می‌شود.",
            },
            "ps": {
                "title": "د پردې شا مهارتونه: رڼا او غږ",
                "schedule": "د يکشنبې څلور ماسپښينونه",
                "description": (
                    "زموږ د تخنيکي ټيم سره زده کړئ چې ننداره څنګه روښانه او اورېدل کېږي."
                ),
            },
        },
    },
    {
        "kind": Opportunity.Kind.TICKETS,
        "venue": "theatre-royal",
        "starts_in_days": -60,
        "ends_in_days": 180,
        "text": {
            "en": {
                "title": "Theatre tickets for you and your family",
                "schedule": "Evening shows this season",
                "description": "See a show at the Theatre Royal together.",
            },
            "uk": {
                "title": "Квитки до театру для вас і вашої родини",
                "schedule": "Вечірні вистави цього сезону",
                "description": "Подивіться виставу в Театрі Роял разом.",
            },
            "ar": {
                "title": "تذاكر مسرح لك ولعائلتك",
                "schedule": "العروض المسائية في هذا الموسم",
                "description": "شاهدوا عرضًا معًا في المسرح الملكي.",
            },
            "fa": {
                "title": "بلیت تئاتر برای شما و خانواده‌تان",
                "schedule": "نمایش‌های عصر در این فصل",
                "description": "با هم در تئاتر رویال یک نمایش ببینید.",
            },
            "ps": {
                "title": "ستاسو او ستاسو د کورنۍ لپاره د تياتر ټکټونه",
                "schedule": "د دې فصل د ماښام ننداري",
                "description": "په شاهي تياتر کې يوځای يوه ننداره وګورئ.",
            },
        },
    },
]
