"""The membership chart (csto_timeline.plot): rows, colours, uncertainty marks, errors."""

from __future__ import annotations

import datetime as dt
import pickle
import sys

import matplotlib as mpl

mpl.use("Agg")

import pytest
from hypothesis import given, settings
from matplotlib import dates as mdates
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

import csto_timeline
from csto_timeline import (
    DateError,
    MembershipRecord,
    PartialDate,
    Source,
    Timeline,
    TimelineError,
    UnknownBodyError,
    UnknownStateError,
    plot,
)

from .strategies import build, record_lists

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
SRC = Source.of("test-src", "A test source", publisher="tests", url="https://example.org/", says="Test data.")


def rows_of(fig: Figure) -> list[str]:
    return [label.get_text() for label in fig.axes[0].get_yticklabels()]


def legend_of(fig: Figure) -> list[str]:
    legend = fig.axes[0].get_legend()
    return [] if legend is None else [text.get_text() for text in legend.get_texts()]


def patches(fig: Figure, prefix: str = "") -> list[Rectangle]:
    return [
        p
        for p in fig.axes[0].patches
        if isinstance(p, Rectangle) and (p.get_gid() or "").startswith(prefix) and p.get_gid()
    ]


def x(day: dt.date) -> float:
    return float(mdates.date2num(day))


def edges(patch: Rectangle) -> tuple[float, float]:
    return patch.get_x(), patch.get_x() + patch.get_width()


@pytest.fixture(name="small")
def _small() -> Timeline:
    """Two states in an invented organization: one exact and closed, one known only to the year and open."""
    return Timeline.from_records(
        [
            MembershipRecord.of("PACT", "MNG", "member", "1990-03-01", "2000-07-01", source=SRC),
            MembershipRecord.of("PACT", "SRB", "observer", "2013", source=SRC),
        ]
    )


# ------------------------------------------------------------------ rows


def test_bundled_chart_has_a_row_for_each_state_that_was_ever_a_party(timeline: Timeline) -> None:
    fig = timeline.plot(end="2025-12-31")
    names = rows_of(fig)
    # The nine states that signed the Collective Security Treaty: six at Tashkent in May 1992,
    # then Azerbaijan (September 1993), Georgia (December 1993) and Belarus (31 December 1993).
    tashkent = {"Armenia", "Kazakhstan", "Kyrgyzstan", "Russia", "Tajikistan", "Uzbekistan"}
    assert set(names[:6]) == tashkent
    assert names[6:] == ["Azerbaijan", "Georgia", "Belarus"]
    assert list(fig.axes[0].get_yticks()) == list(range(9))


def test_rows_follow_the_states_given_in_their_order_without_repeats(timeline: Timeline) -> None:
    fig = timeline.plot(states=["UZB", "Armenia", "uzbekistan", "GE"], end="2025")
    assert rows_of(fig) == ["Uzbekistan", "Armenia", "Georgia"]


def test_a_single_state_may_be_given_as_a_string(timeline: Timeline) -> None:
    assert rows_of(timeline.plot(states="Belarus", end="2025")) == ["Belarus"]


def test_a_state_without_status_in_the_org_gets_an_empty_row(timeline: Timeline) -> None:
    fig = timeline.plot(states=["SRB"], end="2025")
    assert rows_of(fig) == ["Serbia"]
    assert patches(fig) == []


def test_an_empty_chart_is_drawn_without_error(timeline: Timeline) -> None:
    fig = timeline.plot(states=[], end="2025")
    assert rows_of(fig) == []
    assert any("no state" in text.get_text() for text in fig.axes[0].texts)


def test_default_org_is_the_timelines_default(timeline: Timeline) -> None:
    default = rows_of(timeline.plot(end="2025"))
    alliance = rows_of(timeline.plot(org="alliance", end="2025"))
    assert default == alliance
    # the Charter was never signed by Azerbaijan or Georgia, so the CSTO chart has fewer rows
    assert "Georgia" not in rows_of(timeline.plot(org="CSTO", end="2025"))


def test_works_for_a_timeline_made_from_records(small: Timeline) -> None:
    fig = small.plot(end="2020-12-31")
    assert rows_of(fig) == ["Mongolia", "Serbia"]
    assert fig.axes[0].get_title(loc="left") == "PACT"


# ---------------------------------------------------------------- legend


def test_legend_names_the_statuses_present_and_only_those(timeline: Timeline) -> None:
    labels = " ".join(legend_of(timeline.plot(end="2025-12-31")))
    for word in ("signatory", "member", "suspended", "frozen"):
        assert word in labels
    assert "observer" not in labels
    pa = " ".join(legend_of(timeline.plot(org="CSTO-PA", end="2025-12-31")))
    assert "observer" in pa
    assert "signatory" not in pa


def test_legend_explains_the_hatching_only_when_a_boundary_is_uncertain(small: Timeline) -> None:
    exact = small.plot(end="2010")  # SRB's observer seat (2013) is outside this window
    assert not any("hatched" in label for label in legend_of(exact))
    fuzzy = small.plot(end="2020")
    assert any("hatched" in label for label in legend_of(fuzzy))


def test_legend_shows_when_the_record_was_last_checked(timeline: Timeline) -> None:
    as_of = timeline.info.as_of
    assert as_of is not None
    later = timeline.plot(end=as_of.latest + dt.timedelta(days=400))
    assert any(str(as_of) in label for label in legend_of(later))
    exactly = timeline.plot(end=as_of)
    assert not any("last checked" in label for label in legend_of(exactly))


# ------------------------------------------------------------ uncertainty


def test_a_boundary_known_to_the_year_is_a_hatched_span_over_that_year(small: Timeline) -> None:
    fig = small.plot(end="2020-12-31")
    marked = patches(fig, "uncertain SRB")
    assert len(marked) == 1
    span = marked[0]
    assert span.get_hatch()
    # "observer from some day in 2013": possibly from 1 January, certainly from 31 December
    assert edges(span) == (x(dt.date(2013, 1, 1)), x(dt.date(2013, 12, 31)))
    sure = patches(fig, "spell SRB")
    assert [edges(p)[0] for p in sure] == [x(dt.date(2013, 12, 31))]
    assert not any(p.get_hatch() for p in sure)


def test_exact_boundaries_are_not_marked_uncertain(small: Timeline) -> None:
    fig = small.plot(end="2020-12-31")
    assert patches(fig, "uncertain MNG") == []
    (mongolia,) = patches(fig, "spell MNG")
    assert edges(mongolia) == (x(dt.date(1990, 3, 1)), x(dt.date(2000, 7, 1)))


def test_a_change_known_to_the_year_splits_the_span_between_old_and_new_status() -> None:
    tl = Timeline.from_records(
        [
            MembershipRecord.of("PACT", "ARM", "signatory", "1992-05-15", "1994", source=SRC),
            MembershipRecord.of("PACT", "ARM", "member", "1994", source=SRC),
        ]
    )
    fig = tl.plot(end="2000")
    ending, starting = patches(fig, "uncertain ARM PACT signatory"), patches(fig, "uncertain ARM PACT member")
    assert len(ending) == len(starting) == 1
    assert edges(ending[0]) == edges(starting[0]) == (x(dt.date(1994, 1, 1)), x(dt.date(1994, 12, 31)))
    assert ending[0].get_height() == pytest.approx(starting[0].get_height())
    assert ending[0].get_y() != starting[0].get_y()


def test_a_qualified_date_is_marked_with_a_question_mark() -> None:
    tl = Timeline.from_records(
        [MembershipRecord.of("PACT", "MNG", "member", PartialDate.parse("1990-03-01?"), source=SRC)]
    )
    fig = tl.plot(end="2000")
    assert [t.get_text() for t in fig.axes[0].texts if (t.get_gid() or "").startswith("qualified")] == ["?"]
    assert any("uncertain or approximate" in label for label in legend_of(fig))


# ---------------------------------------------------------------- window


def test_open_spells_run_to_the_end_date(small: Timeline) -> None:
    fig = small.plot(end="2020-06-30")
    stop = x(dt.date(2020, 7, 1))  # the chart includes the whole of the last day
    assert edges(patches(fig, "spell SRB")[0])[1] == stop
    assert fig.axes[0].get_xlim()[1] == stop


def test_open_spells_run_to_today_by_default(small: Timeline) -> None:
    before = dt.date.today()  # noqa: DTZ011
    fig = small.plot()
    after = dt.date.today()  # noqa: DTZ011
    right = edges(patches(fig, "spell SRB")[0])[1]
    assert right in {x(before + dt.timedelta(days=1)), x(after + dt.timedelta(days=1))}


def test_start_and_end_clip_the_bars(small: Timeline) -> None:
    fig = small.plot(start="1995", end="1998-12")
    low, high = fig.axes[0].get_xlim()
    assert (low, high) == (x(dt.date(1995, 1, 1)), x(dt.date(1999, 1, 1)))
    assert rows_of(fig) == ["Mongolia", "Serbia"]
    for patch in patches(fig):
        assert low <= edges(patch)[0] <= edges(patch)[1] <= high
    assert patches(fig, "spell SRB") == patches(fig, "uncertain SRB") == []


def test_default_window_starts_with_the_year_of_the_first_status(small: Timeline) -> None:
    fig = small.plot(end="2020")
    assert fig.axes[0].get_xlim()[0] == x(dt.date(1990, 1, 1))


# ---------------------------------------------------------- participation


def test_armenias_2024_freeze_is_drawn_over_its_membership(timeline: Timeline) -> None:
    fig = timeline.plot(end="2025-12-31")
    (band,) = patches(fig, "participation ARM")
    # Pashinyan's France 24 interview of 22 February 2024 announced the freeze
    assert edges(band) == (x(dt.date(2024, 2, 22)), x(dt.date(2026, 1, 1)))
    (member,) = [p for p in patches(fig, "spell ARM") if edges(p)[1] == x(dt.date(2026, 1, 1))]
    assert band.get_height() < member.get_height()
    assert band.zorder > member.zorder


def test_participation_can_be_left_out(timeline: Timeline) -> None:
    fig = timeline.plot(end="2025-12-31", track_participation=False)
    assert patches(fig, "participation") == []
    assert not any("frozen" in label for label in legend_of(fig))


# ------------------------------------------------------------------ errors


def test_unknown_state_raises_unknown_state_error_quoting_it(timeline: Timeline) -> None:
    with pytest.raises(UnknownStateError, match="Narnia"):
        timeline.plot(states=["ARM", "Narnia"])


def test_end_before_start_raises_date_error(timeline: Timeline) -> None:
    with pytest.raises(DateError, match="2001") as caught:
        timeline.plot(start="2005", end="2001")
    assert isinstance(caught.value, TimelineError)
    assert isinstance(caught.value, ValueError)


def test_end_before_the_first_status_without_start_raises_no_error(timeline: Timeline) -> None:
    fig = timeline.plot(end="1990")
    assert patches(fig) == []


def test_unreadable_date_raises_date_error(timeline: Timeline) -> None:
    with pytest.raises(DateError, match="05/04/1999"):
        timeline.plot(end="05/04/1999")


def test_unknown_org_raises_unknown_body_error(timeline: Timeline) -> None:
    with pytest.raises(UnknownBodyError, match="NATO"):
        timeline.plot(org="NATO")


def test_missing_matplotlib_raises_import_error_naming_the_extra(
    timeline: Timeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib.dates", None)
    with pytest.raises(ImportError, match=r'pip install "csto_timeline\[plot\]"'):
        timeline.plot()


# ------------------------------------------------------------------ output


def test_renders_to_png_without_a_display(timeline: Timeline, tmp_path: pytest.TempPathFactory) -> None:
    target = tmp_path / "chart.png"  # type: ignore[operator]
    timeline.plot(end="2025-12-31").savefig(target)
    assert target.read_bytes().startswith(PNG_MAGIC)


def test_same_input_gives_the_same_png(timeline: Timeline) -> None:
    first = timeline.plot(end="2025-12-31")._repr_png_()
    second = timeline.plot(end="2025-12-31")._repr_png_()
    assert first.startswith(PNG_MAGIC)
    assert first == second


def test_the_figure_is_a_matplotlib_figure_that_pickles(timeline: Timeline) -> None:
    fig = timeline.plot(end="2025")
    assert isinstance(fig, Figure)
    assert rows_of(pickle.loads(pickle.dumps(fig))) == rows_of(fig)  # noqa: S301 - our own bytes


def test_draws_into_a_given_axes_and_returns_its_figure(timeline: Timeline) -> None:
    fig = Figure()
    ax = fig.add_subplot()
    assert timeline.plot(ax=ax, end="2025", title="Custom") is fig
    assert len(fig.axes) == 1
    assert ax.get_title(loc="left") == "Custom"


def test_empty_title_leaves_the_chart_without_one(timeline: Timeline) -> None:
    fig = timeline.plot(end="2025", title="")
    assert fig.axes[0].get_title(loc="left") == ""


def test_the_plot_method_and_the_function_agree(timeline: Timeline) -> None:
    by_method = timeline.plot(org="CSTO", end="2020")
    by_function = plot(timeline, org="CSTO", end="2020")
    assert rows_of(by_method) == rows_of(by_function)
    assert [edges(p) for p in patches(by_method)] == [edges(p) for p in patches(by_function)]


def test_importing_the_package_does_not_import_matplotlib() -> None:
    import subprocess

    code = "import sys, csto_timeline; csto_timeline.load(); print('matplotlib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


# -------------------------------------------------------------- invariants


@settings(max_examples=25)
@given(record_lists())
def test_any_record_timeline_charts_one_row_per_state_inside_the_window(records: list[MembershipRecord]) -> None:
    tl = build(records)
    end = dt.date(2030, 12, 31)
    for org in sorted({record.org for record in records}):
        fig = plot(tl, org=org, end=end)
        expected = {tl.state(r.state).name for r in records if r.org == org}
        assert sorted(rows_of(fig)) == sorted(expected)
        low, high = fig.axes[0].get_xlim()
        assert high == x(end + dt.timedelta(days=1))
        for patch in patches(fig):
            left, right = edges(patch)
            assert low <= left < right <= high
        imprecise = any(
            date is not None and date.earliest != date.latest
            for r in records
            if r.org == org
            for date in (r.start, r.end)
        )
        assert bool(patches(fig, "uncertain")) == imprecise


def test_package_exposes_plot_on_the_bundled_timeline() -> None:
    assert callable(csto_timeline.load().plot)


def test_a_chart_of_another_account_names_the_source_it_follows(timeline: Timeline) -> None:
    fig = timeline.according_to("seed-000").plot(end="2025")
    assert any("following source seed-000" in text.get_text() for text in fig.axes[0].texts)
