"""Words for the codes the engine uses (statuses, roles, channels, actions), in both languages."""

from __future__ import annotations

from typing import Any

from engine import labels as words
from webui.translate import current_lang, gettext
from webui.translate import lazy_gettext as _l

STATUS = {code: _l(word) for code, word in words.STATUS.items()}
# The statuses in the public's words: no internal steps ("Dikembalikan ke Tim Admin") for the
# reporter and the public, who only need to know the report is still being handled.
PUBLIC_STATUS = {**STATUS, "didisposisikan": _l("Diteruskan ke OPD"),
                 "dikembalikan": _l("Sedang ditinjau ulang")}
# What the reporter should know about each status, in plain words.
STATUS_HELP = {
    "diterima": _l("Laporan Anda sedang diperiksa oleh Tim Admin (verifikasi)."),
    "perlu_klarifikasi": _l("Petugas membutuhkan keterangan tambahan dari Anda. Jawablah "
                            "melalui formulir di bawah sebelum batas waktu."),
    "didisposisikan": _l("Laporan Anda sudah diteruskan ke OPD yang berwenang dan sedang "
                         "ditindaklanjuti."),
    "ditindaklanjuti": _l("OPD telah menanggapi laporan Anda. Beri tahu kami apakah masalahnya "
                          "sudah selesai; tanpa jawaban sampai batas waktu, laporan ditutup."),
    "selesai": _l("Laporan telah selesai ditangani. Terima kasih."),
    "dikembalikan": _l("Laporan Anda sedang ditinjau ulang untuk diteruskan ke OPD yang "
                       "berwenang."),
    "dialihkan": _l("Laporan ini bukan kewenangan Pemerintah Kabupaten dan sudah diteruskan "
                    "ke LAPOR! nasional."),
    "diarsipkan": _l("Laporan diarsipkan dan tidak ditindaklanjuti."),
}
ROLE = {
    "pengarah": _l("Pengarah (Kepala Dinas)"),
    "penanggung_jawab": _l("Penanggung Jawab (Sekretaris Dinas)"),
    "sekretaris": _l("Sekretaris Tim"),
    "ketua": _l("Ketua"),
    "anggota": _l("Anggota"),
    "tim_admin": _l("Tim Admin"),
    "pejabat_penghubung": _l("Pejabat Penghubung"),
    "unit_teknis": _l("Unit Teknis"),
    "kepala_opd": _l("Kepala OPD"),
    "front_office": _l("Front Office"),
    "analis": _l("Analis"),
    "sysadmin": _l("Admin Sistem"),
    "pelapor": _l("Pelapor"),
    "sistem": _l("Sistem"),
}
CHANNEL = {code: _l(word) for code, word in words.CHANNEL.items()}
ACTION = {
    "complaint_received": _l("Laporan diterima"),
    "status_changed": _l("Status berubah"),
    "task_claimed": _l("Tugas diambil"),
    "task_unclaimed": _l("Tugas dilepas"),
    "task_completed": _l("Tugas diselesaikan"),
    "reply_received": _l("Balasan diterima"),
    "identity_viewed": _l("Identitas pelapor dilihat"),
    "identity_document_viewed": _l("Dokumen identitas dibuka"),
    "identity_completed": _l("Salinan identitas dilengkapi pelapor"),
    "confidentiality_changed": _l("Sifat anonim/rahasia diubah"),
    "file_kind_changed": _l("Tanda pindaian diubah"),
    "merged_as_duplicate": _l("Digabungkan sebagai duplikat"),
    "duplicate_merged_in": _l("Laporan duplikat digabungkan ke laporan ini"),
    "national_status_received": _l("Status dari LAPOR! nasional diterima"),
    "timer_fired": _l("Batas waktu tercapai"),
    "incident": _l("Gangguan proses"),
    "team_task_given": _l("Tugas diberikan kepada Anggota"),
    "team_task_done": _l("Tugas Anggota dicatat selesai"),
    "task_reassigned": _l("Tugas dialihkan ke petugas lain"),
    "task_deadline_moved": _l("Batas waktu tugas dipindahkan"),
    "instance_migrated": _l("Proses dipindahkan ke versi diagram baru"),
    "instance_cancelled": _l("Proses dibatalkan"),
    "incident_retried": _l("Gangguan proses dicoba ulang"),
    "outbox_retried": _l("Pesan keluar dikirim ulang"),
    "survey_answered": _l("Survei kepuasan diisi"),
    "signed_in": _l("Masuk ke aplikasi"),
    "audit_log_viewed": _l("Log audit dibaca"),
    "audit_log_exported": _l("Log audit diekspor"),
    "instances_exported": _l("Daftar proses diekspor"),
    "user_created": _l("Akun dibuat"),
    "user_changed": _l("Akun diubah"),
    "user_activated": _l("Akun diaktifkan"),
    "user_deactivated": _l("Akun dinonaktifkan"),
    "password_reset": _l("Kata sandi diatur ulang"),
    "password_changed": _l("Kata sandi diganti oleh pemiliknya"),
    "user_unlocked": _l("Penguncian akun dibuka"),
    "totp_enrolled": _l("Aplikasi autentikator didaftarkan"),
    "totp_reset": _l("Faktor kedua diatur ulang"),
    "recovery_code_used": _l("Kode pemulihan dipakai"),
    "recovery_codes_renewed": _l("Kode pemulihan dibuat ulang"),
    "opd_added": _l("OPD ditambahkan"),
    "opd_renamed": _l("Nama OPD diubah"),
    "opd_retired": _l("OPD dihentikan"),
    "opd_restored": _l("OPD dipakai lagi"),
    "opd_released": _l("Laporan dilepas dari OPD"),
    "category_added": _l("Kategori ditambahkan"),
    "category_changed": _l("Kategori diubah"),
    "category_retired": _l("Kategori dihentikan"),
    "category_restored": _l("Kategori dipakai lagi"),
    "code_added": _l("Kode penyebab/penyelesaian ditambahkan"),
    "code_renamed": _l("Kode penyebab/penyelesaian diubah"),
    "code_retired": _l("Kode penyebab/penyelesaian dihentikan"),
    "code_restored": _l("Kode penyebab/penyelesaian dipakai lagi"),
    "holiday_set": _l("Hari libur ditetapkan"),
    "holiday_removed": _l("Hari libur dihapus"),
    "keywords_changed": _l("Kata kunci saran diubah"),
    "region_centre_set": _l("Titik tengah kecamatan ditetapkan"),
    "target_set": _l("Target kinerja ditetapkan"),
    "target_deleted": _l("Target kinerja dihapus"),
    "definition_deployed": _l("Versi diagram proses dipasang"),
    "definition_draft_approved": _l("Rancangan diagram proses disetujui"),
    "improvement_recorded": _l("Tindakan perbaikan dicatat"),
    "improvement_done": _l("Tindakan perbaikan selesai"),
    "report_released": _l("Laporan berkala dirilis"),
}
# The kinds of action the audit log screen filters by.
ACTION_GROUP = {
    "identity": _l("Identitas pelapor dibaca"),
    "id_document": _l("Dokumen identitas dibuka"),
    "flag": _l("Tanda anonim/rahasia diubah"),
    "export": _l("Ekspor data"),
    "signin": _l("Masuk ke aplikasi"),
    "audit": _l("Pembacaan log audit"),
    "admin": _l("Perubahan administrasi"),
}
# The shipped diagrams' user tasks by id: the audit trail names a step by its id alone, and
# these names put the shipped tasks' names into the catalogue (task_title translates by name).
TASK = {
    "verifikasi": _l("Verifikasi laporan"),
    "tanggapi": _l("Tindak lanjuti laporan"),
    "susun_tanggapan": _l("Susun tanggapan"),
    "periksa_tanggapan": _l("Periksa tanggapan"),
    "koordinasi_penghubung": _l("Koordinasi dengan pejabat penghubung"),
    "pemberitahuan_verifikasi_terlambat": _l("Pemberitahuan: verifikasi terlambat"),
    "pemberitahuan_tindak_lanjut_terlambat": _l("Pemberitahuan: tindak lanjut terlambat"),
    "pemberitahuan_penanggung_jawab": _l("Pemberitahuan: eskalasi dari Anggota"),
    "pemberitahuan_pengarah": _l("Pemberitahuan: eskalasi dari Anggota"),
}
# The diagram's other steps that the audit trail names (timers, messages, automatic steps).
STEP = {
    **TASK,
    "pengingat_verifikasi": _l("H-1 batas verifikasi"),
    "verifikasi_terlambat": _l("Batas verifikasi lewat"),
    "pengingat_tindak_lanjut": _l("H-1 batas tindak lanjut"),
    "tindak_lanjut_terlambat": _l("Batas tindak lanjut lewat"),
    "batas_klarifikasi": _l("Batas klarifikasi lewat"),
    "batas_penutupan": _l("Batas penutupan tercapai"),
    "minta_klarifikasi": _l("Minta klarifikasi pelapor"),
    "klarifikasi_masuk": _l("Klarifikasi masuk"),
    "balasan_masuk": _l("Balasan pelapor masuk"),
    "disposisi": _l("Disposisi ke OPD"),
    "kembalikan": _l("Kembalikan ke Tim Admin"),
    "alihkan": _l("Alihkan ke LAPOR! nasional"),
    "arsipkan": _l("Arsipkan laporan"),
    "buka_kembali": _l("Buka kembali tindak lanjut"),
    "catat_pesan_pelapor": _l("Teruskan pesan pelapor"),
    "tutup": _l("Tutup laporan"),
    "eskalasi_verifikasi": _l("Eskalasi ke Ketua"),
    "eskalasi_tindak_lanjut": _l("Eskalasi ke Anggota dan Ketua"),
    "eskalasi_pimpinan": _l("Eskalasi ke Penanggung Jawab dan Pengarah"),
}


def step_names(specs: str | None) -> str:
    """Steps of the diagram in words: one id, or several joined by commas (timers that fired
    together); an id without words is written as words rather than with underscores."""
    if not specs:
        return ""
    return ", ".join(str(STEP.get(spec, spec.replace("_", " ").capitalize()))
                     for spec in specs.split(","))
INSTANCE_STATUS = {
    "running": _l("berjalan"),
    "completed": _l("selesai"),
    "error": _l("insiden"),
    "cancelled": _l("dibatalkan"),
}
FOLLOW_UP = {
    "tindak_lanjut": _l("Tindak lanjut"),
    "balasan": _l("Balasan"),
    "klarifikasi": _l("Pertanyaan petugas"),
    "sudah_selesai": _l("Pelapor: masalah sudah selesai"),
    "belum_selesai": _l("Pelapor: masalah belum selesai"),
}
# What a paper-form scan shows -> the kind it is stored as (engine.complaints.visibility).
SCAN = {"pindaian": _l("Nama dan kontak pelapor (hanya Tim Admin dan Front Office)"),
        "pindaian_nama": _l("Hanya nama pelapor (tidak untuk OPD bila anonim)"),
        "pindaian_isi": _l("Tanpa identitas pelapor (mengikuti laporan)")}
# Archive reasons the process writes itself; anything else is Tim Admin's own words.
ARCHIVE_REASON = {"tidak_dilengkapi": _l("Klarifikasi tidak dijawab sampai batas waktu.")}


def label(table: dict[str, Any], code: str | None) -> Any:
    """The words for ``code`` in ``table``; the code itself when there are none."""
    if code is None:
        return ""
    return table.get(code, code)


def task_title(spec_name: str, title: str) -> str:
    """A task's name as the diagram gives it now, in the reader's language where the catalogue
    has words for that name (the shipped tasks', TASK). A task an analyst added or renamed
    shows the diagram's own name: words keyed by the task's id would hide the new name."""
    return gettext(title or spec_name)  # never gettext(""): that is the catalogue's header


def task_instructions(task: Any) -> str:
    """A task's instructions from the diagram in the reader's language (the Indonesian ones when
    the diagram has none in English)."""
    if current_lang() == "en" and task.instructions_en:
        return str(task.instructions_en)
    return str(task.instructions)


TABLES = {"status": STATUS, "public_status": PUBLIC_STATUS, "status_help": STATUS_HELP,
          "role": ROLE, "channel": CHANNEL, "action": ACTION, "task": TASK, "follow_up": FOLLOW_UP,
          "instance_status": INSTANCE_STATUS, "scan": SCAN,
          "archive_reason": ARCHIVE_REASON}


def template_filters() -> dict[str, Any]:
    """Jinja filters: ``{{ c.status|status }}``, ``{{ t.spec_name|task }}`` ..."""
    found = {name: (lambda code, t=table: label(t, code)) for name, table in TABLES.items()}
    return {**found, "steps": step_names}
