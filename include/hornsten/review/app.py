"""The review page (granskning): a small standalone web app, FastAPI with server-rendered
Jinja2 templates.

Why standalone and not an Airflow plugin: the reviewers are process leaders and
analysts, not Airflow users, and should never need an Airflow login; the app connects
to the warehouse as its own least-privilege role (hornsten_reviewer: reads staging and
marts, writes only the `review` schema); and it can be deployed apart from Airflow
(its own docker-compose service). Server-rendered HTML keeps it usable without
JavaScript and simple to check for accessibility.

Routes only: queries are in ``queries``, the use cases in ``service``, passwords and
CSRF tokens in ``auth``; ``hornsten review serve`` runs it with uvicorn."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

import psycopg
from fastapi import Depends, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.middleware.sessions import SessionMiddleware

from hornsten.review import auth, queries, service
from hornsten.review.highlight import highlight, words
from hornsten.warehouse.schemas import scoped

_HERE = Path(__file__).parent
SESSION_HOURS = 8


@dataclass(frozen=True)
class ReviewConfig:
    """What the app needs: the reviewer role's connection, the process, the cookie's key,
    and the labels of questions and options (from the process configuration)."""

    dsn: str
    process: str
    session_secret: str
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    secure_cookie: bool = False


class LoginRequired(Exception):
    pass


def _db(request: Request):
    with psycopg.connect(request.app.state.config.dsn, autocommit=True) as conn:
        yield scoped(conn, request.app.state.config.process)


Conn = Annotated[Any, Depends(_db)]


def _current(request: Request, conn: Conn) -> service.Reviewer:
    login = request.session.get("login")
    who = service.reviewer(conn, login) if login else None
    if who is None:
        raise LoginRequired
    return who


async def _checked_form(request: Request) -> dict[str, str]:
    form = {k: str(v) for k, v in (await request.form()).items()}
    if not auth.csrf_ok(request.session.get("csrf"), form.get("csrf_token")):
        raise service.ReviewError("formuläret har gått ut; ladda om sidan och försök igen")
    return form


@dataclass(frozen=True)
class _ListingQuery:
    """The GET parameters of a page of answers, in the Swedish the address shows."""

    fraga: str = ""
    tema: str = ""
    stadsdel: str = ""
    alder: str = ""
    sida: int = 1

    @property
    def page(self) -> int:
        return max(1, self.sida)

    def filters(self) -> queries.Filters:
        return queries.Filters(self.fraga or None, self.tema or None, self.stadsdel or None, self.alder or None)

    def selected(self) -> dict[str, str]:
        return {"fraga": self.fraga, "tema": self.tema, "stadsdel": self.stadsdel, "alder": self.alder}


Who = Annotated[service.Reviewer, Depends(_current)]
Listing = Annotated[_ListingQuery, Depends()]
CheckedForm = Annotated[dict[str, str], Depends(_checked_form)]


def create_app(config: ReviewConfig) -> FastAPI:
    app = FastAPI(title="Hörnsten – granskning", docs_url=None, redoc_url=None, openapi_url=None)
    app.add_middleware(
        SessionMiddleware,
        secret_key=config.session_secret,
        session_cookie="hornsten_review",
        max_age=SESSION_HOURS * 3600,
        same_site="strict",
        https_only=config.secure_cookie,
    )
    app.state.config = config
    app.mount("/static", StaticFiles(directory=_HERE / "static"), name="static")
    templates = Jinja2Templates(directory=_HERE / "templates")
    templates.env.filters["highlight"] = highlight
    templates.env.globals["labels"] = config.labels

    def page(request: Request, name: str, who: service.Reviewer | None, status: int = 200, **context) -> Response:
        request.session.setdefault("csrf", auth.new_csrf_token())
        message = request.session.pop("message", None)
        context |= {"who": who, "csrf_token": request.session["csrf"], "message": message}
        return templates.TemplateResponse(request, name, context, status_code=status)

    def back(request: Request, target: str, message: str) -> RedirectResponse:
        request.session["message"] = message
        return RedirectResponse(_local(target), status_code=303)

    @app.exception_handler(LoginRequired)
    async def _to_login(request: Request, _exc: LoginRequired):
        return RedirectResponse("/logga-in?" + urlencode({"next": request.url.path}), status_code=303)

    @app.exception_handler(service.ReviewError)
    async def _refused(request: Request, exc: service.ReviewError):
        return page(request, "error.html", None, status=400, error=str(exc))

    @app.exception_handler(psycopg.errors.UndefinedTable)
    async def _not_built(request: Request, _exc: Exception):
        error = "Taggningen är inte byggd ännu: kör hornsten build (eller komponent-DAG:en) först."
        return page(request, "error.html", None, status=503, error=error)

    @app.get("/logga-in", response_class=HTMLResponse)
    def login_form(request: Request, next: str = "/"):
        return page(request, "login.html", None, next=_local(next))

    @app.post("/logga-in")
    def login(request: Request, form: CheckedForm, conn: Conn):
        who = service.authenticate(conn, form.get("login", ""), form.get("password", ""))
        if who is None:
            return page(request, "login.html", None, status=401, next=_local(form.get("next", "/")), failed=True)
        request.session.clear()
        request.session.update({"login": who.login, "csrf": auth.new_csrf_token()})
        return RedirectResponse(_local(form.get("next", "/")), status_code=303)

    @app.post("/logga-ut")
    def logout(request: Request, _form: CheckedForm):
        request.session.clear()
        return RedirectResponse("/logga-in", status_code=303)

    @app.get("/", response_class=HTMLResponse)
    def overview(request: Request, who: Who, conn: Conn):
        rows = queries.components_overview(conn)
        by_theme: dict[str, list[dict]] = {}
        for row in rows:
            by_theme.setdefault(row["theme_label"], []).append(row)
        return page(request, "components.html", who, by_theme=by_theme, pending=queries.pending_decisions(conn))

    @app.get("/komponent/{code}", response_class=HTMLResponse)
    def component_page(request: Request, who: Who, conn: Conn, code: str, listing: Listing):
        component = queries.component(conn, code)
        if component is None:
            raise service.ReviewError(f"okänd komponent {code!r}")
        answers = queries.component_answers(conn, code, listing.filters(), listing.page)
        return page(
            request,
            "component.html",
            who,
            component=component,
            answers=answers,
            pending=queries.pending_decisions(conn, code),
            choices=queries.component_choices(conn),
            themes=queries.themes(conn),
            values=queries.filter_values(conn),
            selected=listing.selected(),
            page_url=_page_url(request),
        )

    @app.get("/otaggade", response_class=HTMLResponse)
    def untagged_page(request: Request, who: Who, conn: Conn, listing: Listing):
        # Untagged answers have no theme: the theme filter does not apply.
        filters = dataclasses.replace(listing.filters(), theme=None)
        return page(
            request,
            "untagged.html",
            who,
            answers=queries.untagged_answers(conn, filters, listing.page),
            discovery=queries.discovery_terms(conn),
            choices=queries.component_choices(conn),
            themes=[],
            values=queries.filter_values(conn),
            selected=listing.selected(),
            page_url=_page_url(request),
        )

    @app.post("/beslut")
    def decide(request: Request, form: CheckedForm, who: Who, conn: Conn):
        service.record_decision(
            conn, config.process, who, form.get("answer_id", ""), form.get("component", ""), form.get("decision", "")
        )
        verb = {"accept": "godkänd", "reject": "avvisad", "add": "tillagd"}[form["decision"]]
        return back(
            request, form.get("next", "/"), f"Taggen {form['component']} är {verb}; det syns efter nästa bygge."
        )

    @app.get("/forslag/nytt", response_class=HTMLResponse)
    def proposal_form(
        request: Request,
        who: Who,
        conn: Conn,
        answer_id: str = "",
        word: str = "",
        component: str = "",
        kind: str = "term",
        next: str = "/",
    ):
        answer = queries.answer(conn, answer_id) if answer_id else None
        return page(
            request,
            "propose.html",
            who,
            answer=answer,
            answer_words=words(answer["answer_text"]) if answer else [],
            word=word,
            component=component,
            kind=kind if kind in ("term", "exclusion") else "term",
            choices=queries.component_choices(conn),
            match_kinds=service.MATCH_KINDS,
            next=_local(next),
        )

    @app.post("/forslag")
    def propose(request: Request, form: CheckedForm, who: Who, conn: Conn):
        kind = form.get("kind", "")
        proposal_id = service.propose(
            conn,
            config.process,
            who,
            form.get("component", ""),
            kind,
            form.get("value", ""),
            form.get("match") or None,
            form.get("answer_id") or None,
            form.get("note"),
        )
        what = "termen" if kind == "term" else "undantaget"
        return back(
            request, form.get("next", "/forslag"), f"Förslag {proposal_id} ({what} {form['value']!r}) är sparat."
        )

    @app.get("/forslag", response_class=HTMLResponse)
    def proposals_page(request: Request, who: Who, conn: Conn):
        return page(request, "proposals.html", who, proposals=queries.proposals(conn))

    @app.post("/forslag/{proposal_id}/beslut")
    def decide_proposal(request: Request, proposal_id: int, form: CheckedForm, who: Who, conn: Conn):
        approve = form.get("decision") == "approve"
        service.decide_proposal(conn, config.process, who, proposal_id, approve)
        verb = "godkänt" if approve else "avslaget"
        return back(request, "/forslag", f"Förslag {proposal_id} är {verb}; det gäller från nästa bygge.")

    return app


def _local(target: str) -> str:
    """Only paths of this site (no open redirect to another host)."""
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/"


def _page_url(request: Request):
    def url(number: int) -> str:
        params = dict(request.query_params) | {"sida": str(number)}
        return f"{request.url.path}?{urlencode(params)}"

    return url
