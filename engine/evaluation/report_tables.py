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
from engine.messages import N_, Message

from .figures import Count, Share, round2
from .sample_size import Coverage
from .stats import AGE_LIMITS
from .summary import Evaluation
from .survey import ELEMENT_NAMES, mutu_of
from .targets import INDICATORS, Indicator, Standing

# Texts are Indonesian; those with numbers are Messages, so the dashboard can show them in the
# reader's language (webui translates every text cell; the PDF and XLSX stay Indonesian).
STAGE_NAMES = {
    "verifikasi": Message(N_("Verifikasi (batas %(days)s hari kerja sejak diterima)"),
                          days=VERIFY_DAYS),
    "tindak_lanjut": Message(N_("Tindak lanjut OPD (batas %(days)s hari kerja sejak disposisi)"),
                             days=FOLLOW_UP_DAYS),
    "penyelesaian": N_("Diterima sampai selesai"),
    "pelayanan": Message(N_("Waktu pelayanan (standar %(days)s hari kerja sejak diterima sampai "
                            "jawaban pertama kepada pelapor)"), days=SERVICE_DAYS),
}
POPULATION_NOTE = N_("Populasi: laporan yang mencapai hasil akhir (selesai, diarsipkan, "
                     "dialihkan) pada periode ini; setiap pelapornya diundang mengisi survei.")
DIMENSION_TITLES = (
    ("channel", "saluran", N_("Laporan per saluran"), N_("Saluran")),
    ("category", "kategori", N_("Laporan per kategori"), N_("Kategori")),
    ("opd", "opd", N_("Laporan per OPD tujuan"), N_("OPD")),
    ("kecamatan", "kecamatan", N_("Laporan per kecamatan"), N_("Kecamatan")),
    ("jenis", "jenis", N_("Laporan per jenis"), N_("Jenis")),
    ("status", "status", N_("Status laporan saat ini"), N_("Status")),
    ("cause", "penyebab", N_("Penyebab pengaduan"), N_("Penyebab")),
    ("resolution", "penyelesaian", N_("Jenis penyelesaian"), N_("Penyelesaian")),
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
        return N_("DRAF"), N_("belum dirilis oleh Sekretaris Tim Pengelola Pengaduan")
    at = ev.release.at.astimezone(WIB)
    when = f"{at.day} {MONTHS[at.month - 1]} {at.year} pukul {at.hour:02d}.{at.minute:02d} WIB"
    if ev.release.note:
        return N_("dirilis"), Message(N_("dirilis oleh %(name)s (Sekretaris Tim) pada %(at)s; "
                                         "%(note)s"), name=ev.release.by, at=when,
                                      note=ev.release.note)
    return N_("dirilis"), Message(N_("dirilis oleh %(name)s (Sekretaris Tim) pada %(at)s"),
                                  name=ev.release.by, at=when)


def _of(part: int, whole: int, rest: str) -> Message:
    return Message(N_("%(part)s dari %(whole)s %(rest)s"), part=part, whole=whole,
                   rest=Message(rest))


def summary_table(ev: Evaluation) -> Table:
    """The headline figures of the period, and whether the report is released."""
    sla, ikm, cov = ev.sla, ev.ikm, ev.coverage
    rows: list[tuple[Any, ...]] = [
        (N_("Laporan diterima"), sla.received, ""),
        (Message(N_("Diverifikasi dalam %(days)s hari kerja (%%)"), days=VERIFY_DAYS),
         sla.verified_share.percent,
         _of(sla.verified_in_time, sla.verified, N_("yang sudah diverifikasi"))),
        (Message(N_("Ditindaklanjuti dalam %(days)s hari kerja (%%)"), days=FOLLOW_UP_DAYS),
         sla.followed_up_share.percent,
         _of(sla.followed_up_in_time, sla.followed_up, N_("yang sudah ditindaklanjuti"))),
        (Message(N_("Waktu pelayanan paling lama %(days)s hari kerja (%%)"), days=SERVICE_DAYS),
         sla.served_share.percent, _of(sla.served_in_time, sla.served, N_("yang sudah dijawab"))),
        (N_("Ditutup (%)"), sla.closed_share.percent,
         Message(N_("%(closed)s dari %(received)s; %(done)s selesai ditangani"),
                 closed=sla.closed, received=sla.received, done=sla.selesai)),
        (N_("Indeks Kepuasan Masyarakat (IKM)"), ikm.shown if ikm else None,
         Message(N_("mutu %(grade)s (%(kinerja)s)"), grade=ikm.mutu.grade,
                 kinerja=Message(ikm.mutu.kinerja)) if ikm else N_("belum ada responden")),
        (N_("Responden survei"), cov.respondents,
         Message(N_("sampel minimum %(sample)s dari populasi %(population)s (Krejcie–Morgan); "
                    "%(enough)s"), sample=cov.sample, population=cov.population,
                 enough=Message(N_("memadai") if cov.representative else N_("belum memadai")))),
    ]
    rows.append((N_("Status laporan"), *release_text(ev)))
    return Table("ringkasan", N_("Ringkasan"), (N_("Ukuran"), N_("Nilai"), N_("Keterangan")), rows)


def dimension_table(key: str, title: str, heading: str, counts: list[Count]) -> Table:
    """Complaints per value of one dimension, with each value's share."""
    total = sum(c.count for c in counts)
    rows = [(c.label, c.count, Share(c.count, total).percent) for c in counts]
    return Table(key, title, (heading, N_("Jumlah"), "%"), rows, chart="bar")


def stage_table(ev: Evaluation) -> Table:
    """Median and 90th percentile working days per stage."""
    rows = [(STAGE_NAMES[s.stage], s.count, _days(s.median), s.p90) for s in ev.stages]
    return Table("tahapan", N_("Lama penanganan per tahap (hari kerja)"),
                 (N_("Tahap"), N_("Jumlah laporan"), N_("Median"), N_("Persentil ke-90")), rows,
                 chart="bar", series=(2, 3))


def _days(value: Fraction | None) -> Decimal | None:
    return None if value is None else round2(value)


def backlog_table(ev: Evaluation) -> Table:
    """Complaints still open at ``as_of`` by age in working days."""
    edges = [0, *AGE_LIMITS]
    names = [Message(N_("%(low)s–%(high)s hari kerja"), low=edges[i] + (1 if i else 0),
                     high=edges[i + 1]) for i in range(len(AGE_LIMITS))]
    names.append(Message(N_("lebih dari %(days)s hari kerja"), days=AGE_LIMITS[-1]))
    as_of = ev.as_of.astimezone(WIB).strftime("%d-%m-%Y %H:%M WIB")
    return Table("tunggakan", N_("Tunggakan menurut umur laporan"), (N_("Umur"), N_("Jumlah")),
                 list(zip(names, ev.backlog, strict=True)), chart="bar",
                 note=Message(N_("Laporan yang belum ditutup per %(at)s."), at=as_of))


def trend_tables(ev: Evaluation) -> list[Table]:
    """Complaints received per week (from Monday) and per month of the period, up to ``as_of``
    (weeks and months still to come are left out, not drawn as zeros)."""
    weeks: dict[date, int] = {}
    months: dict[tuple[int, int], int] = {}
    today = ev.as_of.astimezone(WIB).date()
    for day in ev.period.days():
        if day > today:
            break
        n = ev.per_day.get(day, 0)
        monday = day - timedelta(days=day.weekday())
        weeks[monday] = weeks.get(monday, 0) + n
        months[(day.year, day.month)] = months.get((day.year, day.month), 0) + n
    return [
        Table("tren_mingguan", N_("Tren mingguan"), (N_("Minggu mulai (Senin)"), N_("Jumlah")),
              [(monday.isoformat(), n) for monday, n in weeks.items()], chart="line"),
        Table("tren_bulanan", N_("Tren bulanan"), (N_("Bulan"), N_("Jumlah")),
              [(Message(N_("%(month)s %(year)s"), month=Message(MONTHS[m - 1]), year=y), n)
               for (y, m), n in months.items()], chart="line"),
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
        per_opd.append((ev.opd_names.get(opd, opd) if opd else N_("(tanpa OPD)"), population,
                        respondents, cov.sample, N_("ya") if cov.representative else N_("belum"),
                        opd_ikm.shown if opd_ikm else None,
                        opd_ikm.mutu.grade if opd_ikm else None,
                        opd_ikm.mutu.kinerja if opd_ikm else None))
    return [
        Table("skm_unsur", N_("Nilai rata-rata per unsur SKM"),
              (N_("Unsur"), N_("Nama unsur"), N_("NRR (1–4)"), N_("Nilai konversi"), N_("Mutu")),
              elements, chart="bar", series=(2,)),
        Table("skm_opd", N_("IKM per OPD"),
              (N_("OPD"), N_("Populasi"), N_("Responden"), N_("Sampel minimum"), N_("Memadai"),
               N_("IKM"), N_("Mutu"), N_("Kinerja")), per_opd, note=POPULATION_NOTE),
    ]


def indicator_table(ev: Evaluation, only: str | None = None) -> Table:
    """Each indicator against its target: overall first, then OPDs, laggards first (``only``:
    that OPD's rows alone, for its Kepala OPD). An agency-only indicator has one row saying why
    no OPD is judged on it instead of a row per OPD."""
    rows: list[tuple[Any, ...]] = []
    for code, indicator in INDICATORS.items():
        if only is None:
            rows.append(_standing_row(indicator.name, ev.overall[code]))
        if not indicator.per_opd:
            rows.append(_not_judged_row(indicator, ev.opd_names.get(only, only) if only
                                        else N_("Setiap OPD")))
            continue
        rows += [_standing_row(indicator.name, s) for s in ev.standings[code]
                 if only is None or s.opd_code == only]
    return Table("indikator", N_("Indikator dan target"),
                 (N_("Indikator"), N_("OPD"), N_("Capaian"), N_("Target"), N_("Selisih"),
                  N_("Status"), N_("Dasar")), rows)


def _standing_row(name: str, s: Standing) -> tuple[Any, ...]:
    status = {True: N_("tercapai"), False: N_("belum tercapai"), None: N_("tidak ada data")}[s.met]
    return (name, s.opd_name, s.actual, s.target, s.gap, status, s.basis)


def _not_judged_row(indicator: Indicator, opd_name: str) -> tuple[Any, ...]:
    """A dash for each figure, and the reason (no target, so nothing to fall behind)."""
    return (indicator.name, opd_name, None, None, None, N_("tidak dinilai per OPD"),
            indicator.agency_only)


def suggestion_table(ev: Evaluation) -> Table:
    """Suggestions reporters wrote in the survey."""
    rows = [(at.astimezone(WIB).date().isoformat(), ev.opd_names.get(opd, opd or ""), text)
            for at, opd, text in ev.suggestions]
    return Table("saran", N_("Saran dan masukan pelapor"), (N_("Tanggal"), N_("OPD"), N_("Saran")),
                 rows)


IMPROVEMENT_STATES = {"selesai": N_("selesai"), "terlambat": N_("belum selesai, lewat batas waktu"),
                      "berjalan": N_("berjalan")}


def improvement_table(ev: Evaluation) -> Table:
    """The improvements decided after the SKM and how far each has come."""
    rows = []
    for item in ev.improvements:
        a = item.action
        state = IMPROVEMENT_STATES[item.state]
        if a.done_on is not None:
            state = Message(N_("selesai %(day)s: %(result)s"), day=a.done_on.isoformat(),
                            result=a.result)
        rows.append((a.period, a.finding, a.action, a.owner, a.due_on.isoformat(), state))
    return Table("perbaikan", N_("Tindak lanjut hasil SKM (rencana perbaikan)"),
                 (N_("Periode SKM"), N_("Temuan"), N_("Tindakan perbaikan"),
                  N_("Penanggung jawab"), N_("Batas waktu"), N_("Status")), rows,
                 note=N_("Perbaikan yang diputuskan untuk periode ini, dan yang belum selesai "
                         "dari periode sebelumnya."))


OPD_FOLLOW_UP = (N_("OPD"), N_("Laporan diterima"), N_("Didisposisikan"), N_("Ditindaklanjuti"),
                 Message(N_("Tepat waktu (%(days)s hari kerja)"), days=FOLLOW_UP_DAYS),
                 N_("Tepat waktu (%)"), N_("Ditutup"), N_("Selesai ditangani"))


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
    return Table("tindak_lanjut_opd", N_("Tindak lanjut per OPD"), OPD_FOLLOW_UP, rows,
                 note=N_("Laporan yang diterima pada periode ini dan diteruskan ke OPD."))


def opd_report_tables(ev: Evaluation, opd_code: str) -> list[Table]:
    """The OPD's periodic follow-up report for its Kepala OPD: release state, its follow-up,
    its indicators and the survey suggestions about it."""
    name = ev.opd_names.get(opd_code, opd_code)
    summary = Table("ringkasan", f"Laporan tindak lanjut {name}", ("Ukuran", "Nilai", "Keterangan"),
                    [("Status laporan", *release_text(ev))])
    suggestions = suggestion_table(ev)
    return [summary, opd_follow_up_table(ev, only=opd_code), indicator_table(ev, only=opd_code),
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
