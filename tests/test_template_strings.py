"""Every Vietnamese string a template marks for translation has its English in a catalogue.

A string marked in a template but never added to a catalogue (a shared template under
``danvan/templates`` is in no app's) shows in Vietnamese to a person who chose English: the
commune search's label on the public letters and one-stop pages did.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

from danvan.core.tests.test_translations import CATALOGUES, parse_po

DANVAN = Path(settings.BASE_DIR) / "danvan"
# {% translate "…" %} / {% trans '…' %}, with an optional context.
MARKED = re.compile(
    r"""\{%\s*(?:translate|trans)\s+(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')"""
    r"""(?:\s+context\s+["']([^"']*)["'])?"""
)
NOT_ASCII = re.compile(r"[^\x00-\x7f]")


def _translated() -> set[tuple[str | None, str]]:
    out: set[tuple[str | None, str]] = set()
    for path in CATALOGUES:
        for entry in parse_po(path):
            if entry.msgstrs and all(entry.msgstrs):
                out.add((entry.context, entry.msgid))
    return out


def _marked() -> list[tuple[str, str | None, str]]:
    out = []
    for path in sorted(DANVAN.rglob("templates/**/*.html")):
        if "tests" in path.parts:
            continue
        for m in MARKED.finditer(path.read_text(encoding="utf-8")):
            text = m.group(1) if m.group(1) is not None else m.group(2)
            if NOT_ASCII.search(text):
                # makemessages writes a template's "%" as "%%" in the catalogue.
                out.append((str(path.relative_to(DANVAN)), m.group(3), text.replace("%", "%%")))
    return out


def test_the_walk_finds_the_templates():
    marked = _marked()
    assert len(marked) > 500
    assert any(p == "templates/_commune_search_form.html" for p, _c, _t in marked)


def test_every_marked_vietnamese_string_has_its_english():
    translated = _translated()
    missing = [
        f"{path}: {text!r}" + (f" (context {context!r})" if context else "")
        for path, context, text in _marked()
        if (context, text) not in translated
    ]
    assert not missing, "\n".join(missing)


@pytest.mark.django_db
def test_the_commune_search_reads_in_english(client, unit_a):
    from danvan.testing.language import english

    for url in ("/don-thu/cong-khai/", "/mot-cua/cong-khai/"):
        page = english(client).get(url, {"xa": "Thử"}).content.decode()
        assert "Commune or ward name (former names before 1/7/2025 too)" in page, url
        assert "Tên xã, phường" not in page and "trước 1/7/2025" not in page, url
