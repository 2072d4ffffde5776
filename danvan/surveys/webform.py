"""The web form: a form version's questions as pages, what a page's POST means, and the
checks the server makes (types, required, constraints, relevance, calculations, choice
filters), all evaluated with :mod:`danvan.surveys.xpath` against the instance document built
from the answers so far. No database here: the views and ``services.webforms`` hold it.

A page is a top-level group of the form, a top-level repeat, or a run of top-level questions
between them. Values have the ``Submission.answers`` shape: ``{name: value}``, a repeat a list
of such dicts. Field names in HTML are ``q__<name>`` (``q__<name>__<i>`` in a repeat's i-th
entry).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from danvan.surveys.instance import build_instance
from danvan.surveys.xpath import evaluate, text_of, truth

SKIPPED_TYPES = {"begin_group", "begin_repeat", "calculate"}
ANSWERED_TYPES = {
    "text",
    "integer",
    "decimal",
    "date",
    "time",
    "select one",
    "select all that apply",
    "geopoint",
    "gps",
}
_REF = re.compile(r"\$\{([A-Za-z_][\w.-]*)\}")


@dataclass
class Page:
    index: int
    title: dict[str, str]
    path: str  # the group's or repeat's path, or "" for loose questions
    repeat: dict[str, Any] | None
    questions: list[dict[str, Any]] = field(default_factory=list)


def pick(labels: dict[str, str] | None, language: str | None = None) -> str:
    """The label in the active language: English when the UI is English and the form has
    it, else Vietnamese, else the form's default, else any."""
    if not labels:
        return ""
    lang = (language or get_language() or "vi")[:2]
    wanted = ("(en)", "english") if lang == "en" else ("(vi)", "tiếng việt", "vietnamese")
    for key, text in labels.items():
        if any(w in key.lower() for w in wanted):
            return text
    for key in ("Tiếng Việt (vi)", "default"):
        if labels.get(key):
            return labels[key]
    return next(iter(labels.values()))


def pages_of(questions: list[dict[str, Any]]) -> list[Page]:
    if not questions:
        return []
    root = "/" + questions[0]["path"].split("/")[1]
    pages: list[Page] = []
    loose: Page | None = None
    for q in questions:
        parent = q["path"].rsplit("/", 1)[0]
        if parent == root:
            if q["type"] in ("begin_group", "begin_repeat"):
                loose = None
                page = Page(
                    len(pages),
                    q["label"],
                    q["path"],
                    q if q["type"] == "begin_repeat" else None,
                )
                pages.append(page)
                continue
            if loose is None:
                loose = Page(len(pages), {}, "", None)
                pages.append(loose)
            loose.questions.append(q)
            continue
        owner = next(
            (p for p in reversed(pages) if p.path and q["path"].startswith(p.path + "/")), None
        )
        if owner is not None:
            owner.questions.append(q)
    return [p for p in pages if any(_shown_type(q) for q in p.questions)]


def _shown_type(q: dict[str, Any]) -> bool:
    return q["type"] in ANSWERED_TYPES or q["type"] == "note"


def _ancestors(q: dict[str, Any], questions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        g
        for g in questions
        if g["type"] in ("begin_group", "begin_repeat") and q["path"].startswith(g["path"] + "/")
    ]


def _repeat_of(q: dict[str, Any], questions: list[dict[str, Any]]) -> dict[str, Any] | None:
    repeats = [g for g in _ancestors(q, questions) if g["type"] == "begin_repeat"]
    return repeats[-1] if repeats else None


class Evaluator:
    """The instance document of ``values`` and the questions' state in it."""

    def __init__(self, version: Any, values: dict[str, Any]) -> None:
        self.version = version
        self.questions: list[dict[str, Any]] = version.questions
        self.values = values
        self.root_name = self.questions[0]["path"].split("/")[1] if self.questions else "data"
        self.rebuild()

    def rebuild(self) -> None:
        self.root = build_instance(
            self.questions,
            form_id=self.version.survey.form_id,
            version=self.version.version,
            values=self.values,
            instance_id="uuid:draft",
        )

    def _indexed(self, q: dict[str, Any], index: int | None) -> str:
        path = q["path"]
        repeat = _repeat_of(q, self.questions)
        if repeat is not None and index is not None:
            path = f"{repeat['path']}[{index + 1}]{path[len(repeat['path']) :]}"
        return path

    def node(self, q: dict[str, Any], index: int | None = None) -> tuple[Any, str]:
        path = self._indexed(q, index)
        relative = path[len(self.root_name) + 2 :]
        found = self.root.find(relative) if relative else self.root
        return found, path

    def relevant(self, q: dict[str, Any], index: int | None = None) -> bool:
        for item in [*_ancestors(q, self.questions), q]:
            if not item.get("relevant"):
                continue
            item_index = index if _repeat_of(item, self.questions) is not None else None
            if item["type"] == "begin_repeat":
                item_index = index
            node, path = self.node(item, item_index)
            if not truth(item["relevant"], self.root, node, path):
                return False
        return True

    def choices(self, q: dict[str, Any], index: int | None = None) -> list[dict[str, Any]]:
        all_choices = q.get("choices") or []
        predicate = q.get("choice_filter") or ""
        if not predicate:
            return all_choices
        _node, path = self.node(q, index)
        from lxml import etree

        kept = []
        for choice in all_choices:
            item = etree.Element("item")
            for key, value in choice.items():
                if key != "label" and re.match(r"^[A-Za-z_][\w.-]*$", key):
                    etree.SubElement(item, key).text = str(value)
            # The item is evaluated inside the instance so absolute paths still resolve.
            self.root.append(item)
            try:
                if truth(predicate, self.root, item, path):
                    kept.append(choice)
            finally:
                self.root.remove(item)
        return kept

    def calculate(self) -> None:
        """Every calculation in form order, stored in the values (as Collect does)."""
        for q in self.questions:
            if not q.get("calculation"):
                continue
            repeat = _repeat_of(q, self.questions)
            if repeat is None:
                node, path = self.node(q)
                result = text_of(evaluate(q["calculation"], self.root, node, path))
                self._store(q, None, result)
            else:
                for i in range(len(self.values.get(repeat["name"]) or [])):
                    node, path = self.node(q, i)
                    result = text_of(evaluate(q["calculation"], self.root, node, path))
                    self._store(q, i, result)
            self.rebuild()

    def _store(self, q: dict[str, Any], index: int | None, value: Any) -> None:
        repeat = _repeat_of(q, self.questions)
        target = self.values
        if repeat is not None and index is not None:
            target = self.values.setdefault(repeat["name"], [])[index]
        if value in ("", None, []):
            target.pop(q["name"], None)
        else:
            target[q["name"]] = value

    def get(self, q: dict[str, Any], index: int | None = None) -> Any:
        repeat = _repeat_of(q, self.questions)
        if repeat is not None and index is not None:
            items = self.values.get(repeat["name"]) or []
            return items[index].get(q["name"]) if index < len(items) else None
        return self.values.get(q["name"])

    def label(self, q: dict[str, Any], index: int | None = None) -> str:
        text = pick(q.get("label")) or q["name"]
        return _REF.sub(lambda m: self._ref_text(m.group(1), index), text)

    def _ref_text(self, name: str, index: int | None) -> str:
        q = next((x for x in self.questions if x["name"] == name), None)
        if q is None:
            return ""
        value = self.get(q, index if _repeat_of(q, self.questions) else None)
        return " ".join(value) if isinstance(value, list) else ("" if value is None else str(value))


# ------------------------------------------------------------------------- reading a POST
def field_name(q: dict[str, Any], index: int | None) -> str:
    return f"q__{q['name']}" if index is None else f"q__{q['name']}__{index}"


def _parse(q: dict[str, Any], raw: Any) -> tuple[Any, str | None]:
    """(typed value, error) of what the user typed; the value is kept as typed on error."""
    kind = q["type"]
    if kind == "select all that apply":
        values = [v for v in raw if v]
        return values, None
    text = (raw or "").strip()
    if text == "":
        return None, None
    if kind == "integer":
        cleaned = text.replace(" ", "").replace(".", "")
        if re.fullmatch(r"-?\d{1,12}", cleaned):
            return int(cleaned), None
        return text, _("Hãy nhập một số nguyên.")
    if kind == "decimal":
        cleaned = text.replace(" ", "").replace(",", ".")
        try:
            return float(cleaned), None
        except ValueError:
            return text, _("Hãy nhập một số (dùng dấu phẩy cho phần thập phân).")
    if kind == "date":
        for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
            try:
                return datetime.strptime(text, pattern).date().isoformat(), None  # noqa: DTZ007 — a date, no time
            except ValueError:
                continue
        return text, _("Ngày không hợp lệ: nhập theo dạng dd/mm/yyyy.")
    if kind == "time":
        if re.fullmatch(r"([01]?\d|2[0-3]):[0-5]\d(:[0-5]\d)?", text):
            return text if text.count(":") == 2 else text + ":00", None
        return text, _("Giờ không hợp lệ: nhập theo dạng HH:MM.")
    if kind in ("geopoint", "gps"):
        parts = text.replace(",", " ").split()
        try:
            numbers = [float(p) for p in parts]
        except ValueError:
            numbers = []
        if len(numbers) >= 2 and -90 <= numbers[0] <= 90 and -180 <= numbers[1] <= 180:
            return " ".join(parts[:4]), None
        return text, _("Tọa độ không hợp lệ: nhập “vĩ độ kinh độ”, ví dụ 22.147 105.834.")
    return text[:2000], None


@dataclass
class PageResult:
    errors: dict[str, str]
    typed: dict[str, str]  # field name → what the user typed, shown back on error


def read_page(
    evaluator: Evaluator, page: Page, post: Any, *, validate: bool, fixed: dict[str, Any]
) -> PageResult:
    """Merge the page's fields from ``post`` into the evaluator's values; with ``validate``,
    check each relevant question (after merging every field, so relevance and constraints
    see this page's answers too)."""
    errors: dict[str, str] = {}
    typed: dict[str, str] = {}
    slots = _slots(evaluator, page)
    for q, index in slots:
        if q["type"] not in ANSWERED_TYPES or q.get("readonly") or q["name"] in fixed:
            continue
        name = field_name(q, index)
        raw = post.getlist(name) if q["type"] == "select all that apply" else post.get(name, "")
        value, error = _parse(q, raw)
        if error:
            errors[name] = error
            typed[name] = raw
            continue
        evaluator._store(q, index, value)
    for key, value in fixed.items():
        evaluator.values[key] = value
    evaluator.rebuild()
    evaluator.calculate()
    if not validate:
        return PageResult(errors, typed)
    for q, index in slots:
        name = field_name(q, index)
        if q["type"] not in ANSWERED_TYPES or name in errors or not evaluator.relevant(q, index):
            continue
        error = check(evaluator, q, index)
        if error:
            errors[name] = error
    return PageResult(errors, typed)


def _slots(evaluator: Evaluator, page: Page) -> list[tuple[dict[str, Any], int | None]]:
    slots: list[tuple[dict[str, Any], int | None]] = []
    for q in page.questions:
        repeat = _repeat_of(q, evaluator.questions)
        if repeat is None:
            slots.append((q, None))
        else:
            for i in range(len(evaluator.values.get(repeat["name"]) or [])):
                slots.append((q, i))
    return slots


def check(evaluator: Evaluator, q: dict[str, Any], index: int | None) -> str | None:
    value = evaluator.get(q, index)
    empty = value in (None, "", [])
    if empty:
        if q.get("required"):
            return pick(q.get("required_message")) or _("Câu này bắt buộc trả lời.")
        return None
    if q["type"] in ("select one", "select all that apply"):
        allowed = {c["name"] for c in evaluator.choices(q, index)}
        chosen = value if isinstance(value, list) else [value]
        if any(str(v) not in allowed for v in chosen):
            return _("Lựa chọn không hợp lệ; hãy chọn lại.")
    if q.get("constraint"):
        node, path = evaluator.node(q, index)
        if not truth(q["constraint"], evaluator.root, node, path):
            return pick(q.get("constraint_message")) or _("Câu trả lời không hợp lệ.")
    return None


def first_invalid_page(evaluator: Evaluator, pages: list[Page]) -> int | None:
    """The first page with an error, checked as at submission; None when all is well."""
    for page in pages:
        for q, index in _slots(evaluator, page):
            relevant = q["type"] in ANSWERED_TYPES and evaluator.relevant(q, index)
            if relevant and check(evaluator, q, index):
                return page.index
    return None


def page_relevant(evaluator: Evaluator, page: Page) -> bool:
    if page.repeat is not None:
        return evaluator.relevant(page.repeat, None) if page.repeat.get("relevant") else True
    return any(
        _shown_type(q) and evaluator.relevant(q, index) for q, index in _slots(evaluator, page)
    ) or (page.repeat is None and not _slots(evaluator, page))


def shown_fields(evaluator: Evaluator, page: Page) -> set[str]:
    return {
        field_name(q, index)
        for q, index in _slots(evaluator, page)
        if q["type"] in ANSWERED_TYPES and evaluator.relevant(q, index)
    }


def drop_irrelevant(evaluator: Evaluator) -> dict[str, Any]:
    """The values to submit: answers of questions that are not relevant are dropped, as
    ODK Collect drops them."""
    values = evaluator.values
    for q in evaluator.questions:
        if q["type"] in SKIPPED_TYPES or q["type"] == "note":
            continue
        repeat = _repeat_of(q, evaluator.questions)
        if repeat is None:
            if q["name"] in values and not evaluator.relevant(q):
                values.pop(q["name"], None)
        else:
            for i, item in enumerate(values.get(repeat["name"]) or []):
                if q["name"] in item and not evaluator.relevant(q, i):
                    item.pop(q["name"], None)
    evaluator.rebuild()
    return values


def render_fields(
    evaluator: Evaluator,
    page: Page,
    result: PageResult | None,
    *,
    fixed: dict[str, Any],
    villages: list[str],
) -> list[dict[str, Any]]:
    """What the template draws for the page, in order (repeat entries grouped)."""
    rows: list[dict[str, Any]] = []
    errors = result.errors if result else {}
    typed = result.typed if result else {}
    for q, index in _slots(evaluator, page):
        if q["type"] in SKIPPED_TYPES or not _shown_type(q):
            continue
        if not evaluator.relevant(q, index):
            continue
        name = field_name(q, index)
        value = typed.get(name, evaluator.get(q, index))
        choices = None
        if q["type"] in ("select one", "select all that apply"):
            chosen = set(value if isinstance(value, list) else [str(value)] if value else [])
            choices = [
                {
                    "value": c["name"],
                    "label": pick(c.get("label")) or c["name"],
                    "checked": c["name"] in chosen,
                }
                for c in evaluator.choices(q, index)
            ]
        elif q["name"] == "village" and q["type"] == "text" and villages:
            choices = [{"value": v, "label": v, "checked": v == value} for v in villages]
        rows.append(
            {
                "name": name,
                "question": q["name"],
                "type": q["type"],
                "label": evaluator.label(q, index),
                "hint": pick(q.get("hint")),
                "value": "" if value is None else value,
                "choices": choices,
                "error": errors.get(name),
                "required": bool(q.get("required")),
                "readonly": q["name"] in fixed,
                "index": index,
                "input": _input_type(q),
                "village_select": q["name"] == "village"
                and choices is not None
                and q["type"] == "text",
            }
        )
    return rows


def _input_type(q: dict[str, Any]) -> str:
    return {
        "integer": "number",
        "decimal": "text",
        "date": "date",
        "time": "time",
    }.get(q["type"], "text")
