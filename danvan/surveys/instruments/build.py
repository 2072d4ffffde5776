"""The built-in instruments, written as XLSForms from the rows below.

    python -m danvan.surveys.instruments.build      # rewrites the .xlsx files beside this one

Three forms, labels in Vietnamese and English:

- ``citizens.xlsx`` (``danvan_citizens``): residents' view of the six areas of dân vận chính
  quyền (dissemination, grassroots democracy, the one-stop shop, reception and letters, the
  officials, coordination with the Fatherland Front), in the spirit of the 2017 study's
  citizens' questionnaire and PAPI's perception questions;
- ``officials.xlsx`` (``danvan_officials``): commune officials' self-assessment per area,
  training received and obstacles;
- ``sipas.xlsx`` (``danvan_sipas``): satisfaction with one administrative service, SIPAS's
  five aspects (access, procedure, the official, the result, feedback handling).

Every form asks the commune (``commune``), the village (``village``), sex (``sex``: male,
female) and age group (``age_group``), which the statistics need for weights. A respondent's
name and phone, asked only when they agree to be called back, go to ``respondent_name`` and
``respondent_phone``: the server keeps them apart from the answers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from danvan.surveys.xlsform_write import xlsform_bytes

HERE = Path(__file__).resolve().parent
VI = "label::Tiếng Việt (vi)"
EN = "label::English (en)"
HINT_VI = "hint::Tiếng Việt (vi)"
HINT_EN = "hint::English (en)"
CMSG_VI = "constraint_message::Tiếng Việt (vi)"
CMSG_EN = "constraint_message::English (en)"
VERSION = "2026.1"


def q(qtype: str, name: str, vi: str, en: str, **more: Any) -> dict[str, Any]:
    row = {"type": qtype, "name": name, VI: vi, EN: en}
    for key, value in more.items():
        row[
            {"hint_vi": HINT_VI, "hint_en": HINT_EN, "cmsg_vi": CMSG_VI, "cmsg_en": CMSG_EN}.get(
                key, key
            )
        ] = value
    return row


def begin(name: str, vi: str, en: str, relevant: str = "") -> dict[str, Any]:
    row = q("begin_group", name, vi, en)
    if relevant:
        row["relevant"] = relevant
    return row


def end() -> dict[str, Any]:
    return {"type": "end_group", "name": ""}


def choices(list_name: str, items: list[tuple[str, str, str]]) -> list[dict[str, Any]]:
    return [{"list_name": list_name, "name": n, VI: vi, EN: en} for n, vi, en in items]


YES_NO = choices("yn", [("yes", "Có", "Yes"), ("no", "Không", "No")])
SEX = choices("sex", [("male", "Nam", "Male"), ("female", "Nữ", "Female")])
AGE = choices(
    "age_group",
    [
        ("18_29", "18–29 tuổi", "18–29"),
        ("30_39", "30–39 tuổi", "30–39"),
        ("40_49", "40–49 tuổi", "40–49"),
        ("50_59", "50–59 tuổi", "50–59"),
        ("60_plus", "Từ 60 tuổi", "60 and over"),
    ],
)
ETHNIC = choices(
    "ethnic",
    [
        ("kinh", "Kinh", "Kinh"),
        ("tay", "Tày", "Tày"),
        ("nung", "Nùng", "Nùng"),
        ("dao", "Dao", "Dao"),
        ("hmong", "H'Mông", "Hmong"),
        ("other", "Dân tộc khác", "Other"),
    ],
)
AGREE = choices(
    "agree5",
    [
        ("1", "Hoàn toàn không đồng ý", "Strongly disagree"),
        ("2", "Không đồng ý", "Disagree"),
        ("3", "Phân vân", "Neither"),
        ("4", "Đồng ý", "Agree"),
        ("5", "Hoàn toàn đồng ý", "Strongly agree"),
    ],
)
SATISFIED = choices(
    "sat5",
    [
        ("1", "Rất không hài lòng", "Very dissatisfied"),
        ("2", "Không hài lòng", "Dissatisfied"),
        ("3", "Bình thường", "Neutral"),
        ("4", "Hài lòng", "Satisfied"),
        ("5", "Rất hài lòng", "Very satisfied"),
    ],
)
CHANNELS = choices(
    "channel",
    [
        ("meeting", "Họp thôn, bản", "Village meeting"),
        ("loudspeaker", "Loa truyền thanh", "Loudspeaker"),
        ("zalo", "Zalo, mạng xã hội", "Zalo, social media"),
        ("poster", "Áp phích, bảng tin", "Posters, notice board"),
        ("officer", "Cán bộ đến tận nhà", "An officer came to the house"),
        ("other", "Khác", "Other"),
    ],
)


def _place_and_person(consent_vi: str, consent_en: str) -> list[dict[str, Any]]:
    return [
        q(
            "note",
            "intro",
            "Xin chào! Phiếu này hỏi ý kiến của ông/bà. Câu trả lời được giữ kín và chỉ dùng "
            "để thống kê.",
            "Hello! This questionnaire asks your opinion. Answers are kept confidential and "
            "used only for statistics.",
        ),
        q(
            "text",
            "commune",
            "Mã xã, phường nơi phỏng vấn",
            "Code of the commune where the interview takes place",
            required="yes",
            constraint="regex(., '^[0-9]{5}$')",
            cmsg_vi="Mã xã gồm 5 chữ số.",
            cmsg_en="A commune code has 5 digits.",
        ),
        q(
            "text",
            "village",
            "Thôn, bản, tổ dân phố",
            "Village or residential group",
            required="yes",
        ),
        q("select_one yn", "consent", consent_vi, consent_en, required="yes"),
        begin(
            "respondent",
            "Thông tin người trả lời",
            "About the respondent",
            relevant="${consent} = 'yes'",
        ),
        q("select_one sex", "sex", "Giới tính", "Sex", required="yes"),
        q("select_one age_group", "age_group", "Nhóm tuổi", "Age group", required="yes"),
        q("select_one ethnic", "ethnicity", "Dân tộc", "Ethnic group"),
        end(),
    ]


def _callback() -> list[dict[str, Any]]:
    return [
        q(
            "select_one yn",
            "callback",
            "Ông/bà có đồng ý để lại tên và số điện thoại để cán bộ liên hệ lại không?",
            "Would you leave your name and phone so an officer may call you back?",
            relevant="${consent} = 'yes'",
        ),
        q(
            "text",
            "respondent_name",
            "Họ và tên",
            "Name",
            relevant="${callback} = 'yes'",
        ),
        q(
            "text",
            "respondent_phone",
            "Số điện thoại",
            "Phone",
            relevant="${callback} = 'yes'",
            constraint="regex(., '^0[0-9]{9}$')",
            cmsg_vi="Số điện thoại gồm 10 chữ số, bắt đầu bằng 0.",
            cmsg_en="A phone number has 10 digits and starts with 0.",
        ),
    ]


def citizens() -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]:
    consented = "${consent} = 'yes'"
    survey = [
        *_place_and_person(
            "Ông/bà có đồng ý trả lời phiếu khảo sát này không?",
            "Do you agree to answer this questionnaire?",
        ),
        begin("area1", "1. Tuyên truyền chính sách, pháp luật", "1. Dissemination", consented),
        q(
            "select_one yn",
            "a1_heard",
            "Trong 12 tháng qua, ông/bà có được nghe phổ biến chủ trương, chính sách, pháp luật "
            "mới không?",
            "In the past 12 months, were you told about new policies or laws?",
            required="yes",
        ),
        q(
            "select_multiple channel",
            "a1_channels",
            "Ông/bà được nghe qua những hình thức nào?",
            "Through which channels?",
            relevant="${a1_heard} = 'yes'",
        ),
        q(
            "select_one agree5",
            "a1_understood",
            "Nội dung được phổ biến dễ hiểu, phù hợp với người dân nơi đây.",
            "What was explained was easy to understand and suited to people here.",
            relevant="${a1_heard} = 'yes'",
        ),
        q(
            "select_one yn",
            "a1_own_language",
            "Ông/bà có được phổ biến bằng tiếng dân tộc của mình không?",
            "Was it explained in your own language?",
            relevant="${a1_heard} = 'yes' and ${ethnicity} != 'kinh' and ${ethnicity} != ''",
        ),
        end(),
        begin("area2", "2. Dân chủ ở cơ sở", "2. Grassroots democracy", consented),
        q(
            "select_one agree5",
            "a2_rights",
            "Tôi biết rõ quyền được biết, được bàn, được quyết định và được kiểm tra, giám sát "
            "của người dân.",
            "I know residents' rights to be informed, to discuss, to decide and to supervise.",
            required="yes",
        ),
        q(
            "select_one yn",
            "a2_disclosed",
            "Trong 12 tháng qua, ông/bà có biết xã công khai thu chi ngân sách hoặc quy hoạch "
            "đất đai không?",
            "In the past 12 months, did you see the commune disclose its budget or land plans?",
            required="yes",
        ),
        q(
            "select_one yn",
            "a2_consulted",
            "Ông/bà có được hỏi ý kiến về một việc chung của thôn, xã không?",
            "Were you asked your opinion on a matter of the village or commune?",
            required="yes",
        ),
        q(
            "integer",
            "a2_meetings",
            "Trong 12 tháng qua, ông/bà dự họp thôn mấy lần?",
            "How many village meetings did you attend in the past 12 months?",
            constraint=". >= 0 and . <= 60",
            cmsg_vi="Nhập một số từ 0 đến 60.",
            cmsg_en="Enter a number from 0 to 60.",
        ),
        end(),
        begin("area3", "3. Cải cách hành chính, một cửa", "3. The one-stop shop", consented),
        q(
            "select_one yn",
            "a3_used",
            "Trong 12 tháng qua, ông/bà có làm thủ tục tại bộ phận một cửa của xã không?",
            "In the past 12 months, did you use the commune's one-stop shop?",
            required="yes",
        ),
        q(
            "select_one sat5",
            "a3_satisfied",
            "Ông/bà hài lòng thế nào với việc giải quyết thủ tục?",
            "How satisfied were you with how it was handled?",
            relevant="${a3_used} = 'yes'",
            required="yes",
        ),
        q(
            "select_one yn",
            "a3_on_time",
            "Kết quả có được trả đúng hẹn không?",
            "Was the result delivered on the promised date?",
            relevant="${a3_used} = 'yes'",
        ),
        q(
            "select_one yn",
            "a3_extra_payment",
            "Ông/bà có phải trả thêm khoản tiền ngoài quy định không?",
            "Did you have to pay anything beyond the official fee?",
            relevant="${a3_used} = 'yes'",
        ),
        end(),
        begin(
            "area4",
            "4. Tiếp công dân, khiếu nại, tố cáo, kiến nghị, phản ánh",
            "4. Citizen reception and letters",
            consented,
        ),
        q(
            "select_one yn",
            "a4_sent",
            "Trong 12 tháng qua, ông/bà có gửi kiến nghị, phản ánh hoặc đơn thư đến xã không?",
            "In the past 12 months, did you send the commune a reflection, petition or letter?",
            required="yes",
        ),
        q(
            "select_one yn",
            "a4_answered",
            "Ông/bà có nhận được trả lời không?",
            "Did you receive an answer?",
            relevant="${a4_sent} = 'yes'",
        ),
        q(
            "select_one agree5",
            "a4_trust",
            "Tôi tin xã giải quyết khiếu nại, tố cáo công bằng, khách quan.",
            "I trust the commune to settle complaints and denunciations fairly.",
            required="yes",
        ),
        end(),
        begin("area5", "5. Cán bộ xã", "5. The commune's officials", consented),
        q(
            "select_one agree5",
            "a5_respect",
            "Cán bộ xã tôn trọng, lắng nghe người dân.",
            "Commune officials respect and listen to residents.",
            required="yes",
        ),
        q(
            "select_one agree5",
            "a5_competent",
            "Cán bộ xã giải thích rõ ràng, đúng quy định.",
            "Commune officials explain clearly and by the rules.",
        ),
        end(),
        begin(
            "area6",
            "6. Phối hợp với Mặt trận Tổ quốc và các đoàn thể",
            "6. Coordination with the Fatherland Front",
            consented,
        ),
        q(
            "select_one yn",
            "a6_organisation",
            "Ông/bà có tham gia hoạt động của Mặt trận hoặc một đoàn thể trong năm qua không?",
            "Did you take part in an activity of the Front or a mass organisation this year?",
        ),
        q(
            "select_one yn",
            "a6_dialogue",
            "Ông/bà có dự buổi đối thoại giữa lãnh đạo xã với nhân dân không?",
            "Did you attend a dialogue between the commune's leaders and residents?",
        ),
        q(
            "select_one agree5",
            "a6_voice",
            "Ý kiến của người dân qua Mặt trận, đoàn thể được chính quyền tiếp thu.",
            "Residents' views passed on by the Front are taken up by the authorities.",
        ),
        end(),
        q(
            "select_one sat5",
            "overall",
            "Nhìn chung, ông/bà hài lòng thế nào với chính quyền xã?",
            "Overall, how satisfied are you with the commune government?",
            relevant=consented,
            required="yes",
        ),
        q(
            "calculate",
            "overall_satisfied",
            "",
            "",
            calculation="if(${overall} >= 4, 1, 0)",
        ),
        q(
            "text",
            "comment",
            "Ông/bà có góp ý gì thêm?",
            "Any other comment?",
            relevant=consented,
        ),
        *_callback(),
    ]
    settings = {
        "form_title": "Phiếu khảo sát người dân về công tác dân vận chính quyền",
        "form_id": "danvan_citizens",
        "version": VERSION,
        "default_language": "Tiếng Việt (vi)",
    }
    return survey, [*YES_NO, *SEX, *AGE, *ETHNIC, *AGREE, *SATISFIED, *CHANNELS], settings


AREA_NAMES = [
    ("1", "tuyên truyền chính sách, pháp luật", "dissemination of policy and law"),
    ("2", "thực hiện dân chủ ở cơ sở", "grassroots democracy"),
    ("3", "cải cách hành chính, một cửa", "administrative reform"),
    ("4", "tiếp công dân, giải quyết đơn thư", "citizen reception and letters"),
    ("5", "bồi dưỡng cán bộ về dân vận", "training officials"),
    ("6", "phối hợp với Mặt trận, đoàn thể", "coordination with the Front"),
]
POSITIONS = choices(
    "position",
    [
        ("leader", "Lãnh đạo UBND, HĐND", "Leader of the committee or council"),
        ("party", "Cấp ủy Đảng", "Party committee"),
        ("civil_servant", "Công chức chuyên môn", "Civil servant"),
        ("front", "Mặt trận, đoàn thể", "Front or mass organisation"),
        ("village", "Trưởng thôn, bí thư chi bộ", "Village head or cell secretary"),
    ],
)
OBSTACLES = choices(
    "obstacle",
    [
        ("time", "Thiếu thời gian", "Lack of time"),
        ("skills", "Thiếu kỹ năng", "Lack of skills"),
        ("language", "Rào cản ngôn ngữ", "Language barrier"),
        ("distance", "Địa bàn xa, đi lại khó", "Distance, hard travel"),
        ("budget", "Thiếu kinh phí", "Lack of budget"),
        ("coordination", "Phối hợp chưa tốt", "Poor coordination"),
    ],
)


def officials() -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]:
    consented = "${consent} = 'yes'"
    survey = [
        *_place_and_person(
            "Đồng chí có đồng ý trả lời phiếu tự đánh giá này không?",
            "Do you agree to answer this self-assessment?",
        ),
        begin("work", "Công việc", "Work", consented),
        q("select_one position", "position", "Chức vụ", "Position", required="yes"),
        q(
            "integer",
            "years_service",
            "Số năm công tác",
            "Years of service",
            constraint=". >= 0 and . <= 45",
            cmsg_vi="Nhập số năm từ 0 đến 45.",
            cmsg_en="Enter 0 to 45 years.",
        ),
        q(
            "select_one yn",
            "trained",
            "Trong 12 tháng qua, đồng chí có được bồi dưỡng về công tác dân vận không?",
            "In the past 12 months, were you trained in mass mobilisation work?",
            required="yes",
        ),
        q(
            "integer",
            "training_days",
            "Tổng số ngày được bồi dưỡng",
            "Total days of training",
            relevant="${trained} = 'yes'",
            constraint=". >= 1 and . <= 120",
            cmsg_vi="Nhập số ngày từ 1 đến 120.",
            cmsg_en="Enter 1 to 120 days.",
        ),
        end(),
        begin(
            "self",
            "Tự đánh giá kết quả công tác dân vận chính quyền",
            "Self-assessment of the work",
            consented,
        ),
        *[
            q(
                "select_one agree5",
                f"o{n}_self",
                f"Xã thực hiện tốt công tác {vi}.",
                f"The commune does well in {en}.",
                required="yes",
            )
            for n, vi, en in AREA_NAMES
        ],
        q(
            "select_multiple obstacle",
            "obstacles",
            "Khó khăn chủ yếu",
            "Main obstacles",
        ),
        end(),
        q("text", "comment", "Đề xuất, kiến nghị", "Proposals", relevant=consented),
    ]
    settings = {
        "form_title": "Phiếu tự đánh giá của cán bộ, công chức xã về công tác dân vận chính quyền",
        "form_id": "danvan_officials",
        "version": VERSION,
        "default_language": "Tiếng Việt (vi)",
    }
    return survey, [*YES_NO, *SEX, *AGE, *ETHNIC, *AGREE, *POSITIONS, *OBSTACLES], settings


SIPAS_ASPECTS = [
    (
        "access",
        "Tiếp cận dịch vụ",
        "Access to the service",
        "Nơi làm thủ tục dễ tìm, có chỗ ngồi chờ, có hướng dẫn.",
        "The office was easy to find, with seats and guidance.",
    ),
    (
        "procedure",
        "Thủ tục hành chính",
        "The procedure",
        "Thủ tục được niêm yết công khai, đầy đủ, dễ hiểu.",
        "The procedure was posted in full and easy to understand.",
    ),
    (
        "official",
        "Công chức giải quyết",
        "The official",
        "Công chức lịch sự, hướng dẫn tận tình, đúng quy định.",
        "The official was polite, helpful and followed the rules.",
    ),
    (
        "result",
        "Kết quả",
        "The result",
        "Kết quả đúng quy định, đầy đủ, chính xác và đúng hẹn.",
        "The result was correct, complete and on time.",
    ),
    (
        "feedback",
        "Tiếp nhận, xử lý góp ý",
        "Handling feedback",
        "Có nơi góp ý, phản ánh và góp ý được tiếp thu.",
        "There was a way to give feedback and it was taken up.",
    ),
]
IMPROVEMENTS = choices(
    "improve",
    [
        ("faster", "Rút ngắn thời gian giải quyết", "Faster handling"),
        ("online", "Làm thủ tục trực tuyến dễ hơn", "Easier online procedures"),
        ("fewer_papers", "Giảm giấy tờ", "Fewer papers"),
        ("attitude", "Cải thiện thái độ phục vụ", "Better attitude"),
        ("information", "Thông tin rõ ràng hơn", "Clearer information"),
    ],
)


def sipas() -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]:
    consented = "${consent} = 'yes'"
    survey = [
        *_place_and_person(
            "Ông/bà có đồng ý đánh giá dịch vụ hành chính vừa sử dụng không?",
            "Do you agree to rate the administrative service you just used?",
        ),
        q(
            "text",
            "procedure",
            "Tên thủ tục ông/bà vừa làm",
            "The procedure you just used",
            relevant=consented,
            required="yes",
        ),
    ]
    for key, vi, en, statement_vi, statement_en in SIPAS_ASPECTS:
        survey += [
            begin(f"s_{key}", vi, en, consented),
            q(
                "select_one agree5",
                f"s_{key}_perception",
                statement_vi,
                statement_en,
                required="yes",
            ),
            q(
                "select_one sat5",
                f"s_{key}_satisfaction",
                f"Mức độ hài lòng: {vi.lower()}",
                f"Satisfaction: {en.lower()}",
                required="yes",
            ),
            end(),
        ]
    survey += [
        q(
            "select_one sat5",
            "overall",
            "Nhìn chung, ông/bà hài lòng thế nào với dịch vụ?",
            "Overall, how satisfied are you with the service?",
            relevant=consented,
            required="yes",
        ),
        q(
            "select_multiple improve",
            "expectations",
            "Ông/bà mong muốn cải thiện điều gì?",
            "What should be improved?",
            relevant=consented,
        ),
        *_callback(),
    ]
    settings = {
        "form_title": "Phiếu đánh giá sự hài lòng về dịch vụ hành chính công (SIPAS)",
        "form_id": "danvan_sipas",
        "version": VERSION,
        "default_language": "Tiếng Việt (vi)",
    }
    return survey, [*YES_NO, *SEX, *AGE, *ETHNIC, *AGREE, *SATISFIED, *IMPROVEMENTS], settings


INSTRUMENTS = {"citizens": citizens, "officials": officials, "sipas": sipas}


def instrument_bytes(key: str, *, form_id: str = "", title_suffix: str = "") -> bytes:
    """The instrument ``key``; ``form_id``/``title_suffix`` make a copy for one survey (a
    form_id is unique on a server, so each commune's or year's copy gets its own)."""
    survey, choice_rows, settings = INSTRUMENTS[key]()
    if form_id:
        settings["form_id"] = form_id
    if title_suffix:
        settings["form_title"] = f"{settings['form_title']} {title_suffix}"
    return xlsform_bytes(survey, choice_rows, settings)


def main() -> None:
    for key in INSTRUMENTS:
        (HERE / f"{key}.xlsx").write_bytes(instrument_bytes(key))
        print(f"{key}.xlsx")  # noqa: T201 — a command's output


if __name__ == "__main__":
    main()
