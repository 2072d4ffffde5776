"""Junk request bodies built from the fields a page's form really has."""

from __future__ import annotations

from html.parser import HTMLParser

from django.core.files.uploadedfile import SimpleUploadedFile

BOUNDARY = "robustnessBoundary7MA4YWxk"
# Values that trip parsers: overlong, huge numbers, impossible dates, markup, NUL, signs.
JUNK_VALUES = [
    "x" * 5000,
    "9" * 400,
    "31/02/2026",
    "<script>alert(1)</script>",
    "abc\x00def",
    "-1",
    "1e309",
    "Xã ☃ 𝔘",
    "2026-13-45T25:61",
    "  ",
]


class _Fields(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}  # name → input type ("file", "text", "select", …)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ("input", "select", "textarea"):
            return
        a = dict(attrs)
        name = a.get("name")
        if name and name != "csrfmiddlewaretoken":
            self.fields.setdefault(name, (a.get("type") or tag).lower())


def form_fields(html: bytes) -> dict[str, str]:
    parser = _Fields()
    parser.feed(html.decode("utf-8", "replace"))
    return parser.fields


def bodies(fields: dict[str, str]) -> list[tuple[str, dict]]:
    """(label, kwargs for Client.post) covering the ways a body can be wrong."""
    names = [n for n, t in fields.items() if t != "file"] or ["q"]
    files = [n for n, t in fields.items() if t == "file"]
    out: list[tuple[str, dict]] = [
        ("empty", {"data": {}}),
        ("unknown fields", {"data": {"khong_co": "1", "__proto__": "x"}}),
        ("lists", {"data": {n: ["1", "2"] for n in names}}),
    ]
    # Three rotations: each field meets three junk values, and the whole set is used across
    # the fields of a form (the value list is longer than three on purpose).
    for i in range(3):
        # Rotate so that every field meets every junk value across the bodies.
        data = {n: JUNK_VALUES[(3 * i + j) % len(JUNK_VALUES)] for j, n in enumerate(names)}
        out.append((f"junk {i}", {"data": data}))
    if files:
        garbage = {
            n: SimpleUploadedFile("tep.xlsx", b"\xff\xfe\x00PK\x03\x04garbage" * 50) for n in files
        }
        out.append(("garbage files", {"data": {**dict.fromkeys(names, "x"), **garbage}}))
        out.append(("empty files", {"data": {n: SimpleUploadedFile("a.csv", b"") for n in files}}))
    out.append(
        (
            "invalid utf-8 multipart",
            {
                "data": _bad_multipart(names + files),
                "content_type": f"multipart/form-data; boundary={BOUNDARY}",
            },
        )
    )
    out.append(
        ("json body", {"data": b'{"a": [1, {"b": null}]}', "content_type": "application/json"})
    )
    out.append(
        (
            "truncated multipart",
            {
                "data": f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="a"\r\n\r\nx'.encode(),
                "content_type": f"multipart/form-data; boundary={BOUNDARY}",
            },
        )
    )
    return out


def _bad_multipart(names: list[str]) -> bytes:
    parts = []
    for name in names:
        parts.append(
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            + b"\xff\xfe\xc3\x28 \xa0\xa1"
            + b"\r\n"
        )
    parts.append(
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="tep"; filename="\xff.csv"\r\n'.encode(
            "latin-1"
        )
        + b"Content-Type: text/csv\r\n\r\n\xff\xfe\x00;;\r\n"
    )
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()
