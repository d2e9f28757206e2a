"""A Report into files and an e-mail: HTML (Jinja2), PDF (WeasyPrint), XLSX (openpyxl)
and a MIME message with the charts inline and the PDF and XLSX attached."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

from hornsten.reports.charts import inline_svg
from hornsten.reports.model import Report
from hornsten.reports.safety import safe_cell

TEMPLATES = Path(__file__).parent / "templates"


@dataclass
class RenderedReport:
    report: Report
    html: Path
    pdf: Path
    xlsx: Path

    @property
    def files(self) -> list[Path]:
        return [self.html, self.pdf, self.xlsx]


def _environment():
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def html(report: Report, images: str = "svg") -> str:
    """The report as one self-contained HTML page; `images`: svg (inline), png-data (data URIs) or cid (e-mail)."""
    template = _environment().get_template("report.html.j2")

    # The image is named by the chart's title; its figures follow as the figure's caption,
    # visible to everyone and read once by a screen reader.
    def image(chart) -> str:
        if images == "cid":
            return f'<img src="cid:{chart.key}" alt="{_escape(chart.title)}" style="max-width:100%">'
        if images == "png-data":
            data = base64.b64encode(chart.png).decode()
            return f'<img src="data:image/png;base64,{data}" alt="{_escape(chart.title)}" style="max-width:100%">'
        return inline_svg(chart)

    return template.render(report=report, image=image, email=images == "cid")


def _escape(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


def pdf(report: Report, path: Path) -> Path:
    """A tagged PDF/UA-1 document: the structure of the HTML (headings, tables with their
    headers, figures with alt texts), its language (<html lang>) and title (<title>),
    which a reader shows instead of the file name. What the accessibility law asks of
    a document published as PDF (EN 301 549, chapter 10)."""
    from weasyprint import HTML

    HTML(string=html(report, images="svg"), base_url=str(TEMPLATES)).write_pdf(path, pdf_variant="pdf/ua-1")
    return path


def xlsx(report: Report, path: Path) -> Path:
    """Every table of the report on its own sheet, all rows, formula-safe."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    book = Workbook()
    about = book.active
    about.title = "Om rapporten"
    for row in (
        [report.title],
        [report.subtitle],
        [f"{report.municipality} · {report.period}"],
        [f"Skapad {report.generated_at:%Y-%m-%d %H:%M}"],
        ["Grupper med färre än 5 svarande visas inte (–)."],
    ):
        about.append([safe_cell(v) for v in row])
    about["A1"].font = Font(bold=True, size=14)
    about.column_dimensions["A"].width = 90
    used: set[str] = {about.title}
    for table in report.tables:
        title = _sheet_title(table.sheet, used)
        sheet = book.create_sheet(title)
        sheet.append([safe_cell(c) for c in table.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDE7F0")
        for row in table.rows:
            sheet.append([safe_cell(_plain(v)) for v in row])
        if table.note:
            sheet.append([])
            sheet.append([safe_cell(table.note)])
        for index, heading in enumerate(table.columns, start=1):
            sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = max(
                12, min(60, len(heading) + 4)
            )
        sheet.freeze_panes = "A2"
    book.save(path)
    return path


def _sheet_title(name: str, used: set[str]) -> str:
    base = "".join(ch for ch in name if ch not in "[]:*?/\\")[:31] or "Tabell"
    title, number = base, 2
    while title in used:
        suffix = f" {number}"
        title, number = base[: 31 - len(suffix)] + suffix, number + 1
    used.add(title)
    return title


def _plain(value: object) -> object:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return value


def render_files(report: Report, out_dir: Path) -> RenderedReport:
    """<name>.html, <name>.pdf and <name>.xlsx in out_dir."""
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = out_dir / report.name
    html_path = stem.with_suffix(".html")
    html_path.write_text(html(report, images="svg"), encoding="utf-8")
    return RenderedReport(
        report, html_path, pdf(report, stem.with_suffix(".pdf")), xlsx(report, stem.with_suffix(".xlsx"))
    )


def email(rendered: RenderedReport, sender: str, recipients: list[str]) -> EmailMessage:
    """HTML with the key figures and charts inline (Content-ID), a plain-text part, PDF and XLSX attached."""
    report = rendered.report
    message = EmailMessage()
    message["Subject"] = f"{report.title} – {report.period}"
    message["From"] = sender
    message["To"] = ", ".join(recipients)
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain="hornsten.local")
    message.set_content(plain_text(report))
    message.add_alternative(html(report, images="cid"), subtype="html")
    html_part = message.get_payload()[1]
    for chart in report.charts:
        html_part.add_related(
            chart.png, maintype="image", subtype="png", cid=f"<{chart.key}>", filename=f"{chart.key}.png"
        )
    message.add_attachment(rendered.pdf.read_bytes(), maintype="application", subtype="pdf", filename=rendered.pdf.name)
    message.add_attachment(
        rendered.xlsx.read_bytes(),
        maintype="application",
        subtype="vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        filename=rendered.xlsx.name,
    )
    return message


def plain_text(report: Report) -> str:
    lines = [report.title, report.subtitle, f"{report.municipality} · {report.period}", ""]
    if report.summary:
        lines += [report.summary, ""]
    for section in report.sections:
        lines.append(section.title.upper())
        lines += [f"  {k.label}: {k.value}" for k in section.key_figures]
        lines += section.paragraphs + [f"  • {b}" for b in section.bullets]
        lines += [f"  [Diagram] {c.alt}" for c in section.charts]
        lines.append("")
    lines.append("Hela rapporten finns som PDF och tabellerna som Excel-fil i bilagorna.")
    return "\n".join(lines)
