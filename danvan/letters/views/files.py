"""Attachments of a letter, served only through the letter's access check.

Uploaded files live under MEDIA_ROOT, which is never served publicly in production (the root
URLconf serves it only under DEBUG): this view is the one way to read them, so the same rule
that hides the letter (another commune, a confidential denunciation) hides its files.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest

from danvan.core.services import audit_record
from danvan.letters import selectors


@login_required
def attachment(request: HttpRequest, code: str, pk: int) -> FileResponse:
    letter = selectors.letter_for_user(request.user, code)
    item = letter.attachments.filter(pk=pk).first()
    if item is None:
        raise Http404("No such attachment")
    try:
        handle = item.file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404("Attachment missing on disk") from exc
    # A denunciation's files may identify the denouncer: who opened them is logged.
    if letter.identity_protected:
        audit_record(
            actor=request.user,
            action="letters.attachment_read",
            obj=letter,
            unit_code=letter.unit.code,
            object_repr=letter.code,
            detail={"attachment": item.pk},
        )
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=item.name or f"tep-{item.pk}",
        content_type=item.content_type or "application/octet-stream",
    )
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
