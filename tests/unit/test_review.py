"""The review page without a browser or database: passwords, CSRF tokens, highlighting
(escaped: answers are citizens' text and may hold markup), the server's settings."""

from __future__ import annotations

import pytest

from hornsten.config import load_process
from hornsten.review import auth
from hornsten.review.highlight import highlight, words
from hornsten.review.server import ReviewSettingsMissing, config_from_env, labels


def test_password_hash_is_salted_and_verifies():
    first, second = auth.hash_password("rätt lösenord"), auth.hash_password("rätt lösenord")
    assert first != second and first.startswith("scrypt$")
    assert auth.verify_password("rätt lösenord", first)
    assert not auth.verify_password("fel lösenord", first)
    assert "rätt" not in first


@pytest.mark.parametrize("stored", ["", "plain", "md5$x$y", "scrypt$1$8$1$!!$??", "scrypt$16384$8$1$AAAA"])
def test_malformed_hashes_never_match(stored):
    assert not auth.verify_password("anything", stored)


def test_empty_password_is_refused():
    with pytest.raises(ValueError):
        auth.hash_password("")


def test_csrf_tokens_must_match_the_session():
    token = auth.new_csrf_token()
    assert auth.csrf_ok(token, token)
    assert not auth.csrf_ok(token, auth.new_csrf_token())
    assert not auth.csrf_ok(None, token) and not auth.csrf_ok(token, None) and not auth.csrf_ok("", "")


def test_highlight_marks_whole_words_case_insensitively():
    html = str(highlight("Bussen går sällan, bussarna är fulla. Omnibussen?", ["bussen", "bussarna"]))
    assert html == "<mark>Bussen</mark> går sällan, <mark>bussarna</mark> är fulla. Omnibussen?"


def test_highlight_escapes_markup_in_the_answer_and_the_words():
    text = '<script>alert("x")</script> parken & <b>träd</b>'
    html = str(highlight(text, ["parken", "<b>"]))
    assert "<script>" not in html and "<b>" not in html.replace("<mark>", "")
    assert "&lt;script&gt;" in html and "&amp;" in html and "<mark>parken</mark>" in html


def test_highlight_marks_phrases_across_spaces():
    assert str(highlight("Inre  hamnen är fin", ["inre hamnen"])) == "<mark>Inre  hamnen</mark> är fin"


def test_highlight_without_words_only_escapes():
    assert str(highlight("a < b", [])) == "a &lt; b"


def test_words_are_distinct_and_lower_case():
    assert words("Fler träd, FLER bänkar i Söder!") == ["fler", "träd", "bänkar", "i", "söder"]


def test_server_settings_need_the_dsn_and_the_secret():
    with pytest.raises(ReviewSettingsMissing, match="HORNSTEN_REVIEWER_DSN and HORNSTEN_REVIEW_SECRET"):
        config_from_env({})
    config = config_from_env({"HORNSTEN_REVIEWER_DSN": "postgresql://x@h/db", "HORNSTEN_REVIEW_SECRET": "s"})
    assert config.process == "norrkoping_vision_2035" and config.labels["questions"]


def test_labels_come_from_the_process_configuration():
    found = labels(load_process("norrkoping_vision_2035"))
    assert set(found) == {"questions", "districts", "age_groups"}
    assert found["districts"] and found["age_groups"]


# ---------------------------------------------------------------------- the app, without a database
@pytest.fixture
def client():
    from fastapi.testclient import TestClient

    from hornsten.review.app import ReviewConfig, create_app

    # No server listens on port 9: any route that reached the database would fail loudly.
    config = ReviewConfig(dsn="postgresql://nobody@127.0.0.1:9/none", process="p", session_secret="test-secret")
    return TestClient(create_app(config))


def test_login_page_is_swedish_and_carries_a_csrf_token(client):
    page = client.get("/logga-in")
    assert page.status_code == 200 and '<html lang="sv">' in page.text
    assert '<label for="login">' in page.text and '<label for="password">' in page.text
    assert 'name="csrf_token" value="' in page.text and "hornsten_review" in page.headers["set-cookie"]


@pytest.mark.parametrize("path", ["/logga-in", "/beslut", "/forslag", "/forslag/1/beslut", "/logga-ut"])
def test_a_post_without_the_sessions_csrf_token_is_refused(client, path):
    client.get("/logga-in")  # a session with a token
    refused = client.post(path, data={"csrf_token": "forged", "login": "x", "password": "y"})
    assert refused.status_code == 400 and "formuläret har gått ut" in refused.text


def test_redirects_after_login_stay_on_the_site():
    from hornsten.review.app import _local

    assert _local("/komponent/park?sida=2") == "/komponent/park?sida=2"
    assert _local("https://evil.example/") == "/" and _local("//evil.example/") == "/" and _local("/\\evil") == "/"
