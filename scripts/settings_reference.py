"""Print the settings reference (every ALUR_* setting, its default, its meaning) as Markdown.

The table in docs/deploy.md between <!-- settings:start --> and <!-- settings:end --> is this
script's output; tests/docs/test_settings_reference.py fails when they differ.

    .venv/bin/python scripts/settings_reference.py            # print the table
    .venv/bin/python scripts/settings_reference.py --write    # refresh docs/deploy.md in place
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from engine.settings import INSTANCE, settings_reference  # noqa: E402
from engine.settings import ROOT as SETTINGS_ROOT  # noqa: E402

DOC = ROOT / "docs" / "deploy.md"
START = "<!-- settings:start -->"
END = "<!-- settings:end -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _default(value: str) -> str:
    """Paths under the checkout are shown relative to it, so the table is the same everywhere."""
    value = value.replace(str(INSTANCE), "<instance>").replace(str(SETTINGS_ROOT), "<checkout>")
    return f"`{value}`" if value else "*(empty)*"


def table() -> str:
    """The Markdown table of every setting."""
    lines = ["| variable | default | meaning |", "|---|---|---|"]
    for variable, default, meaning in settings_reference():
        lines.append(f"| `{variable}` | {_cell(_default(default))} | {_cell(meaning)} |")
    return "\n".join(lines) + "\n"


def replace_block(document: str, block: str) -> str:
    """``document`` with the text between the markers replaced by ``block``."""
    head, sep, rest = document.partition(START)
    if not sep or END not in rest:
        raise SystemExit(f"{DOC} lacks the markers {START} / {END}")
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{block}{END}{tail}"


def main(argv: list[str]) -> int:
    if "--write" in argv:
        DOC.write_text(replace_block(DOC.read_text(encoding="utf-8"), table()), encoding="utf-8")
        print(f"settings reference written into {DOC.relative_to(ROOT)}")
    else:
        sys.stdout.write(table())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
