"""The complaint and denunciation paths, exhaustively: every action from every state is
allowed exactly when ``paths`` lists it, leads to the state it lists, and a refused one
changes nothing; every dated action is refused when dated before the state it leaves
began (issue #11, item 14)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from danvan.letters.models import ComplaintTrack, DenunciationTrack, Letter
from danvan.letters.services import paths
from danvan.letters.services.complaints import complaint_decide, complaint_second
from danvan.letters.services.decisions import DecisionInput, letter_decide
from danvan.letters.services.denunciations import (
    denunciation_conclude,
    denunciation_extend,
    denunciation_publish,
)
from danvan.letters.services.errors import LetterError

from .conftest import at

pytestmark = pytest.mark.django_db

CONTENT = {
    "complaint": "Khiếu nại quyết định thu hồi đất của UBND xã đối với thửa đất số 12.",
    "denunciation": "Tố cáo cán bộ địa chính thu tiền sai quy định khi cấp giấy chứng nhận.",
}
DECISIONS = {v: k for k, v in paths.DECISION_ACTIONS.items()}
# When each state is entered, building it (received 27/01/2026 9:00).
ENTERED = {
    paths.RECEIVED: at("27/01/2026"),
    paths.ACCEPTED: at("28/01/2026", 10),
    paths.DECIDED: at("10/02/2026", 15),
    paths.CONCLUDED: at("10/02/2026", 15),
    paths.PUBLISHED: at("12/02/2026", 16),
    paths.CLOSED: at("28/01/2026", 10),
}


def _track(letter: Letter):
    model = ComplaintTrack if letter.kind == "complaint" else DenunciationTrack
    return model.objects.filter(letter=letter).first()


def _state(letter: Letter) -> str:
    letter = Letter.objects.get(pk=letter.pk)
    return paths.state_of(letter, _track(letter))


def _act(letter: Letter, action: str, actor, when):
    if action in DECISIONS:
        return letter_decide(
            letter=letter,
            actor=actor,
            data=DecisionInput(
                decision=DECISIONS[action],
                at=when,
                reasons="Nêu rõ lý do theo quy định.",
                ground="other",
                receiving_body="Thanh tra tỉnh",
            ),
        )
    if action == paths.DECIDE:
        return complaint_decide(letter=letter, actor=actor, decided_at=when, summary="Quyết định.")
    if action == paths.SECOND:
        return complaint_second(
            first=letter,
            actor=actor,
            received_at=when,
            content="Khiếu nại lần hai đối với quyết định giải quyết lần đầu về thu hồi đất.",
        )
    if action == paths.EXTEND:
        return denunciation_extend(
            letter=letter, actor=actor, criteria=["several_places"], days=30, reason="Phức tạp."
        )
    if action == paths.CONCLUDE:
        return denunciation_conclude(letter=letter, actor=actor, at=when, summary="Kết luận.")
    return denunciation_publish(letter=letter, actor=actor, at=when, where="Niêm yết tại trụ sở")


def _reach(receive, unit, actor, kind: str, state: str, *, anonymous: bool = False) -> Letter:
    """A letter of ``kind`` brought to ``state`` through the services themselves."""
    letter = receive(unit, kind, CONTENT[kind], name="" if anonymous else "Nguyễn Văn Dân")
    steps = {
        paths.RECEIVED: [],
        paths.ACCEPTED: [paths.ACCEPT],
        paths.DECIDED: [paths.ACCEPT, paths.DECIDE],
        paths.CONCLUDED: [paths.ACCEPT, paths.CONCLUDE],
        paths.PUBLISHED: [paths.ACCEPT, paths.CONCLUDE, paths.PUBLISH],
        paths.CLOSED: [paths.FORWARD],
    }[state]
    entered = [paths.ACCEPTED, paths.DECIDED if kind == "complaint" else paths.CONCLUDED]
    moments = {
        paths.ACCEPT: ENTERED[entered[0]],
        paths.DECIDE: ENTERED[paths.DECIDED],
        paths.CONCLUDE: ENTERED[paths.CONCLUDED],
        paths.PUBLISH: ENTERED[paths.PUBLISHED],
        paths.FORWARD: ENTERED[paths.CLOSED],
    }
    for step in steps:
        _act(Letter.objects.get(pk=letter.pk), step, actor, moments[step])
    assert _state(letter) == state
    return Letter.objects.get(pk=letter.pk)


CASES = [
    (kind, state, action)
    for kind in ("complaint", "denunciation")
    for state in paths.STATES[kind]
    for action in paths.ACTIONS[kind]
]


@pytest.mark.parametrize(("kind", "state", "action"), CASES)
def test_every_action_from_every_state(receive, unit_a, officer_a, kind, state, action):
    # An anonymous denunciation is the one kept as information: that decision is tried on
    # one (it can reach no state past receipt: it is never accepted).
    anonymous = kind == "denunciation" and action == paths.INFORMATION and state == "received"
    letter = _reach(receive, unit_a, officer_a, kind, state, anonymous=anonymous)
    table = paths.TABLES[kind]
    when = ENTERED[state] + timedelta(days=1)
    letters_before = Letter.objects.count()
    if (state, action) in table:
        _act(letter, action, officer_a, when)
        assert _state(letter) == table[(state, action)]
    else:
        with pytest.raises(LetterError):
            _act(letter, action, officer_a, when)
        assert _state(letter) == state
        assert Letter.objects.count() == letters_before


def test_the_tables_are_the_paths_the_law_draws():
    # A complaint is decided once, only after acceptance; a denunciation is concluded once,
    # published once, after its conclusion; nothing leaves a closed letter.
    for kind, table in paths.TABLES.items():
        assert not [key for key in table if key[0] == paths.CLOSED], kind
        assert set(paths.DECISION_ACTIONS.values()) >= {a for s, a in table if s == "received"}
    assert [k for k in paths.COMPLAINT if k[1] == paths.DECIDE] == [(paths.ACCEPTED, "decide")]
    assert [k for k in paths.DENUNCIATION if k[1] == paths.CONCLUDE] == [
        (paths.ACCEPTED, "conclude")
    ]
    assert [k for k in paths.DENUNCIATION if k[1] == paths.PUBLISH] == [
        (paths.CONCLUDED, "publish")
    ]


DATED = [
    ("complaint", paths.RECEIVED, paths.ACCEPT, "before_received"),
    ("complaint", paths.ACCEPTED, paths.DECIDE, "before_accepted"),
    ("complaint", paths.DECIDED, paths.SECOND, "before_decision"),
    ("denunciation", paths.RECEIVED, paths.ACCEPT, "before_received"),
    ("denunciation", paths.RECEIVED, paths.FORWARD, "before_received"),
    ("denunciation", paths.ACCEPTED, paths.CONCLUDE, "before_accepted"),
    ("denunciation", paths.CONCLUDED, paths.PUBLISH, "before_concluded"),
]


@pytest.mark.parametrize(("kind", "state", "action", "code"), DATED)
def test_no_step_dated_before_the_one_it_follows(
    receive, unit_a, officer_a, kind, state, action, code
):
    letter = _reach(receive, unit_a, officer_a, kind, state)
    with pytest.raises(LetterError) as err:
        _act(letter, action, officer_a, ENTERED[state] - timedelta(hours=1))
    assert err.value.code == code
    assert _state(letter) == state
    # the same moment as the step before is fine (the same day's form date)
    _act(Letter.objects.get(pk=letter.pk), action, officer_a, ENTERED[state])
    assert _state(letter) == paths.TABLES[kind][(state, action)]


def test_a_complaint_is_not_decided_twice_even_from_a_stale_copy(receive, unit_a, officer_a):
    letter = _reach(receive, unit_a, officer_a, "complaint", paths.ACCEPTED)
    stale = Letter.objects.get(pk=letter.pk)
    complaint_decide(
        letter=letter, actor=officer_a, decided_at=ENTERED[paths.DECIDED], summary="Lần một."
    )
    with pytest.raises(LetterError) as err:
        complaint_decide(
            letter=stale, actor=officer_a, decided_at=ENTERED[paths.DECIDED], summary="Lần hai."
        )
    assert err.value.code == "already_decided"
    assert ComplaintTrack.objects.get(letter=letter).decision_summary == "Lần một."
