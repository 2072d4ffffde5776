"""Papers: the Decree 30 layout, opened as DOCX and PDF, with the right fields."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document
from pypdf import PdfReader

from danvan.core.documents import MOTTO, NATIONAL_TITLE, OfficialDocument, Table, place_date
from danvan.dossiers import papers
from danvan.dossiers.services import dossier_apologise, dossier_hand_on

from .conftest import vn


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_place_date_pads_day_and_early_months():
    assert place_date("Bắc Kạn", date(2026, 10, 5)) == "Bắc Kạn, ngày 05 tháng 10 năm 2026"
    assert place_date("Bắc Kạn", date(2026, 2, 11)) == "Bắc Kạn, ngày 11 tháng 02 năm 2026"


def test_official_document_layout_in_docx():
    doc = OfficialDocument(
        issuer_parent="UBND tỉnh Thái Nguyên",
        issuer="UBND phường Bắc Kạn",
        number="Số: 12/TB-UBND",
        place="Bắc Kạn",
        date=date(2026, 10, 5),
        title="Thông báo",
        blocks=["Nội dung.", Table(header=["STT", "Tên"], rows=[["1", "Tờ khai"]])],
        recipients=["Như trên;", "Lưu: VT."],
        signer_title="Chủ tịch",
        signer_name="Nguyễn Văn A",
    )
    data = doc.to_docx()
    document = Document(io.BytesIO(data))
    section = document.sections[0]
    assert round(section.left_margin.mm) == 30 and round(section.right_margin.mm) == 15
    assert round(section.page_width.mm) == 210
    header = document.tables[0].rows[0].cells
    assert "UBND PHƯỜNG BẮC KẠN" in header[0].text and "Số: 12/TB-UBND" in header[0].text
    assert NATIONAL_TITLE in header[1].text and MOTTO in header[1].text
    motto_run = next(r for p in header[1].paragraphs for r in p.runs if r.text == MOTTO)
    assert motto_run.underline and motto_run.bold
    date_run = next(r for p in header[1].paragraphs for r in p.runs if "ngày 05 tháng 10" in r.text)
    assert date_run.italic
    assert document.styles["Normal"].font.name == "Times New Roman"
    text = docx_text(data)
    assert (
        "THÔNG BÁO" in text
        and "Nơi nhận:" in text
        and "Nguyễn Văn A" in text
        and "CHỦ TỊCH" in text
    )


def test_slip_01_as_pdf_and_docx(receive):
    dossier = receive(applicant_address="Tổ 5, phường Bắc Kạn")
    doc = papers.build(dossier, "01")
    assert doc.qr_url.endswith(f"/tra-cuu/{dossier.case.code}/?secret={dossier.case.secret}")
    for text in (pdf_text(doc.to_pdf()), docx_text(doc.to_docx())):
        assert NATIONAL_TITLE in text
        assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in text
        assert "UBND XÃ THỬ A" in text
        assert dossier.case.code in text
        assert "Nguyễn Văn Đức" in text
        assert "08/10/2026" in text  # the appointment
        assert "Giấy chứng sinh" in text


def test_supplement_refusal_apology_and_control_sheet(receive, officer_a):
    incomplete = receive(documents_received=["Tờ khai đăng ký khai sinh"])
    assert "Giấy chứng sinh" in docx_text(papers.build(incomplete, "02").to_docx())
    refused = receive(refusal_reason="Không thuộc thẩm quyền")
    assert papers.available_forms(refused) == ["03"]
    assert "Không thuộc thẩm quyền" in pdf_text(papers.build(refused, "03").to_pdf())
    dossier = dossier_hand_on(dossier=receive(), actor=officer_a, to_department="Địa chính")
    dossier = dossier_apologise(
        dossier=dossier,
        actor=officer_a,
        new_date=date(2026, 10, 13),
        reason="Chờ xác minh",
        at=vn(2026, 10, 6, 9, 0),
    )
    text = docx_text(papers.build(dossier, "04").to_docx())
    assert (
        "13/10/2026" in text
        and "08/10/2026" in text
        and "xin lỗi" in text
        and "Chờ xác minh" in text
    )
    text = docx_text(papers.build(dossier, "05").to_docx())
    assert "Tiếp nhận hồ sơ" in text and "Địa chính" in text


def test_downloads_for_officer_a_only(receive, client_a, client_b, citizen_client):
    dossier = receive()
    url = f"/mot-cua/ho-so/{dossier.case.code}/mau-01.pdf"
    response = client_a.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    docx = client_a.get(f"/mot-cua/ho-so/{dossier.case.code}/mau-01.docx")
    assert docx.status_code == 200 and dossier.case.code in docx_text(docx.content)
    assert (
        client_a.get(f"/mot-cua/ho-so/{dossier.case.code}/mau-04.pdf").status_code == 404
    )  # no apology
    assert client_a.get(f"/mot-cua/ho-so/{dossier.case.code}/mau-01.exe").status_code == 404
    assert client_b.get(url).status_code == 404
    assert citizen_client.get(url).status_code == 302


@pytest.mark.parametrize("form", ["02", "03", "04"])
def test_papers_not_issued_are_not_offered(receive, form):
    assert form not in papers.available_forms(receive())
