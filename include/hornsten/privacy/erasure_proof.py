"""The proof that an erasure left nothing: every table of every schema, every file.

Tables come from the catalog (``pg_class``: tables, partitioned and materialised
tables and views in every schema but PostgreSQL's own), so a model or table added
later is searched without anyone listing it. Every column is cast to text and
searched for

* the respondent identifier as delivered (case-insensitive substring) and its keyed
  hash (substring) — anywhere;
* ``<survey>:<response>``, the form dbt's ids are built from (e.g.
  ``stg_survey__answers.answer_id``), bounded so that ``s:1`` does not match ``s:17``
  — anywhere;
* the bare response id (exact value of a text column) — only where a row can belong
  to the erased survey: rows with that ``survey_id``, rows of that ``process``, and
  the process's own dbt schemas. Elsewhere a response of another survey may share
  the id ("17"), and numbers and dates are not ids.

Files: every file under the folders given (``erasure`` names the archive, the inbox,
Great Expectations' folder and the sent reports) is read — CSV and text
decoded, XLSX cell by cell on every sheet, anything else as bytes (UTF-8, Latin-1,
UTF-16) — and searched for the identifier, the keyed hash and the response key; the
process's survey exports also for rows with the response id (the rewrite's own row
matcher, by layout).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from psycopg import sql

from hornsten.config import ProcessConfig
from hornsten.privacy.erasure_files import Terms, rows_to_drop
from hornsten.warehouse import schemas

TEXT_TYPES = {"text", "character varying", "character", "name", "citext"}
# An XLSX that unpacks to more than this is not opened (a zip bomb in failed/).
MAX_UNPACKED_BYTES = 512 * 1024 * 1024
ID_CHARS = "A-Za-z0-9_-"


@dataclass
class Proof:
    tables_searched: int = 0
    files_searched: int = 0
    searched_for: str = "what was erased"  # how many terms of which kind, never the terms
    hits: list[str] = field(default_factory=list)  # "schema.table.column: n row(s)" / "file: what"

    @property
    def found(self) -> int:
        return len(self.hits)

    def describe(self) -> str:
        head = (
            f"proof: searched {self.tables_searched} tables and views (every column) "
            f"and {self.files_searched} files for {self.searched_for}: {self.found} found"
        )
        return "\n".join([head, *(f"  FOUND {hit}" for hit in self.hits)])


def _bounded(term: str) -> str:
    return f"(^|[^{ID_CHARS}]){re.escape(term)}($|[^{ID_CHARS}])"


def _relations(conn) -> list[tuple[str, str, list[tuple[str, str]]]]:
    rows = conn.execute(
        """select n.nspname, c.relname, a.attname, format_type(a.atttypid, null)
           from pg_class c
           join pg_namespace n on n.oid = c.relnamespace
           join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
           where c.relkind in ('r', 'p', 'm', 'v')
             and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'
           order by 1, 2, a.attnum"""
    ).fetchall()
    relations: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for schema, table, column, type_name in rows:
        relations.setdefault((schema, table), []).append((column, type_name))
    return [(s, t, cols) for (s, t), cols in relations.items()]


def _conditions(
    schema_name: str, columns: list[tuple[str, str]], config: ProcessConfig, terms: Terms
) -> list[tuple[str, sql.Composable]]:
    """(column, condition) pairs whose count must be 0."""
    names = {c for c, _ in columns}
    own = {schemas.schema(layer, config.process) for layer in schemas.LAYERS}
    if schema_name in own:
        scope = sql.SQL("true")
    elif "survey_id" in names:
        scope = sql.SQL("survey_id = {}").format(sql.Literal(config.survey.survey_id))
    elif "process" in names:
        scope = sql.SQL("process = {}").format(sql.Literal(config.process))
    else:
        scope = None
    anywhere = [t.casefold() for t in terms.respondent_values | terms.respondent_keys]
    bounded = [_bounded(k) for k in terms.response_keys]
    found = []
    for column, type_name in columns:
        text = sql.SQL("lower({}::text)").format(sql.Identifier(column))
        parts: list[sql.Composable] = [
            sql.SQL("strpos({}, {}) > 0").format(text, sql.Literal(term)) for term in anywhere
        ]
        parts += [sql.SQL("{}::text ~ {}").format(sql.Identifier(column), sql.Literal(b)) for b in bounded]
        if scope is not None and type_name in TEXT_TYPES and terms.response_ids:
            parts.append(
                sql.SQL("({} and {} = any({}))").format(
                    scope, sql.Identifier(column), sql.Literal(sorted(terms.response_ids))
                )
            )
        if parts:
            found.append((column, sql.SQL(" or ").join(parts)))
    return found


def search_tables(conn, config: ProcessConfig, terms: Terms, proof: Proof) -> None:
    for schema, table, columns in _relations(conn):
        conditions = _conditions(schema, columns, config, terms)
        if not conditions:
            continue
        counts = sql.SQL(", ").join(
            sql.SQL("count(*) filter (where {})").format(condition) for _, condition in conditions
        )
        query = sql.SQL("select {} from {}.{}").format(counts, sql.Identifier(schema), sql.Identifier(table))
        try:
            with conn.transaction():
                row = conn.execute(query).fetchone()
        except psycopg.Error as exc:
            # A relation that cannot be read (a broken view) is not proven clean.
            proof.hits.append(f"{schema}.{table}: could not be searched ({str(exc).strip().splitlines()[0]})")
            continue
        proof.tables_searched += 1
        for (column, _), count in zip(conditions, row, strict=True):
            if count:
                proof.hits.append(f"{schema}.{table}.{column}: {count} row(s)")


def _file_texts(path: Path) -> Iterable[str]:
    suffix = path.suffix.lower()
    if suffix in {".xlsx", ".xlsm"}:
        try:
            with zipfile.ZipFile(path) as archive:
                if sum(i.file_size for i in archive.infolist()) > MAX_UNPACKED_BYTES:
                    yield path.read_bytes().decode("latin-1")
                    return
            from openpyxl import load_workbook

            workbook = load_workbook(path, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError):
            yield path.read_bytes().decode("latin-1")
            return
        try:
            for sheet in workbook.worksheets:
                for row in sheet.iter_rows(values_only=True):
                    yield "\t".join("" if v is None else str(v) for v in row)
        finally:
            workbook.close()
        return
    data = path.read_bytes()
    yield data.decode("utf-8", errors="replace")
    yield data.decode("latin-1")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in data[:200]:
        yield data.decode("utf-16", errors="replace")


def search_files(
    files: Iterable[Path], survey_exports: set[Path], config: ProcessConfig, terms: Terms, key: bytes, proof: Proof
) -> None:
    anywhere = [t.casefold() for t in terms.respondent_values | terms.respondent_keys]
    bounded = [re.compile(_bounded(k)) for k in terms.response_keys]
    for path in files:
        proof.files_searched += 1
        if any(
            any(term in text.casefold() for term in anywhere) or any(b.search(text) for b in bounded)
            for text in _file_texts(path)
        ):
            proof.hits.append(f"{path}: the respondent identifier, its keyed hash or the response key")
        if path in survey_exports and terms.response_ids and rows_to_drop(path, config, terms, key):
            proof.hits.append(f"{path}: a row of the erased response")
