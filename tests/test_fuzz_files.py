# ruff: noqa: PT017 - an outcome may be an answer or an error, so errors are checked where caught
"""The fuzz campaign over files: the bundled dataset and a COW excerpt, mutated
(lines deleted, tables duplicated, values retyped, truncated, junk inserted),
are either read or refused with a `DataError`; `validate` always returns a list.
Also the COW reader's specific failures: CSV it cannot read, streams of every kind.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import csto_timeline as ct
from csto_timeline import DataError

ROOT = Path(__file__).resolve().parents[1]
DATASET = (ROOT / "data" / "csto.toml").read_text(encoding="utf-8").splitlines(keepends=True)
EXCERPT = (ROOT / "tests" / "data" / "igo_year_excerpt.csv").read_text(encoding="utf-8")
STATES = ROOT / "tests" / "data" / "states2016.csv"
JUNK = st.sampled_from(["\0", "\ufeff", "[[", "]]", '"', "'''", "= =", "\x1b[31m", "{", "#", "\\", "é", "\udcff"])


@st.composite
def mutated(draw: st.DrawFn, lines: list[str]) -> str:
    """The lines with a few random mutations of the kinds a damaged file shows."""
    lines = list(lines)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["delete", "duplicate", "retype", "truncate", "junk", "swap"]))
        if kind == "delete":
            del lines[at : at + draw(st.integers(1, 5))]
        elif kind == "duplicate":
            lines[at:at] = lines[at : at + draw(st.integers(1, 12))]
        elif kind == "retype" and "=" in lines[at]:
            key = lines[at].split("=", 1)[0]
            lines[at] = key + "= " + draw(st.sampled_from(["1", "true", "[]", "{}", '""', "1979-05-27", '["x"]', "-1.5"]))
            lines[at] += "\n"
        elif kind == "truncate":
            del lines[at:]
            lines.append(draw(st.text(max_size=5)))
        elif kind == "junk":
            line = lines[at]
            cut = draw(st.integers(0, len(line)))
            lines[at] = line[:cut] + draw(JUNK) + line[cut:]
        elif kind == "swap" and at + 1 < len(lines):
            lines[at], lines[at + 1] = lines[at + 1], lines[at]
        if not lines:
            lines = ["\n"]
    return "".join(lines)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding a data/ folder beside the seeds, so that sources' paths resolve."""
    root = tmp_path_factory.mktemp("project")
    (root / "data").mkdir()
    (root / "seeds").symlink_to(ROOT / "seeds")
    return root


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=mutated(DATASET))
def test_a_mutated_dataset_loads_or_is_refused_whole(project: Path, text: str) -> None:
    """load raises only DataError on a damaged copy of the record, and validate lists its problems."""
    path = project / "data" / "mutated.toml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        ct.load(path)
    except DataError as error:
        assert str(error).count(f"{path}:") == 1, f"the file is named twice: {error}"
        assert error.file == str(path)
        problems = ct.validate(path)
        assert problems, "load refused the file but validate found nothing"
        assert all(isinstance(problem, DataError) for problem in problems)
    else:
        assert ct.validate(path) == []


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(text=mutated(EXCERPT.splitlines(keepends=True)), binary=st.booleans())
def test_a_mutated_cow_file_is_read_or_refused_with_a_data_error(text: str, binary: bool) -> None:
    """read_cow raises only DataError (or UnknownBodyError for none of the IGOs asked) on a damaged excerpt."""
    data = text.encode("utf-8", "surrogatepass")
    stream: io.IOBase = io.BytesIO(data) if binary else io.StringIO(data.decode("utf-8", "replace"))
    try:
        ct.read_cow(stream, state_list=STATES)
    except DataError as error:
        assert error.file is not None or error.record is None, f"a line but no file: {error}"


class TestCowReaderFailures:
    def test_a_stray_quote_in_a_large_file_names_the_file_and_line(self) -> None:
        """A quote that opens a cell never closed, in a file over csv's field limit, is a DataError with its line."""
        header, *rows = EXCERPT.splitlines(keepends=True)
        body = "".join(rows) * (140_000 // len(EXCERPT) + 2)
        text = header + rows[0].replace(",", ',"', 1) + body
        with pytest.raises(DataError, match=r"<stream>: line 2: .*stray double quote"):
            ct.read_cow(io.StringIO(text), state_list=STATES)

    def test_a_cell_over_the_field_limit_names_the_file_and_line(self, tmp_path: Path) -> None:
        """A quoted cell longer than 128 KiB is a DataError naming the file and the row's line."""
        header, first, *_ = EXCERPT.splitlines(keepends=True)
        path = tmp_path / "long.csv"
        path.write_text(header + first.replace(",", ',"' + "x" * 140_000 + '"', 1), encoding="utf-8")
        with pytest.raises(DataError, match=rf"{path}: line 2: .*longer than 131,072"):
            ct.read_cow(path, state_list=STATES)

    def test_a_text_stream_that_is_not_utf8_is_a_data_error(self) -> None:
        """A file opened as UTF-8 text whose bytes are Latin-1 is a DataError suggesting binary mode."""
        stream = io.TextIOWrapper(io.BytesIO(("\xe9" + EXCERPT).encode("latin-1")), encoding="utf-8")
        with pytest.raises(DataError, match=r"not UTF-8 text .*binary mode"):
            ct.read_cow(stream, state_list=STATES)

    def test_a_byte_order_mark_in_a_text_stream_is_read_as_by_path(self, tmp_path: Path) -> None:
        """A StringIO starting with a byte order mark gives the same timeline as the file by path."""
        path = tmp_path / "bom.csv"
        path.write_text("\ufeff" + EXCERPT, encoding="utf-8")
        by_path = ct.read_cow(path, state_list=STATES)
        by_stream = ct.read_cow(io.StringIO("\ufeff" + EXCERPT), state_list=STATES)
        assert by_stream.members_on("2010", org="CSTO") == by_path.members_on("2010", org="CSTO")
        assert by_stream.bodies.keys() == by_path.bodies.keys()

    def test_a_closed_or_write_only_file_is_a_data_error(self, tmp_path: Path) -> None:
        """A file that cannot be read from is refused saying a readable file is needed."""
        closed = (tmp_path / "c.csv").open("w", encoding="utf-8")
        closed.close()
        with (tmp_path / "w.csv").open("w", encoding="utf-8") as write_only:
            for handle in (closed, write_only):
                with pytest.raises(DataError, match="give a path or a file open for reading"):
                    ct.read_cow(handle, state_list=STATES)

    @pytest.mark.parametrize("path", ["/dev/zero", "/dev/null"])
    def test_a_device_is_refused_before_reading(self, path: str) -> None:
        """A device that never ends (or is empty) is refused as not a regular file, without reading it."""
        if not Path(path).exists():
            pytest.skip(f"{path} is a POSIX device")
        with pytest.raises(DataError, match="not a regular file"):
            ct.read_cow(path, state_list=STATES)

    def test_a_file_over_the_cow_limit_is_refused_saying_how_to_lift_it(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A COW file (or its gzip content) over CSTO_TIMELINE_MAX_COW_MB is refused."""
        gz = tmp_path / "igo.csv.gz"
        shutil.copy(ROOT / "tests" / "data" / "igo_year_excerpt.csv.gz", gz)
        monkeypatch.setenv("CSTO_TIMELINE_MAX_COW_MB", str(len(EXCERPT) / 2 / 1024 / 1024))
        for source in (ROOT / "tests" / "data" / "igo_year_excerpt.csv", gz, io.StringIO(EXCERPT)):
            with pytest.raises(DataError, match="CSTO_TIMELINE_MAX_COW_MB"):
                ct.read_cow(source, state_list=STATES)

    @pytest.mark.parametrize("orgs", [[None], [3], [b"CSTO"]])
    def test_orgs_of_the_wrong_type_are_a_clear_type_error(self, orgs: list[object]) -> None:
        """orgs= holding something other than names is a TypeError saying names are needed."""
        with pytest.raises(TypeError, match="give COW short names"):
            ct.read_cow(io.StringIO(EXCERPT), state_list=STATES, orgs=orgs)  # type: ignore[list-item]

    def test_a_source_that_is_not_a_file_is_a_type_error_before_reading(self) -> None:
        """A number given as the file or the state list is a TypeError naming what is accepted."""
        with pytest.raises(TypeError, match="give the COW IGO-year file as a path or an open file"):
            ct.read_cow(3)  # type: ignore[arg-type]
        with pytest.raises(TypeError, match="give the COW state list as a path"):
            ct.read_cow(io.StringIO(EXCERPT), state_list=3)  # type: ignore[arg-type]
