"""Indonesian text as the models read it: SMS spellings written out, stop words dropped, words
stemmed with Sastrawi, and the place names of the regency recognised."""

from __future__ import annotations

import re
from functools import lru_cache

from Sastrawi.Stemmer.StemmerFactory import StemmerFactory
from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory

# Informal spellings and abbreviations common in SMS and chat, written out before stemming.
ABBREVIATIONS: dict[str, str] = {
    "tdk": "tidak", "tdak": "tidak", "tak": "tidak", "gak": "tidak", "ga": "tidak",
    "gk": "tidak", "nggak": "tidak", "ngga": "tidak", "enggak": "tidak", "ndak": "tidak",
    "yg": "yang", "jln": "jalan", "jl": "jalan", "jalanan": "jalan", "sdh": "sudah",
    "udh": "sudah", "udah": "sudah", "dah": "sudah", "blm": "belum", "blum": "belum",
    "krn": "karena", "krna": "karena", "karna": "karena", "dgn": "dengan", "dg": "dengan",
    "utk": "untuk", "untk": "untuk", "buat": "untuk", "sy": "saya", "sya": "saya",
    "dr": "dari", "dri": "dari", "pd": "pada", "tp": "tapi", "tpi": "tapi", "lg": "lagi",
    "lgi": "lagi", "bs": "bisa", "bsa": "bisa", "skrg": "sekarang", "skrang": "sekarang",
    "org": "orang", "kmrn": "kemarin", "kmarin": "kemarin", "thn": "tahun", "bln": "bulan",
    "hr": "hari", "mgg": "minggu", "dpn": "depan", "sklh": "sekolah", "sekolahan": "sekolah",
    "rs": "rumah sakit", "rsud": "rumah sakit", "puskes": "puskesmas", "pkm": "puskesmas",
    "ds": "desa", "dsa": "desa", "kec": "kecamatan", "kel": "kelurahan", "kab": "kabupaten",
    "pemkab": "pemerintah kabupaten", "bpk": "bapak", "pak": "bapak", "bu": "ibu",
    "mhn": "mohon", "tlg": "tolong", "tolonglah": "tolong", "sm": "sama", "sma": "sama",
    "jg": "juga", "jga": "juga", "aja": "saja", "aj": "saja", "bgt": "sekali",
    "banget": "sekali", "bnyk": "banyak", "byk": "banyak", "sampe": "sampai", "smp": "sampai",
    "lmpu": "lampu", "lampunya": "lampu", "listrik2": "listrik", "pju": "lampu jalan",
    "trus": "terus", "trs": "terus", "gmn": "bagaimana", "gimana": "bagaimana",
    "knp": "kenapa", "napa": "kenapa", "dmn": "di mana", "mana2": "mana", "jd": "jadi",
    "jdi": "jadi", "klo": "kalau", "kalo": "kalau", "kl": "kalau", "dll": "dan lain lain",
    "kk": "kartu keluarga", "ktp": "ktp", "ektp": "ktp", "e-ktp": "ktp", "bansos": "bantuan sosial",
    "blt": "bantuan langsung tunai", "pkh": "program keluarga harapan", "gaji2": "gaji",
    "ortu": "orang tua", "anak2": "anak", "warga2": "warga", "jam2": "jam", "bbrp": "beberapa",
    "sbg": "sebagai", "spt": "seperti", "sprti": "seperti", "msh": "masih", "masi": "masih",
    "cuma": "hanya", "cm": "hanya", "pdhl": "padahal", "hrs": "harus", "hrus": "harus",
    "tgl": "tanggal", "wkt": "waktu", "kpd": "kepada", "sgt": "sangat", "bnr": "benar",
}

# Words every complaint uses that say nothing of its subject, beyond Sastrawi's stop words.
EXTRA_STOP_WORDS = frozenset({
    "mohon", "tolong", "bapak", "ibu", "pak", "lapor", "laporan", "admin", "pemerintah",
    "kabupaten", "empat", "lawang", "warga", "kami", "saya", "kita", "kampung", "selamat",
    "pagi", "siang", "sore", "malam", "assalamualaikum", "wr", "wb", "terima", "kasih",
    "segera", "tindak", "lanjut", "tindaklanjut", "tangan", "sudah", "sekali", "sangat",
    "desa", "kelurahan", "kecamatan", "dusun", "rt", "rw", "min", "nya", "permisi", "yth",
    "izin", "hormat", "perhati", "bantu", "ditindaklanjuti", "perhatiannya",
    "dibantu", "melapor",
})

WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)?")


@lru_cache(maxsize=1)
def _stemmer():  # type: ignore[no-untyped-def]
    return StemmerFactory().create_stemmer()


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Sastrawi's Indonesian stop words and ours; negations are kept (they carry the problem)."""
    words = set(StopWordRemoverFactory().get_stop_words()) | EXTRA_STOP_WORDS
    keep = {"tidak", "belum", "tanpa", "kerja", "bekerja", "naik", "masuk", "keluar", "harga",
            "jalan", "besar", "kecil", "panjang", "lama"}
    return frozenset(words - keep)


@lru_cache(maxsize=1)
def dictionary_words() -> frozenset[str]:
    """Sastrawi's dictionary of Indonesian root words."""
    return frozenset(StemmerFactory().get_words())


def words(text: str) -> list[str]:
    """Lower-case words with SMS spellings written out (``tdk`` → ``tidak``)."""
    out: list[str] = []
    for word in WORD.findall(text.lower()):
        word = re.sub(r"(.)\1{2,}", r"\1", word)  # "rusakkkk" → "rusak"
        if word.endswith("2") and len(word) > 3 and word[:-1].isalpha():
            word = word[:-1]  # "jalan2" → "jalan" (reduplication written with a 2)
        out.extend(ABBREVIATIONS.get(word, word).split())
    return out


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Sastrawi stem of one word (cached: complaints repeat their words)."""
    if word.isdigit() or len(word) <= 3:
        return word
    stemmed: str = _stemmer().stem(word)
    return stemmed or word


def tokens(text: str) -> list[str]:
    """The stems of the words that carry meaning, in order."""
    stops = stop_words()
    stems = (stem(w) for w in words(text) if w not in stops and not w.isdigit())
    return [s for s in stems if s not in EXTRA_STOP_WORDS]


def normalized(text: str) -> str:
    """``tokens`` joined by spaces: what the vectorizers and the duplicate matcher read."""
    return " ".join(tokens(text))


def plain(text: str) -> str:
    """The written-out words, unstemmed and with stop words (for character n-grams, places)."""
    return " ".join(words(text))
