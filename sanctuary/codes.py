"""The codes people without an account use: a short reference to read out or screenshot, and a
private token for the link that lets them see or change what they sent."""

import secrets

# No 0/O, 1/I/L, 2/Z, 5/S or 8/B: easy to read on a small screen and to say over the phone.
REFERENCE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"


def reference_new(*, prefix: str, length: int = 6) -> str:
    """A reference like "D-7KQ4TM". 25**6 is about 244 million: callers still check it is free."""
    body = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(length))
    return f"{prefix}-{body}"


def reference_normalise(text: str) -> str:
    """What someone typed, as stored: upper case, no spaces, the dash where it belongs."""
    cleaned = "".join(text.split()).upper().replace("–", "-").replace("—", "-")
    if "-" not in cleaned and len(cleaned) > 1:
        cleaned = f"{cleaned[0]}-{cleaned[1:]}"
    return cleaned


def token_new() -> str:
    """256 random bits, URL-safe: the secret in a private link."""
    return secrets.token_urlsafe(32)
