"""Indonesian words for the engine's own codes, for documents the engine writes (reports).

The web screens have their own translated words (webui/labels.py); a report is an official
Indonesian document, so the engine names its codes itself.
"""

from __future__ import annotations

CHANNEL = {
    "web": "Situs web",
    "sms": "SMS 1708",
    "mobile": "Aplikasi seluler",
    "kotak": "Kotak pengaduan",
    "loket": "Loket (datang langsung)",
    "nasional": "LAPOR! nasional",
}
JENIS = {
    "pengaduan": "Pengaduan",
    "aspirasi": "Aspirasi",
    "permintaan_informasi": "Permintaan informasi",
}
STATUS = {
    "diterima": "Diterima",
    "perlu_klarifikasi": "Perlu klarifikasi",
    "didisposisikan": "Didisposisikan ke OPD",
    "ditindaklanjuti": "Ditindaklanjuti",
    "selesai": "Selesai",
    "dikembalikan": "Dikembalikan ke Tim Admin",
    "dialihkan": "Dialihkan ke LAPOR! nasional",
    "diarsipkan": "Diarsipkan",
}
NOT_SET = "(belum ditentukan)"
