"""The shape of the code, checked on its syntax trees (see docs/architecture.md).

Three rules, each over every module under ``danvan/`` (imports inside functions included):

1. **Layering.** An app imports only from apps to its left in :data:`LAYERS`; apps in the same
   column import only each other's ``services``/``selectors``. An app under ``danvan/`` that
   :data:`LAYERS` does not name is a domain app, so a new app is checked without editing here.
2. **Writes go through services.** No ORM write (an instance's ``.save()``/``.delete()``, a
   manager's or queryset's ``.create``/``.update``/``.delete``/``bulk_*``...) outside a
   ``services`` module, a migration, a management command, a demo seeder or a test.
3. **Views and API handlers read through selectors and access functions**: no ``.objects.``.

Detection is by heuristics over the syntax (there are no types here): a write is a call of one
of :data:`WRITE_METHODS` on a chain that goes through ``.objects`` or a queryset method (so
``dict.update`` and ``set.update`` pass), a manager-only method (``create``, ``bulk_create``...)
on an attribute (a related manager: ``case.events.create``), or a ``.save()``/``.delete()``
without positional arguments (so ``storage.save(name, content)`` and ``cache.delete(key)``
pass).

:data:`ALLOWED` lists the places a rule is broken on purpose, each with its reason; it must stay
shorter than ten entries, and an entry that no longer matches anything fails the suite so the
list cannot rot.
"""

from __future__ import annotations

import ast
import functools
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "danvan"

# The import direction, left to right. One list: the test derives everything from it.
# ``None`` marks the domain column, where every app not named elsewhere lands.
LAYERS: list[tuple[str, ...] | None] = [
    ("core",),
    ("territory",),
    ("accounts",),
    ("deadlines",),
    ("cases",),
    None,  # domain apps: dossiers, letters, democracy, engagement, outreach, surveys, ...
    ("evaluation",),
    ("national",),  # gathers the provinces' evaluation rows (docs/deployment.md)
    ("portal", "api"),
]
# Packages under danvan/ that are not apps in the layering.
#  - ``testing``: factories and browser helpers for tests; only tests may import it.
PROJECT_MODULES = {"settings", "urls", "wsgi", "__init__"}
TEST_SUPPORT = "testing"
# What a same-column app may import from its neighbour.
PUBLIC_SURFACES = ("services", "selectors")

WRITE_METHODS = {
    "create",
    "get_or_create",
    "update_or_create",
    "update",
    "delete",
    "bulk_create",
    "bulk_update",
}
# Only managers have these: called on any attribute (``case.events.create``), they write.
MANAGER_ONLY_METHODS = {"create", "get_or_create", "update_or_create", "bulk_create", "bulk_update"}
# A chain through one of these is a queryset (or a manager).
QUERYSET_METHODS = {
    "objects",  # attribute, not a call
    "filter",
    "all",
    "exclude",
    "select_for_update",
    "select_related",
    "prefetch_related",
    "order_by",
    "using",
    "none",
}

# (rule, module, reason). Keep it short: fewer than ten entries.
ALLOWED: list[tuple[str, str, str]] = []


@dataclass(frozen=True)
class Violation:
    rule: str  # "layering", "write", "objects-in-view"
    module: str  # dotted name, e.g. danvan.cases.views
    line: int
    detail: str

    def __str__(self) -> str:
        return f"{self.module}:{self.line}: [{self.rule}] {self.detail}"


# --------------------------------------------------------------------------- the layering


def column_of(app: str) -> int:
    """Index of ``app``'s column in :data:`LAYERS`; unknown apps are domain apps."""
    domain = None
    for index, column in enumerate(LAYERS):
        if column is None:
            domain = index
        elif app in column:
            return index
    assert domain is not None
    return domain


def imported_modules(tree: ast.AST, module: str, is_package: bool) -> list[tuple[str, int]]:
    """Every absolute module name ``tree`` imports (``from x import y`` gives ``x.y`` too, as
    ``y`` may be a submodule), with its line; relative imports are resolved."""
    found: list[tuple[str, int]] = []
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")
                base_parts = base_parts[: len(base_parts) - (node.level - 1)]
                base = ".".join(base_parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            for alias in node.names:
                found.append((f"{base}.{alias.name}", node.lineno))
    return found


def app_of(module: str) -> str | None:
    parts = module.split(".")
    if len(parts) < 2 or parts[0] != "danvan":
        return None
    return parts[1]


def check_layering(source: str, module: str, is_package: bool = False) -> list[Violation]:
    app = app_of(module)
    if app is None or app in PROJECT_MODULES:
        return []  # settings and the root URLconf assemble everything
    is_test = is_test_module(module)
    out: list[Violation] = []
    for target, line in imported_modules(ast.parse(source), module, is_package):
        other = app_of(target)
        if other is None or other == app or other in PROJECT_MODULES:
            continue
        if other == TEST_SUPPORT or app == TEST_SUPPORT:
            if other == TEST_SUPPORT and not (is_test or app == TEST_SUPPORT):
                out.append(Violation("layering", module, line, f"{target}: test support"))
            continue
        if is_test:
            # A test may drive any app to its left and read its neighbours' internals, but
            # never an app to its right (its own app must work without it).
            if column_of(other) > column_of(app):
                out.append(Violation("layering", module, line, f"{target}: app to the right"))
            continue
        mine, theirs = column_of(app), column_of(other)
        if theirs > mine:
            out.append(Violation("layering", module, line, f"{target}: app to the right"))
        elif theirs == mine:
            surface = target.split(".")[2] if len(target.split(".")) > 2 else ""
            if surface not in PUBLIC_SURFACES:
                out.append(
                    Violation(
                        "layering",
                        module,
                        line,
                        f"{target}: same-column app, only its services/selectors",
                    )
                )
    return out


# --------------------------------------------------------------------------- writes


def is_test_module(module: str) -> bool:
    parts = module.split(".")
    return (
        "tests" in parts
        or parts[-1].startswith("test_")
        or parts[-1] == "conftest"
        or (len(parts) > 1 and parts[1] == TEST_SUPPORT)
    )


def may_write(module: str) -> bool:
    parts = module.split(".")
    return (
        "services" in parts
        or "migrations" in parts
        or ("management" in parts and "commands" in parts)
        or parts[-1] == "demo"
        or is_test_module(module)
    )


def _chain_goes_through_queryset(node: ast.AST) -> bool:
    """Whether the receiver expression is a manager or a queryset (by its shape)."""
    while True:
        if isinstance(node, ast.Attribute):
            if node.attr == "objects":
                return True
            node = node.value
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr in QUERYSET_METHODS:
                return True
            node = func
        elif isinstance(node, ast.Subscript):
            node = node.value
        else:
            return False


def _is_super_call(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "super"
    )


def orm_writes(source: str) -> list[tuple[int, str]]:
    """(line, description) of every call that looks like an ORM write."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        method, receiver = node.func.attr, node.func.value
        if _is_super_call(receiver):
            continue  # a model overriding save() calls its parent's: that is the model itself
        text = ast.unparse(node.func)
        if method in WRITE_METHODS and _chain_goes_through_queryset(receiver):
            found.append((node.lineno, f"{text}(...)"))
        elif method in MANAGER_ONLY_METHODS and isinstance(receiver, ast.Attribute):
            found.append((node.lineno, f"{text}(...)"))  # a related manager
        elif method in {"save", "delete"} and not node.args:
            found.append((node.lineno, f"{text}()"))
    return found


def check_writes(source: str, module: str) -> list[Violation]:
    if may_write(module):
        return []
    return [Violation("write", module, line, what) for line, what in orm_writes(source)]


# --------------------------------------------------------------------------- views


def is_view_module(module: str) -> bool:
    parts = module.split(".")
    return (
        "views" in parts
        or parts[-1].startswith("views_")
        or parts[-1] == "api"
        or (len(parts) > 2 and parts[2] == "api" and parts[1] != "api")
        # The API app itself only mounts routers; its modules are API modules too.
        or (len(parts) > 1 and parts[1] == "api")
    ) and not is_test_module(module)


def check_objects_in_views(source: str, module: str) -> list[Violation]:
    if not is_view_module(module):
        return []
    out: list[Violation] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr == "objects":
            out.append(Violation("objects-in-view", module, node.lineno, ast.unparse(node)))
    return out


# --------------------------------------------------------------------------- the walk


def iter_modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(ROOT).with_suffix("")
        parts = list(relative.parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts = parts[:-1]
        yield ".".join(parts), is_package, path.read_text(encoding="utf-8")


@functools.cache
def all_violations() -> tuple[Violation, ...]:
    out: list[Violation] = []
    for module, is_package, source in iter_modules():
        out += check_layering(source, module, is_package)
        out += check_writes(source, module)
        out += check_objects_in_views(source, module)
    return tuple(out)


def is_allowed(violation: Violation) -> bool:
    return any(rule == violation.rule and module == violation.module for rule, module, _ in ALLOWED)


def test_the_code_follows_the_architecture():
    broken = [v for v in all_violations() if not is_allowed(v)]
    assert not broken, "Architecture rules broken:\n" + "\n".join(map(str, broken))


def test_the_allow_list_is_short_explained_and_used():
    assert len(ALLOWED) < 10
    violations = all_violations()
    for rule, module, reason in ALLOWED:
        assert reason.strip(), f"{module}: say why"
        assert any(v.rule == rule and v.module == module for v in violations), (
            f"{module} [{rule}] is allowed but breaks nothing any more: remove its entry"
        )


def test_every_app_directory_is_checked():
    apps = {p.parent.name for p in PACKAGE.glob("*/apps.py")}
    assert {"core", "cases", "dossiers", "letters", "api"} <= apps
    # An app the list does not know is a domain app, between cases and evaluation.
    assert column_of("democracy") == column_of("dossiers") == column_of("a_new_app")
    assert column_of("cases") < column_of("a_new_app") < column_of("evaluation")


# --------------------------------------------------------------------------- each rule can fail


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("danvan.core.models", "from danvan.cases.models import Case"),
        ("danvan.territory.services", "def f():\n    from danvan.accounts import access\n"),
        ("danvan.cases.views", "import danvan.dossiers.models"),
        ("danvan.dossiers.views", "from danvan.letters.models import Letter"),
        ("danvan.a_new_app.views", "from danvan.letters import forms"),
        ("danvan.letters.api", "from danvan.evaluation.areas import AREAS"),
        ("danvan.api.urls", "from danvan.portal.views import home"),
        ("danvan.cases.views", "from danvan.testing.factories import make_officer"),
        ("danvan.deadlines.clock", "from ..cases import models"),
        ("danvan.core.tests.test_x", "from danvan.cases.models import Case"),
    ],
)
def test_the_layering_check_catches(module, source):
    assert check_layering(source, module), source


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("danvan.dossiers.views", "from danvan.letters.services import letter_receive"),
        ("danvan.dossiers.views", "from danvan.letters.selectors import letters_for"),
        ("danvan.dossiers.views", "from danvan.letters.services.intake import letter_receive"),
        ("danvan.a_new_app.views", "from danvan.cases.models import Case"),
        ("danvan.evaluation.views", "from danvan.dossiers.models import Dossier"),
        ("danvan.cases.services.clock", "from .._base import x\nfrom . import lifecycle"),
        ("danvan.letters.tests.test_x", "from danvan.testing.factories import make_officer"),
        ("danvan.settings", "import danvan.api.urls"),
    ],
)
def test_the_layering_check_lets_through(module, source):
    assert not check_layering(source, module), source


@pytest.mark.parametrize(
    "source",
    [
        "case.save()",
        "case.save(update_fields=['status'])",
        "case.delete()",
        "Case.objects.create(code='x')",
        "Case.objects.filter(pk=1).update(status='closed')",
        "Case.objects.filter(pk=1).delete()",
        "Case.objects.get_or_create(code='x')",
        "Case.objects.update_or_create(code='x', defaults={})",
        "Case.objects.bulk_create(rows)",
        "Case.objects.bulk_update(rows, ['status'])",
        "qs.filter(unit=u).update(status='x')",
        "unit.cases.all().delete()",
        "case.events.create(kind='note')",
        "self.unit.villages.bulk_create(rows)",
        "def f():\n    form.save()\n",
    ],
)
def test_the_write_check_catches(source):
    assert check_writes(source, "danvan.cases.views"), source


@pytest.mark.parametrize(
    "source",
    [
        "data.update({'a': 1})",
        "seen.update(other)",
        "cache.delete('key')",
        "self.data.update(other)",
        "builder.create(x)",
        "default_storage.save('name', content)",
        "Case.objects.filter(pk=1).first()",
        "class M(Model):\n    def save(self, *a, **k):\n        super().save(*a, **k)\n",
    ],
)
def test_the_write_check_lets_through(source):
    assert not check_writes(source, "danvan.cases.views"), source


@pytest.mark.parametrize(
    "module",
    [
        "danvan.cases.services",
        "danvan.cases.services.lifecycle",
        "danvan.cases.migrations.0001_initial",
        "danvan.core.management.commands.seed_demo",
        "danvan.letters.demo",
        "danvan.letters.tests.test_views",
        "danvan.testing.factories",
    ],
)
def test_writes_are_allowed_in(module):
    assert not check_writes("case.save()", module)


def test_the_objects_check_catches_views_and_api_modules():
    source = "def view(request):\n    return Case.objects.get(pk=1)\n"
    for module in (
        "danvan.cases.views",
        "danvan.cases.views_public",
        "danvan.letters.views.public",
        "danvan.dossiers.api",
        "danvan.api.urls",
    ):
        assert check_objects_in_views(source, module), module
    assert not check_objects_in_views(source, "danvan.cases.selectors")
    assert not check_objects_in_views(source, "danvan.cases.tests.test_views")


def test_an_allow_list_entry_only_covers_its_own_rule_and_module(monkeypatch):
    violation = Violation("write", "danvan.x.views", 1, "case.save()")
    monkeypatch.setattr(
        "tests.test_architecture.ALLOWED", [("objects-in-view", "danvan.x.views", "reason")]
    )
    assert not is_allowed(violation)
    monkeypatch.setattr("tests.test_architecture.ALLOWED", [("write", "danvan.x.views", "reason")])
    assert is_allowed(violation)
