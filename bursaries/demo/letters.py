"""The demo's decision templates and applications, in every UI language."""

from decimal import Decimal

from bursaries.models import Application, DecisionTemplate

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
