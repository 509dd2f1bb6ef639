"""Demo bursaries: the partner organisations, an open and a closed fund, things to take part in
at Stage Two and the Theatre Royal in every UI language, decision templates, and a few
applications in different states. Safe to run again: it updates what is there."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from bursaries import services
from bursaries.models import (
    Application,
    DecisionTemplate,
    Fund,
    Opportunity,
    PartnerOrganisation,
)
from sanctuary.models import User
from venues.models import Venue

PARTNERS = [
    "The Bridge Plus+",
    "New Routes",
    "GYROS",
    "Dereham Ukraine Aid Centre",
    "Norwich City of Sanctuary",
]

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

TEMPLATES = [
    {
        "outcome": DecisionTemplate.Outcome.APPROVED,
        "name": "Approve",
        "body": {
            "en": (
                "Dear {name},\n\nWe are very happy to give you a bursary of up to {amount}. "
                "We will contact you about how it is paid before you start.\n\n"
                "We look forward to seeing you."
            ),
            "uk": (
                "Шановна/шановний {name},\n\nМи дуже раді надати вам стипендію до {amount}. "
                "Перед початком ми зв'яжемося з вами щодо того, як її буде виплачено.\n\n"
                "Чекаємо на зустріч з вами."
            ),
            "ar": (
                "عزيزي/عزيزتي {name}،\n\nيسعدنا كثيرًا أن نمنحك منحة تصل إلى {amount}. "
                "سنتواصل معك قبل أن تبدأ لنشرح كيف تُدفع.\n\nنتطلّع إلى رؤيتك."
            ),
            "fa": (
                "{name} عزیز،\n\nبسیار خوشحالیم که کمک‌هزینه‌ای تا سقف {amount} به شما بدهیم. "
                "پیش از شروع، درباره نحوه پرداخت آن با شما تماس می‌گیریم.\n\n"
                "مشتاق دیدار شما هستیم."
            ),
            "ps": (
                "ګرانه {name}،\n\nډېر خوښ يو چې تاسو ته تر {amount} پورې بورسيه درکوو. "
                "د پيل نه مخکې به تاسو سره د ورکړې د طريقې په اړه اړيکه ونيسو.\n\n"
                "ستاسو د ليدو هيله لرو."
            ),
        },
    },
    {
        "outcome": DecisionTemplate.Outcome.DECLINED,
        "name": "Decline: the drop-in and the next round",
        "body": {
            "en": (
                "Dear {name},\n\nThank you for applying. We are sorry: we cannot give you a "
                "bursary this time, because we had more applications than money.\n\n"
                "Please come to our free weekly welcome drop-in at the Theatre Royal, and apply "
                "again in the next round."
            ),
            "uk": (
                "Шановна/шановний {name},\n\nДякуємо за заявку. На жаль, цього разу ми не можемо "
                "надати вам стипендію, бо заявок було більше, ніж грошей.\n\n"
                "Приходьте на нашу безкоштовну щотижневу зустріч у Театрі Роял і подайте "
                "заявку знову в наступному раунді."
            ),
            "ar": (
                "عزيزي/عزيزتي {name}،\n\nشكرًا لتقديم طلبك. نأسف لأننا لا نستطيع أن نمنحك منحة "
                "هذه المرة، لأن الطلبات كانت أكثر من المال المتوفّر.\n\n"
                "تعال إلى لقاء الترحيب الأسبوعي المجاني في المسرح الملكي، وقدّم طلبًا مرة أخرى "
                "في الجولة القادمة."
            ),
            "fa": (
                "{name} عزیز،\n\nاز درخواست شما سپاسگزاریم. متأسفیم که این بار نمی‌توانیم به شما "
                "کمک‌هزینه بدهیم، چون درخواست‌ها بیشتر از پول ما بود.\n\n"
                "لطفاً به دیدار هفتگی و رایگان خوشامدگویی در تئاتر رویال بیایید و در دور بعد "
                "دوباره درخواست دهید."
            ),
            "ps": (
                "ګرانه {name}،\n\nستاسو د غوښتنليک مننه. بخښنه غواړو چې دا ځل تاسو ته بورسيه نشو "
                "درکولی، ځکه چې غوښتنليکونه له پيسو زيات وو.\n\n"
                "مهرباني وکړئ په شاهي تياتر کې زموږ وړيا اونيزې هرکلي ناستې ته راشئ، او په "
                "راتلونکي پړاو کې بيا غوښتنليک ورکړئ."
            ),
        },
    },
    {
        "outcome": DecisionTemplate.Outcome.MORE_INFORMATION,
        "name": "More information: what it is for",
        "body": {
            "en": (
                "Dear {name},\n\nThank you for applying. Please tell us a little more about "
                "what the money would pay for, and roughly how much each thing costs."
            ),
            "uk": (
                "Шановна/шановний {name},\n\nДякуємо за заявку. Будь ласка, розкажіть трохи "
                "більше, на що підуть гроші і скільки приблизно коштує кожна річ."
            ),
            "ar": (
                "عزيزي/عزيزتي {name}،\n\nشكرًا لتقديم طلبك. أخبرنا من فضلك أكثر قليلًا عمّا "
                "ستدفع له هذه الأموال، وكم يكلّف كل شيء تقريبًا."
            ),
            "fa": (
                "{name} عزیز،\n\nاز درخواست شما سپاسگزاریم. لطفاً کمی بیشتر بگویید که این پول "
                "برای چه چیزی است و هر کدام تقریباً چقدر هزینه دارد."
            ),
            "ps": (
                "ګرانه {name}،\n\nستاسو د غوښتنليک مننه. مهرباني وکړئ لږ نور راته ووايئ چې "
                "پيسې به د څه لپاره وي، او هر شی تقريباً څومره لګښت لري."
            ),
        },
    },
]

# Made through the services, as if people had applied and the team had reviewed and decided.
APPLICATIONS = [
    {
        "name": "Maryam",
        "language": "fa",
        "contact_method": Application.Contact.EMAIL,
        "email": "maryam@example.org",
        "opportunity": 0,
        "support": ["course_fee", "travel"],
        "amount_requested": Decimal("120.00"),
        "statement": "می‌خواهم دوباره روی صحنه بروم و دوستان تازه پیدا کنم.",
        "then": [],
    },
    {
        "name": "Olena",
        "language": "uk",
        "contact_method": Application.Contact.PHONE,
        "phone": "+447911123456",
        "opportunity": 1,
        "support": ["course_fee", "childcare"],
        "amount_requested": Decimal("180.00"),
        "statement": "Я хочу знову відчути себе впевнено і покращити свою англійську.",
        "then": ["review"],
    },
    {
        "name": "Ahmad",
        "language": "ps",
        "contact_method": Application.Contact.REFERRER,
        "referrer": "The Bridge Plus+",
        "referrer_name": "Jo",
        "referrer_email": "jo.caseworker@example.org",
        "opportunity": 3,
        "support": ["tickets", "travel"],
        "amount_requested": Decimal("60.00"),
        "statement": "زما کورنۍ هيڅکله تياتر نه دی ليدلی.",
        "then": ["review", Application.Status.APPROVED],
    },
    {
        "name": "Yusuf",
        "language": "ar",
        "contact_method": Application.Contact.EMAIL,
        "email": "yusuf@example.org",
        "own_words": "ورشة تصوير فوتوغرافي",
        "support": ["kit"],
        "amount_requested": Decimal("300.00"),
        "statement": "أحب التصوير وأريد أن أتعلم أكثر.",
        "then": ["review", Application.Status.DECLINED],
    },
    {
        "name": "Daria",
        "language": "uk",
        "contact_method": Application.Contact.EMAIL,
        "email": "daria@example.org",
        "referrer": "Dereham Ukraine Aid Centre",
        "opportunity": 2,
        "support": ["course_fee", "food"],
        "amount_requested": Decimal("90.00"),
        "statement": "Я працювала в театрі вдома і хочу повернутися до цієї роботи.",
        "then": [Application.Status.MORE_INFORMATION],
    },
]


def demo_load() -> None:
    today = timezone.localdate()
    for name in PARTNERS:
        PartnerOrganisation.objects.update_or_create(name=name, defaults={"is_active": True})
    open_fund = _fund(OPEN_FUND, today)
    _fund(CLOSED_FUND, today)
    opportunities = [_opportunity(data, today) for data in OPPORTUNITIES]
    templates = {
        data["outcome"]: DecisionTemplate.objects.update_or_create(
            outcome=data["outcome"],
            name=data["name"],
            defaults={f"body_{code}": text for code, text in data["body"].items()},
        )[0]
        for data in TEMPLATES
    }
    if not open_fund.applications.exists():
        _applications(open_fund, opportunities, templates)


def _translated(text: dict) -> dict:
    return {
        f"{field}_{code}": value for code, fields in text.items() for field, value in fields.items()
    }


def _fund(data: dict, today) -> Fund:
    """The fund with fresh dates and words. Its budget is set only when it is created: an
    existing fund keeps the budget staff gave it, which is never less than it has awarded."""
    defaults = {
        "opens_on": today + timedelta(days=data["opens_in_days"]),
        "closes_on": today + timedelta(days=data["closes_in_days"]),
        **_translated(data["text"]),
    }
    fund, _created = Fund.objects.update_or_create(
        slug=data["slug"],
        defaults=defaults,
        create_defaults={**defaults, "budget": data["budget"]},
    )
    return fund


def _opportunity(data: dict, today) -> Opportunity:
    opportunity, _created = Opportunity.objects.update_or_create(
        title_en=data["text"]["en"]["title"],
        defaults={
            "kind": data["kind"],
            "venue": Venue.objects.get(slug=data["venue"]),
            "starts_on": today + timedelta(days=data["starts_in_days"]),
            "ends_on": today + timedelta(days=data["ends_in_days"]),
            "is_active": True,
            **_translated(data["text"]),
        },
    )
    return opportunity


def _applications(fund: Fund, opportunities: list[Opportunity], templates: dict) -> None:
    staff = User.objects.get(email="staff@example.org")
    reviewer = User.objects.get(email="reviewer@example.org")
    for data in APPLICATIONS:
        referrer = data.get("referrer")
        application = services.application_submit(
            fund=fund,
            name=data["name"],
            contact_method=data["contact_method"],
            email=data.get("email", ""),
            phone=data.get("phone", ""),
            language=data["language"],
            opportunity=opportunities[data["opportunity"]] if "opportunity" in data else None,
            own_words=data.get("own_words", ""),
            support=data["support"],
            amount_requested=data["amount_requested"],
            statement=data["statement"],
            referrer_organisation=PartnerOrganisation.objects.get(name=referrer)
            if referrer
            else None,
            referrer_name=data.get("referrer_name", ""),
            referrer_email=data.get("referrer_email", ""),
            referrer_consent=bool(referrer),
            privacy_consent=True,
        )
        # Decisions go through the services, like staff's: an award never passes the budget.
        for step in data["then"]:
            if step == "review":
                services.review_open(application_id=application.pk, reviewer=reviewer)
                services.review_submit(
                    application_id=application.pk,
                    reviewer=reviewer,
                    need=4,
                    benefit=4,
                    fit=5,
                    recommendation="yes",
                    comment="Clear need; a good fit.",
                )
                continue
            application.refresh_from_db()
            services.application_transition(
                application_id=application.pk,
                to_status=step,
                actor=staff,
                amount_awarded=application.amount_requested,
                message=services.decision_message_draft(
                    application=application, template=templates[step]
                ),
            )
