"""How long the last-10-passwords check takes with the production hasher (PBKDF2).

    .venv/bin/python bench/password_history.py

A password change checks the new password against up to 10 stored hashes; each check is a
full PBKDF2 run, so this is the cost an officer waits for when changing a password.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.hashers import get_hasher, make_password  # noqa: E402

from danvan.accounts.passwords import PASSWORD_HISTORY_SIZE, _matches_any  # noqa: E402


def main() -> None:
    hasher = get_hasher()
    started = time.perf_counter()
    hashes = [make_password(f"cu-{i}-mat-khau") for i in range(PASSWORD_HISTORY_SIZE)]
    one = (time.perf_counter() - started) / PASSWORD_HISTORY_SIZE
    print(f"hasher: {hasher.algorithm} ({getattr(hasher, 'iterations', '?')} iterations)")
    print(f"one hash: {one * 1000:.0f} ms")
    for label, candidate in (("new password (all 10 checked)", "moi-hoan-toan"),):
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            assert not _matches_any(candidate, hashes)
            runs.append(time.perf_counter() - started)
        print(
            f"{label}: {min(runs) * 1000:.0f}–{max(runs) * 1000:.0f} ms on {os.cpu_count()} cores"
        )


if __name__ == "__main__":
    main()
