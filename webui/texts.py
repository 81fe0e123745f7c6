"""Messages that reach a page from below the web layer, made readable in the reader's language.

Engine errors carry Indonesian text; the fixed ones are listed here so the English catalogue
translates them. Werkzeug's own (English) descriptions are replaced by our words.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from werkzeug.exceptions import default_exceptions

from engine.channels.base import DELIVERY_ERRORS
from engine.errors import FormInvalidError
from engine.messages import N_, Message, from_json, parse
from webui.translate import gettext, ngettext
from webui.translate import lazy_gettext as _l

# Fixed messages of engine errors that pages show; listed for extraction only.
ENGINE_MESSAGES = (
    _l("Nama pengguna atau kata sandi salah"),
    _l("Nama pengguna atau kata sandi salah, atau terlalu banyak percobaan; coba lagi nanti"),
    _l("Selesaikan langkah masuk di web lebih dulu (kata sandi baru atau aplikasi autentikator)"),
    _l("Laporan tidak ditemukan"),
    _l("Kode pelacakan atau kode rahasia salah"),
    _l("Tugas tidak ditemukan atau sudah selesai"),
    _l("Tugas ini bukan untuk peran Anda"),
    _l("Tugas sudah diambil petugas lain"),
    _l("Tugas ini tidak sedang Anda kerjakan"),
    _l("Tugas sedang dikerjakan petugas lain"),
    _l("Tugas sudah diselesaikan orang lain"),
    _l("Proses laporan ini tidak sedang berjalan"),
    _l("Laporan ini baru saja diubah orang lain; muat ulang"),
    _l("Berkas tidak ditemukan"),
    _l("Hanya Tim Admin dan Front Office yang menandai pindaian"),
    _l("Pengguna tidak ditemukan"),
    _l("Anda tidak dapat menonaktifkan akun Anda sendiri"),
    _l("OPD tidak ditemukan"),
    _l("Kategori tidak ditemukan"),
    _l("Tanggal ini tidak ada di daftar koreksi"),
    _l("Wajib diisi."),
    _l("Nama pengguna sudah dipakai."),
    _l("Kode OPD sudah dipakai."),
    _l("Kode kategori sudah dipakai."),
    _l("Peran ini harus terikat pada satu OPD yang aktif."),
    _l("Pilih salah satu peran."),
    _l("Gunakan 2–80 huruf kecil, angka, titik, garis bawah atau tanda hubung."),
    _l("Gunakan 2–32 huruf besar, angka atau garis bawah."),
    _l("Gunakan 1–32 huruf, angka, titik atau tanda hubung."),
    _l("Kategori tidak dapat menjadi induk dirinya sendiri."),
    _l("Kategori induk tidak ditemukan."),
    _l("Pilihan ini membuat lingkaran induk–anak."),
    _l("Tulis dasarnya, misalnya nomor SKB cuti bersama."),
    _l("Tanggal akhir sebelum tanggal awal."),
    _l("Data tidak valid"),
    _l("Hanya pesan yang gagal yang dapat dikirim ulang"),
    _l("Pesan tidak ditemukan"),
    _l("Alamat email tidak valid."),
    _l("Nomor HP tidak valid (contoh 081234567890)."),
    _l("Proses tidak ditemukan"),
    _l("Proses ini baru saja berubah; muat ulang halaman"),
    _l("Proses ini tidak sedang gagal"),
    _l("Proses ini sudah selesai atau dibatalkan"),
    _l("Peran Anda tidak boleh menjalankan operasi ini"),
    _l("Petugas ini tidak memegang peran tugas tersebut"),
    _l("Alasan wajib diisi"),
    _l("Batas waktu perlu zona waktu"),
    _l("Hanya pengarah, penanggung jawab, tim, dan admin yang dapat melihat daftar proses"),
    _l("Draf tidak ditemukan"),
    _l("Draf ini sudah di-deploy"),
    _l("Hanya analis yang boleh men-deploy diagram"),
    _l("Draf ini belum disetujui Sekretaris tim; minta persetujuannya dulu"),
    _l("Yang menyetujui draf tidak boleh juga men-deploy-nya"),
    _l("Hanya Sekretaris tim yang boleh menyetujui draf proses"),
    _l("Draf ini sudah disetujui"),
    _l("Draf ini masih punya masalah; analis perlu memperbaikinya dulu"),
    _l("Penyusun draf tidak boleh menyetujui drafnya sendiri"),
    _l("Hanya petugas OPD yang melihat laporan OPD-nya"),
    _l("Hanya Sekretaris tim yang merilis laporan berkala"),
    _l("Periode ini belum berakhir; laporannya belum dapat dirilis"),
    _l("Laporan periode ini sudah dirilis"),
    _l("Laporan periode ini belum dirilis"),
    _l("Hanya Penanggung Jawab dan Ketua yang memberi tugas kepada Anggota"),
    _l("Penugasan tidak ditemukan"),
    _l("Penugasan ini sudah diselesaikan"),
    _l("Versi lain baru saja di-deploy; coba lagi"),
    _l("Versi tidak ditemukan"),
    _l("Formulir tidak ditemukan"),
    _l("Daftar tidak ditemukan"),
    _l("Entri tidak ditemukan"),
    _l("Target tidak ditemukan"),
    _l("Tahun di luar jangkauan (2000–2100)."),
    _l("Bulan harus 01–12."),
    _l("Survei untuk laporan ini sudah diisi."),
    _l("Terjadi kesalahan"),
    _l("Terjadi kesalahan pada server"),
    _l("Basis data sedang tidak dapat dihubungi; tidak ada yang tersimpan. Silakan coba lagi "
       "sebentar lagi."),
)
STATUS_TEXT = {
    400: _l("Permintaan tidak lengkap atau tidak sah. Muat ulang halaman lalu coba lagi."),
    401: _l("Silakan masuk terlebih dahulu."),
    403: _l("Anda tidak memiliki akses ke halaman ini."),
    404: _l("Alamat yang Anda buka tidak ada atau sudah dipindahkan."),
    405: _l("Cara membuka halaman ini tidak didukung."),
    413: _l("Berkas yang dikirim terlalu besar."),
    500: _l("Terjadi kesalahan pada server. Silakan coba lagi nanti."),
}
# A request refused by a rate limit (HTTP 429): what happened and when to try again; the API
# says the same in Indonesian.
TOO_MANY = N_("Terlalu banyak permintaan dari alamat Anda. Coba lagi dalam %(wait)s.")
TOO_MANY_LATER = N_("Terlalu banyak permintaan dari alamat Anda. Coba lagi sebentar lagi.")
# Units of a wait, largest first: (seconds in one, its Indonesian word). No seconds: by the
# time the page is read they are out of date, and "1 menit" is still true.
WAIT_UNITS = ((86400, "hari"), (3600, "jam"), (60, "menit"))
_WERKZEUG_TEXTS = {cls.description for cls in default_exceptions.values() if cls.description}


def engine_text(message: str | BaseException | None, status: int = 500) -> str:
    """The message in the reader's language; our own words instead of Werkzeug's defaults.

    An engine error may be passed whole: its message keeps its template and parameters.
    """
    if isinstance(message, FormInvalidError):  # its messages in words, without field keys
        return " ".join(engine_text(text) for text in message.errors.values())
    if isinstance(message, BaseException):
        message = message_of(message)
    if isinstance(message, Message):
        return translated(message)
    if not message or message in _WERKZEUG_TEXTS or message.startswith("The CSRF"):
        return str(STATUS_TEXT.get(status, STATUS_TEXT[500]))
    return gettext(message)


def wait_in_units(seconds: int) -> tuple[int, str]:
    """``seconds`` rounded up to whole minutes, then said in the largest unit it fills:
    (how many, the Indonesian unit). 59 seconds is a minute, 3599 an hour, 5400 two hours."""
    rounded = max(-(-int(seconds) // 60), 1) * 60
    size, unit = next((size, unit) for size, unit in WAIT_UNITS if rounded >= size)
    return -(-rounded // size), unit


def wait_words(seconds: int) -> str:
    """How long to wait, in the reader's language: "1 menit", "2 jam"."""
    num, unit = wait_in_units(seconds)
    if unit == "hari":
        return ngettext("%(num)d hari", "%(num)d hari", num)
    if unit == "jam":
        return ngettext("%(num)d jam", "%(num)d jam", num)
    return ngettext("%(num)d menit", "%(num)d menit", num)


def too_many_text(seconds: int | None, *, reader: bool = True) -> str:
    """What a request over a rate limit is told, with the wait when known: in the reader's
    language, or (``reader=False``, the API) in Indonesian."""
    if seconds is None:
        return gettext(TOO_MANY_LATER) if reader else TOO_MANY_LATER
    if reader:
        return gettext(TOO_MANY, wait=wait_words(seconds))
    num, unit = wait_in_units(seconds)
    return TOO_MANY % {"wait": f"{num} {unit}"}


def engine_texts(errors: Mapping[str, Any]) -> dict[str, str]:
    """Errors by field in the reader's language (a message already in it stays as it is)."""
    return {field: engine_text(text) if text else text for field, text in errors.items()}


def message_of(exc: BaseException) -> str:
    """An engine error's message as raised (a Message keeps its parameters)."""
    first = exc.args[0] if len(exc.args) == 1 else None
    return first if isinstance(first, str) else str(exc)


def translated(message: Message) -> str:
    """``gettext(template) % params``, nested messages translated too."""
    params: dict[str, Any] = {k: translated(v) if isinstance(v, Message) else v
                              for k, v in message.params.items()}
    template = gettext(message.template)
    return template % params if params else template


def delivery_text(text: str | None) -> str:
    """Why a message was not sent, as the outbox keeps it, in the reader's language (the
    server's or library's own words after the colon stay as they are)."""
    found = parse(text, DELIVERY_ERRORS) if text else None
    return translated(found) if found is not None else text or ""


def problem_text(problem: dict[str, Any]) -> str:
    """A modeler problem's message (as saved with its draft) in the reader's language."""
    if isinstance(problem.get("template"), str):
        return translated(from_json(problem))
    return str(problem.get("message", ""))


def with_problem_texts(problems: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Copies of saved problems whose ``message`` is in the reader's language."""
    return [{**p, "message": problem_text(p)} for p in problems]
