"""Running the review page: its settings from the environment, served by uvicorn.

``hornsten review serve`` and the local stack (``hornsten up``, which starts
``python -m hornsten.review.server`` in the background like the SMTP catcher) and the
docker-compose ``review`` service all come here:

    HORNSTEN_REVIEWER_DSN   the warehouse as hornsten_reviewer (required)
    HORNSTEN_REVIEW_SECRET  the key that signs the session cookie (required)
    HORNSTEN_PROCESS        the process reviewed (default norrkoping_vision_2035)
    HORNSTEN_REVIEW_SECURE_COOKIE  true behind HTTPS (the cookie is then sent over HTTPS only)
"""

from __future__ import annotations

import argparse
import os

from hornsten.config import ProcessConfig, load_process
from hornsten.review.app import ReviewConfig, create_app

DEFAULT_PORT = 8090


class ReviewSettingsMissing(RuntimeError):
    pass


def labels(config: ProcessConfig) -> dict[str, dict[str, str]]:
    """The Swedish wording of the questions and of the district and age-group options."""
    questions = {q.code: q.text for q in config.survey.text_questions}
    options = {q.code: {o.code: o.label for o in q.options} for q in config.survey.choice_questions}
    return {
        "questions": questions,
        "districts": options.get("district", {}),
        "age_groups": options.get("age_group", {}),
    }


def config_from_env(environ: dict[str, str] | None = None) -> ReviewConfig:
    env = os.environ if environ is None else environ
    missing = [name for name in ("HORNSTEN_REVIEWER_DSN", "HORNSTEN_REVIEW_SECRET") if not env.get(name)]
    if missing:
        raise ReviewSettingsMissing(f"the review page needs {' and '.join(missing)} in its environment")
    process = load_process(env.get("HORNSTEN_PROCESS") or None)
    return ReviewConfig(
        dsn=env["HORNSTEN_REVIEWER_DSN"],
        process=process.process,
        session_secret=env["HORNSTEN_REVIEW_SECRET"],
        labels=labels(process),
        secure_cookie=env.get("HORNSTEN_REVIEW_SECURE_COOKIE", "").lower() in ("1", "true", "yes"),
    )


def serve(config: ReviewConfig, host: str = "127.0.0.1", port: int = DEFAULT_PORT) -> None:
    import uvicorn

    uvicorn.run(create_app(config), host=host, port=port, log_level="info", access_log=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="The Hörnsten review page")
    parser.add_argument("--host", default=os.environ.get("HORNSTEN_REVIEW_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("HORNSTEN_REVIEW_PORT") or DEFAULT_PORT))
    args = parser.parse_args(argv)
    try:
        config = config_from_env()
    except ReviewSettingsMissing as exc:
        parser.exit(2, f"{exc}\n")
    serve(config, args.host, args.port)


if __name__ == "__main__":
    main()
