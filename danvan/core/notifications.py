"""Messages to citizens (SMS, email) through an outbox, after GOV.UK Notify's discipline.

A service that wants to tell a citizen something calls :func:`notification_enqueue` inside
its own transaction: one ``Notification`` row per message, with an idempotency key, so the
message exists if and only if the change that caused it commits, and a double submit or a
retried request never sends twice. After commit a background task (django-tasks) sends it;
a failure is retried with exponential back-off, and after ``MAX_ATTEMPTS`` the row is marked
``failed`` (terminal).

Delivery is at-least-once by construction: the outbox row alone is the truth. A queued row
carries ``next_attempt_at``, the time it is due; a sender *claims* it with one conditional
UPDATE that moves that time forward by a lease (``DANVAN_NOTIFICATION_LEASE_SECONDS``), sends,
and marks it sent only while it still holds that lease. The task queued after commit is only
a shortcut: :func:`notifications_send_due` (``python manage.py send_notifications --every 60``,
or cron) claims every queued row that is due, including one whose lease ran out because its
sender died. So a web worker killed between its commit and queuing the task, a task worker
killed after marking its task running, after claiming or after sending: each leaves a row
the sweep sends. A message may then reach the backend twice; every backend is given the
row's idempotency key (the file backend writes one file per key, exclusively; the gateway
receives ``Idempotency-Key``, an e-mail carries a ``Message-ID`` made from it, the same at
every delivery, by which mail servers and clients drop the copy), so the citizen gets it once.

Backends for SMS (``settings.DANVAN_SMS_BACKEND``):
- ``console``: print the message (development);
- ``file``: write one JSON file per message under ``var/outbox/`` (development, demos);
- ``http``: POST JSON ``{"to", "message", "reference"}`` to ``DANVAN_SMS_GATEWAY_URL`` with
  ``Authorization: Bearer DANVAN_SMS_GATEWAY_TOKEN``; a 2xx answer is a success and its JSON
  ``id`` (if any) is kept as ``provider_id``.
Before the SMS backend, a message whose template has an approved Zalo ZNS template
(``DANVAN_ZNS_TEMPLATES``, with ``DANVAN_ZNS_ACCESS_TOKEN``) goes to Zalo filled with the
row's ``data``; only when Zalo cannot deliver it does the SMS go (``danvan.core.zalo``).
``provider_id`` then starts with ``zns:``.
Email goes through Django's mail framework (``EMAIL_BACKEND``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from danvan.core import zalo
from danvan.core.http import post_json
from danvan.core.models import Notification, NotificationChannel, NotificationStatus
from danvan.core.services import outbox_claim, outbox_insert, outbox_record, outbox_redact

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
BASE_DELAY = timedelta(minutes=1)
# While a worker sends, the row is leased for this long so a second worker skips it; a
# sender that dies is replaced by the sweep once the lease has run out.
LEASE = timedelta(minutes=2)


def lease() -> timedelta:
    seconds = getattr(settings, "DANVAN_NOTIFICATION_LEASE_SECONDS", None)
    return timedelta(seconds=int(seconds)) if seconds else LEASE


class DeliveryError(Exception):
    """The backend could not deliver; the message is retried."""


# ---------------------------------------------------------------------------- enqueue
def notification_enqueue(
    *,
    channel: str,
    recipient: str,
    template: str,
    body: str,
    idempotency_key: str,
    unit_code: str = "",
    subject: str = "",
    object_ref: str = "",
    data: dict[str, Any] | None = None,
) -> Notification | None:
    """Queue one message (inside the caller's transaction) and send it after commit.

    ``data`` holds the template's named values for channels that fill an approved template
    themselves (Zalo ZNS); ``body`` is the ready text for the others. Returns the row, or
    None when there is no recipient. Enqueueing the same ``idempotency_key`` again returns
    the existing row and sends nothing more.
    """
    recipient = (recipient or "").strip()
    if not recipient:
        return None
    if channel not in NotificationChannel.values:
        raise ValueError(f"unknown channel {channel!r}")
    row = Notification(
        channel=channel,
        recipient=recipient[:254],
        template=template,
        subject=subject[:200],
        body=body,
        idempotency_key=idempotency_key[:120],
        unit_code=unit_code,
        object_ref=object_ref[:80],
        data=data or {},
        # Due now: if the task queued after commit is lost, the sweep sends it.
        next_attempt_at=timezone.now(),
    )
    # One INSERT … ON CONFLICT DO NOTHING: a repeated key (a retried request, a concurrent
    # double submit) neither fails the caller's transaction nor creates a second message.
    if not outbox_insert(row):
        row = Notification.objects.get(idempotency_key=row.idempotency_key)
        if row.status != NotificationStatus.QUEUED:
            return row
    # Scheduling a send twice is harmless: the sender claims the row with a conditional
    # UPDATE, so a second run finds it sent (or not yet due) and does nothing.
    pk = row.pk
    transaction.on_commit(lambda: _enqueue_send(pk))
    return row


def _enqueue_send(pk: int, run_after: Any = None) -> None:
    try:
        if run_after is not None:
            send_notification_task.using(run_after=run_after).enqueue(pk)
        else:
            send_notification_task.enqueue(pk)
    except Exception:  # noqa: BLE001 — the queue being down must not fail the request
        log.exception("could not enqueue notification %s; the retry scan will send it", pk)


@transaction.atomic
def notifications_redact(*, object_ref: str, reason: str, actor: Any = None) -> int:
    """Remove the recipient from every message about ``object_ref`` (sent or not) and stop
    those still queued. For a sender who turns out to be protected (a letter corrected into a
    denunciation): their phone or address must not outlive the correction in clear text.
    ``reason`` is kept as the row's last error and in the audit entry, without personal data.
    Returns how many rows lost their recipient."""
    from danvan.core.services import audit_record

    if not object_ref:
        return 0
    stopped, done, unit_code = outbox_redact(object_ref, reason)
    if done:
        audit_record(
            actor=actor,
            action="core.notifications.redact",
            unit_code=unit_code,
            object_repr=object_ref,
            detail={"redacted": done, "stopped": stopped, "reason": reason[:200]},
        )
    return done


# ---------------------------------------------------------------------------- sending
@task()
def send_notification_task(notification_id: int) -> str:
    return notification_send(notification_id=notification_id)


def _due() -> Q:
    """Queued and due: never tried (NULL, rows from before due times were set), its retry
    time come, or its sender's lease run out."""
    return Q(status=NotificationStatus.QUEUED) & (
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=timezone.now())
    )


def _claim(notification_id: int) -> tuple[Notification, Any] | None:
    """Take the lease on a due row, or None. One UPDATE whose WHERE holds the whole
    condition (no subquery: PostgreSQL re-checks it on the locked row, so of two workers
    racing for one row exactly one updates it). Returns the row and the lease, which the
    sender must still hold to record the outcome."""
    until = timezone.now() + lease()
    if not outbox_claim(notification_id, _due(), until):
        return None
    return Notification.objects.get(pk=notification_id), until


def backoff(attempts: int) -> timedelta:
    """1, 4, 16, 64 minutes... after the 1st, 2nd, 3rd, 4th failure."""
    return BASE_DELAY * (4 ** max(attempts - 1, 0))


def notification_send(*, notification_id: int) -> str:
    """Send one queued message now; returns its status afterwards."""
    claim = _claim(notification_id)
    if claim is None:
        current = Notification.objects.filter(pk=notification_id).values_list("status", flat=True)
        return current.first() or "missing"
    row, until = claim
    # Outcomes are recorded only while this sender still holds its lease: one that outlived
    # it (a stalled gateway) must not overwrite what the sender after it recorded.
    now = timezone.now()
    try:
        provider_id = deliver(row)
    except Exception as exc:  # noqa: BLE001 — any failure is recorded and retried
        attempts = row.attempts + 1
        terminal = attempts >= MAX_ATTEMPTS
        retry_at = now + backoff(attempts)
        outbox_record(
            row.pk,
            until,
            attempts=attempts,
            last_error=str(exc)[:2000] or exc.__class__.__name__,
            status=NotificationStatus.FAILED if terminal else NotificationStatus.QUEUED,
            next_attempt_at=None if terminal else retry_at,
        )
        if not terminal and send_notification_task.get_backend().supports_defer:
            _enqueue_send(row.pk, run_after=retry_at)
        return NotificationStatus.FAILED if terminal else NotificationStatus.QUEUED
    if not outbox_record(
        row.pk,
        until,
        attempts=row.attempts + 1,
        status=NotificationStatus.SENT,
        sent_at=now,
        next_attempt_at=None,
        provider_id=(provider_id or "")[:120],
        last_error="",
    ):
        log.warning("notification %s: sent after its lease ran out", row.pk)
    return NotificationStatus.SENT


def notifications_send_due(*, limit: int = 500) -> int:
    """The sweep: send every queued message that is due, never tried, or whose sender's
    lease ran out; returns how many were tried. Each is claimed, so sweeps on several
    machines, and the tasks, never send one message at the same time."""
    ids = list(
        Notification.objects.filter(_due())
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    for pk in ids:
        notification_send(notification_id=pk)
    return len(ids)


# ---------------------------------------------------------------------------- backends
def deliver(row: Notification) -> str:
    """Hand ``row`` to its backend; returns the provider's id. Raises on failure."""
    if row.channel == NotificationChannel.EMAIL:
        message = EmailMessage(
            row.subject or row.body[:60],
            row.body,
            settings.DEFAULT_FROM_EMAIL,
            [row.recipient],
            headers={"Message-ID": message_id(row.idempotency_key)},
        )
        sent = message.send(fail_silently=False)
        if not sent:
            raise DeliveryError("email backend sent nothing")
        return ""
    template_id = zalo.template_id_for(row.template)
    zalo_failure = ""
    if template_id:
        try:
            msg_id = zalo.send(
                phone=row.recipient,
                template_id=template_id,
                values=row.data,
                tracking_id=f"danvan-{row.pk}",
            )
        except zalo.ZaloError as exc:  # not on Zalo, quota, token...: the SMS goes instead
            zalo_failure = str(exc)
            log.info("notification %s: %s; falling back to SMS", row.pk, exc)
        else:
            return f"zns:{msg_id}"
    backend = getattr(settings, "DANVAN_SMS_BACKEND", "console")
    sender = SMS_BACKENDS.get(backend)
    if sender is None:
        raise DeliveryError(f"unknown SMS backend {backend!r}")
    try:
        return sender(row)
    except DeliveryError as exc:
        raise DeliveryError(f"{zalo_failure}; {exc}" if zalo_failure else str(exc)) from exc


def message_id(idempotency_key: str) -> str:
    """The e-mail's ``Message-ID``, the same for every delivery of one message: a sender that
    died after handing it to the mail server and before recording it sends it again under
    the same id, which mail servers and clients recognise as the copy it is."""
    digest = hashlib.sha256(idempotency_key.encode("utf-8")).hexdigest()[:32]
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip(" >") or "localhost"
    return f"<{digest}@{domain}>"


def _console(row: Notification) -> str:
    sys.stdout.write(f"[SMS to {row.recipient}] {row.body}\n")
    return ""


def outbox_dir() -> Path:
    return Path(getattr(settings, "DANVAN_OUTBOX_DIR", "") or Path(settings.VAR_DIR) / "outbox")


def _file(row: Notification) -> str:
    """One file per idempotency key, published atomically and exclusively: a second
    delivery of the same message (its first sender died before recording it) finds the
    file and writes nothing, and a sender killed mid-write leaves no half file."""
    folder = outbox_dir()
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(row.idempotency_key.encode("utf-8")).hexdigest()[:32]
    name = f"{digest}.json"
    payload = {
        "id": row.pk,
        "channel": row.channel,
        "to": row.recipient,
        "template": row.template,
        "message": row.body,
        "reference": row.idempotency_key,
    }
    final = folder / name
    if final.exists():
        return name
    tmp = folder / f".{name}.{os.getpid()}.tmp"
    tmp.write_text(json.dumps(payload, ensure_ascii=False, indent=1), "utf-8")
    try:
        os.link(tmp, final)  # fails if the file exists: exactly one delivery per key
    except FileExistsError:
        pass
    finally:
        tmp.unlink(missing_ok=True)
    return name


def _http(row: Notification) -> str:
    url = getattr(settings, "DANVAN_SMS_GATEWAY_URL", "")
    if not url:
        raise DeliveryError("DANVAN_SMS_GATEWAY_URL is not set")
    token = getattr(settings, "DANVAN_SMS_GATEWAY_TOKEN", "")
    answer = post_json(
        url,
        {"to": row.recipient, "message": row.body, "reference": row.idempotency_key},
        {
            "Idempotency-Key": row.idempotency_key,
            **({"Authorization": f"Bearer {token}"} if token else {}),
        },
        error=DeliveryError,
    )
    return str(answer.get("id", "")) if isinstance(answer, dict) else ""


SMS_BACKENDS = {"console": _console, "file": _file, "http": _http}
