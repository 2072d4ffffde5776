"""Enumerate every URL pattern of the project and fill its parameters with junk.

The walk goes through ``get_resolver()`` recursively, so a new app's URLs are covered the
day they are included, without touching these tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern

# Values for a string parameter: plausible-but-missing codes, markup, very long, non-ASCII,
# a NUL byte (percent-encoded), path tricks.
JUNK_STR = [
    "99999",
    "ZZ-000000-0000",
    "<script>alert(1)</script>",
    "x" * 3000,
    "Xã Thử ☃ 𝔘 ' OR 1=1 --",
    "%00",
]
# Values for an integer parameter: missing rows and integers no database column holds.
JUNK_INT = ["0", "2147483648", "9" * 40]
JUNK_SLUG = ["khong-co", "x" * 300]

# The admin has ~150 generated URLs behind is_staff; the cast is not staff, so a handful of
# them is enough to prove the redirect holds (the admin's own code is Django's).
ADMIN_PREFIX = "quan-tri/"
ADMIN_SAMPLE = re.compile(
    r"^quan-tri/($|territory/unit/|accounts/apitoken/|cases/case/|\(\?P<url>)"
)


@dataclass(frozen=True)
class Route:
    template: str  # "dia-ban/xa/{code}/" — parameters in braces
    params: tuple[tuple[str, str], ...]  # (name, kind) where kind is int, str, slug, path, fmt…
    name: str

    @property
    def id(self) -> str:
        return self.name or self.template


_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?P<body>[^)]*)\)")
_ROUTE_PARAM = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")


def _from_regex(regex: str) -> tuple[str, list[tuple[str, str]]]:
    params: list[tuple[str, str]] = []

    def repl(m: re.Match[str]) -> str:
        body = m.group("body")
        kind = "choice:" + body if re.fullmatch(r"[\w|]+", body) else "str"
        params.append((m.group("name"), kind))
        return "{" + m.group("name") + "}"

    text = _GROUP.sub(repl, regex).lstrip("^").rstrip("$")
    text = text.replace("\\.", ".").replace("\\-", "-")
    return text, params


def _from_route(route: str) -> tuple[str, list[tuple[str, str]]]:
    params: list[tuple[str, str]] = []

    def repl(m: re.Match[str]) -> str:
        params.append((m.group("name"), m.group("conv") or "str"))
        return "{" + m.group("name") + "}"

    return _ROUTE_PARAM.sub(repl, route), params


def _piece(pattern: RoutePattern | RegexPattern) -> tuple[str, list[tuple[str, str]]]:
    if isinstance(pattern, RegexPattern):
        return _from_regex(pattern._regex)
    return _from_route(str(pattern))


def all_routes() -> list[Route]:
    """Every URL pattern of the project, with the admin sampled."""
    out: list[Route] = []

    def walk(resolver: URLResolver, prefix: str, params: list[tuple[str, str]]) -> None:
        for p in resolver.url_patterns:
            text, ps = _piece(p.pattern)
            if isinstance(p, URLResolver):
                walk(p, prefix + text, params + ps)
            elif isinstance(p, URLPattern):
                template = prefix + text
                raw = prefix + str(p.pattern)
                if raw.startswith(ADMIN_PREFIX) and not ADMIN_SAMPLE.match(raw):
                    continue
                if raw.startswith("^media/"):
                    continue  # DEBUG-only static serving
                out.append(Route(template, tuple(params + ps), f"{p.name or ''}:{template}"))

    walk(get_resolver(), "", [])
    return out


def values_for(kind: str, real: list[str]) -> list[str]:
    """Candidate values of one parameter: the real ones first, then junk for its kind."""
    if kind.startswith("choice:"):
        choices = kind.split(":", 1)[1].split("|")
        return choices + ["html", "x" * 200]
    if kind == "int":
        return real + JUNK_INT
    if kind == "slug":
        return real + JUNK_SLUG
    return real + JUNK_STR


def urls_for(route: Route, real: dict[str, list[str]], limit: int | None = None) -> list[str]:
    """Concrete URLs for ``route``: each parameter varied in turn, the others held real.

    Varying one parameter at a time keeps the count linear in the number of parameters
    while still reaching the code behind the first lookup (e.g. a real dossier code with a
    junk paper format).
    """
    if not route.params:
        return ["/" + route.template]
    base = {name: (values_for(kind, real.get(name, []))[0]) for name, kind in route.params}
    urls: list[str] = []
    for name, kind in route.params:
        for value in values_for(kind, real.get(name, [])):
            filled = dict(base, **{name: value})
            # Values arrive percent-encoded, as a browser would send them ("%00" stays a NUL).
            path = route.template.format(
                **{k: v if "%" in v else quote(v, safe="") for k, v in filled.items()}
            )
            url = "/" + path
            if url not in urls:
                urls.append(url)
    return urls[:limit] if limit else urls


def grouped(routes: list[Route]) -> dict[str, list[Route]]:
    """Routes by their first path segment: one test per area keeps fixture setup (the cast
    and the real objects, ~0.2 s) from dominating the run while failures stay readable."""
    groups: dict[str, list[Route]] = {}
    for route in routes:
        head = route.template.split("/", 1)[0] or "(root)"
        groups.setdefault(head, []).append(route)
    return groups
