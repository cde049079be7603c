"""``python -m csto_timeline``: the ``csto-timeline`` command (see `csto_timeline.cli`)."""

from __future__ import annotations

from .cli import run

if __name__ == "__main__":
    run()
