"""A local SMTP catcher for the demo and tests: a real SMTP server (aiosmtpd) that
keeps every message as an ``.eml`` file instead of delivering it.

``hornsten up`` starts it on 127.0.0.1:$HORNSTEN_SMTP_PORT (8025) with mail in
``$HORNSTEN_HOME/mail/``; Airflow's ``smtp_default`` connection points at it. Open
the ``.eml`` files in any mail client, or the ``.html`` part written beside them.

    python -m hornsten.devstack.mailcatcher --port 8025 --dir .hornsten/mail
"""

from __future__ import annotations

import argparse
import datetime as dt
import email
import email.policy
import re
import signal
import threading
from pathlib import Path


class MailFolder:
    """aiosmtpd handler: one .eml per message (with the envelope recipients) and its HTML part beside it."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._count = len(list(folder.glob("*.eml")))

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        message = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        subject = str(message.get("Subject", "")).strip()
        with self._lock:
            self._count += 1
            stem = f"{dt.datetime.now():%Y%m%d-%H%M%S}-{self._count:04d}-{_slug(subject)}"
        header = (
            f"X-Hornsten-Envelope-From: {envelope.mail_from}\r\n"
            f"X-Hornsten-Envelope-To: {', '.join(envelope.rcpt_tos)}\r\n"
        ).encode()
        (self.folder / f"{stem}.eml").write_bytes(header + (envelope.original_content or envelope.content))
        body = message.get_body(preferencelist=("html",))
        if body is not None:
            (self.folder / f"{stem}.html").write_text(body.get_content(), encoding="utf-8")
        print(f"caught: {subject!r} to {', '.join(envelope.rcpt_tos)} -> {stem}.eml", flush=True)
        return "250 Message accepted for delivery"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold().encode("ascii", "ignore").decode()).strip("-")[:60] or "mail"


def start(folder: Path, port: int, host: str = "127.0.0.1"):
    """A running catcher (aiosmtpd Controller); call .stop() when done."""
    from aiosmtpd.controller import Controller

    controller = Controller(MailFolder(folder), hostname=host, port=port)
    controller.start()
    return controller


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=8025)
    parser.add_argument("--dir", type=Path, required=True)
    args = parser.parse_args()
    controller = start(args.dir, args.port)
    print(f"SMTP catcher on 127.0.0.1:{args.port}, mail in {args.dir}", flush=True)
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    signal.signal(signal.SIGINT, lambda *_: stopped.set())
    stopped.wait()
    controller.stop()


if __name__ == "__main__":
    main()
