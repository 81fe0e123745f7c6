"""The inbox's filter row reads in full at 1280 px ("Kode lacak atau kat…", "Semua taha…" were
cut) and stays usable on a 360 px phone."""

from __future__ import annotations

import pytest

from tests.walk import Walk
from tests.webui.test_browser import PHONE, fits_the_phone, officer_signs_in, shot

# Each search box's placeholder and each chooser's chosen words, against the room inside it.
CUT_TEXTS = """() => {
  const ruler = document.createElement('canvas').getContext('2d');
  const fields = 'form.filters.compact input[type=search], form.filters.compact select';
  return [...document.querySelectorAll(fields)]
    .map(field => {
      const style = getComputedStyle(field);
      ruler.font = style.font;
      const text = field.tagName === 'SELECT' ? field.options[field.selectedIndex].text
                                              : field.placeholder;
      const room = field.clientWidth - parseFloat(style.paddingLeft)
                   - parseFloat(style.paddingRight);
      return [text, Math.ceil(ruler.measureText(text).width), Math.floor(room)];
    })
    .filter(([_text, needed, room]) => needed > room);
}"""


@pytest.mark.browser
def test_filter_words_read_in_full_on_a_desk_and_fit_a_phone(browser: object, base_url: str,
                                                             walk: Walk) -> None:
    walk.user("tim_admin")
    walk.file()
    page = officer_signs_in(browser, base_url, "tim_admin")
    page.set_viewport_size({"width": 1280, "height": 800})  # type: ignore[attr-defined]
    page.reload()  # type: ignore[attr-defined]
    shot(page, "inbox-filters-1280")
    assert page.evaluate(CUT_TEXTS) == []  # type: ignore[attr-defined]
    top = page.evaluate(  # type: ignore[attr-defined]
        "[...document.querySelectorAll('form.filters.compact input[type=search], "
        "form.filters.compact select, form.filters.compact button')]"
        ".map(e => Math.round(e.getBoundingClientRect().top))")
    assert len(set(top)) == 1, top  # search, choosers and button on one line
    page.set_viewport_size(PHONE)  # type: ignore[attr-defined]
    page.reload()  # type: ignore[attr-defined]
    shot(page, "inbox-filters-360")
    assert fits_the_phone(page)
    assert page.evaluate(CUT_TEXTS) == []  # type: ignore[attr-defined]
    page.fill("input[name=q]", "tidak ada yang cocok")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Saring").click()  # type: ignore[attr-defined]
    page.wait_for_url("**q=tidak*")  # type: ignore[attr-defined]
