"""A starter catalogue of common commune-level procedures for the demo.

DEMO DATA. Names, fields and legal bases follow the procedures communes publish; the codes
are in the national format but were not checked one by one against the National Database of
Administrative Procedures, and processing times and fees are those commonly published by
provinces. Every row is flagged ``demo`` so the catalogue page says so; a commune imports
its province's published catalogue (XLSX/CSV) to replace them.
"""

from __future__ import annotations

HT = "Hộ tịch"
CT = "Chứng thực"
DD = "Đất đai"
CTR = "Cư trú"
BTXH = "Bảo trợ xã hội"
NCC = "Người có công"
KD = "Thành lập và hoạt động của hộ kinh doanh"
MT = "Môi trường"
LHT = "Luật Hộ tịch 2014; Nghị định 123/2015/NĐ-CP"
LCT = "Nghị định 23/2015/NĐ-CP về chứng thực"

# (code, name, field, working days, fees, documents, legal basis, online)
PROCEDURES: list[tuple[str, str, str, int, str, list[str], str, str]] = [
    (
        "1.001193",
        "Đăng ký khai sinh",
        HT,
        1,
        "Miễn lệ phí",
        ["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"],
        LHT,
        "full",
    ),
    (
        "1.000894",
        "Đăng ký kết hôn",
        HT,
        1,
        "Miễn lệ phí",
        [
            "Tờ khai đăng ký kết hôn",
            "Giấy xác nhận tình trạng hôn nhân (nếu đăng ký tại nơi khác nơi thường trú)",
        ],
        LHT,
        "partial",
    ),
    (
        "1.000656",
        "Đăng ký khai tử",
        HT,
        1,
        "Miễn lệ phí",
        ["Tờ khai đăng ký khai tử", "Giấy báo tử hoặc giấy tờ thay giấy báo tử"],
        LHT,
        "full",
    ),
    (
        "1.004873",
        "Cấp Giấy xác nhận tình trạng hôn nhân",
        HT,
        3,
        "Theo nghị quyết HĐND tỉnh",
        ["Tờ khai cấp Giấy xác nhận tình trạng hôn nhân"],
        LHT,
        "full",
    ),
    (
        "1.001022",
        "Đăng ký nhận cha, mẹ, con",
        HT,
        3,
        "Theo nghị quyết HĐND tỉnh",
        ["Tờ khai đăng ký nhận cha, mẹ, con", "Chứng cứ chứng minh quan hệ cha, mẹ, con"],
        LHT,
        "partial",
    ),
    (
        "1.004884",
        "Đăng ký lại khai sinh",
        HT,
        5,
        "Theo nghị quyết HĐND tỉnh",
        ["Tờ khai đăng ký lại khai sinh", "Bản sao giấy tờ có nội dung khai sinh"],
        LHT,
        "partial",
    ),
    (
        "1.001612",
        "Thay đổi, cải chính, bổ sung thông tin hộ tịch",
        HT,
        3,
        "Theo nghị quyết HĐND tỉnh",
        ["Tờ khai thay đổi, cải chính, bổ sung thông tin hộ tịch", "Giấy tờ làm căn cứ"],
        LHT,
        "partial",
    ),
    (
        "1.001035",
        "Cấp bản sao trích lục hộ tịch",
        HT,
        1,
        "8.000 đồng/bản",
        ["Tờ khai cấp bản sao trích lục hộ tịch"],
        LHT,
        "full",
    ),
    (
        "2.000815",
        "Chứng thực bản sao từ bản chính giấy tờ, văn bản",
        CT,
        1,
        "2.000 đồng/trang; từ trang thứ ba 1.000 đồng/trang",
        ["Bản chính giấy tờ", "Bản sao cần chứng thực"],
        LCT,
        "partial",
    ),
    (
        "2.000884",
        "Chứng thực chữ ký trong giấy tờ, văn bản",
        CT,
        1,
        "10.000 đồng/trường hợp",
        ["Giấy tờ tùy thân", "Giấy tờ, văn bản cần chứng thực chữ ký"],
        LCT,
        "none",
    ),
    (
        "2.001035",
        "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản",
        CT,
        2,
        "50.000 đồng/hợp đồng",
        ["Dự thảo hợp đồng, giao dịch", "Giấy tờ tùy thân của người yêu cầu", "Giấy tờ về tài sản"],
        LCT,
        "none",
    ),
    (
        "1.004227",
        "Xác nhận thông tin về cư trú",
        CTR,
        1,
        "Miễn phí",
        ["Tờ khai thay đổi thông tin cư trú (mẫu CT01)"],
        "Luật Cư trú 2020; Nghị định 154/2024/NĐ-CP",
        "full",
    ),
    (
        "1.004194",
        "Đăng ký thường trú",
        CTR,
        7,
        "Theo nghị quyết HĐND tỉnh",
        ["Tờ khai thay đổi thông tin cư trú (mẫu CT01)", "Giấy tờ chứng minh chỗ ở hợp pháp"],
        "Luật Cư trú 2020; Nghị định 154/2024/NĐ-CP",
        "full",
    ),
    (
        "1.004222",
        "Đăng ký tạm trú",
        CTR,
        3,
        "Theo nghị quyết HĐND tỉnh",
        ["Tờ khai thay đổi thông tin cư trú (mẫu CT01)", "Giấy tờ chứng minh chỗ ở hợp pháp"],
        "Luật Cư trú 2020; Nghị định 154/2024/NĐ-CP",
        "full",
    ),
    (
        "1.012758",
        "Đăng ký đất đai, tài sản gắn liền với đất lần đầu",
        DD,
        20,
        "Theo nghị quyết HĐND tỉnh",
        [
            "Đơn đăng ký đất đai, tài sản gắn liền với đất (mẫu 04/ĐK)",
            "Giấy tờ về quyền sử dụng đất",
            "Sơ đồ thửa đất (nếu có)",
        ],
        "Luật Đất đai 2024; Nghị định 101/2024/NĐ-CP",
        "partial",
    ),
    (
        "1.012766",
        "Hòa giải tranh chấp đất đai",
        DD,
        30,
        "Không",
        ["Đơn đề nghị hòa giải tranh chấp đất đai"],
        "Luật Đất đai 2024, Điều 235",
        "none",
    ),
    (
        "1.001776",
        "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng",
        BTXH,
        15,
        "Không",
        ["Tờ khai đề nghị trợ giúp xã hội", "Giấy tờ xác nhận khuyết tật hoặc hoàn cảnh (nếu có)"],
        "Nghị định 20/2021/NĐ-CP",
        "partial",
    ),
    (
        "1.001758",
        "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội",
        BTXH,
        5,
        "Không",
        ["Tờ khai đề nghị hỗ trợ chi phí mai táng", "Bản sao giấy chứng tử"],
        "Nghị định 20/2021/NĐ-CP",
        "partial",
    ),
    (
        "1.010829",
        "Giải quyết chế độ mai táng phí đối với người có công",
        NCC,
        12,
        "Không",
        ["Tờ khai đề nghị hưởng mai táng phí", "Bản sao giấy chứng tử"],
        "Nghị định 131/2021/NĐ-CP",
        "none",
    ),
    (
        "2.000720",
        "Đăng ký thành lập hộ kinh doanh",
        KD,
        3,
        "Theo nghị quyết HĐND tỉnh",
        ["Giấy đề nghị đăng ký hộ kinh doanh", "Bản sao giấy tờ pháp lý của chủ hộ"],
        "Nghị định 01/2021/NĐ-CP; Nghị định 168/2025/NĐ-CP",
        "full",
    ),
    (
        "1.010736",
        "Tham vấn trong đánh giá tác động môi trường",
        MT,
        10,
        "Không",
        ["Văn bản đề nghị tham vấn", "Báo cáo đánh giá tác động môi trường"],
        "Luật Bảo vệ môi trường 2020",
        "none",
    ),
]
