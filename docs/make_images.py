"""Render the images the documentation shows (run from anywhere: python docs/make_images.py).

docs/images/membership.png is the membership chart of the bundled CST/CSTO
record, drawn up to the day the record was last checked so that the image
does not change from one day to the next.
"""

from pathlib import Path

import csto_timeline

IMAGES = Path(__file__).resolve().parent / "images"


def main() -> None:
    IMAGES.mkdir(exist_ok=True)
    timeline = csto_timeline.load()
    figure = timeline.plot(end=timeline.info.as_of)
    target = IMAGES / "membership.png"
    figure.savefig(target, dpi=120, metadata={"Software": None})
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
