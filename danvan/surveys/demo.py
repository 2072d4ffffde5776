"""Demo data of surveys: the province's citizens' survey of this year with the built-in
instrument, a few hundred generated answers across the villages of the demo communes (each
commune with its own leaning, so the statistics have something to find), and an enumerator
of Phường Bắc Kạn, ``dieutra.backan``, whose ODK Collect password is the demo password.

Idempotent: a province survey that exists is left alone. Reproducible: one seeded RNG.
"""

from __future__ import annotations

import random
import uuid
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from danvan.accounts.models import Membership
from danvan.accounts.roles import Role
from danvan.surveys.digest import ha1_for, realm
from danvan.surveys.instance import answers_of, build_instance, instance_bytes, parse_instance
from danvan.surveys.models import (
    EnumeratorAssignment,
    EnumeratorCredential,
    Submission,
    SubmissionSource,
    Survey,
)
from danvan.surveys.services.instruments import instrument_form_id, instrument_survey_create
from danvan.territory.models import Province, Unit, Village

PROVINCE = "19"
ENUMERATOR = "dieutra.backan"
ENUMERATOR_UNIT = "01843"
DEMO_PASSWORD = "danvan-demo"  # the demo accounts' password (accounts/demo.py)
PER_VILLAGE = (8, 14)  # respondents per village, drawn in this range
MAX_VILLAGES_PER_UNIT = 6
AGE_GROUPS = ["18_29", "30_39", "40_49", "50_59", "60_plus"]
AGE_WEIGHTS = [0.22, 0.21, 0.2, 0.18, 0.19]


def _say(stdout: Any, text: str) -> None:
    if stdout is not None:
        stdout.write(text)


def _likert(rng: random.Random, lean: float) -> str:
    """A 1–5 answer around ``lean`` (0 = negative, 1 = positive)."""
    value = round(1 + 4 * min(max(rng.gauss(lean, 0.22), 0.0), 1.0))
    return str(value)


def _yes(rng: random.Random, p: float) -> str:
    return "yes" if rng.random() < p else "no"


def _answers(rng: random.Random, unit: Unit, village: Village, lean: float) -> dict[str, Any]:
    ethnic = rng.choice(["tay", "tay", "kinh", "nung", "dao", "hmong"])
    heard = _yes(rng, 0.45 + 0.4 * lean)
    used = _yes(rng, 0.55)
    sent = _yes(rng, 0.2)
    overall = _likert(rng, lean)
    answers: dict[str, Any] = {
        "commune": unit.code,
        "village": village.name,
        "consent": "yes",
        "sex": rng.choice(["male", "female"]),
        "age_group": rng.choices(AGE_GROUPS, AGE_WEIGHTS)[0],
        "ethnicity": ethnic,
        "a1_heard": heard,
        "a2_rights": _likert(rng, lean - 0.1),
        "a2_disclosed": _yes(rng, 0.3 + 0.4 * lean),
        "a2_consulted": _yes(rng, 0.25 + 0.4 * lean),
        "a2_meetings": rng.randint(0, 8),
        "a3_used": used,
        "a4_sent": sent,
        "a4_trust": _likert(rng, lean - 0.05),
        "a5_respect": _likert(rng, lean + 0.05),
        "a5_competent": _likert(rng, lean),
        "a6_organisation": _yes(rng, 0.5),
        "a6_dialogue": _yes(rng, 0.2 + 0.3 * lean),
        "a6_voice": _likert(rng, lean - 0.1),
        "overall": overall,
        "overall_satisfied": 1 if int(overall) >= 4 else 0,
        "callback": "no",
    }
    if heard == "yes":
        answers["a1_channels"] = rng.sample(["meeting", "loudspeaker", "zalo", "poster"], 2)
        answers["a1_understood"] = _likert(rng, lean)
        if ethnic != "kinh":
            answers["a1_own_language"] = _yes(rng, 0.3)
    if used == "yes":
        answers["a3_satisfied"] = _likert(rng, lean + 0.05)
        answers["a3_on_time"] = _yes(rng, 0.7 + 0.25 * lean)
        answers["a3_extra_payment"] = _yes(rng, 0.08)
    if sent == "yes":
        answers["a4_answered"] = _yes(rng, 0.5 + 0.4 * lean)
    return answers


def _enumerator(unit: Unit) -> Any:
    model = get_user_model()
    user = model.objects.filter(username=ENUMERATOR).first()
    if user is None:
        user = model.objects.create_user(
            username=ENUMERATOR, password=DEMO_PASSWORD, first_name="Triệu Văn Dũng"
        )
    Membership.objects.get_or_create(user=user, role=Role.ENUMERATOR, unit=unit)
    if not EnumeratorCredential.objects.filter(
        username=ENUMERATOR, revoked_at__isnull=True
    ).exists():
        EnumeratorCredential.objects.create(
            user=user,
            username=ENUMERATOR,
            realm=realm(),
            ha1=ha1_for(ENUMERATOR, DEMO_PASSWORD),
        )
    return user


def seed(stdout: Any = None) -> None:
    province = Province.objects.filter(code=PROVINCE).first()
    if province is None:
        _say(stdout, "  surveys: skipped (no province 19)")
        return
    year = timezone.localdate().year
    form_id = instrument_form_id("citizens", year, PROVINCE)
    if Survey.objects.filter(form_id=form_id).exists():
        return
    admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    survey = instrument_survey_create(
        actor=admin, key="citizens", year=year, province=province
    ).survey
    home = Unit.objects.filter(code=ENUMERATOR_UNIT).first()
    enumerator = _enumerator(home) if home is not None else None
    if enumerator is not None:
        EnumeratorAssignment.objects.get_or_create(
            survey=survey, user=enumerator, defaults={"unit": home}
        )
    rng = random.Random(f"danvan-surveys-{year}")  # noqa: S311 - demo data, reproducible
    version = survey.current_version
    units = list(
        Unit.objects.filter(province=province, villages__isnull=False).distinct().order_by("code")
    )
    rows = []
    for unit in units:
        lean = rng.uniform(0.35, 0.8)
        villages = list(Village.objects.filter(unit=unit).order_by("name"))
        rng.shuffle(villages)
        for village in villages[:MAX_VILLAGES_PER_UNIT]:
            for _ in range(rng.randint(*PER_VILLAGE)):
                values = _answers(rng, unit, village, lean)
                instance = parse_instance(
                    instance_bytes(
                        build_instance(
                            version.questions,
                            form_id=survey.form_id,
                            version=version.version,
                            values=values,
                            instance_id=f"uuid:{uuid.UUID(int=rng.getrandbits(128), version=4)}",
                        )
                    )
                )
                # The same parsing as reception (answers_of), stored in bulk: the demo has no
                # audit trail of its generated answers to keep.
                answers = answers_of(instance.root, version.questions, "/" + instance.root.tag)
                rows.append(
                    Submission(
                        survey=survey,
                        form_version=version,
                        instance_id=instance.instance_id,
                        xml=instance.xml,
                        answers=answers,
                        unit=unit,
                        village=village,
                        sex=answers["sex"],
                        age_group=answers["age_group"],
                        enumerator=enumerator if unit == home else None,
                        source=SubmissionSource.OPENROSA,
                    )
                )
    Submission.objects.bulk_create(rows, batch_size=500)
    count = len(rows)
    _say(stdout, f"  surveys: {survey.code} with {count} submissions in {len(units)} communes")
