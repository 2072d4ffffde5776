"""Reading an uploaded XLSForm (.xlsx, .xls) into what a form version stores.

``pyxform`` does the conversion to XForm XML; this module checks the file before pyxform
opens it (size, an XLSX is a ZIP that is not a bomb, an XLS is an OLE2 compound file), turns
every refusal into lines ``{sheet, row, column, message}`` an officer can act on, adds our own
refusals (what neither ODK Collect nor our web forms could use from this server: choices from
a media file, external choices, ``pulldata``) and lists what only ODK Collect can answer as
warnings. Nothing here writes: ``services.form_import`` stores the result in one transaction,
so a refused file leaves nothing behind.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from danvan.core.boundary import ArchiveError, check_archive, strip_controls, strip_controls_deep

MAX_FORM_BYTES = 5 * 1024 * 1024
MAX_SHEET_ROWS = 5_000
MAX_COLUMNS = 300
MAX_BLANK_RUN = 200
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Question types the web form renders and evaluates (ODK Collect handles them all).
WEB_TYPES = {
    "select one",
    "select all that apply",
    "text",
    "integer",
    "decimal",
    "date",
    "time",
    "note",
    "calculate",
    "begin_group",
    "begin_repeat",
    "geopoint",
    "gps",
}
# Filled in by the device, nothing to ask.
METADATA_TYPES = {
    "start",
    "end",
    "today",
    "deviceid",
    "subscriberid",
    "simserial",
    "phonenumber",
    "username",
    "email",
    "audit",
    "uri:deviceid",
    "uri:subscriberid",
    "uri:simserial",
    "uri:phonenumber",
    "uri:username",
    "uri:email",
    "start-geopoint",
    "background-audio",
}
# Types whose data would have to come from a file this server does not hold.
REFUSED_TYPE_PREFIXES = (
    "select_one_from_file",
    "select_multiple_from_file",
    "select_one_external",
    "select one external",
)


@dataclass
class FormIssue:
    """One line of the report: where (sheet, spreadsheet row from 1, column) and what."""

    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


class FormRefused(Exception):
    """The file cannot be imported; ``errors`` are the report's lines."""

    def __init__(self, errors: list[FormIssue]) -> None:
        super().__init__("; ".join(e.message for e in errors))
        self.errors = errors


@dataclass
class ParsedForm:
    form_id: str
    version: str
    title: str
    xml: str
    xml_md5: str
    questions: list[dict[str, Any]]
    languages: list[str]
    root_name: str
    warnings: list[FormIssue] = field(default_factory=list)


# --------------------------------------------------------------------- reading the sheets
@dataclass
class Sheet:
    name: str
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]  # (spreadsheet row, {header: cell text})


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return strip_controls(str(value)).strip()


def _kind(filename: str, data: bytes) -> str:
    """``.xlsx`` or ``.xls`` when the name and the content agree; else FormRefused."""
    lowered = (filename or "").lower().strip()
    if lowered.endswith(".xlsx"):
        try:
            archive = check_archive(data)
        except ArchiveError as exc:
            raise FormRefused([FormIssue(exc.message)]) from exc
        if "xl/workbook.xml" not in set(archive.namelist()):
            raise FormRefused([FormIssue(_("Tệp .xlsx không phải bảng tính Excel."))])
        return ".xlsx"
    if lowered.endswith(".xls"):
        if not data.startswith(OLE2_MAGIC):
            raise FormRefused([FormIssue(_("Tệp .xls không phải bảng tính Excel 97–2003."))])
        return ".xls"
    raise FormRefused([FormIssue(_("Chỉ nhận biểu mẫu XLSForm dạng .xlsx hoặc .xls."))])


def read_sheets(data: bytes, kind: str) -> dict[str, Sheet]:
    """Every sheet's header and non-empty rows, keyed by lower-case sheet name."""
    grids: dict[str, list[list[Any]]] = {}
    try:
        if kind == ".xlsx":
            import openpyxl

            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            for ws in book.worksheets:
                grid: list[list[Any]] = []
                blank_run = 0
                # Sheets formatted down to row 1,048,576 are common: stop after a long run of
                # empty rows rather than walking them all.
                for row in ws.iter_rows(values_only=True, max_col=MAX_COLUMNS):
                    blank_run = 0 if any(v not in (None, "") for v in row) else blank_run + 1
                    if blank_run > MAX_BLANK_RUN:
                        break
                    if len(grid) > MAX_SHEET_ROWS + MAX_BLANK_RUN:
                        raise FormRefused(
                            [FormIssue(_("Trang tính quá dài (quá 5.000 dòng)."), sheet=ws.title)]
                        )
                    grid.append(list(row))
                grids[ws.title] = grid
            book.close()
        else:
            import xlrd

            book = xlrd.open_workbook(file_contents=data, on_demand=True)
            for ws in book.sheets():
                if ws.nrows > MAX_SHEET_ROWS:
                    raise FormRefused(
                        [FormIssue(_("Trang tính quá dài (quá 5.000 dòng)."), sheet=ws.name)]
                    )
                grids[ws.name] = [ws.row_values(i) for i in range(ws.nrows)]
    except FormRefused:
        raise
    except Exception as exc:  # noqa: BLE001 — a broken workbook raises many kinds
        raise FormRefused(
            [FormIssue(_("Không đọc được bảng tính: tệp hỏng hoặc sai định dạng."))]
        ) from exc
    sheets: dict[str, Sheet] = {}
    for name, grid in grids.items():
        if not grid:
            continue
        header = [_cell(v) for v in grid[0]]
        rows = []
        for number, raw in enumerate(grid[1:], start=2):
            cells = {
                header[i]: _cell(v) for i, v in enumerate(raw) if i < len(header) and header[i]
            }
            if any(cells.values()):
                rows.append((number, cells))
        sheets[name.strip().lower()] = Sheet(name=name, header=header, rows=rows)
    return sheets


# -------------------------------------------------------------------- pyxform's messages
_ROW = re.compile(r"\[row\s*:\s*(\d+)\]")
_SHEET = re.compile(r"(?:sheet:?\s*'([^']+)'|'([^']+)' sheet|the (\w+) sheet)", re.IGNORECASE)
_COLUMN = re.compile(
    r"(?:'([\w:: ()-]+)' (?:value|column)|column[s]?[:\s]+'([^']+)'|header:\s*(\S+))"
)


def issue_from_message(message: str, sheets: dict[str, Sheet]) -> FormIssue:
    """Where pyxform's message points: its ``[row : N]``, the sheet and the column it names."""
    text = " ".join(str(message).split())
    row_match = _ROW.search(text)
    sheet_match = _SHEET.search(text)
    column_match = _COLUMN.search(text)
    sheet = next((g for g in sheet_match.groups() if g), None) if sheet_match else None
    column = next((g for g in column_match.groups() if g), None) if column_match else None
    row = int(row_match.group(1)) if row_match else None
    if "header" in text.lower():
        found = re.search(r"found:\s*'([^']+)'", text)
        column = found.group(1) if found else column
        row = row or 1
    if column and not sheet:
        # A header problem names a column only: find the sheet that has it twice or at all.
        for candidate in sheets.values():
            if candidate.header.count(column) > 1:
                sheet, row = candidate.name, 1
                break
    if row is None:
        # Messages such as "Unknown question type 'x'." name a cell's content only: point at
        # the first cell that holds it.
        for token in re.findall(r"'([^']{1,200})'", text):
            found = _find_cell(sheets, token, sheet)
            if found is not None:
                sheet, row, column = found
                break
    if sheet is None and row is not None:
        sheet = "survey"
    if sheet and sheet.lower() in sheets:
        sheet = sheets[sheet.lower()].name
    return FormIssue(message=text, sheet=sheet, row=row, column=column)


def _find_cell(
    sheets: dict[str, Sheet], token: str, only: str | None
) -> tuple[str, int, str] | None:
    for key in ("survey", "choices", "settings"):
        candidate = sheets.get(key)
        if candidate is None or (only and only.lower() != key):
            continue
        for number, cells in candidate.rows:
            for column, value in cells.items():
                if value == token:
                    return candidate.name, number, column
    return None


# ---------------------------------------------------------------------------- the import
def _cleaned(workbook: Any) -> Any:
    """pyxform's reading of the workbook with control characters removed from every cell:
    the cells checked above were cleaned, but pyxform reads the file itself, and its text
    goes into the XForm served to ODK Collect, the question list and the charts."""
    import dataclasses

    for item in dataclasses.fields(workbook):
        value = getattr(workbook, item.name)
        if isinstance(value, list | dict | str):
            setattr(workbook, item.name, strip_controls_deep(value))
    return workbook


def _form_id_from(filename: str) -> str:
    stem = re.sub(r"\.(xlsx|xls)$", "", (filename or "").strip(), flags=re.IGNORECASE)
    cleaned = re.sub(r"[^A-Za-z0-9_]+", "_", stem).strip("_") or "form"
    return cleaned if cleaned[0].isalpha() else f"f_{cleaned}"


def parse_xlsform(data: bytes, filename: str) -> ParsedForm:
    """The form in ``data`` converted and checked, or :class:`FormRefused` with the report."""
    if len(data) > MAX_FORM_BYTES:
        raise FormRefused([FormIssue(_("Tệp biểu mẫu lớn quá 5 MB."))])
    kind = _kind(filename, data)
    sheets = read_sheets(data, kind)
    if "survey" not in sheets:
        raise FormRefused([FormIssue(_("Thiếu trang tính “survey”."), sheet="survey")])
    errors = _our_refusals(sheets)
    if errors:
        raise FormRefused(errors)
    warnings_text: list[str] = []
    try:
        from pyxform.builder import create_survey_element_from_dict
        from pyxform.xls2json import workbook_to_json
        from pyxform.xls2xform import get_xlsform

        workbook = _cleaned(get_xlsform(xlsform=data, file_type=kind))
        settings_rows = workbook.settings or [{}]
        settings = settings_rows[0] if settings_rows else {}
        added: list[FormIssue] = []
        if not str(settings.get("form_id") or "").strip():
            settings["form_id"] = _form_id_from(filename)
            added.append(
                FormIssue(
                    _("Trang “settings” không có form_id: dùng “%(id)s” theo tên tệp.")
                    % {"id": settings["form_id"]},
                    sheet="settings",
                    column="form_id",
                )
            )
        if not str(settings.get("version") or "").strip():
            settings["version"] = "1"
            added.append(
                FormIssue(
                    _("Trang “settings” không có version: dùng phiên bản “1”."),
                    sheet="settings",
                    column="version",
                )
            )
        workbook.settings = [settings]
        header = dict((workbook.settings_header or [{}])[0])
        header.update({key: None for key in settings if key not in header})
        workbook.settings_header = [header]
        pyxform_data = workbook_to_json(
            workbook_dict=workbook,
            fallback_form_name=workbook.fallback_form_name,
            warnings=warnings_text,
        )
        survey = create_survey_element_from_dict(pyxform_data)
        xml = survey.to_xml(validate=False, pretty_print=False, warnings=warnings_text)
    except FormRefused:
        raise
    except Exception as exc:  # noqa: BLE001 — pyxform raises PyXFormError and others
        raise FormRefused([issue_from_message(str(exc), sheets)]) from exc
    form_id = str(pyxform_data.get("id_string") or "")
    version = str(pyxform_data.get("version") or "")
    if len(form_id) > 100 or len(version) > 64:
        raise FormRefused(
            [
                FormIssue(
                    _("form_id hoặc version quá dài."), sheet="settings", row=2, column="form_id"
                )
            ]
        )
    questions = _questions(survey, pyxform_data, xml)
    languages = _languages(questions)
    warnings = (
        added
        + [issue_from_message(w, sheets) for w in warnings_text]
        + _web_warnings(questions, sheets)
    )
    return ParsedForm(
        form_id=form_id,
        version=version,
        title=str(pyxform_data.get("title") or form_id)[:300],
        xml=xml,
        xml_md5=hashlib.md5(xml.encode()).hexdigest(),  # noqa: S324 — OpenRosa's hash, not security
        questions=questions,
        languages=languages,
        root_name=str(pyxform_data.get("name") or "data"),
        warnings=warnings,
    )


def _our_refusals(sheets: dict[str, Sheet]) -> list[FormIssue]:
    """What this server cannot serve even though pyxform would convert it."""
    errors: list[FormIssue] = []
    survey = sheets["survey"]
    for number, cells in survey.rows:
        qtype = cells.get("type", "").lower()
        if qtype.startswith(REFUSED_TYPE_PREFIXES):
            errors.append(
                FormIssue(
                    _(
                        "Kiểu câu hỏi “%(type)s” lấy lựa chọn từ tệp đính kèm: chưa hỗ trợ. "
                        "Hãy đưa các lựa chọn vào trang “choices”."
                    )
                    % {"type": cells.get("type")},
                    sheet=survey.name,
                    row=number,
                    column="type",
                )
            )
        for column, text in cells.items():
            if "pulldata(" in text.replace(" ", ""):
                errors.append(
                    FormIssue(
                        _("Hàm pulldata() cần tệp dữ liệu đính kèm: chưa hỗ trợ."),
                        sheet=survey.name,
                        row=number,
                        column=column,
                    )
                )
    if "external_choices" in sheets and sheets["external_choices"].rows:
        errors.append(
            FormIssue(
                _("Trang “external_choices” cần tệp đính kèm itemsets.csv: chưa hỗ trợ."),
                sheet=sheets["external_choices"].name,
                row=2,
            )
        )
    return errors


def _web_warnings(questions: list[dict[str, Any]], sheets: dict[str, Sheet]) -> list[FormIssue]:
    """Questions the web form cannot ask (ODK Collect can): warned, not refused."""
    rows_by_name = {cells.get("name"): number for number, cells in sheets["survey"].rows}
    warnings = []
    for q in questions:
        if q["type"] in WEB_TYPES or q["type"] in METADATA_TYPES or q["type"].startswith("end"):
            continue
        warnings.append(
            FormIssue(
                _(
                    "Câu “%(name)s” kiểu “%(type)s” chỉ trả lời được bằng ODK Collect; biểu mẫu "
                    "web bỏ qua câu này."
                )
                % {"name": q["name"], "type": q["type"]},
                sheet=sheets["survey"].name,
                row=rows_by_name.get(q["name"]),
                column="type",
            )
        )
    return warnings


def _label(value: Any) -> dict[str, str]:
    if value is None or value == "":
        return {}
    if isinstance(value, dict):
        return {str(k): str(v) for k, v in value.items() if v not in (None, "")}
    return {"default": str(value)}


def _binds_of(xml: str) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """The XForm's binds by nodeset (XPath as pyxform wrote them) and each select's itemset
    predicate (its choice_filter in XPath) by ref."""
    from lxml import etree

    root = etree.fromstring(xml.encode(), parser=etree.XMLParser(resolve_entities=False))
    binds: dict[str, dict[str, str]] = {}
    for bind in root.iter("{http://www.w3.org/2002/xforms}bind"):
        attrs = {}
        for key, value in bind.attrib.items():
            local = key.split("}")[-1]
            attrs[local] = value
        binds[attrs.get("nodeset", "")] = attrs
    filters: dict[str, str] = {}
    for itemset in root.iter("{http://www.w3.org/2002/xforms}itemset"):
        nodeset = itemset.get("nodeset", "")
        parent = itemset.getparent()
        match = re.match(r"instance\('([^']+)'\)/root/item(?:\[(.*)\])?$", nodeset.strip(), re.S)
        if parent is not None and match:
            filters[parent.get("ref", "")] = (match.group(2) or "").strip()
    return binds, filters


def _questions(survey: Any, data: dict[str, Any], xml: str) -> list[dict[str, Any]]:
    """The question list stored on the form version (see ``models.forms``)."""
    binds, filters = _binds_of(xml)
    choice_lists = data.get("choices") or {}
    out: list[dict[str, Any]] = []
    for element in survey.iter_descendants():
        if element is survey:
            continue
        etype = str(element.type or "")
        path = element.get_xpath()
        if path.endswith("/meta") or "/meta/" in path:
            continue
        repeat = None
        group = None
        parent = getattr(element, "parent", None)
        while parent is not None and parent is not survey:
            if parent.type == "repeat" and repeat is None:
                repeat = parent.name
            if parent.type == "group" and group is None:
                group = parent.name
            parent = getattr(parent, "parent", None)
        bind = binds.get(path, {})
        kind = "begin_group" if etype == "group" else "begin_repeat" if etype == "repeat" else etype
        if etype == "loop":
            kind = "begin_group"
        choices = None
        list_name = getattr(element, "list_name", None) or getattr(element, "itemset", None)
        if etype.startswith("select"):
            raw = choice_lists.get(list_name) or [
                c if isinstance(c, dict) else {"name": c.name, "label": c.label}
                for c in (getattr(element, "choices", None) or [])
            ]
            choices = [
                {
                    "name": str(c.get("name")),
                    "label": _label(c.get("label")),
                    **{
                        k: str(v)
                        for k, v in c.items()
                        if k not in ("name", "label", "media") and isinstance(v, str | int | float)
                    },
                }
                for c in raw
            ]
        control = getattr(element, "control", None) or {}
        out.append(
            {
                "name": element.name,
                "type": kind,
                "path": path,
                "label": _label(element.label),
                "hint": _label(getattr(element, "hint", None)),
                "choices": choices,
                "list_name": list_name if choices is not None else None,
                "choice_filter": filters.get(path, ""),
                "repeat": repeat,
                "group": group,
                "appearance": str(
                    control.get("appearance", "") if isinstance(control, dict) else ""
                ),
                "bind_type": bind.get("type", ""),
                "required": bind.get("required", "") in ("true()", "yes", "true"),
                "relevant": bind.get("relevant", ""),
                "constraint": bind.get("constraint", ""),
                "constraint_message": _label(
                    (element.bind or {}).get("jr:constraintMsg") if element.bind else None
                ),
                "required_message": _label(
                    (element.bind or {}).get("jr:requiredMsg") if element.bind else None
                ),
                "calculation": bind.get("calculate", ""),
                "readonly": bind.get("readonly", "") == "true()",
                "default": str(getattr(element, "default", "") or ""),
            }
        )
    return out


def _languages(questions: list[dict[str, Any]]) -> list[str]:
    seen: list[str] = []
    for q in questions:
        for lang in q["label"]:
            if lang not in seen:
                seen.append(lang)
    # Vietnamese first: the form's first page speaks it when it has it.
    seen.sort(key=lambda lang: 0 if "(vi)" in lang or lang.lower().startswith("ti") else 1)
    return seen


_MEDIA = re.compile(r"jr://(?:images|audio|video|file|file-csv)/([^\"<\s]+)")


def media_names(xml: str) -> list[str]:
    """The media files a form refers to (``jr://images/a.jpg`` …), each once, sorted."""
    return sorted(set(_MEDIA.findall(xml)))
