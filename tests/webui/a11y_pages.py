"""Every page of Alur a person reads, with who opens it and how: the accessibility pass runs
axe-core on each, and a test holds this list against the app's URL map so that a new page
cannot slip past it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from tests.live import fill_complaint

from .a11y_world import PASSWORD, World

# GET routes that answer with something other than an HTML page for people.
NOT_PAGES = {
    "static": "CSS, JavaScript and the vendored libraries",
    "public.portal.healthz": "health check for the load balancer (JSON)",
    "public.health.readyz": "readiness check for load balancers and alerts (JSON)",
    "public.health.metrics": "figures for Prometheus or Zabbix (text format)",
    "public.portal.favicon": "redirect to the site icon (an image)",
    "webhooks.chat.whatsapp_verify": "WhatsApp's subscription check (the challenge as text)",
    "public.support.similar": "similar published reports for the report form (JSON)",
    "public.tracking.own_file": "the reporter's own attachment (file download)",
    "officer.files.attachment": "an attachment (file download)",
    "frontoffice.book.download": "the registration book as CSV",
    "monitor.export.export": "the instance list as CSV",
    "admin.audit_log.export": "the audit log as CSV",
    "admin.audit_log.export_xlsx": "the audit log as XLSX",
    "monitor.detail.instance_json": "diagram markers for monitor.js (JSON)",
    "monitor.detail.overview_json": "diagram statistics for monitor.js (JSON)",
    "modeler.bundle.bundle": "the working diagrams for modeler.js (JSON)",
    "modeler.deploy.draft_file": "a draft's diagram or form (file download)",
    "modeler.deploy.version_file": "a deployed version's diagram or form (file download)",
    "evaluation.dashboard.report_pdf": "the periodic report as PDF",
    "evaluation.dashboard.report_xlsx": "the periodic report as XLSX",
    "evaluation.release.opd_pdf": "the OPD's sheet of a released report as PDF",
    "evaluation.release.opd_xlsx": "the OPD's sheet of a released report as XLSX",
}
NOT_PAGE_PREFIXES = ("api.",)  # the JSON API v1 (docs/api.md)

Path = Callable[[World], str]
Act = Callable[[Any, World], None]


@dataclass(frozen=True)
class Screen:
    """A page: the route it belongs to, who opens it (None: a citizen), its address, an
    optional action that leads to it from there (a form sent), and what to wait for."""

    name: str
    endpoint: str
    user: str | Callable[[World], str] | None
    path: Path
    act: Act | None = None
    ready: str | None = None
    status: int = 200


def _fixed(text: str) -> Path:
    return lambda _world: text


def _task(spec: str) -> Screen:
    return Screen(f"tugas-{spec}", "officer.tasks.show", lambda w: w.tasks[spec][1],
                  lambda w: f"/petugas/tugas/{w.tasks[spec][0]}", ready="#formulir")


def _submit_complaint(page: Any, _world: World) -> None:
    fill_complaint(page, "Jembatan gantung rusak", "Papan lantai jembatan gantung di desa kami "
                   "lepas dan membahayakan anak sekolah.", "Warga Uji Aksesibilitas",
                   "081234511111")
    page.get_by_role("button", name="Kirim laporan").click()
    page.wait_for_selector("#secret")


def _register_at_counter(page: Any, _world: World) -> None:
    fill_complaint(page, "Pelayanan kantor desa lambat",
                   "Surat keterangan baru selesai setelah tiga hari menunggu.", "Warga Loket",
                   "081234522222")
    page.check("#f-channel-loket")
    page.get_by_role("button", name="Simpan dan beri nomor").click()
    page.wait_for_selector("#tracking-code")


def _track(page: Any, world: World) -> None:
    page.fill("#f-code", world.codes["own"])
    page.fill("#f-secret", world.secret)
    page.get_by_role("button", name="Lacak").click()
    page.wait_for_selector("text=" + world.codes["own"])


def _empty_survey(page: Any, _world: World) -> None:
    page.get_by_role("button", name="Kirim jawaban").click()
    page.wait_for_selector("#kesalahan")


def _signing_in(username: str, step: str, roles: str = "") -> Act:
    """Sign in as ``username`` up to the sign-in step ``step`` (``roles`` need a second
    factor meanwhile)."""

    def act(page: Any, world: World) -> None:
        before = world.services.settings
        world.services.settings = replace(before, totp_required_roles=roles)
        try:
            page.fill("#f-username", username)
            page.fill("#f-password", PASSWORD)
            page.get_by_role("button", name="Masuk").click()
            page.wait_for_url(f"**/petugas/masuk/{step}")
        finally:
            world.services.settings = before

    return act


CITIZEN = [
    Screen("beranda", "public.portal.index", None, _fixed("/")),
    Screen("lapor", "public.portal.submit", None, _fixed("/lapor")),
    Screen("tanda-terima", "public.portal.receipt", None, _fixed("/lapor"), act=_submit_complaint),
    Screen("lacak", "public.tracking.track", None, _fixed("/lacak")),
    Screen("status", "public.tracking.status", None, _fixed("/lacak"), act=_track),
    Screen("laporan-publik", "public.tracking.published", None, _fixed("/laporan")),
    Screen("peta-laporan", "public.peta.index", None, _fixed("/peta"), ready=".map-reports"),
    Screen("laporan-publik-detail", "public.tracking.public_report", None,
           lambda w: f"/laporan/{w.codes['published']}"),
    Screen("survei", "public.survey.form", None, _fixed("/survei/")),
    Screen("survei-kesalahan", "public.survey.form", None, _fixed("/survei/"), act=_empty_survey),
    Screen("masuk", "officer.signin.login", None, _fixed("/petugas/masuk")),
    Screen("masuk-kode", "officer.steps.code", None, _fixed("/petugas/masuk"),
           act=_signing_in("petugas-faktor", "kode")),
    Screen("masuk-daftar", "officer.steps.enrol", None, _fixed("/petugas/masuk"),
           act=_signing_in("petugas-daftar", "daftar", "anggota")),
    Screen("masuk-sandi", "officer.steps.password", None, _fixed("/petugas/masuk"),
           act=_signing_in("petugas-baru", "sandi")),
    Screen("tidak-ditemukan", "public.portal.index", None, _fixed("/tidak-ada-halaman-ini"),
           status=404),
]
OFFICERS = [
    Screen("kotak-tugas", "officer.inbox.index", "tim-admin", _fixed("/petugas/")),
    Screen("kotak-tugas-penghubung", "officer.inbox.index", "penghubung-dinkes",
           _fixed("/petugas/")),
    *[_task(spec) for spec in ("verifikasi", "tanggapi", "susun_tanggapan",
                               "periksa_tanggapan", "koordinasi_penghubung",
                               "pemberitahuan_verifikasi_terlambat",
                               "pemberitahuan_tindak_lanjut_terlambat")],
    Screen("laporan-petugas", "officer.inbox.complaint", "tim-admin",
           lambda w: f"/petugas/laporan/{w.codes['late']}"),
    Screen("registrasi", "frontoffice.intake.register", "front-office",
           _fixed("/front-office/registrasi")),
    Screen("registrasi-tanda-terima", "frontoffice.intake.receipt", "front-office",
           _fixed("/front-office/registrasi"), act=_register_at_counter),
    Screen("buku-registrasi", "frontoffice.book.index", "front-office",
           _fixed("/front-office/buku-registrasi/")),
    Screen("ringkasan", "officer.digest.show", "ketua", _fixed("/saluran/ringkasan")),
    Screen("laporan-opd", "officer.inbox.opd", "kepala-dinkes", _fixed("/petugas/opd")),
    Screen("penugasan", "officer.team_tasks.index", "ketua", _fixed("/petugas/penugasan/")),
    Screen("penugasan-satu", "officer.team_tasks.show", "anggota",
           lambda w: f"/petugas/penugasan/{w.team_task}"),
    Screen("kotak-tugas-anggota", "officer.inbox.index", "anggota", _fixed("/petugas/")),
    Screen("akun", "officer.account.index", "anggota", _fixed("/petugas/akun/")),
    Screen("akun-autentikator", "officer.account.enrol", "anggota",
           _fixed("/petugas/akun/autentikator")),
    Screen("duplikat", "officer.duplicates.confirm", lambda w: w.tasks["verifikasi"][1],
           lambda w: f"/petugas/tugas/{w.tasks['verifikasi'][0]}/duplikat/{w.codes['late']}"),
]
ADMIN = [
    Screen("admin", "admin.home.index", "sysadmin", _fixed("/admin/")),
    Screen("log-audit", "admin.audit_log.index", "sysadmin", _fixed("/admin/log-audit")),
    Screen("pengguna", "admin.accounts.users", "sysadmin", _fixed("/admin/pengguna")),
    Screen("pengguna-ubah", "admin.accounts.edit", "sysadmin",
           lambda w: f"/admin/pengguna/{w.user_id}"),
    Screen("opd", "admin.reference.opds", "sysadmin", _fixed("/admin/opd")),
    Screen("kategori", "admin.reference.categories", "sysadmin", _fixed("/admin/kategori")),
    Screen("wilayah", "admin.regions.index", "sysadmin", _fixed("/admin/wilayah")),
    Screen("kata-kunci", "admin.keywords.index", "sysadmin", _fixed("/admin/kata-kunci")),
    Screen("kalender", "admin.calendar.index", "sysadmin", _fixed("/admin/kalender/")),
    Screen("pesan-keluar", "admin.outbox.index", "sysadmin", _fixed("/saluran/admin/")),
    Screen("kotak-dev", "admin.outbox.devbox", "sysadmin", _fixed("/saluran/admin/kotak-dev")),
    Screen("templat", "admin.outbox.templates", "sysadmin", _fixed("/saluran/admin/templat")),
    Screen("templat-satu", "admin.outbox.template", "sysadmin",
           lambda w: f"/saluran/admin/templat/{w.template}"),
    Screen("kontak", "admin.contacts.contacts", "sysadmin", _fixed("/saluran/admin/kontak")),
]
DIAGRAM = ".monitor-canvas[data-ready='true']"
MANAGEMENT = [
    Screen("pemantauan", "monitor.instances.index", "ketua", _fixed("/pemantauan/")),
    Screen("pemantauan-proses", "monitor.detail.instance", "ketua",
           lambda w: f"/pemantauan/{w.instances['late']}", ready=DIAGRAM),
    Screen("pemantauan-insiden", "monitor.detail.instance", "sysadmin",
           lambda w: f"/pemantauan/{w.instances['broken']}", ready=DIAGRAM),
    Screen("pemantauan-versi", "monitor.instances.versions", "ketua", _fixed("/pemantauan/versi")),
    Screen("pemantauan-wilayah", "monitor.places.index", "ketua", _fixed("/pemantauan/wilayah"),
           ready=".map-counts"),
    Screen("pemantauan-diagram-versi", "monitor.detail.overview", "ketua",
           lambda w: f"/pemantauan/versi/{w.versions[0]}", ready=DIAGRAM),
    Screen("evaluasi", "evaluation.dashboard.index", "ketua", _fixed("/evaluasi/?periode=2026-Q1")),
    Screen("evaluasi-target", "evaluation.targets.targets", "ketua", _fixed("/evaluasi/target")),
    Screen("evaluasi-perbaikan", "evaluation.improvements.improvements", "ketua",
           _fixed("/evaluasi/perbaikan")),
    Screen("evaluasi-daftar-kode", "admin.code_lists.code_lists", "ketua",
           _fixed("/evaluasi/daftar-kode")),
]
MODELER = [
    Screen("analis", "modeler.editor.index", "analis", _fixed("/analis/")),
    Screen("pemodel", "modeler.editor.editor", "analis", _fixed("/analis/pemodel"),
           ready="#modeler-app[data-ready='pengaduan.bpmn']"),
    Screen("formulir", "modeler.form_editor.index", "analis", _fixed("/analis/formulir/")),
    Screen("formulir-ubah", "modeler.form_editor.edit", "analis",
           _fixed("/analis/formulir/koordinasi")),
    Screen("versi", "modeler.deploy.versions", "analis", _fixed("/analis/versi")),
    Screen("versi-beda", "modeler.deploy.diff", "analis",
           lambda w: f"/analis/versi/beda?dari={w.versions[0]}&ke={w.versions[-1]}",
           ready=".diff-canvas svg"),
    Screen("migrasi", "modeler.migration.index", "analis", _fixed("/analis/migrasi/")),
    Screen("persetujuan", "approval.index", "sekretaris", _fixed("/persetujuan-proses/")),
    Screen("persetujuan-draf", "approval.review", "sekretaris",
           lambda w: f"/persetujuan-proses/draf/{w.draft}", ready=".diff-canvas svg"),
]
SCREENS = [*CITIZEN, *OFFICERS, *ADMIN, *MANAGEMENT, *MODELER]


def is_page(endpoint: str) -> bool:
    """Whether a GET route answers with an HTML page for people."""
    return endpoint not in NOT_PAGES and not endpoint.startswith(NOT_PAGE_PREFIXES)
