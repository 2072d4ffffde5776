"""Answers of the Open311 endpoints in JSON or XML (GeoReport v2 names and nesting)."""

from __future__ import annotations

import json
from typing import Any
from xml.etree.ElementTree import Element, SubElement, tostring

from django.http import HttpResponse

from danvan.core.boundary import printable

# XML: the list element and the name of each item in it.
XML_NAMES = {
    "services": ("services", "service"),
    "requests": ("service_requests", "request"),
    "errors": ("errors", "error"),
}


def _fill(parent: Element, data: dict[str, Any]) -> None:
    for key, value in data.items():
        child = SubElement(parent, key)
        if isinstance(value, dict):
            _fill(child, value)
        elif isinstance(value, list):
            singular = key[:-1] if key.endswith("s") else "item"
            for item in value:
                node = SubElement(child, singular)
                if isinstance(item, dict):
                    _fill(node, item)
                else:
                    node.text = _text(item)
        else:
            child.text = _text(value)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    # Rows stored before input was cleaned may hold characters XML 1.0 cannot carry.
    return printable(str(value))


def respond(fmt: str, kind: str, payload: Any, status: int = 200) -> HttpResponse:
    """``kind``: a list kind of XML_NAMES, or a single element's name (discovery,
    service_definition) for a dict payload."""
    if fmt == "json":
        return HttpResponse(
            # "replace": a lone surrogate (never storable, but a writer must not 500) -> "?".
            json.dumps(payload, ensure_ascii=False).encode("utf-8", "replace"),
            content_type="application/json; charset=utf-8",
            status=status,
        )
    if kind in XML_NAMES:
        root_name, item_name = XML_NAMES[kind]
        root = Element(root_name)
        for item in payload:
            _fill(SubElement(root, item_name), item)
    else:
        root = Element(kind)
        _fill(root, payload)
    body = b'<?xml version="1.0" encoding="utf-8"?>' + tostring(root, encoding="utf-8")
    return HttpResponse(body, content_type="text/xml; charset=utf-8", status=status)


def error(fmt: str, status: int, description: str) -> HttpResponse:
    return respond(fmt, "errors", [{"code": status, "description": description}], status=status)
