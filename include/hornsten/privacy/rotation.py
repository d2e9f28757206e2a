"""Rotating the pseudonymisation key (HORNSTEN_PSEUDONYM_KEY).

A respondent's pseudonym is HMAC-SHA256(key, identifier): a new key gives every
respondent a new pseudonym. Rotation therefore recomputes every keyed hash from the
originals, which only ``restricted.respondents`` holds (pseudonym → identifier), in one
transaction under the ingest lock: afterwards the warehouse holds only new-key
pseudonyms, the same respondents join as before, and an export delivered again
matches the same responses. Pseudonyms copied out of the warehouse earlier (exports,
backups) no longer match anything.

Ingest refuses to write with a key that does not match the warehouse (``check_key``),
so a process still running with the old key cannot mix two keys' pseudonyms."""

from __future__ import annotations

from dataclasses import dataclass

from hornsten.privacy.pseudonymise import keyed_hash
from hornsten.warehouse.schema import INGEST_LOCK

# The map from pseudonym to identifier, and every column that holds a pseudonym made
# with the key. A new column of pseudonyms must be added here to be rotated.
RESPONDENT_MAP = "restricted.respondents"
KEYED_COLUMNS = (("raw.survey_responses", "respondent_key"), ("restricted.respondents", "respondent_key"))
BATCH = 10_000


class KeyMismatch(RuntimeError):
    """The key at hand did not make the warehouse's pseudonyms."""


@dataclass
class Rotation:
    respondents: int
    rows_rekeyed: dict[str, int]

    def as_json(self) -> dict[str, object]:
        return {"respondents": self.respondents, "rows_rekeyed": self.rows_rekeyed}


def key_matches(conn, key: bytes) -> bool | None:
    """Did ``key`` make the warehouse's pseudonyms? None while there are none."""
    row = conn.execute(f"select respondent_key, respondent_id from {RESPONDENT_MAP} limit 1").fetchone()
    return None if row is None else keyed_hash(row[1], key) == row[0]


def check_key(conn, key: bytes) -> None:
    """Raise KeyMismatch, in one sentence, before anything is written with a wrong key."""
    if key_matches(conn, key) is False:
        raise KeyMismatch(
            "HORNSTEN_PSEUDONYM_KEY is not the key the warehouse's pseudonyms were made with "
            "(was it rotated? restart with the current key: `hornsten down && hornsten up`, or the deployment's secret)"
        )


def rotate_key(conn, old_key: bytes, new_key: bytes) -> Rotation:
    """Re-key every pseudonym from ``old_key`` to ``new_key`` in one transaction."""
    if not new_key or new_key == old_key:
        raise ValueError("the new key must differ from the old one")
    with conn.transaction():
        conn.execute("select pg_advisory_xact_lock(%s)", (INGEST_LOCK,))
        if key_matches(conn, old_key) is False:
            raise KeyMismatch("the current key did not make the warehouse's pseudonyms: nothing was rotated")
        _refuse_orphans(conn)
        conn.execute("create temp table _rekey (old_key text primary key, new_key text not null) on commit drop")
        respondents = _fill_rekey(conn, new_key)
        rekeyed = {}
        for table, column in KEYED_COLUMNS:
            rekeyed[table] = conn.execute(
                f"update {table} t set {column} = m.new_key from _rekey m where t.{column} = m.old_key"
            ).rowcount
        if key_matches(conn, new_key) is False:
            raise RuntimeError("rotation check failed: the pseudonyms do not match the new key")
    return Rotation(respondents, rekeyed)


def _refuse_orphans(conn) -> None:
    for table, column in KEYED_COLUMNS:
        if table == RESPONDENT_MAP:
            continue
        ((orphans,),) = conn.execute(
            f"""select count(*) from {table} t where t.{column} is not null
                and not exists (select 1 from {RESPONDENT_MAP} m where m.respondent_key = t.{column})"""
        ).fetchall()
        if orphans:
            raise KeyMismatch(
                f"{orphans} row(s) of {table} have a pseudonym without an original in {RESPONDENT_MAP}: "
                "they cannot be re-keyed, so nothing was rotated"
            )


def _fill_rekey(conn, new_key: bytes) -> int:
    """old → new pseudonym for every respondent, streamed in batches (a million respondents fit)."""
    count = 0
    with conn.cursor(name="hornsten_rekey_source") as source, conn.cursor() as target:
        source.execute(f"select respondent_key, respondent_id from {RESPONDENT_MAP}")
        while batch := source.fetchmany(BATCH):
            with target.copy("copy _rekey (old_key, new_key) from stdin") as copy:
                for old, original in batch:
                    copy.write_row((old, keyed_hash(original, new_key)))
            count += len(batch)
    conn.execute("analyze _rekey")
    return count
