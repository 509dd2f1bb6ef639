"""Run after `makemessages`: keep the words of Django and allauth that our catalogs translate.

Our catalogs also hold the words those libraries show here that their own catalogs lack (all of
them in Pashto; the scope is written in tests/sanctuary/library_catalog.py). makemessages finds
them nowhere in our source and marks them obsolete (`#~`); this puts them back as they were.
Needs GNU gettext, as makemessages does.
"""

import os
import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def _key(entry: polib.POEntry) -> tuple[str, str]:
    return (entry.msgctxt or "", entry.msgid)


def restore(path: Path, shown: set[tuple[str, str]]) -> int:
    """Un-obsolete each entry of `path` that is in `shown`; return how many."""
    blocks = path.read_text(encoding="utf-8").split("\n\n")
    restored = 0
    for index, block in enumerate(blocks):
        lines = block.strip("\n").split("\n")
        if not any(line.startswith("#~ msgid ") for line in lines):
            continue
        text = "\n".join(line.removeprefix("#~ ") for line in lines if not line.startswith("#~|"))
        entries = polib.pofile('msgid ""\nmsgstr ""\n\n' + text)
        if len(entries) == 1 and _key(entries[0]) in shown:
            blocks[index] = text
            restored += 1
    path.write_text("\n\n".join(blocks), encoding="utf-8")
    return restored


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sanctuary.settings")
    import django

    django.setup()
    from tests.sanctuary import library_catalog

    with tempfile.TemporaryDirectory() as workdir:
        extracted = library_catalog.extract(Path(workdir))
    for domain, entries in extracted.items():
        shown = {_key(entry) for entry in entries}
        for path in sorted(ROOT.glob(f"locale/*/LC_MESSAGES/{domain}.po")):
            print(f"{path.relative_to(ROOT)}: kept {restore(path, shown)} of the libraries' words")


if __name__ == "__main__":
    main()
