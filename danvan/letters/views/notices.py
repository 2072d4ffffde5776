"""Download a letter's notice as DOCX or PDF."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse

from danvan.letters import notices, selectors
from danvan.letters.services.identity import identity_read

TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


@login_required
def notice(request: HttpRequest, code: str, key: str, fmt: str) -> HttpResponse:
    letter = selectors.letter_for_user(request.user, code)
    if fmt not in TYPES or key not in dict(notices.available(letter)):
        raise Http404("No such notice")
    person = ""
    if letter.identity_protected and key in ("nguoi-to-cao", "thu-ly"):
        # Addressed to the denouncer (or to a sender still protected after a correction of
        # the kind): the name is read (and audited) only for this notice.
        person = identity_read(user=request.user, letter=letter, purpose=f"notice:{key}").name
    document = notices.build(letter, key, person_name=person)
    body = document.to_docx() if fmt == "docx" else document.to_pdf()
    response = HttpResponse(body, content_type=TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{key}-{letter.code}.{fmt}"'
    response["Cache-Control"] = "no-store"
    return response
