"""Reading and checking an export of the provincial one-stop system (docs/domain.md §10), no writes.

The provincial administrative-procedure information system, synchronised with the National
Public Service Portal, exports dossiers as CSV, XLSX or JSON (a list of records) with the
portal's names: MaHoSo, MaTTHC, MaLinhVuc, NgayTiepNhan, NgayHenTra, NgayKetThucXuLy or
NgayTra, TrangThaiHoSo, DonViXuLy, ChuHoSo, SoDienThoai, Email, KenhNop or HinhThuc.

Dates are ``yyyyMMddHHmmss`` in Vietnam's local time. They are read in Asia/Ho_Chi_Minh
explicitly, never in the server's or the settings' zone: taking the server's zone is the bug
that made one provincial system's dates wrong for years (docs/domain.md §10).

Every bad value is reported with its row, its column and a Vietnamese message, so the whole
file can be corrected at once before anything is written (``services.provincial``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import IO, Any

from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.boundary import strip_controls
from danvan.core.localtime import LOCAL_TZ, local_date
from danvan.dossiers.models import DossierStage, Procedure, StatusCode
from danvan.territory.tabular import (
    MAX_ROWS,
    TabularError,
    normalize_header,
    read_bytes,
    read_table,
)

# A clock a few minutes ahead on the provincial server is not "the future".
SKEW = timedelta(minutes=5)
# A dossier code becomes one segment of URLs (the dossier's page, the case's page, the
# public tracking page): only characters a path segment carries as they are.
CODE_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$")
PHONE_RE = re.compile(r"^(\+84|84|0)[0-9]{8,10}$")

# Normalised key (``territory.tabular.normalize_header``) -> the portal's name, in the order
# errors are reported. Alternatives share a role: the first one present is read.
COLUMNS = {
    "mahoso": "MaHoSo",
    "matthc": "MaTTHC",
    "malinhvuc": "MaLinhVuc",
    "ngaytiepnhan": "NgayTiepNhan",
    "ngayhentra": "NgayHenTra",
    "ngayketthucxuly": "NgayKetThucXuLy",
    "ngaytra": "NgayTra",
    "trangthaihoso": "TrangThaiHoSo",
    "donvixuly": "DonViXuLy",
    "chuhoso": "ChuHoSo",
    "sodienthoai": "SoDienThoai",
    "email": "Email",
    "kenhnop": "KenhNop",
    "hinhthuc": "HinhThuc",
}
REQUIRED = ("mahoso", "matthc", "ngaytiepnhan", "ngayhentra", "trangthaihoso")

# How the filing channel is written (folded, no diacritics). The numbers follow the national
# portal's channel codes as provincial systems send them (1 desk, 2 online, 3 post;
# unconfirmed): a value not listed is reported, never guessed.
CHANNEL_WORDS = {
    "1": "desk", "truc tiep": "desk", "tai quay": "desk", "desk": "desk",
    "truc tiep tai bo phan mot cua": "desk", "nop truc tiep": "desk",
    "2": "online", "truc tuyen": "online", "online": "online", "dich vu cong": "online",
    "nop truc tuyen": "online", "dich vu cong truc tuyen": "online",
    "3": "post", "buu chinh": "post", "buu chinh cong ich": "post", "post": "post",
    "qua buu chinh": "post", "nop qua buu chinh": "post",
}  # fmt: skip
FINISHED_STAGES = (DossierStage.RESULT_READY, DossierStage.RETURNED)


class ProvincialFileError(TabularError):
    """The export as a whole cannot be read (JSON too), like a bad sheet; ``message`` is
    translated and ready to show."""


@dataclass(frozen=True)
class RowIssue:
    row: int  # the line (CSV/XLSX, header = 1) or the record's number (JSON, from 1)
    column: str  # the portal's column name, or "" for the row as a whole
    message: str


@dataclass(frozen=True)
class Record:
    """One checked dossier of the export."""

    row: int
    code: str
    procedure: Procedure
    field_code: str
    received_at: datetime
    due_date: date
    finished_at: datetime | None
    returned_at: datetime | None
    status: int
    stage: str
    handling_unit: str
    applicant_name: str
    applicant_phone: str
    applicant_email: str
    channel: str


@dataclass(frozen=True)
class RawFile:
    rows: list[tuple[int, dict[str, str]]]
    is_json: bool


def read_file(file: IO[bytes] | Any, filename: str) -> RawFile:
    """The rows of a CSV, XLSX or JSON export with their numbers and normalised keys."""
    name = (filename or "").lower().strip()
    if name.endswith(".json"):
        return RawFile(_json_rows(file), is_json=True)
    try:
        table = read_table(file, filename)
    except TabularError as exc:
        raise ProvincialFileError(
            exc.message
            if name.endswith((".csv", ".xlsx"))
            else _("Tệp “%(name)s” không đúng định dạng: chỉ nhận tệp .csv, .xlsx hoặc .json.")
            % {"name": filename}
        ) from exc
    missing = [COLUMNS[k] for k in REQUIRED if k not in table.headers]
    if missing:
        raise ProvincialFileError(_("Thiếu cột bắt buộc: %(cols)s.") % {"cols": ", ".join(missing)})
    return RawFile([(row.line, row.values) for row in table.rows], is_json=False)


def _json_rows(file: IO[bytes] | Any) -> list[tuple[int, dict[str, str]]]:
    try:
        data = read_bytes(file)
    except TabularError as exc:
        raise ProvincialFileError(exc.message) from exc
    try:
        payload = json.loads(data.decode("utf-8-sig"))
    except RecursionError as exc:  # "[[[[…": the parser recurses once per level
        raise _too_deep() from exc
    except (UnicodeDecodeError, ValueError) as exc:
        raise ProvincialFileError(
            _("Tệp JSON không đọc được: cần một danh sách hồ sơ, bảng mã UTF-8.")
        ) from exc
    if isinstance(payload, dict) and isinstance(payload.get("data"), list):
        payload = payload["data"]  # some systems wrap the list: {"data": [...]}
    if not isinstance(payload, list) or not all(isinstance(r, dict) for r in payload):
        raise ProvincialFileError(
            _("Tệp JSON không đọc được: cần một danh sách hồ sơ, bảng mã UTF-8.")
        )
    if len(payload) > MAX_ROWS:
        raise ProvincialFileError(_("Tệp có quá nhiều dòng (tối đa 20.000)."))
    try:
        return [
            (number, {normalize_header(str(k)): _text(v) for k, v in record.items()})
            for number, record in enumerate(payload, start=1)
        ]
    except RecursionError as exc:  # a value nested just shallow enough to parse
        raise _too_deep() from exc


def _too_deep() -> ProvincialFileError:
    return ProvincialFileError(
        _(
            "Tệp JSON không đọc được: dữ liệu lồng nhau quá sâu. Cần một danh sách hồ sơ, mỗi "
            "hồ sơ là các cột và giá trị."
        )
    )


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    # Imports are a boundary like forms: control characters go here.
    return strip_controls(str(value)).strip()


def parse_datetime(text: str) -> datetime | None:
    """A portal date: ``yyyyMMddHHmmss`` (also ``yyyyMMddHHmm``, ``yyyyMMdd``, and
    ``dd/mm/yyyy[ HH:MM[:SS]]`` as spreadsheets show dates) in Vietnam's local time; an ISO
    date with an offset keeps its offset. None when it is not a date."""
    text = (text or "").strip()
    formats = {14: "%Y%m%d%H%M%S", 12: "%Y%m%d%H%M", 8: "%Y%m%d"}
    try:
        if text.isdigit() and len(text) in formats:
            return datetime.strptime(text, formats[len(text)]).replace(tzinfo=LOCAL_TZ)  # noqa: DTZ007 — the zone is set on the next call
        for fmt in ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y"):
            try:
                return datetime.strptime(text, fmt).replace(tzinfo=LOCAL_TZ)  # noqa: DTZ007 — idem
            except ValueError:
                continue
        if re.match(r"^\d{4}-\d{2}-\d{2}", text):
            parsed = datetime.fromisoformat(text)
            return parsed if timezone.is_aware(parsed) else parsed.replace(tzinfo=LOCAL_TZ)
    except ValueError:
        return None
    return None


def status_stages() -> dict[int, str]:
    """TrangThaiHoSo -> the dossier stage it gives on import, from the ``StatusCode`` table
    (blank when the table maps the code to no stage)."""
    out = {}
    for code, stages, import_stage in StatusCode.objects.values_list(
        "code", "stages", "import_stage"
    ):
        listed = [s.strip() for s in stages.split(",") if s.strip()]
        out[code] = import_stage.strip() or (listed[0] if listed else "")
    return out


class _Row:
    """Collects the issues of one row while its values are read."""

    def __init__(self, number: int, values: dict[str, str]) -> None:
        self.number, self.values, self.issues = number, values, []

    def get(self, key: str) -> str:
        return (self.values.get(key) or "").strip()

    def fail(self, key: str, message: str) -> None:
        self.issues.append(RowIssue(self.number, COLUMNS.get(key, ""), message))

    def required(self, key: str) -> str:
        value = self.get(key)
        if not value:
            self.fail(key, _("Thiếu giá trị bắt buộc."))
        return value

    def moment(self, key: str, *, required: bool) -> datetime | None:
        text = self.required(key) if required else self.get(key)
        if not text:
            return None
        parsed = parse_datetime(text)
        if parsed is None:
            self.fail(
                key,
                _("Ngày giờ “%(value)s” không hợp lệ: cần dạng yyyyMMddHHmmss.")
                % {"value": text[:40]},
            )
        return parsed


def check_rows(
    raw: RawFile, *, unit_procedures: dict[str, Procedure], catalogue_codes: set[str]
) -> tuple[list[Record], list[RowIssue]]:
    """Check every row; return the records and every issue found (all rows are read)."""
    stages = status_stages()
    now = timezone.now()
    records: list[Record] = []
    issues: list[RowIssue] = []
    seen: dict[str, int] = {}
    for number, values in raw.rows:
        if not any(v.strip() for v in values.values()):
            continue
        row = _Row(number, values)
        record = _check_row(row, unit_procedures, catalogue_codes, stages, now)
        if record is not None and record.code in seen:
            row.fail(
                "mahoso",
                _("Mã hồ sơ “%(code)s” trùng với dòng %(row)s.")
                % {"code": record.code, "row": seen[record.code]},
            )
        if row.issues:
            issues.extend(row.issues)
        elif record is not None:
            seen[record.code] = number
            records.append(record)
    if not raw.rows:
        issues.append(RowIssue(1, "", _("Tệp không có hồ sơ nào.")))
    return records, issues


def _check_row(
    row: _Row,
    unit_procedures: dict[str, Procedure],
    catalogue_codes: set[str],
    stages: dict[int, str],
    now: datetime,
) -> Record | None:
    code = row.required("mahoso")
    if code and not CODE_RE.match(code):
        row.fail(
            "mahoso",
            _(
                "Mã hồ sơ “%(code)s” không hợp lệ: chỉ gồm chữ cái không dấu, chữ số và dấu . - _ "
                "(không có dấu / hay khoảng trắng), bắt đầu bằng chữ cái hoặc chữ số, tối đa 40 "
                "ký tự."
            )
            % {"code": code[:50]},
        )
    procedure = _procedure(row, unit_procedures, catalogue_codes)
    received = row.moment("ngaytiepnhan", required=True)
    due = row.moment("ngayhentra", required=True)
    finished = row.moment("ngayketthucxuly", required=False)
    returned = row.moment("ngaytra", required=False)
    status, stage = _status(row, stages)
    if received is not None and received > now + SKEW:
        row.fail("ngaytiepnhan", _("Ngày tiếp nhận ở tương lai."))
    if received is not None and due is not None and local_date(due) < local_date(received):
        row.fail("ngayhentra", _("Ngày hẹn trả trước ngày tiếp nhận."))
    for key, moment in (("ngayketthucxuly", finished), ("ngaytra", returned)):
        if moment is not None and moment > now + SKEW:
            row.fail(key, _("Ngày kết thúc ở tương lai."))
        if moment is not None and received is not None and moment < received:
            row.fail(key, _("Ngày kết thúc trước ngày tiếp nhận."))
    if stage in FINISHED_STAGES and finished is None and returned is None:
        row.fail(
            "ngayketthucxuly",
            _("Hồ sơ đã có kết quả (TrangThaiHoSo %(code)s) cần NgayKetThucXuLy hoặc NgayTra.")
            % {"code": status},
        )
    applicant = _applicant(row)
    channel = _channel(row)
    if row.issues or procedure is None or received is None or due is None:
        return None
    return Record(
        row=row.number,
        code=code,
        procedure=procedure,
        field_code=row.get("malinhvuc")[:50],
        received_at=received,
        due_date=local_date(due),
        finished_at=finished or returned,
        returned_at=(returned or finished) if stage == DossierStage.RETURNED else None,
        status=status,
        stage=stage,
        handling_unit=row.get("donvixuly")[:300],
        channel=channel,
        **applicant,
    )


def _procedure(
    row: _Row, unit_procedures: dict[str, Procedure], catalogue_codes: set[str]
) -> Procedure | None:
    code = row.required("matthc")
    if not code:
        return None
    procedure = unit_procedures.get(code)
    if procedure is None:
        message = (
            _("Thủ tục “%(code)s” không áp dụng tại đơn vị (xem Thủ tục áp dụng tại xã).")
            if code in catalogue_codes
            else _("Mã thủ tục “%(code)s” không có trong danh mục thủ tục hành chính.")
        )
        row.fail("matthc", message % {"code": code[:40]})
    return procedure


def _status(row: _Row, stages: dict[int, str]) -> tuple[int, str]:
    text = row.required("trangthaihoso")
    if not text:
        return 0, ""
    try:
        status = int(text)
    except ValueError:
        status = -1
    if status not in stages:
        row.fail(
            "trangthaihoso",
            _("Mã trạng thái “%(value)s” không có trong bảng mã trạng thái hồ sơ.")
            % {"value": text[:20]},
        )
        return 0, ""
    stage = stages[status]
    if stage not in DossierStage.values:
        row.fail(
            "trangthaihoso",
            _(
                "Mã trạng thái %(code)s chưa được gắn với bước xử lý nào: quản trị viên cần "
                "bổ sung trong bảng mã trạng thái hồ sơ."
            )
            % {"code": status},
        )
    return status, stage


def _applicant(row: _Row) -> dict[str, str]:
    name = " ".join(row.get("chuhoso").split())
    if len(name) > 150:
        row.fail("chuhoso", _("Họ tên quá dài (tối đa 150 ký tự)."))
    phone = re.sub(r"[\s.()-]", "", row.get("sodienthoai"))
    if phone and not PHONE_RE.match(phone):
        row.fail("sodienthoai", _("Số điện thoại không hợp lệ (ví dụ 0912345678)."))
    email = row.get("email")
    if email:
        try:
            validate_email(email)
        except Exception:  # noqa: BLE001 — Django's ValidationError
            row.fail("email", _("Địa chỉ thư điện tử không hợp lệ."))
    return {"applicant_name": name, "applicant_phone": phone, "applicant_email": email}


def _channel(row: _Row) -> str:
    key = "kenhnop" if row.get("kenhnop") else "hinhthuc"
    text = row.get(key)
    if not text:
        return ""  # not exported: unknown, left out of the online-filing share
    channel = CHANNEL_WORDS.get(normalize_header(text).replace("_", " "))
    if channel is None:
        row.fail(
            key,
            _(
                "Kênh nộp “%(value)s” không rõ: ghi 1 (trực tiếp), 2 (trực tuyến) hoặc 3 (bưu chính)."
            )
            % {"value": text[:40]},
        )
        return ""
    return channel
