"""Read-only summaries of submitted values, and field descriptions for tables."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from forms import coerce, describe, load_form, render, render_readonly, validate

from .forms_html_tree import all_elements, parse_html


def _pairs(html: str) -> list[tuple[str, str]]:
    """(dt, dd) texts of a definition list."""
    dl = parse_html(html).children[0]
    assert dl.tag == "dl"
    terms = [e.all_text() for e in dl.children if e.tag == "dt"]
    details = [e.all_text() for e in dl.children if e.tag == "dd"]
    return list(zip(terms, details, strict=True))


def test_readonly_shows_labels_choice_labels_and_yes_no(options: dict[str, Any]) -> None:
    values = {"decision": "forward", "jenis": "aspirasi", "opd": "dinkes", "anonim": True,
              "rahasia": False, "note": "", "status": "abaikan"}  # fmt: skip
    pairs = _pairs(render_readonly(load_form("verifikasi"), values, options=options))
    assert pairs == [
        ("Jenis laporan", "Aspirasi"),
        ("Anonim", "Ya"),
        ("Rahasia", "Tidak"),
        ("Keputusan", "Teruskan ke OPD"),
        ("OPD tujuan", "Dinas Kesehatan"),
    ]


def test_readonly_in_english() -> None:
    values = {"outcome": "not_our_authority", "note": "Wewenang BPN."}
    pairs = _pairs(render_readonly(load_form("tindak_lanjut"), values, lang="en"))
    assert pairs == [("Follow-up", "Not our agency's authority"), ("Note", "Wewenang BPN.")]


def test_readonly_escapes_values_and_keeps_line_breaks() -> None:
    html = render_readonly(load_form("balasan"), {"text": "<script>x</script>\nbaris dua"})
    assert "<script>" not in html
    assert "&lt;script&gt;x&lt;/script&gt;<br>\nbaris dua" in html


def test_readonly_lists_files() -> None:
    values = {"title": "Judul", "attachments": ["a.jpg", "b.pdf"]}
    pairs = _pairs(render_readonly(load_form("pengaduan_publik"), values))
    assert pairs == [("Judul laporan", "Judul"), ("Lampiran", "a.jpg, b.pdf")]


def test_describe_gives_fields_and_labels_in_order() -> None:
    assert describe(load_form("koordinasi")) == [
        ("summary", "Hasil koordinasi"),
        ("contacted_at", "Tanggal dihubungi"),
        ("next_step", "Langkah berikutnya"),
    ]
    assert describe(load_form("balasan"), "en") == [("text", "Your reply")]


SAFE_TAGS = {"div", "label", "input", "textarea", "select", "option", "small", "fieldset",
             "legend", "abbr", "p", "ul", "li", "a"}  # fmt: skip
TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=60)


@settings(max_examples=60, deadline=None, database=None)
@given(raw=st.dictionaries(st.sampled_from(load_form("pengaduan_publik").fields), TEXT))
def test_any_post_is_coerced_validated_and_rendered_safely(raw: dict[str, str]) -> None:
    form = load_form("pengaduan_publik")
    data = coerce(form, raw)
    errors = validate(form, data)
    assert all(isinstance(text, str) and text for text in errors.values())
    tags = {element.tag for element in all_elements(parse_html(render(form, data, errors)))}
    assert tags <= SAFE_TAGS  # nothing typed by a citizen became markup
