"""Failure alerts: when a task of a Hörnsten DAG fails for good, the data engineers
of the process configuration (``alerts.recipients``) get an e-mail with the DAG, the
task, the error and a link to the log. Sent through Airflow's SMTP connection."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import formatdate


def failure_message(
    *,
    process: str,
    dag_id: str,
    task_id: str,
    run_id: str,
    try_number: int | None,
    error: str,
    log_url: str | None,
    sender: str,
    recipients: list[str],
) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = f"[Hörnsten] {dag_id}: {task_id} misslyckades"
    message["From"] = sender
    message["To"] = ", ".join(recipients)
    message["Date"] = formatdate(localtime=True)
    lines = [
        f"Processen {process}: uppgiften {task_id} i DAG:en {dag_id} misslyckades.",
        "",
        f"Körning:  {run_id}",
        f"Försök:   {try_number if try_number is not None else '–'}",
        f"Fel:      {error}",
        f"Logg:     {log_url or '(ingen länk)'}",
        "",
        "Hörnsten skickar detta när en uppgift har misslyckats efter alla nya försök.",
    ]
    message.set_content("\n".join(lines))
    return message


def on_task_failure(context) -> None:
    """Airflow on_failure_callback: build the alert from the task context and send it."""
    from hornsten.airflow.tasks import smtp_send
    from hornsten.config import default_process_name, load_process

    config = load_process(default_process_name())
    recipients = list(config.alerts.recipients)
    if not recipients:
        return
    ti = context.get("ti") or context.get("task_instance")
    dag_run = context.get("dag_run")
    exception = context.get("exception")
    message = failure_message(
        process=config.process,
        dag_id=getattr(ti, "dag_id", None) or getattr(dag_run, "dag_id", "?"),
        task_id=getattr(ti, "task_id", "?"),
        run_id=getattr(ti, "run_id", None) or getattr(dag_run, "run_id", "?"),
        try_number=getattr(ti, "try_number", None),
        error=f"{type(exception).__name__}: {exception}" if exception else "(inget felmeddelande)",
        log_url=getattr(ti, "log_url", None),
        sender=config.reports.sender,
        recipients=recipients,
    )
    try:
        smtp_send(message)
    except Exception as exc:  # an alert that cannot be sent must not hide the original failure
        print(f"could not send the failure alert: {exc}")
