"""The SQL detector must agree with the Python one.

Data-quality checks use public.hornsten_contains_personal_data to prove that
nothing survived pseudonymisation; if it disagreed with
hornsten.privacy.pseudonymise.contains_personal_data the check would either miss leaks or
flag clean data. The inputs are the tricky cases of tests/unit/test_privacy.py
plus a random corpus.

Runs against the session's project-local PostgreSQL (tests/conftest.py).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import psycopg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hornsten.privacy import evaluation
from hornsten.privacy import pseudonymise as privacy
from hornsten.warehouse.schema import SchemaNotCurrent, ensure_schema

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]


def _load_unit_cases() -> ModuleType:
    # Loaded by path: tests/ is not a package, and sharing the very same case
    # lists is the point of this test.
    path = REPO / "tests" / "unit" / "test_privacy.py"
    spec = importlib.util.spec_from_file_location("_privacy_unit_cases", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CASES = _load_unit_cases()
CASE_TEXTS = CASES.all_case_texts()


@pytest.fixture(scope="module")
def conn(warehouse_dsn: str) -> Iterator[psycopg.Connection]:
    with psycopg.connect(warehouse_dsn, autocommit=True) as connection:
        connection.execute("set client_encoding = 'UTF8'")
        ensure_schema(connection)
        yield connection


def sql_detects(conn: psycopg.Connection, texts: list[str | None]) -> list[bool]:
    rows = conn.execute(
        "select public.hornsten_contains_personal_data(t) from unnest(%s::text[])"
        " with ordinality as u(t, n) order by n",
        (texts,),
    ).fetchall()
    return [row[0] for row in rows]


def test_case_corpus_has_both_outcomes() -> None:
    # Agreement on only-positive or only-negative inputs would prove little.
    outcomes = [privacy.contains_personal_data(text) for text in CASE_TEXTS]
    assert sum(outcomes) > 50
    assert len(outcomes) - sum(outcomes) > 50


@pytest.mark.parametrize("text", CASE_TEXTS)
def test_sql_agrees_with_python_on_tricky_cases(conn: psycopg.Connection, text: str) -> None:
    assert sql_detects(conn, [text]) == [privacy.contains_personal_data(text)]


@pytest.mark.parametrize("seed", range(3))
def test_sql_agrees_with_python_on_random_texts(conn: psycopg.Connection, seed: int) -> None:
    texts = CASES.random_texts(1000 + seed, 2000)
    expected = [privacy.contains_personal_data(text) for text in texts]
    disagreements = [
        (text, want) for text, want, got in zip(texts, expected, sql_detects(conn, texts), strict=False) if want != got
    ]
    assert disagreements == []
    assert any(expected) and not all(expected)


@pytest.mark.parametrize("seed", range(3))
def test_pseudonymised_output_is_clean_for_sql(conn: psycopg.Connection, seed: int) -> None:
    # The data-quality check's actual use: what the loader wrote must pass.
    texts = CASES.random_texts(2000 + seed, 2000)
    redacted = [privacy.pseudonymise_text(text) for text in texts]
    assert redacted != texts
    assert not any(sql_detects(conn, redacted))


def test_null_and_empty_are_clean(conn: psycopg.Connection) -> None:
    assert sql_detects(conn, [None, ""]) == [False, False]


def test_function_is_stable_parallel_safe_and_costed(conn: psycopg.Connection) -> None:
    # Stable, not immutable: it reads the reference tables that pii_reference fills.
    # Costed as what it is (migration 0014): at the default cost the planner would check
    # a load's answers in one process instead of sharing them among parallel workers.
    row = conn.execute(
        "select provolatile, proparallel, procost from pg_proc"
        " where oid = 'public.hornsten_contains_personal_data(text)'::regprocedure"
    ).fetchone()
    assert row[:2] == ("s", "s")
    assert row[2] >= 10_000


# --- names, addresses, spelled-out e-mail: the labelled set and generated texts -------


def _load_fuzz_strategies() -> ModuleType:
    path = REPO / "tests" / "unit" / "test_privacy_fuzz.py"
    spec = importlib.util.spec_from_file_location("_privacy_fuzz_strategies", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FUZZ = _load_fuzz_strategies()


def test_sql_agrees_with_python_on_the_labelled_set(conn: psycopg.Connection) -> None:
    sentences = [s.text for s in evaluation.read_sentences(evaluation.default_path())]
    expected = [privacy.contains_personal_data(text) for text in sentences]
    got = sql_detects(conn, sentences)
    assert [(t, w) for t, w, g in zip(sentences, expected, got, strict=True) if w != g] == []
    # Both outcomes, in numbers.
    assert 250 < sum(expected) < len(sentences) - 150


def test_sql_finds_nothing_in_the_pseudonymised_labelled_set(conn: psycopg.Connection) -> None:
    sentences = [s.text for s in evaluation.read_sentences(evaluation.default_path())]
    redacted = [privacy.pseudonymise_text(text) for text in sentences]
    assert not any(sql_detects(conn, redacted))
    assert sum("[namn]" in t for t in redacted) > 100 and sum("[adress]" in t for t in redacted) > 60


def test_reference_tables_hold_the_python_definition(conn: psycopg.Connection) -> None:
    from hornsten.privacy import rules

    patterns = dict(conn.execute("select name, pattern from public.hornsten_pii_patterns").fetchall())
    assert patterns == rules.patterns()
    names = conn.execute(
        "select count(*) filter (where is_first), count(*) filter (where is_surname) from public.hornsten_pii_names"
    ).fetchone()
    assert names == (len(rules.name_lists().first), len(rules.name_lists().surnames))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(FUZZ.generated_text(), min_size=1, max_size=20))
def test_sql_agrees_with_python_on_generated_texts(conn: psycopg.Connection, texts: list[str]) -> None:
    texts = [t.replace("\x00", "") for t in texts]  # PostgreSQL text cannot hold NUL
    assert sql_detects(conn, texts) == [privacy.contains_personal_data(t) for t in texts]


def test_reference_rows_are_rewritten_only_when_the_data_changed(conn: psycopg.Connection) -> None:
    from hornsten.warehouse.pii_reference import load_reference

    assert load_reference(conn) is False  # the migration step loaded them already
    conn.execute("update public.hornsten_pii_reference set checksum = 'older data files'")
    conn.execute("delete from public.hornsten_pii_names where name = 'Anna'")
    with pytest.raises(SchemaNotCurrent, match="reference tables"):
        ensure_schema(conn)
    assert load_reference(conn) is True
    ensure_schema(conn)
    assert sql_detects(conn, ["Anna Svensson ringde."]) == [True]
