"""Surveys fixtures: a small bilingual XLSForm, a commune survey of A, an enumerator."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client

from danvan.accounts.auth import api_token_create
from danvan.accounts.roles import Role
from danvan.surveys.services.credentials import assignment_add, credential_issue
from danvan.surveys.services.forms import form_import
from danvan.surveys.xlsform_write import xlsform_bytes
from danvan.testing.factories import VillageFactory, make_officer

VI = "label::Tiếng Việt (vi)"
EN = "label::English (en)"

SURVEY_ROWS = [
    {"type": "text", "name": "village", VI: "Thôn", EN: "Village", "required": "yes"},
    {"type": "select_one sex", "name": "sex", VI: "Giới tính", EN: "Sex", "required": "yes"},
    {"type": "select_one age", "name": "age_group", VI: "Nhóm tuổi", EN: "Age group"},
    {
        "type": "integer",
        "name": "household_size",
        VI: "Số người trong hộ",
        EN: "People in the household",
        "constraint": ". > 0 and . < 30",
        "constraint_message::Tiếng Việt (vi)": "Từ 1 đến 29 người",
        "constraint_message::English (en)": "From 1 to 29 people",
    },
    {
        "type": "select_one yn",
        "name": "satisfied",
        VI: "Ông/bà có hài lòng không?",
        EN: "Are you satisfied?",
        "required": "yes",
    },
    {
        "type": "text",
        "name": "why_not",
        VI: "Vì sao không hài lòng?",
        EN: "Why not?",
        "relevant": "${satisfied} = 'no'",
    },
    {"type": "calculate", "name": "size_twice", "calculation": "${household_size} * 2"},
    {"type": "begin_repeat", "name": "members", VI: "Thành viên", EN: "Members"},
    {"type": "integer", "name": "member_age", VI: "Tuổi", EN: "Age"},
    {"type": "end_repeat", "name": ""},
    {"type": "text", "name": "respondent_name", VI: "Họ tên (nếu đồng ý)", EN: "Name (if agreed)"},
    {"type": "text", "name": "respondent_phone", VI: "Số điện thoại", EN: "Phone"},
]
CHOICES = [
    {"list_name": "sex", "name": "male", VI: "Nam", EN: "Male"},
    {"list_name": "sex", "name": "female", VI: "Nữ", EN: "Female"},
    {"list_name": "age", "name": "18_29", VI: "18–29", EN: "18–29"},
    {"list_name": "age", "name": "30_49", VI: "30–49", EN: "30–49"},
    {"list_name": "age", "name": "50_plus", VI: "Từ 50", EN: "50 and over"},
    {"list_name": "yn", "name": "yes", VI: "Có", EN: "Yes"},
    {"list_name": "yn", "name": "no", VI: "Không", EN: "No"},
]


def form_bytes(form_id: str = "ks_thu", version: str = "2026.1", **extra) -> bytes:
    settings = {"form_title": "Khảo sát thử", "form_id": form_id, "version": version}
    settings.update(extra)
    return xlsform_bytes(SURVEY_ROWS, CHOICES, settings)


def instance_xml(
    form_id: str = "ks_thu",
    version: str = "2026.1",
    instance_id: str | None = None,
    deprecated_id: str = "",
    village: str = "Thôn Một",
    satisfied: str = "yes",
    name: str = "",
) -> bytes:
    instance_id = instance_id or f"uuid:{uuid.uuid4()}"
    deprecated = f"<deprecatedID>{deprecated_id}</deprecatedID>" if deprecated_id else ""
    return (
        f'<?xml version="1.0"?><data id="{form_id}" version="{version}">'
        f"<village>{village}</village><sex>female</sex><age_group>30_49</age_group>"
        f"<household_size>4</household_size><satisfied>{satisfied}</satisfied><why_not/>"
        "<size_twice>8</size_twice>"
        "<members><member_age>40</member_age></members><members><member_age>12</member_age></members>"
        f"<respondent_name>{name}</respondent_name><respondent_phone>0912345678</respondent_phone>"
        f"<meta><instanceID>{instance_id}</instanceID>{deprecated}</meta></data>"
    ).encode()


def auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(user=user)[1]}"}


@pytest.fixture
def villages(unit_a):
    return [VillageFactory(unit=unit_a, name=n) for n in ("Thôn Một", "Thôn Hai", "Bản Ba")]


@pytest.fixture
def survey_a(officer_a, unit_a):
    return form_import(actor=officer_a, data=form_bytes(), filename="ks.xlsx", unit=unit_a).survey


@pytest.fixture
def enumerator(unit_a, survey_a, officer_a):
    user = make_officer("enum1", unit=unit_a, roles=[Role.ENUMERATOR])
    assignment_add(actor=officer_a, survey=survey_a, user=user)
    user.collection_password = credential_issue(actor=officer_a, user=user).password
    return user


@pytest.fixture
def api_client():
    return Client()
