"""What the inbox page reads per request: the filter row's stages and categories, the working
calendar and the rows with their names in one statement (two when the rows are filtered by the
time or by words), every value as the database holds it right now."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import update

from engine.accounts.tables import User
from engine.calendar.store import remove_override, set_override
from engine.complaints.inbox import InboxFilter, inbox
from engine.complaints.tables import HumanTask
from engine.reference.tables import Category
from tests.sql_log import commits, statements, transactions
from tests.walk import VERIFY_FORWARD, Walk, wib
from tests.webui.pages import Pages, text_of
from webui.wiring import Services

INBOX_TABLES = ("human_task", "category", "app_user")
STAGE_OPTIONS = re.compile(r'<select name="stage">(.*?)</select>', re.S)
CATEGORY_OPTIONS = re.compile(r'<select name="category">(.*?)</select>', re.S)
OFF_DAY = date(2026, 3, 4)  # a Wednesday between the clock (2 March) and the deadlines
OPTION = re.compile(r'<option value="([^"]*)"[^>]*>([^<]*)</option>')


def _options(pattern: re.Pattern[str], page: str) -> list[tuple[str, str]]:
    found = pattern.search(page)
    assert found is not None
    return [(value, words) for value, words in OPTION.findall(found.group(1)) if value]


def _rename(services: Services, code: str, **values: object) -> None:
    with services.uow() as uow:
        uow.session.execute(update(Category).where(Category.code == code).values(**values))
        uow.commit()


def test_the_page_reads_rows_names_and_choices_in_one_statement(
        pages: Pages, walk: Walk, services: Services) -> None:
    """Rows held by a colleague, in several categories: the holders' names come with the rows,
    the rows with the stages and categories (it took 5 statements: rows, holders, category
    names, stages, categories; then 2); a search reads its rows apart."""
    codes = [walk.file(title=f"Laporan {n}", category=c).tracking_code
             for n, c in enumerate(("4", "8", "4"))]
    colleague = walk.user("tim_admin", name="Rekan Kerja")
    walk.user("tim_admin")
    walk.claim(codes[0], "verifikasi", colleague)
    pages.login("tim_admin")
    pages.get("/petugas/")  # the sign-in's own reads done
    with statements(services) as seen:
        page = text_of(pages.get("/petugas/"))
    assert "Diambil Rekan Kerja" in page and page.count("Belum diambil") == 2
    inbox_reads = [s for s in seen
                   if "user_session" not in s and any(table in s for table in INBOX_TABLES)]
    assert len(inbox_reads) == 1 and "app_user" in inbox_reads[0], inbox_reads
    with statements(services) as seen:
        page = text_of(pages.get("/petugas/?q=Laporan"))
    assert "Diambil Rekan Kerja" in page and page.count("Belum diambil") == 2
    inbox_reads = [s for s in seen
                   if "user_session" not in s and any(table in s for table in INBOX_TABLES)]
    assert len(inbox_reads) == 2, inbox_reads


def test_a_renamed_or_added_category_shows_at_once(pages: Pages, walk: Walk,
                                                  services: Services) -> None:
    walk.file(title="Soal kesehatan", category="4")
    walk.user("tim_admin")
    pages.login("tim_admin")
    pages.get("/petugas/")
    _rename(services, "4", name="Kesehatan (baru)")
    with services.uow() as uow:
        uow.session.add(Category(code="ZZ-1", name="Kategori baru", active=True))
        uow.commit()
    page = pages.get("/petugas/").get_data(as_text=True)
    assert "Kesehatan (baru)" in page
    choices = _options(CATEGORY_OPTIONS, page)
    assert ("4", "Kesehatan (baru)") in choices and ("ZZ-1", "Kategori baru") in choices
    assert [name for _, name in choices] == sorted(name for _, name in choices)


def test_an_inactive_category_names_its_rows_but_is_no_choice(pages: Pages, walk: Walk,
                                                             services: Services) -> None:
    walk.file(title="Soal kesehatan", category="4")
    admin = walk.user("tim_admin")
    pages.login("tim_admin")
    _rename(services, "4", name="Kesehatan lama", active=False)
    with services.uow() as uow:
        rows = inbox(uow.session, admin, InboxFilter(), walk.clock())
    assert [row.category_name for row in rows] == ["Kesehatan lama"]
    page = pages.get("/petugas/").get_data(as_text=True)
    assert "Soal kesehatan" in page and "4" not in dict(_options(CATEGORY_OPTIONS, page))


def test_the_stage_filter_offers_the_stages_waiting_now(pages: Pages, walk: Walk) -> None:
    """The stages of the tasks my inbox holds now, by title; a stage appears once a task of it
    is ready and leaves with its last task."""
    first = walk.file().tracking_code
    second = walk.file().tracking_code
    walk.user("pejabat_penghubung", "DINKES")
    pages.login("pejabat_penghubung-dinkes")
    assert _options(STAGE_OPTIONS, pages.get("/petugas/").get_data(as_text=True)) == []
    walk.complete(first, "verifikasi", VERIFY_FORWARD)
    walk.complete(second, "verifikasi", {**VERIFY_FORWARD, "opd": "PUPR"})
    stages = _options(STAGE_OPTIONS, pages.get("/petugas/").get_data(as_text=True))
    assert [spec for spec, _ in stages] == ["tanggapi"]
    pages.logout()
    walk.user("tim_admin")
    pages.login("tim_admin")
    assert _options(STAGE_OPTIONS, pages.get("/petugas/").get_data(as_text=True)) == []
    walk.file()
    stages = _options(STAGE_OPTIONS, pages.get("/petugas/").get_data(as_text=True))
    assert stages == [("verifikasi", "Verifikasi laporan")]


def test_each_card_says_its_words_in_the_readers_language(pages: Pages, walk: Walk) -> None:
    """The cards' words are worked out once per distinct value (officer/inbox_cards.py): each
    card still carries its own, escaped as the template escaped them."""
    mine, theirs, free = (walk.file(title=f"Laporan <{n}> & co").tracking_code
                          for n in range(3))
    me = walk.user("tim_admin")
    walk.claim(mine, "verifikasi", me)
    walk.claim(theirs, "verifikasi", walk.user("tim_admin", name="Rekan <B&C>"))
    pages.login("tim_admin")
    page = pages.get("/petugas/").get_data(as_text=True)
    assert page.count("Laporan &lt;1&gt; &amp; co") == 1
    assert page.count('title="batas Kamis, 5 Maret 2026 23.59 WIB"') == 3
    assert page.count("· Verifikasi laporan</span>") == 3
    assert "Diambil Rekan &lt;B&amp;C&gt;" in page and page.count("Anda ambil") == 1
    assert page.count("Belum diambil") == 1 and page.count('class="task-card task-line mine"') == 1
    for code, action in ((mine, "lepas"), (free, "ambil")):
        task_id = walk.task(code, "verifikasi").id
        assert f'action="/petugas/tugas/{task_id}/{action}"' in page
    colleagues = walk.task(theirs, "verifikasi").id
    assert f"{colleagues}/ambil" not in page and f"{colleagues}/lepas" not in page
    page = pages.get("/petugas/?lang=en").get_data(as_text=True)
    assert page.count('title="due Thursday, 5 March 2026 23:59 WIB"') == 3
    assert "Taken by Rekan &lt;B&amp;C&gt;" in page


def test_the_statements_kept_between_requests_read_fresh_rows(pages: Pages, walk: Walk) -> None:
    """The lines' and choices' statements are built once per officer, filter and page
    (engine/complaints/inbox.py): what they read is read on every request."""
    first = walk.file(title="Laporan pertama").tracking_code
    me, colleague = walk.user("tim_admin"), walk.user("tim_admin", name="rekan")
    pages.login("tim_admin")
    assert "Laporan pertama" in text_of(pages.get("/petugas/"))
    assert "Tidak ada tugas" in text_of(pages.get("/petugas/?mine=1"))
    second = walk.file(title="Laporan kedua").tracking_code
    walk.claim(first, "verifikasi", me)
    walk.claim(second, "verifikasi", colleague)
    page = text_of(pages.get("/petugas/"))
    assert "Laporan kedua" in page and "Diambil rekan" in page and "Anda ambil" in page
    mine = text_of(pages.get("/petugas/?mine=1"))
    assert "Laporan pertama" in mine and "Laporan kedua" not in mine
    pages.logout()
    pages.login("rekan")
    theirs = text_of(pages.get("/petugas/?mine=1"))
    assert "Laporan kedua" in theirs and "Laporan pertama" not in theirs


def test_the_calendar_comes_with_the_choices_and_an_edit_counts_at_once(
        pages: Pages, walk: Walk, services: Services) -> None:
    """No statement of its own for the working calendar (it rode along with the filter row's
    choices), and a day made a holiday in another unit of work moves the badge at once."""
    walk.file(title="Soal banjir")
    walk.user("tim_admin")
    pages.login("tim_admin")
    pages.get("/petugas/")
    with statements(services) as seen:
        before = _days_left(pages)
    calendar_reads = [s for s in seen if "calendar_override" in s]
    assert len(calendar_reads) == 1 and "human_task" in calendar_reads[0], calendar_reads
    with services.uow() as uow:  # an admin, as another worker would
        set_override(uow.session, OFF_DAY, False, "banjir", "admin", wib("2026-03-02 08:00"))
        uow.commit()
    assert _days_left(pages) == before - 1
    with services.uow() as uow:
        remove_override(uow.session, OFF_DAY)
        uow.commit()
    assert _days_left(pages) == before


def _days_left(pages: Pages) -> int:
    found = re.search(r"(\d+) hari kerja lagi", text_of(pages.get("/petugas/")))
    assert found is not None
    return int(found.group(1))


def test_a_central_roles_stages_are_those_of_its_inbox(pages: Pages, walk: Walk,
                                                       services: Services) -> None:
    """Tim Admin's rows are the tasks without an OPD; so are the stages its filter offers (a
    task of the role carrying an OPD is in no central inbox: its stage is no choice either)."""
    walk.file(title="Laporan biasa")
    stray = walk.file(title="Laporan nyasar").tracking_code
    with services.uow() as uow:
        uow.session.execute(update(HumanTask).where(HumanTask.id == walk.task(
            stray, "verifikasi").id).values(spec_name="lain", title="Lain", opd_code="DINKES"))
        uow.commit()
    walk.user("tim_admin")
    pages.login("tim_admin")
    page = pages.get("/petugas/").get_data(as_text=True)
    assert "Laporan biasa" in page and "Laporan nyasar" not in page
    assert _options(STAGE_OPTIONS, page) == [("verifikasi", "Verifikasi laporan")]


def test_a_kept_filter_row_follows_the_filters_and_the_language(pages: Pages, walk: Walk) -> None:
    """The filter row is kept per language, filters and choices (officer/inbox_cards.py): each
    page still shows its own selection and words."""
    walk.file(title="Soal kesehatan", category="4")
    walk.user("tim_admin")
    pages.login("tim_admin")
    selected = re.compile(r'<option value="([^"]*)" selected>')
    for query, chosen, words in (("?category=4", ["4"], "Semua tahap"), ("", [], "Semua tahap"),
                                 ("?stage=verifikasi&lang=en", ["verifikasi"], "All stages"),
                                 ("?lang=id", [], "Semua tahap"),
                                 ("?category=4&q=kesehatan", ["4"], "Semua tahap")):
        page = pages.get("/petugas/" + query).get_data(as_text=True)
        assert selected.findall(page) == chosen, query
        assert words in page, query
    assert 'name="q" value="kesehatan"' in page


def test_the_session_row_and_the_inbox_share_one_connection_and_transaction(
        pages: Pages, walk: Walk, services: Services) -> None:
    """The sign-in check read the session row in a unit of work of its own: a second pool
    checkout, BEGIN and end on every inbox page."""
    walk.file()
    walk.user("tim_admin")
    pages.login("tim_admin")
    pages.get("/petugas/")  # the sign-in's own reads done
    with transactions(services) as seen, commits(services) as done:
        assert "Belum diambil" in text_of(pages.get("/petugas/"))
    assert seen == ["checkout", "begin"]
    assert done == []


def test_an_account_the_process_no_longer_keeps_is_read_in_the_page_transaction(
        pages: Pages, walk: Walk, services: Services) -> None:
    """On SQLite a read in a unit of work of its own would wait for the page's write lock."""
    walk.file()
    walk.user("tim_admin")
    pages.login("tim_admin")
    pages.get("/petugas/")
    pages.client.application.extensions["alur_signed_in"].forget()
    with transactions(services) as seen, statements(services) as sent:
        assert "Belum diambil" in text_of(pages.get("/petugas/"))
    assert seen == ["checkout", "begin"]
    assert any("FROM app_user" in sql for sql in sent)


def test_a_deactivated_account_is_signed_out_by_the_page_read(
        pages: Pages, walk: Walk, services: Services) -> None:
    walk.user("tim_admin")
    pages.login("tim_admin")
    pages.get("/petugas/")
    with services.uow() as uow:
        uow.session.execute(update(User).where(User.username == "tim_admin").values(active=False))
        uow.commit()
    pages.client.application.extensions["alur_signed_in"].forget()
    assert "/petugas/masuk" in pages.get("/petugas/", status=302).headers["Location"]
