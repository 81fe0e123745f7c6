"""What the chat bot says, in Indonesian (the conversation's language)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from engine.labels import STATUS

from .render import format_day

WELCOME = ("Selamat datang di LAPOR! Empat Lawang. Ceritakan apa yang terjadi, paling sedikit "
           "20 huruf. Ketik BATAL kapan saja untuk berhenti, atau STATUS <kode lacak> untuk "
           "menanyakan laporan Anda.")
DESCRIBE_MORE = "Ceritakan sedikit lebih lengkap apa yang terjadi (paling sedikit 20 huruf)."
ASK_PLACE = ("Di mana kejadiannya? Tulis nama desa/kelurahan atau kecamatan, atau bagikan "
             "lokasi dari menu lampiran. Ketik LEWATI bila tidak ingin menyebutkannya.")
OUTSIDE = ("Lokasi itu berada di luar Kabupaten Empat Lawang. Bagikan lokasi lain, tulis nama "
           "desa atau kecamatan, atau ketik LEWATI.")
UNKNOWN_PLACE = "%(problem)s Tulis lagi nama desa atau kecamatan, atau ketik LEWATI."
ASK_MEDIA = ("Ada foto atau dokumen pendukung? Kirim sekarang (JPG, PNG, WEBP atau PDF), lalu "
             "ketik LANJUT. Ketik LEWATI bila tidak ada.")
MEDIA_KEPT = "Berkas diterima (%(n)s). Kirim berkas lain, atau ketik LANJUT."
MEDIA_LATER = ("Foto atau dokumen Anda belum dapat diambil. Ketik KIRIM lagi beberapa saat lagi, "
               "atau BATAL.")
MEDIA_REFUSED = ("Berkas ini ditolak dan tidak dilampirkan: %(problem)s. Ketik KIRIM untuk "
                 "mengirim laporan tanpa berkas itu, atau BATAL.")
ASK_ANONYMOUS = ("Kirim sebagai anonim? Balas YA (nama Anda tidak ditampilkan kepada OPD dan "
                 "publik) atau TIDAK.")
ASK_NAME = "Siapa nama Anda?"
ASK_PHONE = "Nomor HP Anda untuk kabar perkembangan laporan (contoh: 081234567890)?"
CANCELLED = "Laporan dibatalkan; tidak ada yang dikirim. Tulis pesan baru untuk mulai lagi."
RECEIPT = ("LAPOR! Empat Lawang: laporan diterima, nomor registrasi %(registration_no)s. Kode "
           "lacak %(code)s, kode rahasia %(secret)s. Simpan kedua kode ini. Kabar perkembangan "
           "dikirim ke percakapan ini; lacak juga di %(site)s. Untuk membalas tindak lanjut, "
           "awali pesan dengan kode lacak.")
NOT_FILED = "Laporan belum dapat dikirim: %(problem)s. Ketik BATAL untuk mulai lagi."
UNKNOWN_CODE = "Kode lacak %(code)s tidak ditemukan. Periksa lagi kodenya."
REPLY_RECEIVED = "Balasan Anda untuk laporan %(code)s sudah diterima. Terima kasih."
REPLY_TOO_SHORT = "Balasan untuk laporan %(code)s terlalu pendek; tulis paling sedikit 5 huruf."


def status_of(code: str, status: str, due: datetime | None) -> str:
    """The answer to "status <kode>"."""
    text = f"Laporan {code}: {STATUS.get(status, status)}."
    if due is not None:
        text += f" Batas waktu tahap ini {format_day(due)}."
    return text


def confirm(data: dict[str, Any]) -> str:
    """The summary the reporter confirms with KIRIM."""
    lines = ["Periksa laporan Anda:", f"Isi: {data.get('description', '')}"]
    if data.get("latitude") is not None:
        lines.append(f"Lokasi: titik {data['latitude']}, {data['longitude']}")
    elif data.get("place"):
        lines.append(f"Lokasi: {data['place']}")
    if data.get("media"):
        lines.append(f"Lampiran: {len(data['media'])} berkas")
    lines.append("Anonim" if data.get("anonim") else f"Nama: {data.get('name', '')}")
    lines.append("Balas KIRIM untuk mengirim, atau BATAL.")
    return "\n".join(lines)
