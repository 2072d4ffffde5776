"""No internal code on an officer's page (issue #12, item 10): the codes of kinds, deadline
rules, actions, timeline events, indicators, roles, channels and message templates are for
the API; officers read labels. The list of codes is derived from the registries (nothing to
update here when an app adds a kind or a rule); the crawl starts from the officers' pages
of the privacy world and follows every link it finds on the site, as A's leader and as A's
one-stop clerk, and fails on any page whose visible text shows one of the codes."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client

from .conftest import World, login
from .test_crawl import list_urls, object_urls

pytestmark = pytest.mark.django_db

MAX_PAGES = 260
# Files, sign-out and the public site are not officers' pages.
SKIP = re.compile(r"\.(docx|pdf|xlsx|csv|json|xml|svg|png)(\?|$)|/dang-xuat/|/static/|/i18n/|/api/")
OFFICER_PREFIXES = (
    "/ho-so-viec/", "/don-thu/", "/mot-cua/", "/can-bo/", "/tai-khoan/", "/dan-chu/",
    "/doi-thoai/", "/tuyen-truyen/", "/danh-gia/", "/dia-ban/quan-ly/",
)  # fmt: skip


def internal_codes() -> set[str]:
    """Every code a page must not show, from the registries and the code lists."""
    from danvan.accounts.roles import Organisation, Role
    from danvan.cases.kinds import event_kind_labels, kind_keys
    from danvan.cases.text import CHANNEL_CODES
    from danvan.cases.views import ACTIONS
    from danvan.core.models import AuditEntry, Notification
    from danvan.core.registry import registries
    from danvan.deadlines.ruleset import table

    codes: set[str] = set(kind_keys()) | set(table()) | set(ACTIONS) | set(event_kind_labels())
    codes |= {i.key for i in registries.indicators}
    codes |= set(Role.values) | set(Organisation.values) | set(CHANNEL_CODES)
    codes |= set(AuditEntry.objects.values_list("action", flat=True).distinct())
    codes |= set(Notification.objects.values_list("template", flat=True).distinct())
    return {c for c in codes if c}


class _Visible(HTMLParser):
    """The text a reader sees: text nodes outside script, style and template tags."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.links: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "template"):
            self._hidden += 1
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def _matcher(codes: set[str]):  # type: ignore[no-untyped-def]
    """Where a code shows in a text node. A dotted or underscored code (a rule, an action, an
    indicator) anywhere in it; a one-word code (``desk``, ``reflection``) when it is the
    node's whole text or in parentheses, as a template prints a code — a citizen who writes
    the word "complaint" in their own letter is not the page showing a code."""
    compound = sorted((c for c in codes if re.search(r"[._]", c)), key=len, reverse=True)
    words = {c for c in codes if not re.search(r"[._]", c)}
    anywhere = re.compile(
        r"(?<![\w./-])(?:" + "|".join(re.escape(c) for c in compound) + r")(?![\w/-]|\.\w)"
    )
    in_brackets = re.compile(r"\(\s*([a-z0-9]+)\s*\)")

    def find(node: str) -> list[str]:
        hits = [m.group(0) for m in anywhere.finditer(node)]
        stripped = node.strip()
        if stripped in words:
            hits.append(stripped)
        hits += [m.group(1) for m in in_brackets.finditer(node) if m.group(1) in words]
        return hits

    return find


FILES = re.compile(r"\.(docx|pdf|xlsx|csv)(\?|$)|[?&]format=xlsx")


def crawl(
    client: Client, seeds: list[str], codes: set[str], files: set[str] | None = None
) -> tuple[int, list[str]]:
    """Visit the officers' pages from ``seeds``; returns how many and the codes shown.
    Links to files (exports, printed forms) are gathered into ``files`` when given."""
    find = _matcher(codes)
    seen: set[str] = set()
    queue = list(dict.fromkeys(seeds))
    found: list[str] = []
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen or SKIP.search(url):
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = _Visible()
        parser.feed(response.content.decode())
        for node in parser.parts:
            found += [f"{url}: {hit!r} in {node.strip()[:120]!r}" for hit in find(node)]
        for href in parser.links:
            target = urljoin(url, href)
            parts = urlsplit(target)
            if parts.netloc and parts.netloc != "testserver":
                continue
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if files is not None and FILES.search(path) and path.startswith(OFFICER_PREFIXES):
                files.add(path)
            if path.startswith(OFFICER_PREFIXES) and path not in seen:
                queue.append(path)
    return len(seen), found


@pytest.mark.parametrize("who", ["officer_a", "one_stop_a"])
def test_officers_pages_show_no_internal_code(world: World, who, request):
    user = request.getfixturevalue(who)
    client = login(user)
    codes = internal_codes()
    # the registries really were read: kinds, rules, roles, indicators all in the list
    assert {"reflection", "dossier", "denunciation.check", "one_stop", "desk"} <= codes
    seeds = ["/can-bo/", "/ho-so-viec/"] + object_urls(world) + list_urls(world)
    seeds = [u for u in seeds if "q=" not in u]  # searches echo what was typed
    pages, found = crawl(client, seeds, codes)
    assert pages > 40, pages  # the crawl reached the officers' pages
    assert not found, "\n".join(found[:40])


FILE_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "csv": "text/csv",
}
MAGIC = {"xlsx": b"PK", "docx": b"PK", "pdf": b"%PDF"}


def test_every_export_link_on_officers_pages_returns_a_file(world: World, officer_a):
    """Each link to a file (form 06, the register, the audit log, printed forms) found on the
    pages the leader of A reaches answers with that file at once, as offered: no form to
    fill in first, no page instead of the file."""
    client = login(officer_a)
    files: set[str] = set()
    seeds = ["/can-bo/", "/mot-cua/", "/mot-cua/so-theo-doi/", "/don-thu/tiep-cong-dan/"]
    seeds += ["/tai-khoan/nhat-ky/", *object_urls(world)]
    crawl(client, seeds, internal_codes(), files)
    assert "/mot-cua/so-theo-doi/" in " ".join(files)  # form 06's own link was found
    assert any("nhat-ky" in f for f in files)  # the audit register's export
    assert len(files) >= 8, sorted(files)
    failures = []
    for url in sorted(files):
        response = client.get(url)
        ext = "xlsx" if "format=xlsx" in url else re.search(r"\.(\w+)(\?|$)", url).group(1)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        ok = (
            response.status_code == 200
            and response["Content-Type"].startswith(FILE_TYPES[ext])
            and body.startswith(MAGIC.get(ext, b""))
        )
        if not ok:
            failures.append(f"{url}: {response.status_code} {response.get('Content-Type')}")
    assert not failures, "\n".join(failures)
