"""The package as users get it: a light import, the public surface, the data found from a wheel."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

import csto_timeline

ROOT = Path(__file__).resolve().parents[1]


def test_importing_pulls_in_neither_pandas_nor_matplotlib() -> None:
    code = "import sys, csto_timeline; csto_timeline.load(); print(sorted(m for m in ('pandas', 'matplotlib', 'numpy') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_every_public_name_is_exported_and_documented() -> None:
    for name in csto_timeline.__all__:
        value = getattr(csto_timeline, name)
        if callable(value) and not isinstance(value, type(csto_timeline.RULES)):
            assert getattr(value, "__doc__", None), name


def test_the_package_ships_its_type_marker() -> None:
    assert (Path(csto_timeline.__file__).parent / "py.typed").is_file()


def test_every_error_shares_the_base_and_a_builtin() -> None:
    from csto_timeline import exceptions

    for name in exceptions.__all__:
        error = getattr(exceptions, name)
        assert issubclass(error, csto_timeline.TimelineError)
        if error is not csto_timeline.TimelineError:
            assert issubclass(error, (ValueError, LookupError)), name


@pytest.mark.skipif(os.environ.get("CSTO_SKIP_WHEEL") == "1", reason="CSTO_SKIP_WHEEL=1 set; unset it to build and install the wheel")
def test_a_built_wheel_installed_in_a_fresh_environment_loads_the_data(tmp_path: Path) -> None:
    """Build the wheel, install it (and its dependencies) into a new virtual environment, load the data."""
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next(dist.glob("csto_timeline-*.whl"))
    env = tmp_path / "venv"
    venv.create(env, with_pip=True)
    python = env / ("Scripts" if os.name == "nt" else "bin") / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", str(wheel)], check=True, capture_output=True)
    code = (
        "import json, csto_timeline, pathlib;"
        "t = csto_timeline.load();"
        "print(json.dumps({'file': csto_timeline.__file__, 'members': t.members_on('2010-01-01').codes,"
        " 'seed': str(pathlib.Path(csto_timeline.__file__).parent / t.source('seed-000').path),"
        " 'seed_text': len(t.source_text('seed-001')),"
        " 'first_release': t.as_recorded('0.1.0').info.version,"
        " 'sample': csto_timeline.read_cow(csto_timeline.cow_sample_path()).info.title}))"
    )
    result = subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
    answer = json.loads(result.stdout)
    assert str(env) in answer["file"]
    assert answer["members"] == list(csto_timeline.load().members_on("2010-01-01").codes)
    assert Path(answer["seed"]).is_file()
    assert answer["seed_text"] > 0  # the seed articles ship with the package
    assert answer["first_release"] == "0.1.0"  # so do earlier releases of the record
    assert "Correlates of War" in answer["sample"]  # and the COW excerpt the notebook reads


def test_the_readme_quickstart_is_two_commands_and_ci_runs_the_second() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quickstart", 1)[1]
    block = section.split("```console", 1)[1].split("```", 1)[0]
    commands = [line for line in block.strip().splitlines() if line.strip()]
    assert len(commands) == 2
    assert "install" in commands[0]
    assert "pytest" in commands[1]
    assert commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
