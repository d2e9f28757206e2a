"""The review's use cases, called by the review page and by ``hornsten review``:
reviewers and their login, decisions on tags, codebook proposals and their approval,
and the export of approved entries into the codebook seeds.

Every decision is a row with who and when (review.tag_decisions, codebook_proposals)
and an ``audit.events`` row of kind ``review`` (ids and codes only, never answer text
or answer ids, which name a response). The connection is scoped to the process
(hornsten.warehouse.schemas) and in autocommit: each function is one transaction."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from hornsten.audit import record_event
from hornsten.review import auth

DECISIONS = ("accept", "reject", "add")
MATCH_KINDS = ("stem", "prefix", "infix", "phrase")
_LOGIN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,62}$")


class ReviewError(ValueError):
    """A request the review cannot carry out, in one sentence for the reviewer (Swedish)."""


@dataclass(frozen=True)
class Reviewer:
    login: str
    display_name: str
    can_approve: bool


# ------------------------------------------------------------------ reviewers
def add_reviewer(conn, login: str, display_name: str, password: str, *, can_approve: bool = False) -> Reviewer:
    """A new reviewer; an existing login is refused (nothing changes)."""
    login = login.strip().lower()
    if not _LOGIN.match(login):
        raise ReviewError(f"ogiltigt inloggningsnamn {login!r}: små bokstäver, siffror, . _ - (2–63 tecken)")
    if len(password) < 8:
        raise ReviewError("lösenordet måste ha minst 8 tecken")
    inserted = conn.execute(
        """insert into review.reviewers (login, display_name, password_hash, can_approve)
           values (%s, %s, %s, %s) on conflict (login) do nothing returning login""",
        (login, display_name.strip() or login, auth.hash_password(password), can_approve),
    ).fetchone()
    if inserted is None:
        raise ReviewError(f"granskaren {login!r} finns redan")
    return Reviewer(login, display_name.strip() or login, can_approve)


def ensure_reviewer(conn, login: str, display_name: str, password: str, *, can_approve: bool) -> bool:
    """The reviewer exists with this password (the stack's default login); True if created or changed."""
    row = conn.execute("select password_hash from review.reviewers where login = %s", (login,)).fetchone()
    if row is None:
        add_reviewer(conn, login, display_name, password, can_approve=can_approve)
        return True
    if auth.verify_password(password, row[0]):
        return False
    conn.execute(
        "update review.reviewers set password_hash = %s where login = %s", (auth.hash_password(password), login)
    )
    return True


def authenticate(conn, login: str, password: str) -> Reviewer | None:
    row = conn.execute(
        "select login, display_name, password_hash, can_approve from review.reviewers where login = %s",
        (login.strip().lower(),),
    ).fetchone()
    if row is None:
        auth.verify_password(password, auth.hash_password("timing"))  # the same time for unknown logins
        return None
    if not auth.verify_password(password, row[2]):
        return None
    return Reviewer(row[0], row[1], row[3])


def reviewer(conn, login: str) -> Reviewer | None:
    row = conn.execute(
        "select login, display_name, can_approve from review.reviewers where login = %s", (login,)
    ).fetchone()
    return Reviewer(*row) if row else None


# ------------------------------------------------------------------ decisions
def record_decision(
    conn, process: str, who: Reviewer, answer_id: str, component: str, decision: str, note: str | None = None
) -> int:
    """A reviewer's decision on one tag; the latest per answer and component counts in the next build."""
    if decision not in DECISIONS:
        raise ReviewError(f"okänt beslut {decision!r}")
    _known_component(conn, component)
    if (
        conn.execute("select 1 from intermediate.int_answers_tagged where answer_id = %s", (answer_id,)).fetchone()
        is None
    ):
        raise ReviewError("svaret finns inte (längre) i lagret")
    with conn.transaction():
        (decision_id,) = conn.execute(
            """insert into review.tag_decisions (answer_id, component, decision, reviewer, note)
               values (%s, %s, %s, %s, %s) returning decision_id""",
            (answer_id, component, decision, who.login, (note or "").strip() or None),
        ).fetchone()
        _audit(conn, process, who, component, action="tag_decision", decision=decision, decision_id=decision_id)
    return decision_id


# ------------------------------------------------------------------ codebook proposals
def propose(
    conn,
    process: str,
    who: Reviewer,
    component: str,
    kind: str,
    value: str,
    match: str | None = None,
    source_answer_id: str | None = None,
    note: str | None = None,
) -> int:
    """A proposed term or exclusion; the same open or approved proposal again returns its id."""
    value = re.sub(r"\s+", " ", value.strip().lower())
    if kind not in ("term", "exclusion"):
        raise ReviewError(f"okänd typ av förslag {kind!r}")
    if not re.search(r"\w", value):
        raise ReviewError("förslaget saknar ord")
    if kind == "term" and match not in MATCH_KINDS:
        raise ReviewError(f"en term behöver en matchning: {', '.join(MATCH_KINDS)}")
    match = match if kind == "term" else None
    _known_component(conn, component)
    with conn.transaction():
        existing = conn.execute(
            """select proposal_id from review.codebook_proposals
               where component = %s and kind = %s and value = %s and match is not distinct from %s
                 and status in ('proposed', 'approved')""",
            (component, kind, value, match),
        ).fetchone()
        if existing:
            return existing[0]
        (proposal_id,) = conn.execute(
            """insert into review.codebook_proposals
                   (component, kind, value, match, proposed_by, source_answer_id, note)
               values (%s, %s, %s, %s, %s, %s, %s) returning proposal_id""",
            (component, kind, value, match, who.login, source_answer_id, (note or "").strip() or None),
        ).fetchone()
        _audit(conn, process, who, component, action="proposal", kind=kind, proposal_id=proposal_id)
    return proposal_id


def decide_proposal(conn, process: str, who: Reviewer, proposal_id: int, approve: bool) -> None:
    """Approve or reject an open proposal: only a reviewer with can_approve may."""
    if not who.can_approve:
        raise ReviewError("du får inte godkänna förslag (can_approve saknas)")
    with conn.transaction():
        row = conn.execute(
            """update review.codebook_proposals set status = %s, decided_by = %s, decided_at = now()
               where proposal_id = %s and status = 'proposed' returning component""",
            ("approved" if approve else "rejected", who.login, proposal_id),
        ).fetchone()
        if row is None:
            raise ReviewError(f"förslag {proposal_id} finns inte eller är redan avgjort")
        _audit(conn, process, who, row[0], action="approve" if approve else "reject", proposal_id=proposal_id)


def _audit(conn, process: str, who: Reviewer, component: str, **details) -> None:
    """The audit row of a review action: ids and codes only, never text or answer ids."""
    record_event(conn, "review", process, subject=component, details=details, by=f"review:{who.login}")


def _known_component(conn, component: str) -> None:
    found = conn.execute("select 1 from staging.stg_codebook__components where component = %s", (component,))
    if found.fetchone() is None:
        raise ReviewError(f"okänd komponent {component!r}")


# ------------------------------------------------------------------ export into the seeds
@dataclass(frozen=True)
class ExportResult:
    terms: int
    exclusions: int
    terms_file: Path
    exclusions_file: Path


def export_codebook(conn, seeds_dir: Path) -> ExportResult:
    """Append the approved proposals that are not in the seed CSVs yet, each with a note
    naming the proposal, its approver and the date, so a municipality can commit them.

    Running it again adds nothing; the files keep their columns (unknown ones left empty)."""
    approved = conn.execute(
        """select proposal_id, component, kind, value, match, decided_by, decided_at
           from review.codebook_proposals where status = 'approved' order by proposal_id"""
    ).fetchall()
    terms_file, exclusions_file = seeds_dir / "codebook_terms.csv", seeds_dir / "codebook_exclusions.csv"
    terms = [row for row in approved if row[2] == "term"]
    exclusions = [row for row in approved if row[2] == "exclusion"]
    added_terms = _append(
        terms_file,
        terms,
        key=lambda r: (r["component"].strip(), r["term"].strip().lower(), r["match"].strip().lower()),
        proposal_key=lambda p: (p[1], p[3], p[4]),
        row=lambda p: {"component": p[1], "term": p[3], "match": p[4]},
    )
    added_exclusions = _append(
        exclusions_file,
        exclusions,
        key=lambda r: (r["component"].strip(), r["word_prefix"].strip().lower()),
        proposal_key=lambda p: (p[1], p[3]),
        row=lambda p: {"component": p[1], "word_prefix": p[3]},
    )
    return ExportResult(added_terms, added_exclusions, terms_file, exclusions_file)


def _append(path: Path, proposals, *, key, proposal_key, row) -> int:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = list(reader.fieldnames or [])
        present = {key({k: (v or "") for k, v in r.items()}) for r in reader}
    new = [p for p in proposals if proposal_key(p) not in present]
    if not new:
        return 0
    text = path.read_text(encoding="utf-8")
    line_end = "\r\n" if "\r\n" in text else "\n"  # the file's own line ends
    with path.open("a", encoding="utf-8", newline="") as handle:
        if text and not text.endswith("\n"):
            handle.write(line_end)
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator=line_end, extrasaction="ignore")
        for proposal in new:
            decided: date = proposal[6].date()
            note = f"granskning: förslag {proposal[0]}, godkänt av {proposal[5]} {decided.isoformat()}"
            writer.writerow(dict.fromkeys(fields, "") | row(proposal) | {"note": note})
    return len(new)
