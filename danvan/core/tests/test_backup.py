"""Backups restore what they saved, on both engines; keys stay out; damage is noticed."""

from __future__ import annotations

import json

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.core.management.base import CommandError

from danvan.core.backup import BackupError, backup_create, backup_restore
from danvan.core.models import Notification

pytestmark = pytest.mark.django_db(transaction=True)


def _message(key: str, body: str) -> Notification:
    return Notification.objects.create(
        channel="sms", recipient="0912345678", template="t", body=body, idempotency_key=key
    )


def _messages() -> list[tuple[str, str]]:
    return list(
        Notification.objects.order_by("idempotency_key").values_list("idempotency_key", "body")
    )


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "letters").mkdir(parents=True)
    (settings.MEDIA_ROOT / "letters" / "don.pdf").write_bytes(b"%PDF-1.7 saved")
    return settings.MEDIA_ROOT


def test_a_restore_brings_back_the_data_and_the_uploads_as_they_were(tmp_path, media):
    _message("k19", "Hồ sơ của Thái Nguyên đã có kết quả")
    result = backup_create(destination=tmp_path / "backups")

    # After the backup: a change, a new row, a new upload — all undone by the restore.
    Notification.objects.filter(idempotency_key="k19").update(body="Đã sửa sau sao lưu")
    _message("k20", "Tin mới")
    (media / "letters" / "sau.pdf").write_bytes(b"%PDF later")

    manifest = backup_restore(folder=result.folder, work=tmp_path / "work")
    assert _messages() == [("k19", "Hồ sơ của Thái Nguyên đã có kết quả")]
    assert (media / "letters" / "don.pdf").read_bytes() == b"%PDF-1.7 saved"
    assert not (media / "letters" / "sau.pdf").exists()
    assert manifest["keys_match"] is True


def test_an_encrypted_backup_holds_no_readable_data_and_never_the_identity_keys(
    tmp_path, media, settings, monkeypatch
):
    identity_key = Fernet.generate_key().decode()
    settings.DANVAN_ENCRYPTION_KEYS = [identity_key]
    monkeypatch.setenv("DANVAN_BACKUP_KEY", Fernet.generate_key().decode())
    _message("k19", "Hồ sơ của Thái Nguyên đã có kết quả")
    result = backup_create(destination=tmp_path / "backups")

    files = sorted(p.name for p in result.folder.iterdir())
    assert all(name.endswith(".enc") for name in files if name != "manifest.json")
    everything = b"".join(p.read_bytes() for p in result.folder.iterdir())
    assert "Thái Nguyên".encode() not in everything
    assert b"saved" not in everything
    assert identity_key.encode() not in everything
    manifest = json.loads((result.folder / "manifest.json").read_text())
    assert manifest["encrypted"] is True and len(manifest["identity_key_fingerprints"]) == 1

    Notification.objects.all().delete()
    # Restored where the identity key was lost: the data comes back, with a warning.
    settings.DANVAN_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    manifest = backup_restore(folder=result.folder, work=tmp_path / "work")
    assert _messages() == [("k19", "Hồ sơ của Thái Nguyên đã có kết quả")]
    assert manifest["keys_match"] is False

    monkeypatch.delenv("DANVAN_BACKUP_KEY")
    with pytest.raises(BackupError, match="DANVAN_BACKUP_KEY"):
        backup_restore(folder=result.folder, work=tmp_path / "work2")


def test_a_damaged_backup_is_refused_before_anything_is_overwritten(tmp_path, media):
    _message("k19", "Hồ sơ của Thái Nguyên đã có kết quả")
    result = backup_create(destination=tmp_path / "backups")
    dump = next(p for p in result.folder.iterdir() if p.name.startswith("database"))
    dump.write_bytes(dump.read_bytes()[:-10] + b"0123456789")
    Notification.objects.filter(idempotency_key="k19").update(body="Hiện tại")
    with pytest.raises(BackupError, match="damaged"):
        backup_restore(folder=result.folder, work=tmp_path / "work")
    assert _messages() == [("k19", "Hiện tại")]


def test_the_commands_ask_before_overwriting(tmp_path, media, capsys):
    call_command("backup", "--to", str(tmp_path / "b"), "--plaintext")
    folder = next((tmp_path / "b").iterdir())
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(folder))
    with pytest.raises(CommandError, match="not a danvan backup"):
        call_command("restore", str(tmp_path), "--yes")
    call_command("restore", str(folder), "--yes")
    assert "restored" in capsys.readouterr().out


def test_production_refuses_a_clear_backup_unless_asked(
    tmp_path, media, settings, monkeypatch, capsys
):
    settings.DEBUG = False
    monkeypatch.delenv("DANVAN_BACKUP_KEY", raising=False)
    with pytest.raises(CommandError, match="DANVAN_BACKUP_KEY.*--plaintext"):
        call_command("backup", "--to", str(tmp_path / "b"))
    assert not (tmp_path / "b").exists()  # nothing written, not even an empty folder
    call_command("backup", "--to", str(tmp_path / "b"), "--plaintext")
    captured = capsys.readouterr()
    assert "NOT encrypted" in captured.out and "WARNING" in captured.err
    manifest = json.loads(next((tmp_path / "b").glob("*/manifest.json")).read_text())
    assert manifest["encrypted"] is False


def test_development_writes_a_clear_backup_with_a_warning(
    tmp_path, media, settings, monkeypatch, capsys
):
    settings.DEBUG = True
    monkeypatch.delenv("DANVAN_BACKUP_KEY", raising=False)
    call_command("backup", "--to", str(tmp_path / "b"))
    assert "KHÔNG được mã hóa" in capsys.readouterr().err


def test_a_production_backup_with_the_key_is_encrypted_and_a_bad_key_is_refused(
    tmp_path, media, settings, monkeypatch, capsys
):
    settings.DEBUG = False
    monkeypatch.setenv("DANVAN_BACKUP_KEY", "not-a-fernet-key")
    with pytest.raises(CommandError, match="Fernet"):
        call_command("backup", "--to", str(tmp_path / "bad"))
    monkeypatch.setenv("DANVAN_BACKUP_KEY", Fernet.generate_key().decode())
    call_command("backup", "--to", str(tmp_path / "b"))
    captured = capsys.readouterr()
    assert "(" in captured.out and "encrypted)" in captured.out and "NOT" not in captured.out
    assert "WARNING" not in captured.err
