"""Plain-language validation messages in Indonesian and English."""

from __future__ import annotations

from typing import Any

from forms.labels import language

MESSAGES: dict[str, dict[str, str]] = {
    "id": {
        "required": "Wajib diisi.",
        "maxLength": "Terlalu panjang (maksimal {n} karakter).",
        "minLength": "Terlalu pendek (minimal {n} karakter).",
        "email": "Format email tidak valid.",
        "date": "Tanggal tidak valid (gunakan format TTTT-BB-HH).",
        "format": "Format tidak valid.",
        "pattern": "Format tidak valid.",
        "enum": "Pilihan tidak dikenal.",
        "must_check": "Wajib dicentang.",
        "const": "Nilai ini tidak diizinkan.",
        "maxItems": "Terlalu banyak (maksimal {n}).",
        "minItems": "Terlalu sedikit (minimal {n}).",
        "minimum": "Nilai terlalu kecil (minimal {n}).",
        "maximum": "Nilai terlalu besar (maksimal {n}).",
        "type": "Isian tidak sesuai jenisnya.",
        "integer": "Harus berupa bilangan bulat.",
        "number": "Harus berupa angka.",
        "boolean": "Harus berupa ya atau tidak.",
        "unknown_field": "Isian tidak dikenal.",
        "invalid": "Isian tidak valid.",
    },
    "en": {
        "required": "This field is required.",
        "maxLength": "Too long (at most {n} characters).",
        "minLength": "Too short (at least {n} characters).",
        "email": "Invalid email address.",
        "date": "Invalid date (use the format YYYY-MM-DD).",
        "format": "Invalid format.",
        "pattern": "Invalid format.",
        "enum": "Unknown choice.",
        "must_check": "Please tick this box.",
        "const": "This value is not allowed.",
        "maxItems": "Too many (at most {n}).",
        "minItems": "Too few (at least {n}).",
        "minimum": "Too small (at least {n}).",
        "maximum": "Too large (at most {n}).",
        "type": "This value has the wrong type.",
        "integer": "Must be a whole number.",
        "number": "Must be a number.",
        "boolean": "Must be yes or no.",
        "unknown_field": "Unknown field.",
        "invalid": "Invalid value.",
    },
}


def message(name: str, lang: str, **values: Any) -> str:
    """The message called `name` in the language, filled with the given values."""
    table = MESSAGES[language(lang)]
    return table.get(name, table["invalid"]).format(**values)


def custom_message(field_ui: dict[str, Any], name: str, lang: str) -> str:
    """A field's own message for a failed keyword (from `ui:messages`), or ""."""
    texts = dict(field_ui.get("ui:messages", {}))
    if language(lang) == "en":
        texts.update(field_ui.get("ui:messages_en", {}))
    return str(texts.get(name, ""))
