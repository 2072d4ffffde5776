"""The legal categories of grassroots democracy (Law 10/2022/QH15, DOMAIN §6), as data.

Codes are a contract (API, imports); labels are translated. Posting rules of a disclosure
category say where it must be posted and for how long; the number of days comes from the
rule table (``democracy.disclosure.post``, ``democracy.disclosure.loudspeaker``), never from
here.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Place(models.TextChoices):
    COMMUNE_OFFICE = "commune_office", _("Trụ sở UBND xã")
    VILLAGE_HOUSE = "village_house", _("Nhà văn hóa thôn, tổ dân phố")
    LOUDSPEAKER = "loudspeaker", _("Hệ thống truyền thanh")
    PORTAL = "portal", _("Cổng thông tin điện tử")


@dataclass(frozen=True)
class DisclosureCategory:
    code: str
    item: int  # item of Art. 11
    label: object
    permanent: bool = False  # posted for as long as it is in force (items 4 and 13)
    loudspeaker: bool = False  # also announced on loudspeakers (items 7–12)


DISCLOSURE_CATEGORIES: tuple[DisclosureCategory, ...] = (
    DisclosureCategory("plan", 1, _("Kế hoạch phát triển kinh tế - xã hội")),
    DisclosureCategory("budget", 2, _("Dự toán, quyết toán ngân sách xã")),
    DisclosureCategory("projects", 3, _("Dự án, thu hồi đất, quy hoạch")),
    DisclosureCategory(
        "regulation", 4, _("Quy chế thực hiện dân chủ, nhiệm vụ của cán bộ xã"), permanent=True
    ),
    DisclosureCategory("funds", 5, _("Quỹ, khoản đóng góp của Nhân dân")),
    DisclosureCategory("public_assets", 6, _("Quản lý, sử dụng tài sản công")),
    DisclosureCategory(
        "beneficiaries", 7, _("Đối tượng hưởng chính sách, an sinh xã hội"), loudspeaker=True
    ),
    DisclosureCategory("disaster_aid", 8, _("Hỗ trợ khắc phục thiên tai"), loudspeaker=True),
    DisclosureCategory("military", 9, _("Danh sách gọi nhập ngũ"), loudspeaker=True),
    DisclosureCategory(
        "inspection", 10, _("Kết quả thanh tra, phòng, chống tham nhũng"), loudspeaker=True
    ),
    DisclosureCategory(
        "consultation", 11, _("Kế hoạch và kết quả lấy ý kiến Nhân dân"), loudspeaker=True
    ),
    DisclosureCategory("fees", 12, _("Phí, lệ phí, các khoản thu"), loudspeaker=True),
    DisclosureCategory("procedures", 13, _("Thủ tục hành chính"), permanent=True),
    DisclosureCategory("other", 14, _("Nội dung khác theo quy định")),
)
DISCLOSURE_BY_CODE = {c.code: c for c in DISCLOSURE_CATEGORIES}
DISCLOSURE_CHOICES = [(c.code, f"{c.item}. {c.label}") for c in DISCLOSURE_CATEGORIES]


class ConsultationCategory(models.TextChoices):
    """Art. 25: what residents comment on before the commune decides (9 items)."""

    PLANS = "plans", _("Kế hoạch phát triển kinh tế - xã hội")
    LAND_USE = "land_use", _("Kế hoạch sử dụng đất")
    MAJOR_PROJECTS = "major_projects", _("Dự án, công trình đầu tư lớn")
    BOUNDARIES = "boundaries", _("Thành lập, sáp nhập, điều chỉnh địa giới")
    COMMUNITY = "community", _("Chủ trương ảnh hưởng đến cộng đồng")
    CONSTRUCTION = "construction", _("Quy hoạch xây dựng")
    REGULATION = "regulation", _("Quy chế thực hiện dân chủ")
    RESTRICTIONS = "restrictions", _("Biện pháp hạn chế quyền của Nhân dân")
    OTHER = "other", _("Nội dung khác theo quy định")


class DecisionCategory(models.TextChoices):
    """Art. 15 items 1–6, plus the two decisions about how residents decide."""

    CONTRIBUTION = "contribution", _("Đóng góp xây dựng công trình")
    COMMUNITY_FUND = "community_fund", _("Quỹ cộng đồng")
    VILLAGE_RULES = "village_rules", _("Hương ước, quy ước")
    VILLAGE_HEAD = "village_head", _("Bầu, miễn nhiệm trưởng thôn")
    BOARD_MEMBERS = "board_members", _("Bầu thành viên Ban Thanh tra nhân dân, Ban Giám sát")
    SELF_MANAGED = "self_managed", _("Công việc tự quản khác")
    ONLINE_CONSENT = "online_consent", _("Đồng ý biểu quyết trực tuyến")
    INITIATIVE = "initiative", _("Sáng kiến của Nhân dân")


# Which threshold each category takes (ids of DEMOCRACY_THRESHOLDS in the rule data).
THRESHOLD_OF = {
    DecisionCategory.CONTRIBUTION: "democracy.threshold.contribution",
    DecisionCategory.COMMUNITY_FUND: "democracy.threshold.community_fund",
    DecisionCategory.VILLAGE_RULES: "democracy.threshold.majority",
    DecisionCategory.VILLAGE_HEAD: "democracy.threshold.majority",
    DecisionCategory.BOARD_MEMBERS: "democracy.threshold.majority",
    DecisionCategory.SELF_MANAGED: "democracy.threshold.majority",
    DecisionCategory.ONLINE_CONSENT: "democracy.threshold.online_consent",
    DecisionCategory.INITIATIVE: "democracy.threshold.initiative",
}
COMMUNE_THRESHOLD = "democracy.threshold.commune_villages"


class DecisionForm(models.TextChoices):
    MEETING = "meeting", _("Họp đại diện hộ gia đình")
    BALLOT = "ballot", _("Phát phiếu lấy ý kiến hộ gia đình")
    ONLINE = "online", _("Biểu quyết trực tuyến")


class Choice(models.TextChoices):
    YES = "yes", _("Đồng ý")
    NO = "no", _("Không đồng ý")
    ABSTAIN = "abstain", _("Không có ý kiến")


class VoteChannel(models.TextChoices):
    ONLINE = "online", _("Trực tuyến (mã hộ)")
    PAPER = "paper", _("Phiếu giấy")
    MEETING = "meeting", _("Biên bản họp")


class CommentSource(models.TextChoices):
    ONLINE = "online", _("Trực tuyến")
    MEETING = "meeting", _("Tại hội nghị")
    PAPER = "paper", _("Văn bản, phiếu giấy")


class CommentResponse(models.TextChoices):
    PENDING = "", _("Chưa tổng hợp")
    ACCEPTED = "accepted", _("Tiếp thu")
    PARTLY = "partly", _("Tiếp thu một phần")
    EXPLAINED = "explained", _("Giải trình")


class BoardKind(models.TextChoices):
    INSPECTION = "inspection", _("Ban Thanh tra nhân dân")
    INVESTMENT = "investment", _("Ban Giám sát đầu tư của cộng đồng")
