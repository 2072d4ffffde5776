"""Models of letters: the reception register and sessions, letters, the denouncer's protected
identity and the complaint/denunciation stages."""

from danvan.letters.models.identity import ProtectedIdentity
from danvan.letters.models.letters import (
    Channel,
    Decision,
    Letter,
    LetterAttachment,
    LetterKind,
)
from danvan.letters.models.reception import (
    EntryKind,
    ReceptionEntry,
    ReceptionSession,
    SessionKind,
    SessionStatus,
)
from danvan.letters.models.tracks import (
    COMPLEXITY_CRITERIA,
    ComplaintTrack,
    DenunciationTrack,
    NotEligibleGround,
)

__all__ = [
    "COMPLEXITY_CRITERIA",
    "Channel",
    "ComplaintTrack",
    "Decision",
    "DenunciationTrack",
    "EntryKind",
    "Letter",
    "LetterAttachment",
    "LetterKind",
    "NotEligibleGround",
    "ProtectedIdentity",
    "ReceptionEntry",
    "ReceptionSession",
    "SessionKind",
    "SessionStatus",
]
