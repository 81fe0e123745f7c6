"""An audit entry's detail in words, for the audit log screen.

``engine.audit.record`` stores its keyword arguments as a JSON object; a manager reads them
here as one line per key, the key in words in the reader's language and the value made
readable. Only the screen reads the detail so: it keeps the stored text on the page beside
the lines, and the exports keep that text as it is.
"""

from __future__ import annotations

import json
from typing import Any, NamedTuple

from forms.labels import yes_no
from webui.labels import ACTION_GROUP, CHANNEL, INSTANCE_STATUS, ROLE, STATUS, label
from webui.translate import LazyString, current_lang
from webui.translate import lazy_gettext as _l

# The keys the callers of ``audit.record`` write, in words (grep ``audit.record(``). Every
# key used in more than one place is here, and the filters each reading of this log records;
# a key without words is shown as it is, so a new caller's detail is never hidden.
KEY: dict[str, LazyString] = {
    # A completed task: which form, which of its fields were sent, the task's title.
    "form": _l("Formulir"),
    "fields": _l("Isian formulir"),
    "title": _l("Judul"),
    "reason": _l("Alasan"),
    "note": _l("Catatan"),
    "error": _l("Pesan kesalahan"),
    # Accounts, OPDs, categories, code lists and the calendar.
    "user": _l("Nama pengguna"),
    "role": _l("Peran"),
    "opd": _l("OPD"),
    "category": _l("Kategori"),
    "name": _l("Nama"),
    "list": _l("Daftar kode"),
    "code": _l("Kode"),
    "label": _l("Keterangan"),
    "old": _l("Sebelumnya"),
    "new": _l("Menjadi"),
    "day": _l("Tanggal"),
    # Complaints and their files.
    "channel": _l("Kanal"),
    "definition_version": _l("Versi diagram"),
    "attachment_id": _l("Nomor lampiran"),
    "national_status": _l("Status LAPOR! nasional"),
    "complaint_status": _l("Status laporan"),
    "closed": _l("Ditutup"),
    "team_task_id": _l("Nomor tugas Anggota"),
    "due_on": _l("Batas waktu"),
    # Evaluation and the process diagrams.
    "period": _l("Periode"),
    "indicator": _l("Indikator"),
    "improvement_id": _l("Nomor tindakan perbaikan"),
    "process_id": _l("Proses"),
    "draft_id": _l("Nomor draf"),
    "author": _l("Penyusun"),
    # What a reading or an export of this log or of the process list asked for.
    "page": _l("Nomor halaman"),
    "format": _l("Format berkas"),
    "tracking_code": _l("Kode lacak"),
    "person": _l("Pengguna (nama pengguna)"),
    "group": _l("Jenis tindakan"),
    "action": _l("Kode tindakan"),
    "day_from": _l("Dari tanggal"),
    "day_to": _l("Sampai tanggal"),
    "status": _l("Status"),
    "instance_status": _l("Status proses"),
}
# Keys whose values are codes the screens already have words for.
VALUE_WORDS: dict[str, dict[str, Any]] = {
    "role": ROLE, "channel": CHANNEL, "group": ACTION_GROUP, "status": STATUS,
    "complaint_status": STATUS, "instance_status": INSTANCE_STATUS,
}
NOTHING = "—"  # a value recorded as null or blank: the key is still shown


class DetailLine(NamedTuple):
    """One key of a detail: the key, its words (None when there are none) and the value."""

    key: str
    label: LazyString | None
    value: str


def detail_lines(text: str | None) -> list[DetailLine]:
    """The stored detail as lines, one per key in stored order; none when the text is empty or
    not a JSON object (old rows, plain text), which the screen then shows as it is."""
    found = _json_object(text)
    return [DetailLine(key, KEY.get(key), _value(key, value)) for key, value in found.items()]


def _json_object(text: str | None) -> dict[str, Any]:
    """The stored text as a JSON object; an empty one for anything else."""
    if not text:
        return {}
    try:
        found = json.loads(text)
    except (ValueError, RecursionError):  # not JSON, or nested past the parser's depth
        return {}
    return found if isinstance(found, dict) else {}


def _value(key: str, value: Any) -> str:
    """A value in words: a known code by its words, a list joined, an object as key=value."""
    if isinstance(value, str) and key in VALUE_WORDS:
        return str(label(VALUE_WORDS[key], value))
    if isinstance(value, list):
        return ", ".join(_plain(item) for item in value) or NOTHING
    if isinstance(value, dict):
        return ", ".join(f"{k}={_plain(v)}" for k, v in value.items()) or NOTHING
    return _plain(value)


def _plain(value: Any) -> str:
    """One value as text; a list or object inside another stays compact JSON."""
    if isinstance(value, bool):  # first: str() would print Python's True/False
        return yes_no(value, current_lang())
    if value is None or value == "":
        return NOTHING
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)
