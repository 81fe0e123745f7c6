"""`alur report --period ...` writes the PDF and the XLSX, with a progress bar."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from webui.cli.main import main
from webui.wiring import Services

from .data import KnownData


@pytest.fixture
def run(services: Services, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ALUR_DATABASE_URL", services.settings.database_url)
    monkeypatch.setenv("ALUR_SECRET_KEY", services.settings.secret_key)
    monkeypatch.setenv("ALUR_NOW", "2026-04-10T09:00:00+07:00")

    def invoke(*args: str) -> tuple[int, str]:
        result = CliRunner().invoke(main, list(args), catch_exceptions=False)
        return result.exit_code, result.output

    return invoke


def test_report_for_a_month(run, known: KnownData, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, output = run("report", "--period", "2026-03", "--out", str(tmp_path / "laporan"))
    assert code == 0, output
    pdf = tmp_path / "laporan" / "laporan-sp4n-lapor-2026-03.pdf"
    xlsx = tmp_path / "laporan" / "laporan-sp4n-lapor-2026-03.xlsx"
    assert output.startswith("Laporan Maret 2026")  # the progress bar's label
    assert output.rstrip().splitlines()[-2:] == [str(pdf), str(xlsx)]
    assert pdf.read_bytes().startswith(b"%PDF")
    summary = load_workbook(xlsx)["ringkasan"]
    assert summary["B3"].value == 7


def test_report_for_a_quarter_and_a_year(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run("report", "--period", "2026-Q1", "--out", str(tmp_path))[0] == 0
    assert run("report", "--period", "2026", "--out", str(tmp_path))[0] == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "laporan-sp4n-lapor-2026-Q1.pdf", "laporan-sp4n-lapor-2026-Q1.xlsx",
        "laporan-sp4n-lapor-2026.pdf", "laporan-sp4n-lapor-2026.xlsx"]


def test_a_wrong_period_is_a_usage_error(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, output = run("report", "--period", "Maret", "--out", str(tmp_path))
    assert code == 2
    assert "--period" in output and "2026-Q1" in output
    assert list(tmp_path.iterdir()) == []
