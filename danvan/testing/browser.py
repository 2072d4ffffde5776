"""Headless Chromium for browser tests: Debian's /usr/bin/chromium driven by Playwright.

Browsers cannot be downloaded here, so Playwright is pointed at the system Chromium. Where it
is missing the tests skip, unless DANVAN_REQUIRE_BROWSER=1 (CI), where that is a failure.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("DANVAN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def require_chromium() -> None:
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("DANVAN_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{CHROMIUM} is missing but DANVAN_REQUIRE_BROWSER=1")
    pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")


@contextmanager
def chromium_page(
    *, locale: str = "vi-VN", viewport: dict[str, int] | None = None
) -> Iterator[object]:
    """Yield a Playwright page in a fresh headless Chromium (``locale`` is the browser's
    language, sent as Accept-Language; ``viewport`` e.g. a 375 px phone)."""
    require_chromium()
    # Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run
    # inside one unless told that this test thread is not serving async code.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            options: dict[str, object] = {"locale": locale}
            if viewport is not None:
                options["viewport"] = viewport
            context = browser.new_context(**options)
            page = context.new_page()
            page.set_default_timeout(15000)
            yield page
        finally:
            browser.close()
