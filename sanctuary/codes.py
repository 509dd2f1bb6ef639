"""The codes people without an account use: a short reference to read out or screenshot, and a
private token for the link that lets them see or change what they sent."""

import secrets

# No 0/O, 1/I/L, 2/Z, 5/S or 8/B: easy to read on a small screen and to say over the phone.
REFERENCE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"


def reference_new(*, prefix: str, length: int = 6) -> str:
    """A reference like "D-7KQ4TM". 25**6 is about 244 million: callers still check it is free."""
    body = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(length))
    return f"{prefix}-{body}"


# A number's reference: spread over every reference of its length by a bijection (multiplying by
# a number prime to the size of that space, then adding one), so that references made one after
# another do not look alike, while two numbers never share one. Nothing secret rests on it: the
# private token is the secret.
_SPREAD = 150_994_943  # prime to 25, the alphabet's size, so prime to every power of it
_SHIFT = 97_531_246


def reference_from_number(number: int, *, prefix: str, length: int = 6) -> str:
    """The reference of the `number`th thing made, like "D-7KQ4TM": different for each number
    below 25**length (about 244 million for 6 characters), so no check that it is free."""
    size = len(REFERENCE_ALPHABET) ** length
    value = (number * _SPREAD + _SHIFT) % size
    body = []
    for _position in range(length):
        value, digit = divmod(value, len(REFERENCE_ALPHABET))
        body.append(REFERENCE_ALPHABET[digit])
    return f"{prefix}-{''.join(body)}"


def reference_normalise(text: str) -> str:
    """What someone typed, as stored: upper case, no spaces, the dash where it belongs."""
    cleaned = "".join(text.split()).upper().replace("–", "-").replace("—", "-")
    if "-" not in cleaned and len(cleaned) > 1:
        cleaned = f"{cleaned[0]}-{cleaned[1:]}"
    return cleaned


def token_new() -> str:
    """256 random bits, URL-safe: the secret in a private link."""
    return secrets.token_urlsafe(32)
