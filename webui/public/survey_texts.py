"""The SKM questionnaire's words (PermenPANRB 14/2017, nine elements), in both languages."""

from __future__ import annotations

from typing import Any

from webui.translate import lazy_gettext as _l

# element: (question, answers for scores 1, 2, 3, 4)
QUESTIONS: dict[str, tuple[Any, tuple[Any, Any, Any, Any]]] = {
    "u1": (_l("Bagaimana pendapat Anda tentang kesesuaian persyaratan pelayanan dengan jenis "
              "pelayanannya?"),
           (_l("Tidak sesuai"), _l("Kurang sesuai"), _l("Sesuai"), _l("Sangat sesuai"))),
    "u2": (_l("Bagaimana pemahaman Anda tentang kemudahan prosedur pelayanan?"),
           (_l("Tidak mudah"), _l("Kurang mudah"), _l("Mudah"), _l("Sangat mudah"))),
    "u3": (_l("Bagaimana pendapat Anda tentang kecepatan waktu dalam memberikan pelayanan?"),
           (_l("Tidak cepat"), _l("Kurang cepat"), _l("Cepat"), _l("Sangat cepat"))),
    "u4": (_l("Bagaimana pendapat Anda tentang kewajaran biaya/tarif dalam pelayanan?"),
           (_l("Sangat mahal"), _l("Cukup mahal"), _l("Murah"), _l("Gratis"))),
    "u5": (_l("Bagaimana pendapat Anda tentang kesesuaian hasil pelayanan dengan yang "
              "tercantum dalam standar pelayanan?"),
           (_l("Tidak sesuai"), _l("Kurang sesuai"), _l("Sesuai"), _l("Sangat sesuai"))),
    "u6": (_l("Bagaimana pendapat Anda tentang kompetensi/kemampuan petugas dalam "
              "pelayanan?"),
           (_l("Tidak kompeten"), _l("Kurang kompeten"), _l("Kompeten"),
            _l("Sangat kompeten"))),
    "u7": (_l("Bagaimana pendapat Anda tentang perilaku petugas dalam pelayanan terkait "
              "kesopanan dan keramahan?"),
           (_l("Tidak sopan dan ramah"), _l("Kurang sopan dan ramah"), _l("Sopan dan ramah"),
            _l("Sangat sopan dan ramah"))),
    "u8": (_l("Bagaimana pendapat Anda tentang penanganan pengaduan pengguna layanan?"),
           (_l("Tidak ada"), _l("Ada tetapi tidak berfungsi"), _l("Berfungsi kurang maksimal"),
            _l("Dikelola dengan baik"))),
    "u9": (_l("Bagaimana pendapat Anda tentang kualitas sarana dan prasarana?"),
           (_l("Buruk"), _l("Cukup"), _l("Baik"), _l("Sangat baik"))),
}
ELEMENT_TITLES: dict[str, Any] = {
    "u1": _l("Persyaratan"),
    "u2": _l("Sistem, mekanisme, dan prosedur"),
    "u3": _l("Waktu penyelesaian"),
    "u4": _l("Biaya/tarif"),
    "u5": _l("Produk spesifikasi jenis pelayanan"),
    "u6": _l("Kompetensi pelaksana"),
    "u7": _l("Perilaku pelaksana"),
    "u8": _l("Penanganan pengaduan, saran dan masukan"),
    "u9": _l("Sarana dan prasarana"),
}
