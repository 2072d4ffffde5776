"""A province's traffic against the production topology, from a second process on loopback.

Start the server first, on a database filled by ``generate_load_data`` (1 million cases for
the issue's figure), with the public per-address limits raised — every simulated citizen
comes from 127.0.0.1, where in production each has an address of their own::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/danvan_bench1m PORT=8100 WEB_WORKERS=4 \\
      WEB_WORKER_CLASS=sync REDIS_URL=redis://127.0.0.1:6379/7 DANVAN_TRACK_RATE_LIMIT=1000000 \\
      DANVAN_PUBLIC_SUBMIT_LIMIT=1000000 .venv/bin/python bin/serve-prod
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/danvan_bench1m \\
      .venv/bin/python bench/province_load.py --url http://127.0.0.1:8100 --through-nginx 8101

Not under ``nice``: wrk waiting for a core on a busy box would count its wait as latency.

Then this script (same ``DATABASE_URL`` and the same ``var/prod.env`` as the server):
1. prepares, through the ORM: ``--officers`` one-stop officers (``load_officer_NNNN``) spread
   over the province's communes, each with a confirmed TOTP device whose secret only this
   process knows (new secrets every run), the starter procedure catalogue, and samples of
   case codes (the officers' case pages, the citizens' tracking codes with their secrets);
2. signs every officer in through the real pages — ``/tai-khoan/dang-nhap/`` (password,
   PBKDF2 with the production iterations) then ``/tai-khoan/xac-thuc/`` (the TOTP code) —
   and checks each session reaches ``/can-bo/``;
3. writes a request list in the proportions of ``MIX`` (citizens 60 %, officers 40 %; every
   letter submission with its own signed form token and phone number) and a Lua script for
   ``wrk``, which sends it at ``--rate`` requests a second whatever the response times
   (Poisson arrivals: each wrk thread draws its requests' send times from an exponential
   schedule, and a connection that comes free takes the next time on it; only when all
   ``--connections`` are busy does a request leave late) with ``X-Forwarded-Proto: https``
   as the TLS proxy would;
4. prints p50/p95/p99 latency, throughput, errors (connection errors, timeouts, HTTP ≥ 400,
   and any redirect that is not a letter's "sent" page) and the load average.

Why ``wrk``: one C process with an event loop costs a few percent of a core at 100 requests a
second, where a Python load generator (locust) would take a good part of one of the two cores
the server needs; its Lua hooks are enough to replay a prepared list with cookies and bodies.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import http.client
import json
import os
import random
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
ENV_FILE = Path(os.environ.get("DANVAN_PROD_ENV", ROOT / "var" / "prod.env"))
if ENV_FILE.exists():  # the server's secret key signs the letter forms' tokens
    for line in ENV_FILE.read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.lstrip().startswith("#"):
            key, value = line.split("=", 1)
            os.environ.setdefault(key.strip(), value.strip())
os.environ.setdefault("DEBUG", "0")

import django  # noqa: E402

django.setup()

PASSWORD = "Tải-thử-" + "x7Qm2Lp9"  # never a real account: the bench's own officers
# Share of requests, in percent. Citizens 60: the home page, a commune's page, the procedures
# (list and one procedure), tracking a case, the letter form and sending a letter. Officers
# 40: the work queue (open, overdue, closed), a case's page, the one-stop reception form,
# the officers' home (dashboard cards).
MIX = {
    "home": 10,
    "commune": 10,
    "procedures": 4,
    "procedure": 6,
    "track": 20,
    "letter_form": 5,
    "letter_send": 5,
    "queue": 8,
    "queue_overdue": 3,
    "queue_closed": 3,
    "case": 12,
    "reception": 6,
    "dashboard": 8,
}
OFFICER_KINDS = {"queue", "queue_overdue", "queue_closed", "case", "reception", "dashboard"}


# ----------------------------------------------------------------------- HTTP by hand
# Cookies are Secure (production settings) and the server speaks plain HTTP behind the
# proxy, so no client library would send them back: a small client that does.


class Browser:
    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
        conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        origin = f"https://{self.host}:{self.port}"
        headers = {"X-Forwarded-Proto": "https", "Host": f"{self.host}:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = origin
            headers["Referer"] = origin + path
        conn.request(method, path, body=body, headers=headers)
        resp = conn.getresponse()
        text = resp.read().decode("utf-8", "replace")
        for header in resp.headers.get_all("Set-Cookie") or []:
            jar: SimpleCookie = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                self.cookies[name] = morsel.value
        conn.close()
        return resp.status, resp.headers.get("Location", ""), text


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    if not found:
        raise RuntimeError("no CSRF token in the page")
    return found.group(1)


def sign_in(base: tuple[str, int], username: str, totp_key: str) -> dict[str, str]:
    """The real login: password, then the TOTP code; returns the session's cookies."""
    from django_otp.oath import totp

    b = Browser(*base)
    status, _, html = b.request("GET", "/tai-khoan/dang-nhap/")
    form = {"csrfmiddlewaretoken": csrf_of(html), "username": username, "password": PASSWORD}
    status, location, _ = b.request("POST", "/tai-khoan/dang-nhap/", form)
    if status != 302 or "/tai-khoan/xac-thuc/" not in location:
        raise RuntimeError(f"{username}: password step answered {status} {location}")
    path = urlparse(location).path + ("?" + urlparse(location).query if "?" in location else "")
    status, _, html = b.request("GET", path)
    code = f"{totp(bytes.fromhex(totp_key)):06d}"
    status, location, _ = b.request(
        "POST", path, {"csrfmiddlewaretoken": csrf_of(html), "code": code}
    )
    if status != 302:
        raise RuntimeError(f"{username}: TOTP step answered {status}")
    status, _, _ = b.request("GET", "/can-bo/")
    if status != 200:
        raise RuntimeError(f"{username}: /can-bo/ answered {status} after signing in")
    return dict(b.cookies)


# ----------------------------------------------------------------------- preparation


def prepare_officers(
    province_code: str, count: int, prefix: str = "load_officer"
) -> list[tuple[str, str, str]]:
    """``count`` one-stop officers over the province's communes, each with a fresh TOTP
    secret; returns (username, TOTP key, commune code)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from danvan.accounts.models import Membership, OfficerProfile
    from danvan.accounts.roles import Role
    from danvan.territory.models import Unit

    User = get_user_model()
    units = list(Unit.objects.filter(province__code=province_code).order_by("code"))
    names = [f"{prefix}_{i:04d}" for i in range(1, count + 1)]
    encoded = make_password(PASSWORD)  # one PBKDF2 here; the server checks it at each login
    with transaction.atomic():
        have = set(User.objects.filter(username__in=names).values_list("username", flat=True))
        User.objects.bulk_create(
            [User(username=n, password=encoded, first_name="Cán bộ thử tải") for n in names
             if n not in have]
        )  # fmt: skip
        User.objects.filter(username__in=names).update(password=encoded, is_active=True)
        users = {u.username: u for u in User.objects.filter(username__in=names)}
        homes = {n: units[i % len(units)] for i, n in enumerate(names)}
        Membership.objects.filter(user__in=users.values()).delete()
        Membership.objects.bulk_create(
            [Membership(user=users[n], role=Role.ONE_STOP, unit=homes[n]) for n in names]
        )
        OfficerProfile.objects.filter(user__in=users.values()).update(must_change_password=False)
        TOTPDevice.objects.filter(user__in=users.values()).delete()
        keys = {n: secrets.token_hex(20) for n in names}
        TOTPDevice.objects.bulk_create(
            [TOTPDevice(user=users[n], name="bench", key=keys[n], confirmed=True) for n in names]
        )
    return [(n, keys[n], homes[n].code) for n in names]


LETTER_TEXT = "Đường liên thôn bị sạt lở sau mưa lớn, đề nghị xã khắc phục sớm. " * 2


def sample_cases(
    province_code: str, per_unit: int
) -> tuple[dict[str, list[str]], list[tuple[str, str]]]:
    """A few case codes per commune (officers' case pages) and (code, secret) pairs to track:
    the generated cases, never the letters earlier runs sent, so that runs stay comparable."""
    from danvan.cases.models import Case
    from danvan.territory.models import Unit

    by_unit: dict[str, list[str]] = {}
    tracking: list[tuple[str, str]] = []
    for unit in Unit.objects.filter(province__code=province_code):
        rows = list(
            Case.objects.filter(unit=unit).exclude(title__startswith=LETTER_TEXT[:40])
            .order_by("-received_at").values_list("code", "secret")[: per_unit]
        )  # fmt: skip
        by_unit[unit.code] = [c for c, _s in rows]
        tracking += rows
    return by_unit, tracking


def letter_bodies(n: int, communes: list[str], csrf: str) -> list[str]:
    """``n`` letters, each with its own signed form token (as the form page issues) and phone."""
    from danvan.letters.categories import CATEGORY_CHOICES
    from danvan.letters.forms import PublicForm

    rng = random.Random(11)
    # Phone numbers new to every run: a number may send 5 letters a day (the per-phone limit
    # stays on), and runs on one day would otherwise reuse the same numbers.
    phones = random.Random(secrets.randbits(64)).sample(range(10**8), n)
    out = []
    for i in range(n):
        form = {
            "csrfmiddlewaretoken": csrf,
            "token": PublicForm.issue_token(),
            "commune": rng.choice(communes),
            "kind": rng.choice(["reflection", "petition"]),
            "category": rng.choice(CATEGORY_CHOICES)[0],
            "name": f"Người dân thử tải {i}",
            "phone": f"09{phones[i]:08d}",
            "email": "",
            "address": "",
            "content": LETTER_TEXT,
            "consent": "on",
            "website": "",
        }
        out.append(urlencode(form))
    return out


def build_requests(
    n: int, sessions: list[tuple[str, str]], officers_cases: dict[str, list[str]],
    tracking: list[tuple[str, str]], communes: list[str], procedures: list[str],
    letters: list[str], citizen_cookie: str, seed: int = 5,
) -> list[tuple[str, str, str, str, str]]:  # fmt: skip
    """``n`` requests (kind, method, path, cookie, body) drawn with the weights of ``MIX``."""
    rng = random.Random(seed)
    kinds, weights = list(MIX), list(MIX.values())
    letters_left = list(letters)
    out = []
    for kind in rng.choices(kinds, weights, k=n):
        cookie, body, method = "", "", "GET"
        if kind in OFFICER_KINDS:
            cookie, home = rng.choice(sessions)
        if kind == "home":
            path = "/"
        elif kind == "commune":
            path = f"/dia-ban/xa/{rng.choice(communes)}/"
        elif kind == "procedures":
            path = "/mot-cua/cong-khai/thu-tuc/"
        elif kind == "procedure":
            path = f"/mot-cua/cong-khai/thu-tuc/{rng.choice(procedures)}/"
        elif kind == "track":
            code, secret = rng.choice(tracking)
            path = f"/tra-cuu/{code}/?secret={secret}"
        elif kind == "letter_form":
            path = f"/don-thu/gui/?unit={rng.choice(communes)}"
        elif kind == "letter_send":
            if not letters_left:
                continue
            method, path, body, cookie = "POST", "/don-thu/gui/", letters_left.pop(), citizen_cookie
        elif kind == "queue":
            path = "/ho-so-viec/"
        elif kind == "queue_overdue":
            path = "/ho-so-viec/?quick=overdue"
        elif kind == "queue_closed":
            path = "/ho-so-viec/?quick=closed"
        elif kind == "case":
            codes = officers_cases.get(home) or [c for cs in officers_cases.values() for c in cs]
            path = f"/ho-so-viec/{rng.choice(codes)}/"
        elif kind == "reception":
            path = "/mot-cua/tiep-nhan/"
        else:
            path = "/can-bo/"
        out.append((kind, method, path, cookie, body))
    return out


LUA = r"""
-- Generated by bench/province_load.py: replays a prepared request list at RATE/s.
local file, nthreads, gap_ms, host = "%(file)s", %(threads)d, %(gap_ms)f, "%(host)s"
-- A wall clock in milliseconds (wrk's Lua is LuaJIT: its FFI reaches gettimeofday).
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_usec; } danvan_timeval;
int gettimeofday(danvan_timeval *tv, void *tz);
]]
local tv = ffi.new("danvan_timeval")
local function now_ms()
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) * 1000 + tonumber(tv.tv_usec) / 1000
end
local next_at = nil
local counter = 0
local threads_list = {}
function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads_list, thread)
end
function init(args)
  reqs, posts = {}, {}
  local i = 0
  for line in io.lines(file) do
    if i %% nthreads == tid then
      local m, p, c, b = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
      local h = {["Host"] = host, ["X-Forwarded-Proto"] = "https"}
      if c ~= "" then h["Cookie"] = c end
      if b == "" then b = nil else
        h["Content-Type"] = "application/x-www-form-urlencoded"
        h["Origin"] = "https://" .. host
        h["Referer"] = "https://" .. host .. "/don-thu/gui/"
      end
      reqs[#reqs + 1] = wrk.format(m, p, h, b)
      posts[#posts + 1] = (m == "POST")
    end
    i = i + 1
  end
  pos, sent_posts, s2xx, s3xx, s4xx, s5xx = 0, 0, 0, 0, 0, 0
  math.randomseed(1000 + tid)
end
function request()
  pos = pos + 1
  if pos > #reqs then pos = 1 end
  if posts[pos] then sent_posts = sent_posts + 1 end
  return reqs[pos]
end
-- Called when a connection has its answer: it waits for the next send time of this
-- thread's Poisson schedule (mean gap gap_ms), so the rate asked does not depend on how
-- fast the server answers (a closed loop would ask less of a slow server). A schedule more
-- than a second behind (every connection was busy) restarts from now rather than burst.
function delay()
  local now = now_ms()
  if next_at == nil or next_at < now - 1000 then next_at = now end
  next_at = next_at - math.log(1 - math.random()) * gap_ms
  return math.max(0, next_at - now)
end
function response(status, headers, body)
  if status >= 500 then s5xx = s5xx + 1
  elseif status >= 400 then s4xx = s4xx + 1
  elseif status >= 300 then s3xx = s3xx + 1
  else s2xx = s2xx + 1 end
end
function done(summary, latency, requests)
  local t = {posts = 0, s2xx = 0, s3xx = 0, s4xx = 0, s5xx = 0}
  for _, th in ipairs(threads_list) do
    t.posts = t.posts + th:get("sent_posts")
    t.s2xx = t.s2xx + th:get("s2xx")
    t.s3xx = t.s3xx + th:get("s3xx")
    t.s4xx = t.s4xx + th:get("s4xx")
    t.s5xx = t.s5xx + th:get("s5xx")
  end
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %%d, "duration_us": %%d, "mean": %%d, "p50": %%d, "p95": %%d, "p99": %%d, "max": %%d, ' ..
    '"connect": %%d, "read": %%d, "write": %%d, "status": %%d, "timeout": %%d, ' ..
    '"posts": %%d, "s2xx": %%d, "s3xx": %%d, "s4xx": %%d, "s5xx": %%d}\n',
    summary.requests, summary.duration, latency.mean, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, e.connect, e.read, e.write, e.status, e.timeout,
    t.posts, t.s2xx, t.s3xx, t.s4xx, t.s5xx))
end
"""


# The reverse proxy of the production topology (docs/deployment.md), for --through-nginx: it
# reads a whole request before it opens a connection to gunicorn, one request a connection,
# so a worker is only ever handed a request that has fully arrived.
NGINX_CONF = """
worker_processes 1;
pid %(work)s/nginx.pid;
error_log %(work)s/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path %(work)s/body;
  proxy_temp_path %(work)s/proxy;
  fastcgi_temp_path %(work)s/fastcgi;
  uwsgi_temp_path %(work)s/uwsgi;
  scgi_temp_path %(work)s/scgi;
  server {
    listen 127.0.0.1:%(port)d;
    location / {
      proxy_pass http://%(upstream)s;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-Proto https;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    }
  }
}
"""


def start_nginx(port: int, upstream: tuple[str, int]) -> tuple[list[str], Path]:
    """nginx on 127.0.0.1:``port`` in front of ``upstream``: the command that stops it, and
    its folder (apart from the request files, which hold session cookies: nginx's workers
    run as another user and must reach their buffers)."""
    if shutil.which("nginx") is None:
        sys.exit("nginx is not installed (Debian: apt-get install -y nginx-light)")
    work = Path(tempfile.mkdtemp(prefix="danvan-nginx-"))
    work.chmod(0o755)
    conf = work / "nginx.conf"
    conf.write_text(
        NGINX_CONF % {"work": work, "port": port, "upstream": f"{upstream[0]}:{upstream[1]}"},
        encoding="utf-8",
    )
    base = ["nginx", "-p", str(work), "-c", str(conf)]
    subprocess.run([*base, "-e", str(work / "nginx-error.log")], check=True)  # noqa: S603
    for _ in range(50):
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=1).connect()
            break
        except OSError:
            time.sleep(0.1)
    return [*base, "-e", str(work / "nginx-error.log"), "-s", "quit"], work


def sign_in_all(
    base: tuple[str, int], officers: list[tuple[str, str, str]], threads: int
) -> list[tuple[str, str]]:
    """Every officer through the real login, ``threads`` at a time; (cookie header, commune)."""
    t0 = time.perf_counter()
    sessions: list[tuple[str, str]] = []
    failures: list[str] = []
    with concurrent.futures.ThreadPoolExecutor(threads) as pool:
        futures = {pool.submit(sign_in, base, n, k): (n, home) for n, k, home in officers}
        for fut in concurrent.futures.as_completed(futures):
            _name, home = futures[fut]
            try:
                cookies = fut.result()
            except Exception as exc:  # noqa: BLE001 — counted and shown below
                failures.append(str(exc))
                continue
            sessions.append(("; ".join(f"{k}={v}" for k, v in cookies.items()), home))
    took = time.perf_counter() - t0
    print(
        f"signed in {len(sessions)} officers (password + TOTP) in {took:.1f}s "
        f"({took / max(1, len(officers)) * 1000:.0f} ms each, {threads} at a time); "
        f"{len(failures)} failed" + (f": {failures[:3]}" if failures else "")
    )
    if not sessions:
        sys.exit("no officer could sign in")
    return sessions


def reuse_sessions(path: Path, base: tuple[str, int], count: int) -> list[tuple[str, str]]:
    """Sessions signed in by an earlier run (they last 8 hours), when there are enough and a
    sample of them still reaches the officers' home; else nothing (sign in again)."""
    if not path.exists():
        return []
    sessions = [tuple(x) for x in json.loads(path.read_text(encoding="utf-8"))]
    if len(sessions) < count:
        return []
    for cookie, _home in random.Random(3).sample(sessions, min(10, len(sessions))):
        conn = http.client.HTTPConnection(*base, timeout=60)
        conn.request("GET", "/can-bo/", headers={"X-Forwarded-Proto": "https", "Cookie": cookie})
        status = conn.getresponse().status
        conn.close()
        if status != 200:
            return []
    return sessions[:count]  # type: ignore[return-value]


def page_costs(
    plan: list[tuple[str, str, str, str, str]], officer: Any, samples: int, rate: float
) -> None:
    """Each kind of request of the mix served in this process through Django's test client:
    the Django CPU time (p50) and the queries it takes, and what the mix costs a second at
    the target rate — which page to make cheaper first, whatever the machine's load."""
    from urllib.parse import parse_qsl

    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    settings.ALLOWED_HOSTS = ["*"]
    settings.DANVAN_REQUIRE_2FA = False  # force_login has no second factor
    settings.DANVAN_PUBLIC_SUBMIT_LIMIT = 10**9  # every request here comes from one address
    settings.DANVAN_TRACK_RATE_LIMIT = 10**9
    settings.DANVAN_PUBLIC_FORM_MIN_SECONDS = 0  # the letters' tokens were issued just now
    officer_client, citizen_client = Client(), Client()
    officer_client.force_login(officer)
    print(f"{'request':15} {'share':>5} {'cpu p50':>8} {'queries':>7} {'share of the mean':>18}")
    total = 0.0
    for kind, share in MIX.items():
        rows = [r for r in plan if r[0] == kind][: samples + 1]
        if not rows:
            continue
        client = officer_client if kind in OFFICER_KINDS else citizen_client
        cpus, queries = [], 0
        for i, (_k, method, path, _cookie, body) in enumerate(rows):
            c = time.process_time()
            with CaptureQueriesContext(connection) as ctx:
                if method == "POST":
                    response = client.post(path, dict(parse_qsl(body)), secure=True)
                else:
                    response = client.get(path, secure=True)
            if response.status_code >= 400:
                raise RuntimeError(f"{kind} {path}: {response.status_code}")
            if i:  # the first of each kind warms caches
                cpus.append((time.process_time() - c) * 1000)
                queries = max(queries, len(ctx.captured_queries))
        cpu = sorted(cpus)[len(cpus) // 2] if cpus else 0.0
        total += cpu * share / 100
        print(f"{kind:15} {share:4d}% {cpu:7.1f}ms {queries:7d} {cpu * share / 100:16.1f}ms")
    print(
        f"one request of the mix costs {total:.1f} ms of Django CPU on average: "
        f"{total * rate / 1000:.2f} cores at {rate:.0f} requests/s, before PostgreSQL"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--url", default="http://127.0.0.1:8100")
    ap.add_argument("--rate", type=float, default=100.0, help="requests a second (target)")
    ap.add_argument("--duration", type=int, default=120, help="seconds")
    ap.add_argument("--warmup", type=int, default=45, help="seconds of unmeasured load first")
    ap.add_argument("--connections", type=int, default=32)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--officers", type=int, default=1000)
    ap.add_argument("--province", default="19")
    ap.add_argument("--login-threads", type=int, default=4)
    ap.add_argument(
        "--sessions",
        default="",
        help="keep the signed-in sessions in this file "
        "and reuse them on the next run (mode 600; they are bearer credentials)",
    )
    ap.add_argument("--through-nginx", type=int, default=0, metavar="PORT",
                    help="send the load through an nginx of its own on this port, in front "
                         "of --url, as in production")  # fmt: skip
    ap.add_argument("--costs", type=int, default=0, help="instead of the load test: time N "
                    "requests of each kind in this process (Django CPU, queries) and stop")  # fmt: skip
    args = ap.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (Debian: apt-get install -y wrk)")
    parsed = urlparse(args.url)
    base = (parsed.hostname or "127.0.0.1", parsed.port or 80)

    from danvan.cases.models import Case
    from danvan.dossiers.demo import seed_catalogue
    from danvan.dossiers.models import Procedure
    from danvan.territory.models import Unit

    t0 = time.perf_counter()
    seed_catalogue()
    procedures = list(Procedure.objects.order_by("code").values_list("code", flat=True))
    communes = list(
        Unit.objects.filter(province__code=args.province).values_list("code", flat=True)
    )
    if args.costs:
        from django.contrib.auth import get_user_model

        names = prepare_officers(args.province, 1, prefix="cost_officer")
        officer = get_user_model().objects.get(username=names[0][0])
        officers_cases, tracking = sample_cases(args.province, per_unit=20)
        sessions = [("", names[0][2])]
        letters = letter_bodies(args.costs + 1, communes, "unused")
        n = args.costs * len(MIX) * 20
        plan = build_requests(
            n, sessions, officers_cases, tracking, communes, procedures, letters, ""
        )
        page_costs(plan, officer, args.costs, args.rate)
        return
    saved = Path(args.sessions) if args.sessions else None
    sessions = reuse_sessions(saved, base, args.officers) if saved else []
    officers_cases, tracking = sample_cases(args.province, per_unit=20)
    print(
        f"{len(communes)} communes, {len(procedures)} procedures, {len(tracking)} tracking "
        f"codes; about {Case.objects.count():,} cases in the database "
        f"({time.perf_counter() - t0:.1f}s)"
    )
    if sessions:
        print(f"reusing {len(sessions)} signed-in officer sessions from {saved}")
    else:
        officers = prepare_officers(args.province, args.officers)
        sessions = sign_in_all(base, officers, args.login_threads)
        if saved:
            saved.parent.mkdir(parents=True, exist_ok=True)
            # Signed-in sessions are bearer credentials: the file is private from its creation.
            fd = os.open(saved, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(json.dumps(sessions))

    citizen = Browser(*base)
    status, _, html = citizen.request("GET", "/don-thu/gui/")
    csrf = csrf_of(html)
    citizen_cookie = "; ".join(f"{k}={v}" for k, v in citizen.cookies.items())
    total = int(args.rate * args.duration * 1.3) + 100
    letters = letter_bodies(int(total * MIX["letter_send"] / 100 * 1.2) + 10, communes, csrf)
    plan = build_requests(
        total, sessions, officers_cases, tracking, communes, procedures, letters, citizen_cookie
    )
    work = Path(tempfile.mkdtemp(prefix="danvan-load-"))

    def lua_for(name: str, rows: list[tuple[str, str, str, str, str]]) -> Path:
        req_file = work / f"{name}.tsv"
        req_file.write_text(
            "".join(f"{m}\t{p}\t{c}\t{b}\n" for _k, m, p, c, b in rows), encoding="utf-8"
        )
        script = work / f"{name}.lua"
        script.write_text(
            # Each wrk thread sends its share of the rate: a mean gap of threads / rate.
            LUA % {"file": req_file, "threads": args.threads,
                   "gap_ms": 1000.0 * args.threads / args.rate,
                   "host": f"{base[0]}:{base[1]}"},
            encoding="utf-8",
        )  # fmt: skip
        return script

    # The warm-up sends no letter: each letter's form token is good for one letter only.
    warm_rows = [r for r in plan if r[1] == "GET"]
    shares = {k: sum(1 for r in plan if r[0] == k) / len(plan) * 100 for k in MIX}
    print("mix (% of requests): " + ", ".join(f"{k} {v:.0f}" for k, v in shares.items()))

    # The letter form refuses a token younger than DANVAN_PUBLIC_FORM_MIN_SECONDS (a robot's
    # speed): the tokens were just issued, so let them age as a person's typing would.
    from django.conf import settings

    time.sleep(int(getattr(settings, "DANVAN_PUBLIC_FORM_MIN_SECONDS", 3)) + 1)

    target, stop_proxy, proxy_dir = args.url, None, None
    if args.through_nginx:
        stop_proxy, proxy_dir = start_nginx(args.through_nginx, base)
        target = f"http://127.0.0.1:{args.through_nginx}"
        print(f"through nginx on {target}")

    def wrk(seconds: int, script: Path) -> subprocess.CompletedProcess[str]:
        cmd = [
            "wrk", "-t", str(args.threads), "-c", str(args.connections), "-d", f"{seconds}s",
            "--timeout", "10s", "-s", str(script), target,
        ]  # fmt: skip
        print("running: " + " ".join(cmd))
        return subprocess.run(cmd, capture_output=True, text=True, check=False)  # noqa: S603

    try:
        if args.warmup:
            # A server that has been up for a while: each worker has compiled its templates and
            # started its chart engine, the communes' pages and charts are in the shared cache.
            # The warm-up replays the same pages at the same rate (no letters), unmeasured.
            print(f"warm-up {args.warmup}s (not measured)")
            wrk(args.warmup, lua_for("warmup", warm_rows))
        script = lua_for("mix", plan)
        load_before = os.getloadavg()
        out = wrk(args.duration, script)
        load_after = os.getloadavg()
    finally:
        if stop_proxy:
            subprocess.run(stop_proxy, check=False)  # noqa: S603
            time.sleep(0.5)  # nginx removes its pid file as it quits
            shutil.rmtree(proxy_dir or "", ignore_errors=True)
    line = next((x for x in out.stdout.splitlines() if x.startswith("RESULT ")), None)
    if line is None:
        sys.exit(f"wrk gave no result:\n{out.stdout}\n{out.stderr}")
    r = json.loads(line.removeprefix("RESULT "))
    seconds = r["duration_us"] / 1e6
    unexpected_redirects = max(0, r["s3xx"] - r["posts"])
    errors = (
        r["connect"] + r["read"] + r["write"] + r["timeout"] + r["s4xx"] + r["s5xx"]
        + unexpected_redirects
    )  # fmt: skip
    print(
        f"{r['requests']} requests in {seconds:.0f}s: {r['requests'] / seconds:.1f} requests/s "
        f"(asked {args.rate:.0f}); "
        f"latency p50 {r['p50'] / 1000:.1f} ms, p95 {r['p95'] / 1000:.1f} ms, "
        f"p99 {r['p99'] / 1000:.1f} ms, max {r['max'] / 1000:.0f} ms"
    )
    print(
        f"errors {errors}: HTTP 4xx {r['s4xx']}, 5xx {r['s5xx']}, timeouts {r['timeout']}, "
        f"socket connect/read/write {r['connect']}/{r['read']}/{r['write']}, redirects other "
        f"than the {r['posts']} letters sent {unexpected_redirects}"
    )
    print(
        f"load average before {load_before[0]:.2f}; at the end (1/5/15 min) "
        f"{load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f}"
    )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
