"""``python -m csto_timeline``: the ``csto-timeline`` command (see `csto_timeline.cli`)."""

from __future__ import annotations

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
