"""The demo drop-ins' words in Central Kurdish, Tigrinya, Urdu, Russian and Albanian;
dropins/demo.py holds the other languages and adds these."""

WELCOME = {
    "ckb": {
        "title": "کۆبوونەوەی بەخێرهاتن",
        "description": (
            "لەگەڵ خەڵک ئاشنا بە، خواردنەوەیەکی گەرم و شتێک بۆ خواردن وەربگرە، ئینگلیزی "
            "ڕاهێنان بکە و ڕاوێژ وەربگرە. منداڵان بەخێربێن؛ یاری و گۆشەیەکی هێمن هەیە."
        ),
    },
    "ti": {
        "title": "ናይ ምቕባል ርክብ",
        "description": (
            "ምስ ሰባት ተላለዩ፡ ውዑይ መስተን ዝብላዕ ነገርን ውሰዱ፡ እንግሊዝኛ ተለማመዱን ምኽሪ ርኸቡን። "
            "ቆልዑ እንቋዕ ብደሓን መጹ፡ መጻወቲታትን ህዱእ ኩርናዕን ኣሎ።"
        ),
    },
    "ur": {
        "title": "خوش آمدید ملاقات",
        "description": (
            "لوگوں سے ملیں، کچھ گرم پئیں اور کچھ کھائیں، انگریزی کی مشق کریں اور مشورہ لیں۔ "
            "بچوں کو بھی خوش آمدید؛ کھلونے اور ایک پُرسکون گوشہ موجود ہے۔"
        ),
    },
    "ru": {
        "title": "Встреча-знакомство",
        "description": (
            "Знакомьтесь с людьми, выпейте горячего и перекусите, практикуйте английский и "
            "получите совет. Детям рады: есть игрушки и тихий уголок."
        ),
    },
    "sq": {
        "title": "Takimi i mirëseardhjes",
        "description": (
            "Njihuni me njerëz, pini diçka të ngrohtë dhe hani diçka, praktikoni anglishten "
            "dhe merrni këshilla. Fëmijët janë të mirëpritur; ka lodra dhe një kënd të qetë."
        ),
    },
}

FAMILY = {
    "ckb": {
        "title": "کۆبوونەوەی خێزانان",
        "description": "یاری، کاری دەستی و نانی نیوەڕۆی گەرم بۆ خێزانەکان، و یارمەتیش ئامادەیە.",
    },
    "ti": {
        "title": "ናይ ስድራቤታት ርክብ",
        "description": "ንስድራቤታት ጸወታታት፡ ኢደ-ጥበብን ውዑይ ምሳሕን፡ ዝሕግዙ ሰባት ከኣ ኣለው።",
    },
    "ur": {
        "title": "خاندانوں کی ملاقات",
        "description": (
            "خاندانوں کے لیے کھیل، دستکاری اور گرم دوپہر کا کھانا، اور مدد بھی موجود ہے۔"
        ),
    },
    "ru": {
        "title": "Семейная встреча",
        "description": "Игры, поделки и тёплый обед для семей, а рядом — те, кто поможет.",
    },
    "sq": {
        "title": "Takimi i familjeve",
        "description": "Lojëra, punë dore dhe një drekë e ngrohtë për familjet, me ndihmë pranë.",
    },
}
