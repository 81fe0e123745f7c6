"""Server-side HTML of forms: labels, required marks, errors, kept values, widgets."""

from __future__ import annotations

from typing import Any

import pytest
from markupsafe import Markup

from forms import coerce, form_keys, load_form, make_form, render, validate

from .forms_html_tree import Element, all_elements, by_id, parse_html

CONTROLS = ("input", "select", "textarea")


def _control(root: Element, field: str) -> Element:
    """The input, select or textarea of a field (the first radio for radio groups)."""
    element = by_id(root, f"f-{field}")
    if element.tag == "fieldset":
        return element.find_all("input")[0]
    return element


def _wrapper(element: Element) -> Element:
    """The `div.field` around a control."""
    while element.attrs.get("class") != "field":
        assert element.parent is not None
        element = element.parent
    return element


def _all_errors(key: str) -> dict[str, str]:
    """An error message for every field of a form."""
    return {name: f"Salah {name}." for name in load_form(key).fields}


@pytest.mark.parametrize("key", form_keys())
def test_every_field_has_a_label_or_legend(key: str, options: dict[str, Any]) -> None:
    form = load_form(key)
    root = parse_html(render(form, options=options))
    for name in form.fields:
        element = by_id(root, f"f-{name}")
        if element.tag == "fieldset":
            assert element.find_all("legend")[0].all_text().strip()
            for radio in element.find_all("input"):
                assert [
                    lb for lb in element.find_all("label") if lb.attrs["for"] == radio.attrs["id"]
                ]
        else:
            assert element.tag in CONTROLS
            labels = [
                e
                for e in all_elements(root)
                if e.tag == "label" and e.attrs.get("for") == f"f-{name}"
            ]
            assert len(labels) == 1 and labels[0].all_text().strip()


@pytest.mark.parametrize("key", form_keys())
def test_errors_sit_next_to_their_field_and_are_linked(key: str, options: dict[str, Any]) -> None:
    form = load_form(key)
    root = parse_html(render(form, errors=_all_errors(key), options=options))
    ids = {e.attrs.get("id") for e in all_elements(root)}
    for name in form.fields:
        error = by_id(root, f"f-{name}-error")
        assert error.tag == "small" and error.attrs["class"] == "field-error"
        assert error.all_text() == f"Salah {name}."
        assert error in all_elements(_wrapper(by_id(root, f"f-{name}")))
        control = _control(root, name)
        assert control.attrs.get("aria-invalid") == "true"
        described = (by_id(root, f"f-{name}").attrs.get("aria-describedby") or "").split()
        assert f"f-{name}-error" in described
        assert set(described) <= ids


def test_without_errors_nothing_is_marked_invalid(options: dict[str, Any]) -> None:
    html = render(load_form("pengaduan_publik"), options=options)
    assert "aria-invalid" not in html and "field-error" not in html and 'role="alert"' not in html


def test_required_fields_have_a_visible_mark_and_others_none(options: dict[str, Any]) -> None:
    form = load_form("pengaduan_publik")
    root = parse_html(render(form, options=options))
    for name in form.fields:
        element = by_id(root, f"f-{name}")
        marks = [a for a in _wrapper(element).find_all("abbr") if a.all_text() == "*"]
        assert bool(marks) == (name in {"title", "description"}), name
        if marks:
            assert marks[0].attrs["title"] == "wajib diisi"
            assert element.attrs.get("aria-required") == "true"


def test_help_text_is_linked_to_its_field() -> None:
    root = parse_html(render(load_form("pengaduan_publik")))
    help_text = by_id(root, "f-anonim-help")
    assert "tidak ditampilkan kepada OPD dan publik" in help_text.all_text()
    assert by_id(root, "f-anonim").attrs["aria-describedby"] == "f-anonim-help"


def test_values_are_kept_and_escaped() -> None:
    evil = '<script>alert("x")</script>'
    form = load_form("pengaduan_publik")
    values = coerce(form, {"title": evil, "description": "<b>baris</b>\ndua", "anonim": "on"})
    html = render(form, values, validate(form, values))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    root = parse_html(html)
    assert by_id(root, "f-title").attrs["value"] == evil
    assert by_id(root, "f-description").all_text() == "\n<b>baris</b>\ndua"
    assert "checked" in by_id(root, "f-anonim").attrs
    assert by_id(root, "f-description-error").all_text() == "Terlalu pendek (minimal 20 karakter)."


def test_error_messages_and_summary_are_escaped() -> None:
    html = render(load_form("balasan"), errors={"text": "<b>x</b>", "<i>": "<u>y</u>"})
    assert "<b>" not in html and "<i>" not in html and "<u>" not in html


def test_error_summary_links_to_the_fields() -> None:
    root = parse_html(
        render(load_form("balasan"), errors={"text": "Wajib diisi.", "x": "Isian tidak dikenal."})
    )
    summary = [e for e in all_elements(root) if e.attrs.get("role") == "alert"][0]
    links = summary.find_all("a")
    assert [a.attrs["href"] for a in links] == ["#f-text"]
    assert "x: Isian tidak dikenal." in summary.all_text()


def test_small_enums_are_radio_groups_with_labels() -> None:
    root = parse_html(render(load_form("verifikasi"), {"decision": "archive"}))
    group = by_id(root, "f-decision")
    assert group.tag == "fieldset"
    assert group.find_all("legend")[0].all_text().startswith("Keputusan")
    radios = group.find_all("input")
    assert [r.attrs["value"] for r in radios] == [
        "forward",
        "clarify",
        "redirect_national",
        "archive",
    ]
    assert [("checked" in r.attrs) for r in radios] == [False, False, False, True]
    assert "Teruskan ke OPD" in group.all_text()


def _enum_form(size: int, widget: str | None = None) -> Any:
    """A one-field form whose enum has `size` values."""
    ui: dict[str, Any] = {"pilihan": {"ui:widget": widget}} if widget else {}
    schema = {
        "type": "object",
        "properties": {"pilihan": {"type": "string", "enum": [f"v{i}" for i in range(size)]}},
    }
    return make_form("pilihan", schema, ui)


@pytest.mark.parametrize(
    ("size", "widget", "tag"),
    [
        (2, None, "fieldset"),
        (5, None, "fieldset"),
        (6, None, "select"),
        (3, "select", "select"),
        (8, "radio", "fieldset"),
    ],
)
def test_radio_for_few_choices_select_for_many_or_as_the_ui_says(
    size: int, widget: str | None, tag: str
) -> None:
    root = parse_html(render(_enum_form(size, widget)))
    assert by_id(root, "f-pilihan").tag == tag


def test_options_come_from_data_in_every_shape(options: dict[str, Any]) -> None:
    root = parse_html(
        render(
            load_form("verifikasi"),
            {"opd": "dishub", "category": "Kesehatan", "cause": "sarana"},
            options=options,
        )
    )
    opd = by_id(root, "f-opd")
    assert opd.tag == "select"
    items = [
        (o.attrs["value"], o.all_text(), "selected" in o.attrs) for o in opd.find_all("option")
    ]
    assert items == [
        ("", "— pilih —", False),
        ("dinkes", "Dinas Kesehatan", False),
        ("dishub", "Dinas Perhubungan", True),
    ]
    categories = by_id(root, "f-category").find_all("option")
    assert [o.attrs["value"] for o in categories] == [
        "",
        "Infrastruktur",
        "Kesehatan",
        "Pendidikan",
    ]
    assert [o.all_text() for o in by_id(root, "f-cause").find_all("option")][1:] == [
        "Sarana rusak",
        "Layanan lambat",
    ]


def test_option_fields_without_a_list_fall_back_to_text() -> None:
    root = parse_html(render(load_form("verifikasi"), {"opd": "dinkes"}))
    opd = by_id(root, "f-opd")
    assert (opd.tag, opd.attrs["type"], opd.attrs["value"]) == ("input", "text", "dinkes")


def test_widgets_follow_the_schema(options: dict[str, Any]) -> None:
    root = parse_html(render(load_form("pengaduan_publik"), options=options))
    assert by_id(root, "f-incident_date").attrs["type"] == "date"
    assert by_id(root, "f-description").tag == "textarea"
    assert by_id(root, "f-description").attrs["rows"] == "8"
    assert by_id(root, "f-title").attrs["maxlength"] == "150"
    assert by_id(root, "f-email").attrs["type"] == "email"
    assert by_id(root, "f-phone").attrs["type"] == "tel"
    assert by_id(root, "f-anonim").attrs["type"] == "checkbox"
    attachments, identity = by_id(root, "f-attachments"), by_id(root, "f-id_document")
    assert attachments.attrs["type"] == identity.attrs["type"] == "file"
    assert "multiple" in attachments.attrs and "multiple" not in identity.attrs


def test_no_form_element_and_no_submit_button(options: dict[str, Any]) -> None:
    html = render(load_form("pengaduan_publik"), options=options)
    assert isinstance(html, Markup)
    assert "<form" not in html and "submit" not in html and "<button" not in html


def test_english_labels_help_and_choices() -> None:
    root = parse_html(render(load_form("verifikasi"), lang="en"))
    assert by_id(root, "f-decision").find_all("legend")[0].all_text().startswith("Decision")
    assert "Forward to an agency (OPD)" in by_id(root, "f-decision").all_text()
    assert by_id(root, "f-rahasia-help").all_text() == "The report is not published."
    marks = by_id(root, "f-jenis").find_all("abbr")
    assert marks[0].attrs["title"] == "required"


def test_prefix_is_applied_to_names_and_ids() -> None:
    root = parse_html(render(load_form("balasan"), {"text": "halo"}, prefix="r1-"))
    area = by_id(root, "f-r1-text")
    assert area.attrs["name"] == "r1-text" and "halo" in area.all_text()


def test_defaults_fill_a_fresh_form_but_not_a_re_render() -> None:
    form = make_form(
        "x", {"type": "object", "properties": {"ikut": {"type": "boolean", "default": True}}}, {}
    )
    assert "checked" in by_id(parse_html(render(form)), "f-ikut").attrs
    assert "checked" not in by_id(parse_html(render(form, {})), "f-ikut").attrs


@pytest.mark.parametrize("key", form_keys())
def test_ids_are_unique(key: str, options: dict[str, Any]) -> None:
    root = parse_html(render(load_form(key), errors=_all_errors(key), options=options))
    ids = [e.attrs["id"] for e in all_elements(root) if "id" in e.attrs]
    assert len(ids) == len(set(ids))
