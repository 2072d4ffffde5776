from __future__ import annotations

import io

import pytest

from danvan.territory.tabular import Row, TabularError, normalize_header, read_rows, read_table
from danvan.territory.tests.helpers import csv_bytes, xlsx_bytes


def test_headers_are_normalised():
    assert normalize_header(" Tên thôn ") == "ten_thon"
    assert normalize_header("Số hộ") == "so_ho"
    assert normalize_header("Đơn vị-Mã") == "don_vi_ma"


def test_xlsx_rows_with_line_numbers_and_numbers_as_text():
    data = xlsx_bytes(
        [
            ["Mã xã", "Tên", "Số hộ"],
            ["01843", "Tổ 1", 120],
            [None, None, None],
            [1864, "Bản A", 64.0],
        ]
    )
    rows = read_rows(io.BytesIO(data), "thon.XLSX")
    assert rows == [
        Row(line=2, values={"ma_xa": "01843", "ten": "Tổ 1", "so_ho": "120"}),
        Row(line=4, values={"ma_xa": "1864", "ten": "Bản A", "so_ho": "64"}),
    ]


def test_csv_with_bom_semicolons_and_quoted_newline():
    data = csv_bytes(
        [["ten", "so_ho"], ['"Thôn\nNà Pài"', "12"], ["Thôn B", "3"]], bom=True, delimiter=";"
    )
    table = read_table(data, "thon.csv")
    assert table.headers == ["ten", "so_ho"]
    assert [r.line for r in table.rows] == [2, 4]
    assert table.rows[0].values["ten"] == "Thôn\nNà Pài"
    assert table.rows[1].values == {"ten": "Thôn B", "so_ho": "3"}


def test_short_rows_are_padded():
    rows = read_rows(csv_bytes([["ten", "loai", "so_ho"], ["Thôn A"]]), "a.csv")
    assert rows[0].values == {"ten": "Thôn A", "loai": "", "so_ho": ""}


@pytest.mark.parametrize(
    ("data", "filename", "fragment"),
    [
        (b"ten\nA\n", "thon.txt", "chỉ nhận tệp .xlsx hoặc .csv"),
        (b"", "thon.csv", "Tệp rỗng"),
        (b"\n ,\n", "thon.csv", "Tệp rỗng"),
        ("tên\nThôn Ả\n".encode("cp1258", errors="replace") + b"\xff\xfe", "thon.csv", "UTF-8"),
        (b"PK\x03\x04 not really a zip", "thon.xlsx", "Không đọc được tệp Excel"),
        (b"ten,ten\nA,B\n", "thon.csv", "lặp lại"),
    ],
)
def test_unreadable_files_raise_a_message(data, filename, fragment):
    with pytest.raises(TabularError) as excinfo:
        read_rows(io.BytesIO(data), filename)
    assert fragment in excinfo.value.message


def test_xlsx_date_cells_keep_their_time_when_they_have_one():
    from datetime import date, datetime

    data = xlsx_bytes(
        [
            ["Ngày", "Lúc"],
            [date(2026, 10, 5), datetime(2026, 10, 5, 9, 30, 15)],
            [datetime(2026, 10, 5), datetime(2026, 10, 6, 0, 0, 1)],
        ]
    )
    rows = read_rows(io.BytesIO(data), "ngay.xlsx")
    assert rows[0].values == {"ngay": "05/10/2026", "luc": "05/10/2026 09:30:15"}
    assert rows[1].values == {"ngay": "05/10/2026", "luc": "06/10/2026 00:00:01"}
