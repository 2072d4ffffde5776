"""The English catalogues: complete, checked, and one English per (context, msgid).

Django merges every app's catalogue into one: when two apps translate the same Vietnamese
msgid (with the same context) differently, only one wins and the other page shows the wrong
English. Same Vietnamese word, different meaning (a timeline step "Received" against a button
"Receive") needs a context; see docs/i18n.md.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

DANVAN = Path(settings.BASE_DIR) / "danvan"
CATALOGUES = sorted(DANVAN.glob("**/locale/en/LC_MESSAGES/django.po"))
KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (".*")$')
QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')


@dataclass(frozen=True)
class Entry:
    catalogue: str
    context: str | None
    msgid: str
    msgstrs: tuple[str, ...]
    fuzzy: bool


def _text(parts: list[str]) -> str:
    return "".join(QUOTED.findall("\n".join(parts)))


def parse_po(path: Path) -> list[Entry]:
    """The live entries of a .po file (the header and obsolete ``#~`` entries left out)."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        fields: dict[str, list[str]] = {}
        current = None
        fuzzy = False
        for line in block.splitlines():
            if line.startswith("#"):
                fuzzy = fuzzy or (line.startswith("#,") and "fuzzy" in line)
                current = None
                continue
            match = KEYWORD.match(line)
            if match:
                current = match.group(1)
                fields[current] = [match.group(2)]
            elif line.startswith('"') and current:
                fields[current].append(line)
        msgid = _text(fields.get("msgid", []))
        if not msgid:
            continue
        entries.append(
            Entry(
                catalogue=str(path.relative_to(DANVAN) if path.is_relative_to(DANVAN) else path),
                context=_text(fields["msgctxt"]) if "msgctxt" in fields else None,
                msgid=msgid,
                msgstrs=tuple(
                    _text(v) for k, v in sorted(fields.items()) if k.startswith("msgstr")
                ),
                fuzzy=fuzzy,
            )
        )
    return entries


ENTRIES = [entry for path in CATALOGUES for entry in parse_po(path)]


def test_every_app_catalogue_is_found():
    names = {entry.catalogue.split("/")[0] for entry in ENTRIES}
    assert {"locale", "cases", "dossiers", "letters", "deadlines", "territory"} <= names


def test_parser_reads_contexts_and_multiline_entries(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain\\n"\n\n'
        '#, fuzzy\nmsgctxt "action"\nmsgid "Tiếp nhận"\nmsgstr "Receive"\n\n'
        'msgid ""\n"Dòng một "\n"dòng hai"\nmsgstr ""\n',
        encoding="utf-8",
    )
    first, second = parse_po(po)
    assert (first.context, first.msgid, first.msgstrs, first.fuzzy) == (
        "action",
        "Tiếp nhận",
        ("Receive",),
        True,
    )
    assert (second.context, second.msgid, second.msgstrs) == (None, "Dòng một dòng hai", ("",))


def test_no_empty_translation():
    empty = [(e.catalogue, e.context, e.msgid) for e in ENTRIES if not all(e.msgstrs)]
    assert empty == []


def test_no_fuzzy_entry():
    # gettext ignores fuzzy entries: the page would silently show Vietnamese.
    assert [(e.catalogue, e.context, e.msgid) for e in ENTRIES if e.fuzzy] == []
    # The header too (makemessages marks a new catalogue's header fuzzy).
    fuzzy_files = [
        str(path.relative_to(DANVAN))
        for path in CATALOGUES
        if any(line.startswith("#,") and "fuzzy" in line for line in path.read_text().splitlines())
    ]
    assert fuzzy_files == []


def test_one_english_per_msgid_and_context():
    seen: dict[tuple[str | None, str], dict[tuple[str, ...], list[str]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for e in ENTRIES:
        seen[(e.context, e.msgid)][e.msgstrs].append(e.catalogue)
    conflicts = {key: dict(value) for key, value in seen.items() if len(value) > 1}
    assert conflicts == {}
