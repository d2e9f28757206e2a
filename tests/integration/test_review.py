"""The review page end to end on a real warehouse: decisions and approved proposals in
the next dbt build, and the page itself in headless Chromium (Selenium)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

from hornsten.config import load_process
from hornsten.demo.survey import generate_sample
from hornsten.devstack import stack
from hornsten.devstack.scratch import free_port
from hornsten.review import service
from hornsten.survey.ingest import ingest_files, pseudonym_key
from hornsten.warehouse import roles
from hornsten.warehouse.dbt import dbt_executable, dbt_project_dir
from tests.browser import chromium_driver
from tests.warehouse import connect, empty_survey_landing

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]
# What a rebuild after reviewing needs: the review and codebook staging, the tagging
# chain and the survey bridge (hornsten build --select …, as the components DAG builds them).
REBUILD = "tag:review_staging tag:codebook_staging tag:tagging tag:survey_intermediate"


def _dbt(env: dict[str, str], *args: str) -> str:
    result = subprocess.run([dbt_executable(), *args], cwd=dbt_project_dir(), env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-6000:]
    return result.stdout


@pytest.fixture(scope="module")
def built(stack_settings, warehouse_dsn, tmp_path_factory):
    config = load_process("norrkoping_vision_2035")
    empty_survey_landing(warehouse_dsn)
    sample = generate_sample(config, 600, 5, ["csv"], tmp_path_factory.mktemp("sample"))
    with connect(warehouse_dsn, autocommit=True) as conn:
        ingest_files(conn, [f.path for f in sample.files], config, pseudonym_key())
    env = {**stack.full_env(stack_settings), **config.dbt_env()}
    # Empty review tables: everything builds and tests.
    log = _dbt(env, "build")
    yield {"dsn": warehouse_dsn, "env": env, "config": config, "log": log}
    # Later modules of the session build their own samples: no decision of this one may apply there.
    with psycopg.connect(warehouse_dsn, autocommit=True) as conn:
        conn.execute("truncate review.tag_decisions, review.codebook_proposals, review.reviewers")


def q(dsn: str, sql: str, *params):
    with connect(dsn) as conn:
        return conn.execute(sql, params).fetchall()


def _tag_sources(dsn: str, answer_id: str) -> dict[str, str]:
    rows = q(
        dsn, "select component, tag_source from intermediate.int_answer_components where answer_id = %s", answer_id
    )
    return dict(rows)


def test_decisions_and_proposals_enter_the_next_build(built, stack_settings):
    dsn = built["dsn"]
    assert "stg_review__tag_decisions" in built["log"] and "codebook_history" in built["log"]
    # A machine tag to reject, an answer to add a component to, an untagged answer with a word to approve.
    ((rejected_answer, rejected_component),) = q(
        dsn, "select answer_id, component from intermediate.int_answer_components order by answer_id limit 1"
    )
    ((added_answer,),) = q(
        dsn,
        """select answer_id from intermediate.int_answers_tagged
           where not ('evenemang' = any(components)) order by answer_id limit 1""",
    )
    word = "hörnstensordet"  # a word no term covers, planted in the raw answers of two responses
    with psycopg.connect(dsn, autocommit=True) as conn:
        planted = conn.execute(
            """update raw.survey_answers set answer_text = answer_text || ' ' || %s
               where (survey_id, response_id, question_code) in (
                   select survey_id, response_id, question_code from raw.survey_answers
                   order by response_id desc limit 2)
               returning survey_id || ':' || response_id || ':' || question_code""",
            (word,),
        ).fetchall()
    # An exclusion stops a machine tag: the component of a matched word, excluded by its prefix.
    ((excluded_answer, excluded_component, excluded_word),) = q(
        dsn,
        """select answer_id, component, matched_words[1] from intermediate.int_answer_components
           where cardinality(matched_words) = 1 and evidence_count = 1 and answer_id <> %s
             and matched_words[1] ~ '^[[:alpha:]]{6,}$'
           order by answer_id limit 1""",
        rejected_answer,
    )
    _dbt(built["env"], "build", "--select", REBUILD)  # the planted word is in staging now
    with connect(stack_settings.dsn(roles.REVIEWER), autocommit=True) as conn:
        who = service.add_reviewer(conn, "anna", "Anna", "lösenord123", can_approve=True)
        service.record_decision(conn, "norrkoping_vision_2035", who, rejected_answer, rejected_component, "reject")
        service.record_decision(conn, "norrkoping_vision_2035", who, added_answer, "evenemang", "add")
        term = service.propose(conn, "norrkoping_vision_2035", who, "gronomraden", "term", word, "stem")
        exclusion = service.propose(conn, "norrkoping_vision_2035", who, excluded_component, "exclusion", excluded_word)
        service.decide_proposal(conn, "norrkoping_vision_2035", who, term, approve=True)
        service.decide_proposal(conn, "norrkoping_vision_2035", who, exclusion, approve=True)
    # Each decision is audited with the reviewer as actor (the owner reads the audit trail).
    actors = q(dsn, "select actor, count(*) from audit.events where kind = 'review' group by actor")
    assert actors == [("review:anna", 6)]
    assert rejected_component in _tag_sources(dsn, rejected_answer)  # not before the build
    _dbt(built["env"], "build", "--select", REBUILD + " codebook_history")

    assert rejected_component not in _tag_sources(dsn, rejected_answer)
    assert _tag_sources(dsn, added_answer).get("evenemang") == "reviewer"
    ((decided_by, terms),) = q(
        dsn,
        """select decided_by, matched_terms from intermediate.int_answer_components
           where answer_id = %s and component = 'evenemang'""",
        added_answer,
    )
    assert decided_by == "anna" and terms == ["granskare:anna"]
    for (answer_id,) in planted:
        assert _tag_sources(dsn, answer_id).get("gronomraden") == "machine"
    assert excluded_component not in _tag_sources(dsn, excluded_answer)
    history = q(dsn, "select proposal_id, status, proposed_by, decided_by, is_in_seed from marts.codebook_history")
    assert sorted(history) == [
        (term, "approved", "anna", "anna", False),
        (exclusion, "approved", "anna", "anna", False),
    ]


def test_export_codebook_appends_approved_entries_once(built, stack_settings, tmp_path):
    seeds = tmp_path / "codebook"
    shutil.copytree(REPO / "dbt_project" / "seeds" / "codebook", seeds)
    before = (seeds / "codebook_terms.csv").read_text(encoding="utf-8")
    with connect(stack_settings.dsn(roles.REVIEWER), autocommit=True) as conn:
        first = service.export_codebook(conn, seeds)
        again = service.export_codebook(conn, seeds)
    assert (first.terms, first.exclusions) == (1, 1) and (again.terms, again.exclusions) == (0, 0)
    after = (seeds / "codebook_terms.csv").read_text(encoding="utf-8")
    assert after.startswith(before)
    (added,) = list(csv.DictReader(io.StringIO(after)))[-1:]
    assert (added["component"], added["term"], added["match"]) == ("gronomraden", "hörnstensordet", "stem")
    assert re.fullmatch(r"granskning: förslag \d+, godkänt av anna \d{4}-\d\d-\d\d", added["note"])
    assert len(after.splitlines()) == len(before.splitlines()) + 1


def _hornsten(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    command = [str(Path(sys.executable).parent / "hornsten"), *args]
    return subprocess.run(command, input=stdin, capture_output=True, text=True, env=os.environ.copy())


def test_cli_adds_reviewers_and_exports_the_codebook(built, stack_settings, tmp_path):
    added = _hornsten("review", "add-user", "cecilia", "--name", "Cecilia")
    assert added.returncode == 0, added.stderr
    password = added.stdout.strip()
    again = _hornsten("review", "add-user", "cecilia")
    assert again.returncode == 1 and "finns redan" in again.stderr
    typed = _hornsten("review", "add-user", "david", "--can-approve", "--password-stdin", stdin="ett långt lösen\n")
    assert typed.returncode == 0 and typed.stdout == ""
    with connect(stack_settings.dsn(roles.REVIEWER), autocommit=True) as conn:
        assert service.authenticate(conn, "cecilia", password) == service.Reviewer("cecilia", "Cecilia", False)
        assert service.authenticate(conn, "david", "ett långt lösen").can_approve
        assert service.authenticate(conn, "david", password) is None
    seeds = tmp_path / "seeds"
    shutil.copytree(REPO / "dbt_project" / "seeds" / "codebook", seeds)
    exported = _hornsten("review", "export-codebook", "--seeds", str(seeds))
    assert exported.returncode == 0, exported.stderr
    assert "1 term(s) added" in exported.stdout and "1 exclusion(s) added" in exported.stdout
    info = json.loads(_hornsten("status", "--json").stdout)
    assert info["review_url"] == stack_settings.review_url and info["review"]["login"] == "granskare"


# ---------------------------------------------------------------------- the browser


@pytest.fixture
def review_server(built, stack_settings):
    """The review page served by uvicorn (python -m hornsten.review.server), as `hornsten up` runs it."""
    from hornsten.devstack.review import review_env

    port = free_port()
    env = review_env(stack_settings) | {"PYTHONPATH": str(REPO / "include")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "hornsten.review.server", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while not stack.port_in_use(port):
        assert proc.poll() is None and time.monotonic() < deadline, "the review server did not start"
        time.sleep(0.2)
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture
def browser():
    """A browser of its own: the test logs in, and its session cookie must not leak into others."""
    with chromium_driver() as driver:
        yield driver


def _navigate(browser, element) -> None:
    """Click ``element`` and wait until the next page has replaced this one."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    page = browser.find_element(By.TAG_NAME, "html")
    element.click()
    WebDriverWait(browser, 15).until(expected_conditions.staleness_of(page))


def _find_answer(browser, pages_url: str, answer_id: str):
    """The answer's element on the first page of ``pages_url`` (…&sida=N) that lists it."""
    from selenium.webdriver.common.by import By

    for number in range(1, 200):
        browser.get(f"{pages_url}{number}")
        hits = browser.find_elements(By.CSS_SELECTOR, f"li.answer[data-answer-id='{answer_id}']")
        if hits:
            return hits[0]
        if not browser.find_elements(By.CSS_SELECTOR, "a[rel='next']"):
            break
    raise AssertionError(f"{answer_id} is not listed on {pages_url}…")


def test_review_in_a_browser(built, stack_settings, review_server, browser):
    from selenium.webdriver.common.by import By

    dsn = built["dsn"]
    with connect(stack_settings.dsn(roles.REVIEWER), autocommit=True) as conn:
        service.add_reviewer(conn, "berit", "Berit", "hemligt-lösen", can_approve=True)
    # The component with most tags; one of its answers to reject, one untagged answer to teach a term from.
    ((component,),) = q(
        dsn, "select component from intermediate.int_answer_components group by 1 order by count(*) desc limit 1"
    )
    new_word = "pelargonier"
    with psycopg.connect(dsn, autocommit=True) as conn:
        (planted,) = conn.execute(
            """update raw.survey_answers set answer_text = 'Fler <b>' || %s || '</b> i rabatterna'
               where (survey_id, response_id, question_code) = (
                   select survey_id, response_id, question_code from raw.survey_answers a
                   where not exists (
                       select from review.tag_decisions d
                       where d.answer_id like a.survey_id || ':' || a.response_id || ':%%')
                   order by response_id offset 40 limit 1)
               returning survey_id || ':' || response_id || ':' || question_code""",
            (new_word,),
        ).fetchone()
    _dbt(built["env"], "build", "--select", REBUILD + " respondents")

    browser.get(review_server + "/")
    assert (
        "/logga-in" in browser.current_url and browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "sv"
    )
    browser.find_element(By.ID, "login").send_keys("berit")
    browser.find_element(By.ID, "password").send_keys("hemligt-lösen")
    _navigate(browser, browser.find_element(By.CSS_SELECTOR, "form.login button"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Komponenter att granska"

    _navigate(browser, browser.find_element(By.CSS_SELECTOR, f"a[href='/komponent/{component}']"))
    first = browser.find_element(By.CSS_SELECTOR, "li.answer")
    rejected = first.get_attribute("data-answer-id")
    assert first.find_elements(By.TAG_NAME, "mark"), "the matched words are highlighted"
    browser.save_screenshot(str(REPO / "docs" / "images" / "review-page.png"))
    _navigate(browser, first.find_element(By.CSS_SELECTOR, "button.reject"))
    assert "avvisad" in browser.find_element(By.CSS_SELECTOR, ".message").text
    pending = browser.find_element(By.CSS_SELECTOR, f"li.answer[data-answer-id='{rejected}'] .badge.pending")
    assert "väntar på nästa bygge" in pending.text

    # Propose the new word as a term from the untagged answer (found on its question's untagged pages), approve it.
    assert q(dsn, "select is_tagged from intermediate.int_answers_tagged where answer_id = %s", planted) == [(False,)]
    question = planted.rsplit(":", 1)[1]
    untagged = _find_answer(browser, f"{review_server}/otaggade?fraga={question}&sida=", planted)
    assert "<b>" in untagged.find_element(By.CSS_SELECTOR, "blockquote.text").text
    _navigate(browser, untagged.find_element(By.LINK_TEXT, "Föreslå en term från svaret"))
    assert "<b>" in browser.find_element(By.CSS_SELECTOR, "blockquote.text").text  # escaped, not rendered
    browser.find_element(By.ID, "value").send_keys(new_word)
    browser.find_element(By.CSS_SELECTOR, f"#component option[value='{component}']").click()
    browser.find_element(By.CSS_SELECTOR, "#match option[value='stem']").click()
    _navigate(browser, browser.find_element(By.CSS_SELECTOR, "form.propose button"))
    browser.get(review_server + "/forslag")
    _navigate(browser, browser.find_element(By.CSS_SELECTOR, "tr[data-proposal-id] button.approve"))
    assert "godkänt" in browser.find_element(By.CSS_SELECTOR, ".message").text

    _dbt(built["env"], "build", "--select", REBUILD + " respondents")  # the next build
    browser.get(review_server + f"/komponent/{component}?sida=1")
    shown = {e.get_attribute("data-answer-id") for e in browser.find_elements(By.CSS_SELECTOR, "li.answer")}
    assert rejected not in shown
    bridge = "select answer_id from intermediate.int_answer_components where component = %s"
    assert rejected not in {a for (a,) in q(dsn, bridge, component)}
    assert _tag_sources(dsn, planted).get(component) == "machine"
    # The planted answer is on the component's pages, its new word highlighted and its markup escaped.
    found = _find_answer(browser, f"{review_server}/komponent/{component}?fraga={question}&sida=", planted)
    assert new_word in [m.text for m in found.find_elements(By.TAG_NAME, "mark")]
    assert "<b>" in found.find_element(By.CSS_SELECTOR, "blockquote.text").text
