"""A filled form (an XForm instance document) read into what ``Submission`` stores.

The XML is parsed without DTDs, entities or network (a submission is untrusted input); its
root names the form (``id``) and its ``version``; ``meta/instanceID`` identifies it and
``meta/deprecatedID`` names the instance an edit replaces. Answers are typed by the form
version's question list (see ``models.forms``). A respondent's name and phone (questions
named in :data:`CONTACT_QUESTIONS`) are taken out of both the answers and the stored XML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from lxml import etree

from danvan.core.boundary import strip_controls

MAX_XML_BYTES = 2 * 1024 * 1024
# Questions whose answers are personal data: moved to RespondentContact, never in answers.
CONTACT_QUESTIONS = {"respondent_name": "name", "respondent_phone": "phone"}
_INSTANCE_ID = re.compile(r"^[A-Za-z0-9:._-]{1,100}$")


class InstanceError(Exception):
    """The document is not a usable submission; ``code`` is the API's, ``message`` shown."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class Instance:
    form_id: str
    version: str
    instance_id: str
    deprecated_id: str
    xml: str
    root: Any
    contact: dict[str, str] = field(default_factory=dict)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_pis=True
    )


def _local(tag: Any) -> str:
    return tag.split("}")[-1] if isinstance(tag, str) else ""


def _meta_value(root: Any, name: str) -> str:
    for meta in root:
        if _local(meta.tag) == "meta":
            for child in meta:
                if _local(child.tag) == name:
                    return (child.text or "").strip()
    return ""


def parse_instance(data: bytes) -> Instance:
    """The submission in ``data``; :class:`InstanceError` when it cannot be one."""
    if len(data) > MAX_XML_BYTES:
        raise InstanceError("too_large", _("Tệp dữ liệu phiếu quá lớn."))
    if b"<!DOCTYPE" in data[:4096].upper() or b"<!ENTITY" in data.upper():
        raise InstanceError("bad_xml", _("Dữ liệu phiếu không được chứa khai báo DOCTYPE."))
    try:
        root = etree.fromstring(data, parser=_parser())
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise InstanceError("bad_xml", _("Dữ liệu phiếu không phải XML hợp lệ.")) from exc
    form_id = (root.get("id") or "").strip()
    if not form_id:
        raise InstanceError("unknown_form", _("Phiếu không ghi mã biểu mẫu (thuộc tính id)."))
    instance_id = _meta_value(root, "instanceID")
    if not _INSTANCE_ID.match(instance_id):
        raise InstanceError("no_instance_id", _("Phiếu thiếu mã phiếu (meta/instanceID) hợp lệ."))
    deprecated = _meta_value(root, "deprecatedID")
    if deprecated and not _INSTANCE_ID.match(deprecated):
        raise InstanceError("bad_xml", _("meta/deprecatedID không hợp lệ."))
    contact: dict[str, str] = {}
    for element in list(root.iter()):
        # XML 1.0 lets C1 controls through: the answers and the stored XML leave here clean,
        # as the boundary cleans every other input.
        if element.text:
            element.text = strip_controls(element.text)
        if element.tail:
            element.tail = strip_controls(element.tail)
        if isinstance(element.tag, str):
            for name, value in element.attrib.items():
                element.set(name, strip_controls(value))
        key = CONTACT_QUESTIONS.get(_local(element.tag))
        if key is not None:
            contact[key] = (element.text or "").strip()[:200]
            element.text = None
    return Instance(
        form_id=form_id,
        version=(root.get("version") or "").strip(),
        instance_id=instance_id,
        deprecated_id=deprecated,
        xml=etree.tostring(root, encoding="unicode"),
        root=root,
        contact={k: v for k, v in contact.items() if v},
    )


def _typed(question: dict[str, Any], text: str) -> Any:
    kind = question["type"]
    try:
        if kind == "integer":
            return int(text)
        if kind == "decimal":
            return float(text)
    except ValueError:
        return text
    if kind == "select all that apply":
        return text.split()
    return text


def _relative(path: str, container: str) -> str:
    return path[len(container) + 1 :] if path.startswith(container + "/") else ""


def answers_of(root: Any, questions: list[dict[str, Any]], root_path: str) -> dict[str, Any]:
    """``{name: value}`` of the instance ``root`` (see ``models.forms`` for the shape)."""
    # Namespaces in the instance (rare) are ignored: match on local names.
    for element in root.iter():
        if isinstance(element.tag, str) and "}" in element.tag:
            element.tag = _local(element.tag)
    return _collect(root, root_path, questions)


def _collect(node: Any, container: str, questions: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    repeats = [q["path"] for q in questions if q["type"] == "begin_repeat"]
    for q in questions:
        path = q["path"]
        relative = _relative(path, container)
        if not relative or q["name"] in CONTACT_QUESTIONS:
            continue
        # Skip what lives inside a nested repeat of this container: the repeat collects it.
        if any(
            path.startswith(r + "/") and r != container and r.startswith(container + "/")
            for r in repeats
        ):
            continue
        if q["type"] == "begin_repeat":
            inner = [x for x in questions if x["path"].startswith(path + "/")]
            out[q["name"]] = [_collect(item, path, inner) for item in node.findall(relative)]
            continue
        if q["type"] in ("begin_group", "note"):
            continue
        element = node.find(relative)
        if element is None or len(element):
            continue
        text = (element.text or "").strip()
        if text:
            out[q["name"]] = _typed(q, text)
    return out


def _text(question: dict[str, Any], value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    if isinstance(value, float) and value.is_integer() and question["type"] == "decimal":
        return repr(value)
    return str(value)


def build_instance(
    questions: list[dict[str, Any]],
    *,
    form_id: str,
    version: str,
    values: dict[str, Any],
    instance_id: str,
    deprecated_id: str = "",
) -> Any:
    """The instance document (an lxml element) of ``values`` (the ``answers`` shape), as
    Collect would send it: the form's tree, every question present (empty when unanswered),
    and ``meta/instanceID``. The web form builds its instance with it."""
    root_name = questions[0]["path"].split("/")[1] if questions else "data"
    root = etree.Element(root_name, id=form_id, version=version)
    _fill(root, "/" + root_name, questions, values)
    meta = etree.SubElement(root, "meta")
    etree.SubElement(meta, "instanceID").text = instance_id
    if deprecated_id:
        etree.SubElement(meta, "deprecatedID").text = deprecated_id
    return root


def _fill(parent: Any, container: str, questions: list[dict[str, Any]], values: dict) -> None:
    for q in questions:
        if q["path"].rsplit("/", 1)[0] != container:
            continue
        if q["type"] == "begin_group":
            _fill(etree.SubElement(parent, q["name"]), q["path"], questions, values)
        elif q["type"] == "begin_repeat":
            for item in values.get(q["name"]) or []:
                _fill(etree.SubElement(parent, q["name"]), q["path"], questions, item)
        else:
            etree.SubElement(parent, q["name"]).text = _text(q, values.get(q["name"])) or None


def instance_bytes(root: Any) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
