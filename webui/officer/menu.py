"""The officers' menu (the links at the top of every page): which screens each role reaches,
built once per role and language.

The menu was a dozen role tests, addresses and translations in the template on every page;
its links depend only on the role, the language and where the app is mounted, so each
combination is built once per process and reused.
"""

from __future__ import annotations

from flask import current_app, request, url_for

from engine.messages import N_
from webui.translate import current_lang, gettext

_TEAM = frozenset({"pengarah", "penanggung_jawab", "sekretaris", "ketua", "anggota", "tim_admin"})

# (endpoint, label, roles, shown): shown to those roles when True, to every other role when False
MENU: tuple[tuple[str, str, frozenset[str], bool], ...] = (
    ("officer.inbox.index", N_("Kotak tugas"),
     frozenset({"sysadmin", "analis", "kepala_opd"}), False),
    ("officer.team_tasks.index", N_("Penugasan"), frozenset({"penanggung_jawab", "ketua"}), True),
    ("officer.inbox.opd", N_("Laporan OPD"),
     frozenset({"pejabat_penghubung", "unit_teknis", "kepala_opd"}), True),
    ("frontoffice.intake.register", N_("Registrasi laporan"), frozenset({"front_office"}), True),
    ("frontoffice.book.index", N_("Buku registrasi"),
     frozenset({"front_office", "tim_admin"}), True),
    ("monitor.instances.index", N_("Pemantauan"), _TEAM | {"sysadmin"}, True),
    ("evaluation.dashboard.index", N_("Evaluasi"), _TEAM, True),
    ("admin.audit_log.index", N_("Log audit"), frozenset({"penanggung_jawab", "ketua"}), True),
    ("approval.index", N_("Persetujuan proses"), frozenset({"sekretaris"}), True),
    ("modeler.editor.index", N_("Pemodelan proses"), frozenset({"analis"}), True),
    ("officer.digest.show", N_("Ringkasan harian"), frozenset({"analis"}), False),
    ("admin.home.index", N_("Administrasi"), frozenset({"sysadmin"}), True),
    ("admin.outbox.index", N_("Pesan keluar"), frozenset({"sysadmin"}), True),
)


def menu_links(role: str) -> list[tuple[str, str]]:
    """(address, label) of each screen in the menu of ``role``, in the menu's order."""
    key = (role, current_lang(), request.script_root)
    built: dict[tuple[str, str, str], list[tuple[str, str]]] = current_app.extensions.setdefault(
        "alur_menu", {})
    if key not in built:
        built[key] = [(url_for(endpoint), gettext(label))
                      for endpoint, label, roles, shown in MENU if (role in roles) == shown]
    return built[key]
