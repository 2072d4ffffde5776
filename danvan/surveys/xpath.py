"""Evaluating a form's XPath (relevance, constraints, calculations, choice filters) on the
server with ``elementpath``, against the instance document of the answers so far.

Forms are written for ODK's XPath 1.0 dialect; elementpath's XPath 2.0 parser runs them with
the ODK functions forms use registered on a parser of our own (``selected``,
``count-selected``, ``if``, ``regex``, ``coalesce``, ``today``…). ``if(`` is a keyword in
XPath 2.0, so it is renamed before parsing; ``current()`` becomes the path of the node being
evaluated. Where XPath 1.0 would give NaN (comparing an empty answer with a number),
XPath 2.0 raises: :func:`evaluate` answers ``None`` then, and callers read that as false,
as ODK Collect does.
"""

from __future__ import annotations

import datetime
import re
import threading
import uuid
from functools import lru_cache
from typing import Any

from elementpath import XPath2Parser, XPathContext
from elementpath.exceptions import ElementPathError

from danvan.core.localtime import LOCAL_TZ

_STRINGS = re.compile(r"('[^']*'|\"[^\"]*\")")


def _s(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        value = value[0] if value else ""
    if hasattr(value, "string_value"):
        return str(value.string_value)
    if hasattr(value, "text") and not isinstance(value, str):
        return value.text or ""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _number(value: Any) -> float:
    try:
        return float(_s(value))
    except ValueError:
        return float("nan")


class OdkParser(XPath2Parser):
    """An XPath 2.0 parser with ODK's functions (registered once, on this class only)."""


ANY = "item()*"


def _register() -> OdkParser:
    # elementpath keeps external functions on the parser instance: one instance serves all
    # (parsing is cached and guarded by a lock; evaluation needs no parser).
    parser = OdkParser(namespaces={"jr": "http://openrosa.org/javarosa"})
    functions: dict[str, tuple[Any, int]] = {
        "selected": (lambda a, b: _s(b) in _s(a).split(), 2),
        "count-selected": (lambda a: len(_s(a).split()), 1),
        "odk-if": (lambda c, a, b: a if _truth(c) else b, 3),
        "regex": (lambda a, p: re.search(_s(p), _s(a)) is not None, 2),
        "coalesce": (lambda a, b: _s(a) if _s(a) != "" else _s(b), 2),
        "today": (lambda: datetime.datetime.now(LOCAL_TZ).date().isoformat(), 0),
        "now": (lambda: datetime.datetime.now(LOCAL_TZ).isoformat(timespec="seconds"), 0),
        "int": (lambda a: float(int(_number(a))) if _number(a) == _number(a) else _number(a), 1),
        "boolean-from-string": (lambda a: _s(a) in ("true", "1"), 1),
        "uuid": (lambda: str(uuid.uuid4()), 0),
        "once": (lambda a: a, 1),
        "substr": (lambda a, start, end: _s(a)[int(_number(start)) : int(_number(end))], 3),
        "pow": (lambda a, b: _number(a) ** _number(b), 2),
    }
    for name, (function, arity) in functions.items():
        result = (
            "item()*" if name not in ("selected", "regex", "boolean-from-string") else "xs:boolean"
        )
        parser.external_function(function, name=name, sequence_types=(ANY,) * arity + (result,))
    return parser


def _truth(value: Any) -> bool:
    if isinstance(value, (list, tuple)):
        return bool(value) and _truth(value[0]) if len(value) == 1 else bool(value)
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value != 0 and value == value
    return _s(value) != ""


_PARSER = _register()
_LOCK = threading.Lock()


def _rewrite(expression: str, current: str) -> str:
    """Rename ODK spellings XPath 2.0 reads otherwise, leaving string literals alone."""
    parts = _STRINGS.split(expression)
    for i in range(0, len(parts), 2):
        part = parts[i]
        part = re.sub(r"(?<![\w:-])if\s*\(", "odk-if(", part)
        part = part.replace("current()", current)
        parts[i] = part
    return "".join(parts)


@lru_cache(maxsize=2048)
def _parsed(expression: str) -> Any:
    with _LOCK:
        return _PARSER.parse(expression)


def evaluate(expression: str, root: Any, node: Any | None = None, current: str = ".") -> Any:
    """The value of ``expression`` on the instance ``root`` with ``node`` as the context
    (the question's own element), or None when it cannot be evaluated."""
    if not expression.strip():
        return None
    try:
        token = _parsed(_rewrite(expression, current))
        context = XPathContext(root, item=node if node is not None else root)
        return token.evaluate(context)
    except (ElementPathError, ValueError, TypeError, ZeroDivisionError, OverflowError):
        return None


def truth(expression: str, root: Any, node: Any | None = None, current: str = ".") -> bool:
    return _truth(evaluate(expression, root, node, current))


def text_of(value: Any) -> str:
    """A calculation's result as the text an instance stores."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        return str(int(value)) if value.is_integer() else repr(round(value, 10))
    return _s(value)
