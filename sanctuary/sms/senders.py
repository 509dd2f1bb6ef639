"""Who a text comes from. Read by settings, so it loads nothing of Django's."""

import re

ALPHANUMERIC = re.compile(r"[A-Za-z0-9 ]{1,11}")
E164 = re.compile(r"\+[1-9][0-9]{6,14}")


def sender_problem(sender: str) -> str:
    """Why `sender` cannot be a text's sender, or "" if it can: a number in E.164 form, or an
    alphanumeric sender ID of at most 11 ASCII letters, digits and spaces with at least one letter
    (what the networks accept; the UK and most of Europe show it, the US and Canada refuse it,
    and nobody can reply to it)."""
    if E164.fullmatch(sender):
        return ""
    if not sender.strip():
        return "give a sender ID such as NorwichThtr, or a number like +447700900123."
    if not ALPHANUMERIC.fullmatch(sender):
        return (
            "an alphanumeric sender ID is at most 11 letters (A-Z, a-z), digits and spaces; "
            "a number is written +447700900123."
        )
    if not re.search(r"[A-Za-z]", sender):
        return "an alphanumeric sender ID needs at least one letter."
    return ""


def is_alphanumeric(sender: str) -> bool:
    return not E164.fullmatch(sender)
