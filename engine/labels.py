"""Indonesian words for the engine's codes and for dates, written once.

Documents the engine writes (reports, messages) use them as they are, since those are official
Indonesian texts; the web layer shows them in the reader's language (each is a catalogue msgid,
marked with ``N_``).
"""

from __future__ import annotations

from .messages import N_

CHANNEL = {
    "web": N_("Situs web"),
    "sms": N_("SMS 1708"),
    "mobile": N_("Aplikasi seluler"),
    "kotak": N_("Kotak pengaduan"),
    "loket": N_("Loket (datang langsung)"),
    "nasional": N_("LAPOR! nasional"),
    "whatsapp": N_("WhatsApp"),
    "telegram": N_("Telegram"),
}
JENIS = {
    "pengaduan": N_("Pengaduan"),
    "aspirasi": N_("Aspirasi"),
    "permintaan_informasi": N_("Permintaan informasi"),
}
STATUS = {
    "diterima": N_("Diterima"),
    "perlu_klarifikasi": N_("Perlu klarifikasi"),
    "didisposisikan": N_("Didisposisikan ke OPD"),
    "ditindaklanjuti": N_("Ditindaklanjuti"),
    "selesai": N_("Selesai"),
    "dikembalikan": N_("Dikembalikan ke Tim Admin"),
    "dialihkan": N_("Dialihkan ke LAPOR! nasional"),
    "diarsipkan": N_("Diarsipkan"),
}
NOT_SET = N_("(belum ditentukan)")
MONTHS = (N_("Januari"), N_("Februari"), N_("Maret"), N_("April"), N_("Mei"), N_("Juni"),
          N_("Juli"), N_("Agustus"), N_("September"), N_("Oktober"), N_("November"),
          N_("Desember"))
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
