"""The period's figures as titled tables: one sheet each in the XLSX, one section each in the
PDF, and the numbers under each chart of the dashboard."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

from engine.calendar.working_days import WIB
from engine.complaints.durations import FOLLOW_UP_DAYS, SERVICE_DAYS, VERIFY_DAYS
from engine.labels import MONTHS

from .figures import Count, Share, round2
from .sample_size import Coverage
from .stats import AGE_LIMITS
from .summary import Evaluation
from .survey import ELEMENT_NAMES, mutu_of
from .targets import INDICATORS, Standing

STAGE_NAMES = {
    "verifikasi": f"Verifikasi (batas {VERIFY_DAYS} hari kerja sejak diterima)",
    "tindak_lanjut": f"Tindak lanjut OPD (batas {FOLLOW_UP_DAYS} hari kerja sejak disposisi)",
    "penyelesaian": "Diterima sampai selesai",
    "pelayanan": f"Waktu pelayanan (standar {SERVICE_DAYS} hari kerja sejak diterima sampai "
                 "jawaban pertama kepada pelapor)",
}
POPULATION_NOTE = ("Populasi: laporan yang mencapai hasil akhir (selesai, diarsipkan, dialihkan) "
                   "pada periode ini; setiap pelapornya diundang mengisi survei.")
DIMENSION_TITLES = (
    ("channel", "saluran", "Laporan per saluran", "Saluran"),
    ("category", "kategori", "Laporan per kategori", "Kategori"),
    ("opd", "opd", "Laporan per OPD tujuan", "OPD"),
    ("kecamatan", "kecamatan", "Laporan per kecamatan", "Kecamatan"),
    ("jenis", "jenis", "Laporan per jenis", "Jenis"),
    ("status", "status", "Status laporan saat ini", "Status"),
    ("cause", "penyebab", "Penyebab pengaduan", "Penyebab"),
    ("resolution", "penyelesaian", "Jenis penyelesaian", "Penyelesaian"),
)


@dataclass(frozen=True)
class Table:
    """A titled table; ``chart`` says how the dashboard draws it (None: table only)."""

    key: str
    title: str
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    chart: str | None = None
    series: tuple[int, ...] = (1,)  # the columns a chart plots against column 0
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def release_text(ev: Evaluation) -> tuple[str, str]:
    """(state, detail) of the report's release by the team's Sekretaris."""
    if ev.release is None:
        return "DRAF", "belum dirilis oleh Sekretaris Tim Pengelola Pengaduan"
    at = ev.release.at.astimezone(WIB)
    detail = (f"dirilis oleh {ev.release.by} (Sekretaris Tim) pada {at.day} "
              f"{MONTHS[at.month - 1]} {at.year} pukul {at.hour:02d}.{at.minute:02d} WIB")
    return "dirilis", detail + (f"; {ev.release.note}" if ev.release.note else "")


def summary_table(ev: Evaluation) -> Table:
    """The headline figures of the period, and whether the report is released."""
    sla, ikm, cov = ev.sla, ev.ikm, ev.coverage
    rows: list[tuple[Any, ...]] = [
        ("Laporan diterima", sla.received, ""),
        (f"Diverifikasi dalam {VERIFY_DAYS} hari kerja (%)", sla.verified_share.percent,
         f"{sla.verified_in_time} dari {sla.verified} yang sudah diverifikasi"),
        (f"Ditindaklanjuti dalam {FOLLOW_UP_DAYS} hari kerja (%)",
         sla.followed_up_share.percent,
         f"{sla.followed_up_in_time} dari {sla.followed_up} yang sudah ditindaklanjuti"),
        (f"Waktu pelayanan paling lama {SERVICE_DAYS} hari kerja (%)",
         sla.served_share.percent,
         f"{sla.served_in_time} dari {sla.served} yang sudah dijawab"),
        ("Ditutup (%)", sla.closed_share.percent, f"{sla.closed} dari {sla.received}; "
         f"{sla.selesai} selesai ditangani"),
        ("Indeks Kepuasan Masyarakat (IKM)", ikm.shown if ikm else None,
         f"mutu {ikm.mutu.grade} ({ikm.mutu.kinerja})" if ikm else "belum ada responden"),
        ("Responden survei", cov.respondents,
         f"sampel minimum {cov.sample} dari populasi {cov.population} (Krejcie–Morgan); "
         + ("memadai" if cov.representative else "belum memadai")),
    ]
    rows.append(("Status laporan", *release_text(ev)))
    return Table("ringkasan", "Ringkasan", ("Ukuran", "Nilai", "Keterangan"), rows)


def dimension_table(key: str, title: str, heading: str, counts: list[Count]) -> Table:
    """Complaints per value of one dimension, with each value's share."""
    total = sum(c.count for c in counts)
    rows = [(c.label, c.count, Share(c.count, total).percent) for c in counts]
    return Table(key, title, (heading, "Jumlah", "%"), rows, chart="bar")


def stage_table(ev: Evaluation) -> Table:
    """Median and 90th percentile working days per stage."""
    rows = [(STAGE_NAMES[s.stage], s.count, _days(s.median), s.p90) for s in ev.stages]
    return Table("tahapan", "Lama penanganan per tahap (hari kerja)",
                 ("Tahap", "Jumlah laporan", "Median", "Persentil ke-90"), rows,
                 chart="bar", series=(2, 3))


def _days(value: Fraction | None) -> Decimal | None:
    return None if value is None else round2(value)


def backlog_table(ev: Evaluation) -> Table:
    """Complaints still open at ``as_of`` by age in working days."""
    edges = [0, *AGE_LIMITS]
    names = [f"{edges[i] + (1 if i else 0)}–{edges[i + 1]} hari kerja"
             for i in range(len(AGE_LIMITS))] + [f"lebih dari {AGE_LIMITS[-1]} hari kerja"]
    as_of = ev.as_of.astimezone(WIB).strftime("%d-%m-%Y %H:%M WIB")
    return Table("tunggakan", "Tunggakan menurut umur laporan", ("Umur", "Jumlah"),
                 list(zip(names, ev.backlog, strict=True)), chart="bar",
                 note=f"Laporan yang belum ditutup per {as_of}.")


def trend_tables(ev: Evaluation) -> list[Table]:
    """Complaints received per week (from Monday) and per month of the period."""
    weeks: dict[date, int] = {}
    months: dict[tuple[int, int], int] = {}
    for day in ev.period.days():
        n = ev.per_day.get(day, 0)
        monday = day - timedelta(days=day.weekday())
        weeks[monday] = weeks.get(monday, 0) + n
        months[(day.year, day.month)] = months.get((day.year, day.month), 0) + n
    return [
        Table("tren_mingguan", "Tren mingguan", ("Minggu mulai (Senin)", "Jumlah"),
              [(monday.isoformat(), n) for monday, n in weeks.items()], chart="line"),
        Table("tren_bulanan", "Tren bulanan", ("Bulan", "Jumlah"),
              [(f"{MONTHS[m - 1]} {y}", n) for (y, m), n in months.items()], chart="line"),
    ]


def skm_tables(ev: Evaluation) -> list[Table]:
    """NRR per element, and IKM with representativeness per OPD."""
    ikm = ev.ikm
    elements = []
    for n, (code, name) in enumerate(ELEMENT_NAMES.items()):
        nrr = ikm.nrr[n] if ikm else None
        converted = round2(nrr * 25) if nrr is not None else None
        elements.append((code.upper(), name, round2(nrr) if nrr is not None else None,
                         converted, mutu_of(converted).grade if converted is not None else None))
    per_opd = []
    for opd in sorted({*ev.population, *ev.skm}, key=lambda c: ev.opd_names.get(c or "", "")):
        opd_ikm = ev.opd_ikm(opd)
        population = ev.population.get(opd, 0)
        respondents = opd_ikm.respondents if opd_ikm else 0
        cov = Coverage(population, respondents)
        per_opd.append((ev.opd_names.get(opd, opd) if opd else "(tanpa OPD)", population,
                        respondents, cov.sample, "ya" if cov.representative else "belum",
                        opd_ikm.shown if opd_ikm else None,
                        opd_ikm.mutu.grade if opd_ikm else None,
                        opd_ikm.mutu.kinerja if opd_ikm else None))
    return [
        Table("skm_unsur", "Nilai rata-rata per unsur SKM",
              ("Unsur", "Nama unsur", "NRR (1–4)", "Nilai konversi", "Mutu"), elements,
              chart="bar", series=(2,)),
        Table("skm_opd", "IKM per OPD",
              ("OPD", "Populasi", "Responden", "Sampel minimum", "Memadai", "IKM", "Mutu",
               "Kinerja"), per_opd, note=POPULATION_NOTE),
    ]


def indicator_table(ev: Evaluation) -> Table:
    """Each indicator against its target: overall first, then OPDs, laggards first."""
    rows: list[tuple[Any, ...]] = []
    for code, indicator in INDICATORS.items():
        for standing in [ev.overall[code], *ev.standings[code]]:
            rows.append(_standing_row(indicator.name, standing))
    return Table("indikator", "Indikator dan target",
                 ("Indikator", "OPD", "Capaian", "Target", "Selisih", "Status", "Dasar"), rows)


def _standing_row(name: str, s: Standing) -> tuple[Any, ...]:
    status = {True: "tercapai", False: "belum tercapai", None: "tidak ada data"}[s.met]
    return (name, s.opd_name, s.actual, s.target, s.gap, status, s.basis)


def suggestion_table(ev: Evaluation) -> Table:
    """Suggestions reporters wrote in the survey."""
    rows = [(at.astimezone(WIB).date().isoformat(), ev.opd_names.get(opd, opd or ""), text)
            for at, opd, text in ev.suggestions]
    return Table("saran", "Saran dan masukan pelapor", ("Tanggal", "OPD", "Saran"), rows)


IMPROVEMENT_STATES = {"selesai": "selesai", "terlambat": "belum selesai, lewat batas waktu",
                      "berjalan": "berjalan"}


def improvement_table(ev: Evaluation) -> Table:
    """The improvements decided after the SKM and how far each has come."""
    rows = []
    for item in ev.improvements:
        a = item.action
        state = IMPROVEMENT_STATES[item.state]
        if a.done_on is not None:
            state = f"selesai {a.done_on.isoformat()}: {a.result}"
        rows.append((a.period, a.finding, a.action, a.owner, a.due_on.isoformat(), state))
    return Table("perbaikan", "Tindak lanjut hasil SKM (rencana perbaikan)",
                 ("Periode SKM", "Temuan", "Tindakan perbaikan", "Penanggung jawab",
                  "Batas waktu", "Status"), rows,
                 note="Perbaikan yang diputuskan untuk periode ini, dan yang belum selesai "
                      "dari periode sebelumnya.")


OPD_FOLLOW_UP = ("OPD", "Laporan diterima", "Didisposisikan", "Ditindaklanjuti",
                 f"Tepat waktu ({FOLLOW_UP_DAYS} hari kerja)", "Tepat waktu (%)", "Ditutup",
                 "Selesai ditangani")


def opd_follow_up_table(ev: Evaluation, only: str | None = None) -> Table:
    """The OPD sheet: each OPD's follow-up of the complaints received in the period (``only``:
    that OPD's row alone, for its Kepala OPD)."""
    rows = []
    for code, sla in sorted(ev.sla_by_opd.items(),
                            key=lambda item: ev.opd_names.get(item[0] or "", "")):
        if code is None or (only is not None and code != only):
            continue
        rows.append((ev.opd_names.get(code, code), sla.received, sla.disposed, sla.followed_up,
                     sla.followed_up_in_time, sla.followed_up_share.percent, sla.closed,
                     sla.selesai))
    return Table("tindak_lanjut_opd", "Tindak lanjut per OPD", OPD_FOLLOW_UP, rows,
                 note="Laporan yang diterima pada periode ini dan diteruskan ke OPD.")


def opd_report_tables(ev: Evaluation, opd_code: str) -> list[Table]:
    """The OPD's periodic follow-up report for its Kepala OPD: release state, its follow-up,
    its indicators and the survey suggestions about it."""
    name = ev.opd_names.get(opd_code, opd_code)
    summary = Table("ringkasan", f"Laporan tindak lanjut {name}", ("Ukuran", "Nilai", "Keterangan"),
                    [("Status laporan", *release_text(ev))])
    indicators = indicator_table(ev)
    suggestions = suggestion_table(ev)
    return [summary, opd_follow_up_table(ev, only=opd_code),
            replace(indicators, rows=[r for r in indicators.rows if r[1] == name]),
            replace(suggestions, rows=[r for r in suggestions.rows if r[1] == name])]


def report_tables(ev: Evaluation) -> list[Table]:
    """Every table of the periodic report, in the order they are printed."""
    tables = [summary_table(ev)]
    tables += [dimension_table(key, title, heading, ev.by[name])
               for name, key, title, heading in DIMENSION_TITLES]
    tables.append(opd_follow_up_table(ev))
    tables += [stage_table(ev), backlog_table(ev), *trend_tables(ev), *skm_tables(ev),
               indicator_table(ev), suggestion_table(ev), improvement_table(ev)]
    return tables
