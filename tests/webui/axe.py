"""axe-core in the page: the serious and critical findings (axe comes from npm via vendor.txt)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

AXE = Path(__file__).resolve().parents[2] / "webui" / "static" / "vendor" / "axe.min.js"
SEVERE = ("serious", "critical")
# Parts of the page axe does not judge, each with its reason. Nothing else is excluded, and no
# rule is switched off.
EXCLUDED: list[list[str]] = []

RUN = """async (exclude) => {
  const found = await axe.run({include: [document], exclude: exclude},
                              {resultTypes: ['violations']});
  return found.violations.map(v => [v.id, v.impact,
    v.nodes.map(n => n.target.join(' ') + ' :: ' + (n.failureSummary || '').slice(0, 200))]);
}"""


def accessibility_problems(page: Any) -> list[list[Any]]:
    """Serious or critical axe-core findings on the page as [rule, impact, [nodes]]."""
    assert AXE.exists(), "run `make setup` to copy the browser libraries into static/vendor"
    page.add_script_tag(url="/static/vendor/axe.min.js")  # CSP: no inline script
    found = page.evaluate(RUN, EXCLUDED)
    return [v for v in found if v[1] in SEVERE]
