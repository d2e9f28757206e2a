"""Rotating the pseudonymisation key: every pseudonym re-keyed from the originals in one
transaction, the joins intact, and the same export delivered again afterwards matching
the same responses (no duplicates) — while a process still holding the old key is refused."""

from __future__ import annotations

import json
import os
import secrets
import stat
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from hornsten.devstack import credentials
from hornsten.privacy.pseudonymise import keyed_hash
from hornsten.privacy.rotation import KeyMismatch, rotate_key
from hornsten.survey.ingest import ingest_files, pseudonym_key
from hornsten.warehouse import roles
from tests.exports import good_row, write_csv

pytestmark = pytest.mark.integration

HORNSTEN = str(Path(sys.executable).parent / "hornsten")
JOINED = """select r.response_id, p.respondent_id, r.respondent_key
            from raw.survey_responses r left join restricted.respondents p using (respondent_key) order by 1"""


def _counts(db) -> tuple[int, int, int]:
    return db.execute(
        """select (select count(*) from raw.survey_responses), (select count(*) from raw.survey_answers),
                  (select count(*) from restricted.respondents)"""
    ).fetchone()


def test_rotation_rekeys_every_pseudonym_and_a_redelivery_matches(stack_settings, db, norrkoping, tmp_path):
    rows = [good_row(str(i), respondent=f"R-{i:04d}") for i in range(1, 31)] + [good_row("anonym")]
    export = write_csv(tmp_path / "export.csv", rows)
    old, new = pseudonym_key(), secrets.token_urlsafe(64).encode()
    loader = psycopg.connect(stack_settings.dsn(roles.LOADER), autocommit=True)
    try:
        ingest_files(loader, [export], norrkoping, old)
        before, counts = db.execute(JOINED).fetchall(), _counts(db)

        result = rotate_key(db, old, new)

        assert result.respondents == 30
        assert result.rows_rekeyed == {"raw.survey_responses": 30, "restricted.respondents": 30}
        after = db.execute(JOINED).fetchall()
        # The same respondent behind every response, under a new pseudonym made with the new key.
        assert [(r, i) for r, i, _ in after] == [(r, i) for r, i, _ in before]
        assert all(k_new != k_old for (_, _, k_new), (_, _, k_old) in zip(after, before, strict=True) if k_old)
        assert all(key == keyed_hash(original, new) for _, original, key in after if original)
        assert ("anonym", None, None) in after

        with pytest.raises(KeyMismatch, match="not the key the warehouse"):
            ingest_files(loader, [export], norrkoping, old)
        (again,) = ingest_files(loader, [export], norrkoping, new)
        assert (again.loaded, again.duplicates) == (0, 31)
        # A later submission of a response replaces it and keeps its (new) pseudonym.
        later = write_csv(
            tmp_path / "later.csv", [good_row("7", "2024-03-25 09:00", idag="Ändrat", respondent="R-0007")]
        )
        (changed,) = ingest_files(loader, [later], norrkoping, new)
        assert changed.loaded == 1
        assert db.execute(JOINED).fetchall() == after
        assert _counts(db) == counts
    finally:
        loader.close()
        _forget_rekeyed(db)


def test_rotate_key_command_outside_the_local_stack_writes_the_new_key_to_a_new_file(
    stack_settings, db, norrkoping, tmp_path
):
    ingest_files(db, [write_csv(tmp_path / "e.csv", [good_row("1", respondent="R-1")])], norrkoping, pseudonym_key())
    key_file = tmp_path / "new-key"
    env = {**os.environ, "HORNSTEN_WAREHOUSE_DSN": stack_settings.warehouse_dsn}
    result = subprocess.run(
        [HORNSTEN, "privacy", "rotate-key", "--key-out", str(key_file)], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "Re-keyed 1 respondent(s)" in result.stdout
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    new = key_file.read_text().strip().encode()
    ((key, original),) = db.execute("select respondent_key, respondent_id from restricted.respondents").fetchall()
    assert key == keyed_hash(original, new)
    again = subprocess.run(
        [HORNSTEN, "privacy", "rotate-key", "--key-out", str(key_file)], env=env, capture_output=True, text=True
    )
    assert again.returncode == 1 and "exists" in again.stderr and "Traceback" not in again.stderr
    _forget_rekeyed(db)


def test_rotate_key_command_on_the_local_stack_stores_the_new_key_privately(stack_settings, db, norrkoping, tmp_path):
    original = stack_settings.secrets()["pseudonym_key"]
    ingest_files(db, [write_csv(tmp_path / "e.csv", [good_row("1", respondent="R-1")])], norrkoping, original.encode())
    env = {k: v for k, v in os.environ.items() if k != "HORNSTEN_WAREHOUSE_DSN"}
    try:
        result = subprocess.run([HORNSTEN, "privacy", "rotate-key", "--json"], env=env, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["respondents"] == 1
        stored = stack_settings.secrets()
        assert stored["pseudonym_key"] != original and "pseudonym_key_next" not in stored
        assert stat.S_IMODE(stack_settings.secrets_file.stat().st_mode) == 0o600
        ((key, identifier),) = db.execute("select respondent_key, respondent_id from restricted.respondents").fetchall()
        assert key == keyed_hash(identifier, stored["pseudonym_key"].encode())
    finally:
        # The session's other tests use the original key.
        credentials.update(stack_settings.secrets_file, {"pseudonym_key": original, "pseudonym_key_next": None})
        _forget_rekeyed(db)


def _forget_rekeyed(db) -> None:
    """The session's key no longer matches these pseudonyms: the tests after these start empty."""
    db.execute("truncate raw.survey_responses, restricted.respondents, raw.load_log cascade")
