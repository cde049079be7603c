"""Every error the library raises on purpose.

All of them share the base class `TimelineError`, and each also subclasses the
built-in exception a caller would already catch (`ValueError` or `LookupError`),
so ``except ValueError`` keeps working in code that does not know this library.
"""

from __future__ import annotations

__all__ = [
    "AmbiguousDateError",
    "DataError",
    "DateError",
    "OutsideCoverageError",
    "TimelineError",
    "UncertainStatusError",
    "UnknownBodyError",
    "UnknownEventError",
    "UnknownReleaseError",
    "UnknownSourceError",
    "UnknownStateError",
    "VocabularyError",
]


class TimelineError(Exception):
    """Base class of every error raised by csto_timeline."""


class DateError(TimelineError, ValueError):
    """A date given to the library is malformed, impossible or of an unsupported form."""


class AmbiguousDateError(DateError):
    """A numeric date such as ``05/04/1999`` that reads differently in different countries."""


class VocabularyError(TimelineError, ValueError):
    """A status, track or event kind given by name is not one the library knows."""


class UnknownStateError(TimelineError, LookupError):
    """A state given by code or name matches no state of the timeline."""


class UnknownBodyError(TimelineError, LookupError):
    """An organization, body or view given by id matches none of the timeline's."""


class UnknownEventError(TimelineError, LookupError):
    """An event id matches no event of the timeline."""


class UnknownSourceError(TimelineError, LookupError):
    """A source id matches no source of the timeline."""


class UnknownReleaseError(TimelineError, LookupError):
    """No release of the record answers: an unknown version, a date before the
    first release, or a timeline whose dataset has no releases.
    """


class OutsideCoverageError(TimelineError, ValueError):
    """A query date lies outside the period a body's data covers."""


class DataError(TimelineError, ValueError):
    """A dataset (a file, or records given in code) is malformed or breaks a rule.

    ``file`` is the dataset file (``None`` for records given in code),
    ``record`` names the offending record, ``problem`` says what is wrong.
    """

    def __init__(self, problem: str, *, record: str | None = None, file: str | None = None) -> None:
        self.problem = problem
        self.record = record
        self.file = file
        where = ": ".join(part for part in (file, record) if part)
        super().__init__(f"{where}: {problem}" if where else problem)


class UncertainStatusError(TimelineError, ValueError):
    """The evidence cannot decide a status: the date falls inside an imprecise
    boundary, a period query spans a change, or the source records "unknown".

    ``possible`` holds the statuses the evidence allows (``None`` meaning no
    relation) and ``events`` the events whose imprecise dates stand in the way.
    """

    def __init__(self, message: str, *, possible: tuple[object, ...] = (), events: tuple[object, ...] = ()) -> None:
        self.possible = possible
        self.events = events
        super().__init__(message)
