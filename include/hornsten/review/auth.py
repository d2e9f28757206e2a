"""Reviewers' passwords and the forms' CSRF tokens: the standard library only.

A password is stored as ``scrypt$n$r$p$<salt>$<hash>`` (hashlib.scrypt with a random
16-byte salt, base64), so the cost can be raised later without breaking old hashes.
A CSRF token is a random value kept in the signed session cookie and repeated in a
hidden field of every form; a POST whose field does not equal the session's is refused."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

# scrypt's cost: 2**14 rounds, 8 MiB of memory per hash (the usual interactive setting).
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
_SALT_BYTES = 16
_KEY_BYTES = 32


def hash_password(password: str) -> str:
    if not password:
        raise ValueError("a password must not be empty")
    salt = secrets.token_bytes(_SALT_BYTES)
    digest = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return "$".join(["scrypt", str(SCRYPT_N), str(SCRYPT_R), str(SCRYPT_P), _b64(salt), _b64(digest)])


def verify_password(password: str, stored: str) -> bool:
    """True when ``password`` hashes to ``stored``; a malformed hash never matches."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest)
        actual = _scrypt(password, base64.b64decode(salt), int(n), int(r), int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def new_password() -> str:
    return secrets.token_urlsafe(12)


def new_csrf_token() -> str:
    return secrets.token_urlsafe(32)


def csrf_ok(session_token: str | None, form_token: str | None) -> bool:
    return bool(session_token) and bool(form_token) and hmac.compare_digest(session_token, form_token)


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, maxmem=64 * 1024 * 1024, dklen=_KEY_BYTES)


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")
