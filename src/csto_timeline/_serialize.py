"""One serializer: every record and result as JSON-ready data.

Each public record and result class declares its *shape*: the keys of its
dict, in order, each read from an attribute or computed (`keys`, `ref`,
`computed`). `to_dict` reads the keys of an object's shape and turns every
value into JSON-ready data with `to_json`, the one value serializer:

- ``None``, booleans, numbers and text stay as they are;
- a `Status`, `Track` or `EventKind` becomes its value (``"member"``), a
  `Precision` its name (``"day"``);
- a `PartialDate` becomes its EDTF text (``"2012-12"``, ``"2013?"``), a
  `Boundary` too, and a boundary that a lag shifts off a date known only to
  a month or a year becomes the EDTF set of its possible days
  (``"[1999-04-02..1999-05-01]"``, EDTF level 2); a `datetime.date` its ISO
  text;
- an object with a shape becomes its dict; nested, a class may use a shorter
  shape (a `State` inside a result is ``{"code", "name"}``);
- a key made by `ref` gives the ``id`` of the record it reads (an event, a
  source), or the list of ids;
- tuples and lists become lists in order; sets become lists sorted by their
  JSON text, so the output is the same on every run; mappings become dicts.

An attrs record without a declared shape is serialized field by field, in the
spirit of ``attrs.asdict`` with a value serializer.

>>> from csto_timeline import PartialDate, Status
>>> to_json([Status.MEMBER, PartialDate.parse("2006-06"), None])
['member', '2006-06', None]
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import operator
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, cast

import attrs

from ._dates import Boundary, PartialDate, Precision

__all__ = ["Key", "Serializable", "columns", "computed", "edtf", "escape_html", "keys", "ref", "register", "shape_of", "to_dict", "to_json"]

#: How deep records may nest inside one another; the record types nest at most five levels.
MAX_DEPTH = 32


@attrs.frozen
class Key:
    """One key of a shape: its name, how to read its value, and whether records become their ids."""

    name: str
    read: Callable[[Any], object]
    ref: bool = False


def keys(*names: str | Key) -> tuple[Key, ...]:
    """A shape: each name reads the attribute of that name; a `Key` is taken as it is."""
    return tuple(name if isinstance(name, Key) else Key(name, operator.attrgetter(name)) for name in names)


def ref(name: str, attribute: str | None = None) -> Key:
    """A key whose record (or records) is written as its ``id``."""
    return Key(name, operator.attrgetter(attribute or name), ref=True)


def computed(name: str, read: Callable[[Any], object]) -> Key:
    """A key whose value is computed from the object."""
    return Key(name, read)


def edtf(boundary: Boundary) -> str:
    """A boundary as EDTF: the date itself, or the set of its possible days ("[a..b]",
    EDTF level 2) when a lag shifts a date known only to a month or a year.

    >>> edtf(Boundary(PartialDate.parse("1999-04"), lag=1))
    '[1999-04-02..1999-05-01]'
    >>> edtf(Boundary(PartialDate.parse("1999-04-20"), lag=1))
    '1999-04-21'
    """
    if boundary.lag == 0 or boundary.is_exact:
        return str(boundary)
    return f"[{boundary.earliest.isoformat()}..{boundary.latest.isoformat()}]"


#: Shapes of classes declared outside their own module: class -> (shape, nested shape or None).
SHAPES: dict[type, tuple[tuple[Key, ...], tuple[Key, ...] | None]] = {}


def register(kind: type, shape: tuple[Key, ...], nested: tuple[Key, ...] | None = None) -> None:
    """Declare the shape (and the shorter nested shape) of a class that cannot declare its own."""
    SHAPES[kind] = (shape, nested)


class Serializable:
    """A class whose instances give their JSON-ready dict by the one serializer.

    ``_shape`` lists the keys of ``to_dict()``; ``_nested``, when set, the
    shorter keys used when the object appears inside another.
    """

    __slots__ = ()
    _shape: ClassVar[tuple[Key, ...]]
    _nested: ClassVar[tuple[Key, ...] | None] = None

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict of this object (``json.dumps`` takes it as it is); see `to_json`."""
        return to_dict(self)

    def __repr__(self) -> str:
        """``Kind(field=value, ...)`` over the fields shown in reprs, as attrs writes it.

        Records declare ``repr=False`` and inherit this one: attrs would compile a
        ``__repr__`` for each class when its module is imported (a quarter of a
        millisecond each, on every start).
        """
        fields = attrs.fields(cast("type[attrs.AttrsInstance]", type(self)))  # every record is an attrs class
        values = ((field, getattr(self, field.name)) for field in fields if field.repr)
        shown = ", ".join(f"{f.name}={f.repr(v) if callable(f.repr) else repr(v)}" for f, v in values)
        return f"{type(self).__qualname__.rsplit('>.', 1)[-1]}({shown})"


def to_dict(value: object, shape: tuple[Key, ...] | None = None) -> dict[str, object]:
    """The JSON-ready dict of a record or result, by its declared shape (or ``shape``).

    >>> import csto_timeline
    >>> to_dict(csto_timeline.load().history("UZB")[0])  # doctest: +NORMALIZE_WHITESPACE
    {'state': {'code': 'UZB', 'name': 'Uzbekistan'}, 'body': 'CST', 'status': 'signatory', 'track': 'legal',
     'start': '1992-05-15', 'end': '1994-04-20', 'opened_by': 'cst-1992-signature/UZB',
     'closed_by': 'cst-1994-entry-into-force/UZB', 'start_precision': 'day', 'end_precision': 'day'}
    """
    return _dict(value, _shape_of(value, nested=False) if shape is None else shape, 0)


def to_json(value: object) -> object:
    """Any value of a record or result as JSON-ready data (see the module's docstring)."""
    return _json(value, 0)


def shape_of(kind: type) -> tuple[Key, ...]:
    """The keys of ``to_dict()`` for instances of ``kind``.

    >>> from csto_timeline import Change
    >>> [key.name for key in shape_of(Change)]
    ['date', 'precision', 'uncertain', 'state', 'old', 'new', 'event', 'org']
    """
    return _shape_of(None, nested=False, kind=kind)


def columns(kind: type) -> tuple[str, ...]:
    """The names of the keys of ``to_dict()`` for instances of ``kind``, in order."""
    return tuple(key.name for key in shape_of(kind))


def _shape_of(value: object, *, nested: bool, kind: type | None = None) -> tuple[Key, ...]:
    kind = type(value) if kind is None else kind
    registered = SHAPES.get(kind)
    if registered is not None:
        shape, short = registered
        return short if nested and short is not None else shape
    declared: tuple[Key, ...] | None = getattr(kind, "_nested", None) if nested else None
    if declared is None:
        declared = getattr(kind, "_shape", None)
    if declared is not None:
        return declared
    if attrs.has(kind):
        return tuple(Key(field.alias or field.name, operator.attrgetter(field.name)) for field in attrs.fields(kind))
    msg = f"{value!r} ({kind.__name__}) is not a record or result the serializer knows"
    raise TypeError(msg)


def _dict(value: object, shape: tuple[Key, ...], depth: int) -> dict[str, object]:
    if depth > MAX_DEPTH:
        msg = f"records nest more than {MAX_DEPTH} levels deep at {value!r}; the serializer stops there"
        raise ValueError(msg)
    return {key.name: _ids(key.read(value)) if key.ref else _json(key.read(value), depth + 1) for key in shape}


def _ids(value: object) -> object:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (tuple, list)):
        return [_ids(item) for item in value]
    return getattr(value, "id", None) if hasattr(value, "id") else str(value)


def _json(value: object, depth: int) -> object:  # noqa: PLR0911 - one branch per kind of value
    if value is None or (isinstance(value, (bool, int, float)) and not isinstance(value, enum.Enum)):
        return value
    if isinstance(value, enum.Enum):
        return str(value) if isinstance(value, Precision) else value.value
    if isinstance(value, str):
        return value
    if isinstance(value, PartialDate):
        return str(value)
    if isinstance(value, Boundary):
        return edtf(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(_json(k, depth + 1)): _json(item, depth + 1) for k, item in value.items()}
    if isinstance(value, (tuple, list)):
        return [_json(item, depth + 1) for item in value]
    if isinstance(value, (set, frozenset)):
        items = [_json(item, depth + 1) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True))
    return _dict(value, _shape_of(value, nested=True), depth)


def escape_html(text: str) -> str:
    """``text`` made safe inside HTML elements and quoted attributes, as `html.escape`
    makes it (without importing `html`, whose entity tables cost 2 ms of every start).

    >>> escape_html("<a href='x'>Tom & Jerry</a>")
    '&lt;a href=&#x27;x&#x27;&gt;Tom &amp; Jerry&lt;/a&gt;'
    """
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#x27;")
    )
