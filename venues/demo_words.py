"""The demo venues' words in Central Kurdish, Tigrinya, Urdu, Russian and Albanian, by venue;
venues/demo.py holds the other languages and adds these (one module would pass 400 lines)."""

TEXT = {
    "theatre-royal": {
        "ckb": {
            "name": "شانۆی ڕۆیاڵ",
            "description": (
                "شانۆی سەرەکیمان، نزیکەی ١٣٠٠ کورسی تێدایە. کۆبوونەوەی هەفتانەی بەخێرهاتن "
                "لێرە دەکرێت."
            ),
            "access_information": (
                "دەروازەیەکی بێ پلیکانە لە شەقامی تیاتەر. ئاودەستی گونجاو لە نهۆمی زەوی. "
                "ئەڵقەی بیستن لە شوێنی فرۆشتنی بلیت. بۆ ژوورێکی هێمن داوا لە هەر یەکێک لە "
                "ئێمە بکە."
            ),
            "getting_there": (
                "بە پێ ماوەیەکی کەم لە ناوەڕاستی شارەوە. زۆر پاس لە شەقامی سەینت ستیڤنز "
                "ڕادەوەستن، دوو خولەک دوورتر."
            ),
        },
        "ti": {
            "name": "ቲያትር ሮያል",
            "description": ("ቀንዲ ቲያትርና፡ ኣስታት 1,300 መቐመጢ ዘለዎ። ሰሙናዊ ናይ ምቕባል ርክብ ኣብዚ ይካየድ።"),
            "access_information": (
                "ኣብ Theatre Street ብዘይ ደረጃ ዝእቶ ማዕጾ። ኣብ ታሕተዋይ ደርቢ ንኹሉ ዝምችእ ሽቓቕ። "
                "ኣብ ትኬት መሸጢ ናይ ምስማዕ መሳርሒ ኣሎ። ህዱእ ክፍሊ እንተደሊኹም ንዝኾነ ካባና ሕተቱ።"
            ),
            "getting_there": (
                "ካብ ማእከል ከተማ ሒደት ደቓይቕ ብእግሪ። ብዙሓት ኣውቶቡሳት ኣብ St Stephens Street፡ ክልተ ደቒቕ ርሒቑ፡ ይዓርፉ።"
            ),
        },
        "ur": {
            "name": "تھیٹر رائل",
            "description": (
                "ہمارا مرکزی تھیٹر، جس میں تقریباً 1,300 نشستیں ہیں۔ ہفتہ وار خوش آمدید ملاقات "
                "یہیں ہوتی ہے۔"
            ),
            "access_information": (
                "تھیٹر اسٹریٹ پر سیڑھیوں کے بغیر داخلہ۔ گراؤنڈ فلور پر معذور افراد کے لیے موزوں "
                "بیت الخلا۔ باکس آفس پر سننے میں مدد کا لوپ۔ پُرسکون کمرے کے لیے ہم میں سے کسی "
                "سے بھی کہیں۔"
            ),
            "getting_there": (
                "شہر کے مرکز سے تھوڑا سا پیدل۔ بہت سی بسیں سینٹ اسٹیفنز اسٹریٹ پر رکتی ہیں، جو "
                "دو منٹ کے فاصلے پر ہے۔"
            ),
        },
        "ru": {
            "name": "Театр Роял",
            "description": (
                "Наш главный театр, примерно на 1300 мест. Еженедельная встреча-знакомство "
                "проходит здесь."
            ),
            "access_information": (
                "Вход без ступенек с Театр-стрит. Доступные туалеты на первом этаже. "
                "Индукционная петля в кассе. Попросите любого из нас о тихой комнате."
            ),
            "getting_there": (
                "Несколько минут пешком от центра города. Многие автобусы останавливаются на "
                "Сент-Стивенс-стрит, в двух минутах отсюда."
            ),
        },
        "sq": {
            "name": "Theatre Royal",
            "description": (
                "Teatri ynë kryesor, me rreth 1.300 vende. Takimi javor i mirëseardhjes "
                "mbahet këtu."
            ),
            "access_information": (
                "Hyrje pa shkallë nga Theatre Street. Tualete të përshtatshme në katin "
                "përdhes. Lak dëgjimi te biletaria. Kërkoni nga cilido prej nesh një dhomë "
                "të qetë."
            ),
            "getting_there": (
                "Pak minuta në këmbë nga qendra e qytetit. Shumë autobusë ndalojnë në "
                "St Stephens Street, dy minuta larg."
            ),
        },
    },
    "playhouse": {
        "ckb": {
            "name": "پلەیهاوس",
            "description": "شانۆیەکی بچووکتر لە تەنیشت ڕووبارەکە، نزیکەی ٣٠٠ کورسی تێدایە.",
            "access_information": (
                "دەروازەیەکی بێ پلیکانە لە شەقامی سەینت جۆرج. ئاودەستێکی گونجاو لە نهۆمی زەوی."
            ),
            "getting_there": "دە خولەک بە پێ لە شانۆی ڕۆیاڵەوە، ئەو دیوی ڕووبارەکە.",
        },
        "ti": {
            "name": "ፕለይሃውስ",
            "description": "ኣብ ጥቓ ሩባ ዘሎ ዝነኣሰ ቲያትር፡ ኣስታት 300 መቐመጢ ዘለዎ።",
            "access_information": (
                "ካብ St George's Street ብዘይ ደረጃ ዝእቶ ማዕጾ። ኣብ ታሕተዋይ ደርቢ ንኹሉ ዝምችእ ሽቓቕ።"
            ),
            "getting_there": "ካብ ቲያትር ሮያል ዓሰርተ ደቓይቕ ብእግሪ፡ ሩባ ሰጊርኩም።",
        },
        "ur": {
            "name": "پلے ہاؤس",
            "description": "دریا کے کنارے ایک چھوٹا تھیٹر، جس میں تقریباً 300 نشستیں ہیں۔",
            "access_information": (
                "سینٹ جارجز اسٹریٹ سے سیڑھیوں کے بغیر داخلہ۔ گراؤنڈ فلور پر موزوں بیت الخلا۔"
            ),
            "getting_there": "تھیٹر رائل سے دس منٹ پیدل، دریا کے پار۔",
        },
        "ru": {
            "name": "Плейхаус",
            "description": "Театр поменьше у реки, примерно на 300 мест.",
            "access_information": (
                "Вход без ступенек с Сент-Джорджес-стрит. Доступный туалет на первом этаже."
            ),
            "getting_there": "Десять минут пешком от Театра Роял, через реку.",
        },
        "sq": {
            "name": "Playhouse",
            "description": "Një teatër më i vogël pranë lumit, me rreth 300 vende.",
            "access_information": (
                "Hyrje pa shkallë nga St George's Street. Tualet i përshtatshëm në katin përdhes."
            ),
            "getting_there": "Dhjetë minuta në këmbë nga Theatre Royal, matanë lumit.",
        },
    },
    "stage-two": {
        "ckb": {
            "name": "ستەیج تو",
            "description": (
                "بینای فێربوون و بەشداریکردنمان، لە تەنیشت شانۆی ڕۆیاڵ. خول، وۆرکشۆپ و شانۆی "
                "گەنجان لێرە دەکرێن."
            ),
            "access_information": (
                "دەروازەیەکی بێ پلیکانە و بەرزکەرەوە بۆ هەموو نهۆمەکان. ئاودەستی گونجاو لە هەر "
                "نهۆمێک."
            ),
            "getting_there": "لە تەنیشت شانۆی ڕۆیاڵ، لە شەقامی تیاتەر.",
        },
        "ti": {
            "name": "ስተጅ ቱ",
            "description": (
                "ህንጻ ትምህርትን ተሳትፎን፡ ኣብ ጎኒ ቲያትር ሮያል። ኮርሳት፡ ዎርክሾፓትን ናይ መንእሰያት ቲያትርን ኣብዚ ይካየዱ።"
            ),
            "access_information": (
                "ብዘይ ደረጃ ዝእቶ ማዕጾን ናብ ኩሉ ደርብታት ዝወስድ ሊፍትን። ኣብ ነፍሲ ወከፍ ደርቢ ንኹሉ ዝምችእ ሽቓቕ።"
            ),
            "getting_there": "ኣብ ጎኒ ቲያትር ሮያል፡ ኣብ Theatre Street።",
        },
        "ur": {
            "name": "اسٹیج ٹو",
            "description": (
                "ہماری سیکھنے اور شرکت کی عمارت، تھیٹر رائل کے ساتھ۔ کورسز، ورکشاپس اور یوتھ "
                "تھیٹر یہیں ہوتے ہیں۔"
            ),
            "access_information": (
                "سیڑھیوں کے بغیر داخلہ اور ہر منزل تک لفٹ۔ ہر منزل پر موزوں بیت الخلا۔"
            ),
            "getting_there": "تھیٹر رائل کے بالکل ساتھ، تھیٹر اسٹریٹ پر۔",
        },
        "ru": {
            "name": "Стейдж Ту",
            "description": (
                "Наш учебный центр рядом с Театром Роял. Здесь проходят курсы, мастер-классы "
                "и молодёжный театр."
            ),
            "access_information": (
                "Вход без ступенек и лифт на каждый этаж. Доступные туалеты на каждом этаже."
            ),
            "getting_there": "Рядом с Театром Роял, на Театр-стрит.",
        },
        "sq": {
            "name": "Stage Two",
            "description": (
                "Ndërtesa jonë e të mësuarit dhe e pjesëmarrjes, pranë Theatre Royal. Këtu "
                "zhvillohen kurse, punëtori dhe teatri i të rinjve."
            ),
            "access_information": (
                "Hyrje pa shkallë dhe ashensor për çdo kat. Tualete të përshtatshme në çdo kat."
            ),
            "getting_there": "Ngjitur me Theatre Royal, në Theatre Street.",
        },
    },
}
