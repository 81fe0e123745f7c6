"""Words for the codes the engine uses (statuses, roles, channels, actions), in both languages."""

from __future__ import annotations

from typing import Any

from engine import labels as words
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
    "ditindaklanjuti": _l("OPD telah menanggapi laporan Anda. Bila masalah belum selesai, "
                          "kirim balasan sebelum batas waktu; setelah itu laporan ditutup."),
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
    "merged_as_duplicate": _l("Digabungkan sebagai duplikat"),
    "duplicate_merged_in": _l("Laporan duplikat digabungkan ke laporan ini"),
    "national_status_received": _l("Status dari LAPOR! nasional diterima"),
    "timer_fired": _l("Batas waktu tercapai"),
    "incident": _l("Gangguan proses"),
    "team_task_given": _l("Tugas diberikan kepada Anggota"),
    "team_task_done": _l("Tugas Anggota dicatat selesai"),
}
TASK = {
    "verifikasi": _l("Verifikasi laporan"),
    "tanggapi": _l("Tindak lanjuti laporan"),
    "susun_tanggapan": _l("Susun tanggapan"),
    "periksa_tanggapan": _l("Periksa tanggapan"),
    "koordinasi_penghubung": _l("Koordinasi dengan pejabat penghubung"),
    "pemberitahuan_verifikasi_terlambat": _l("Pemberitahuan: verifikasi terlambat"),
    "pemberitahuan_tindak_lanjut_terlambat": _l("Pemberitahuan: tindak lanjut terlambat"),
}
INSTANCE_STATUS = {
    "running": _l("berjalan"),
    "completed": _l("selesai"),
    "error": _l("insiden"),
    "cancelled": _l("dibatalkan"),
}
FOLLOW_UP = {
    "tindak_lanjut": _l("Tindak lanjut"),
    "balasan": _l("Balasan"),
    "klarifikasi": _l("Klarifikasi"),
}


def label(table: dict[str, Any], code: str | None) -> Any:
    """The words for ``code`` in ``table``; the code itself when there are none."""
    if code is None:
        return ""
    return table.get(code, code)


def task_title(spec_name: str, title: str) -> Any:
    """A task's name in the reader's language (the diagram's own name when we have no words)."""
    return TASK.get(spec_name, title)


TABLES = {"status": STATUS, "public_status": PUBLIC_STATUS, "status_help": STATUS_HELP,
          "role": ROLE, "channel": CHANNEL, "action": ACTION, "task": TASK, "follow_up": FOLLOW_UP,
          "instance_status": INSTANCE_STATUS}


def template_filters() -> dict[str, Any]:
    """Jinja filters: ``{{ c.status|status }}``, ``{{ t.spec_name|task }}`` ..."""
    return {name: (lambda code, t=table: label(t, code)) for name, table in TABLES.items()}
