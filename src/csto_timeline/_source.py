"""`Source`: a document a claim rests on, with where it is, when it was published and checked."""

from __future__ import annotations

import re

import attrs

from ._dates import PartialDate
from ._serialize import Serializable, keys
from .exceptions import DataError

__all__ = ["Source", "check_id"]

_ID = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9 ._/-]*[A-Za-z0-9._/-])?")


def check_id(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    """The validator of record ids: letters, digits and a few separators."""
    if not isinstance(value, str) or not _ID.fullmatch(value):
        msg = f"{attribute.name} {value!r} must be letters, digits, '-', '_', '.', '/' or inner spaces, starting with a letter or digit"
        raise ValueError(msg)


@attrs.frozen(repr=False)
class Source(Serializable):
    """A document a claim rests on: a URL, or a file under the project's ``seeds/``.

    >>> s = Source.of("tass-2012-687141", "CSTO leaders suspend Uzbekistan's membership",
    ...               publisher="TASS", published="2012-12-19", url="http://tass.com/russia/687141",
    ...               says="Leaders suspended Uzbekistan's membership.")
    >>> s
    Source('tass-2012-687141')
    >>> s.location
    'http://tass.com/russia/687141'
    """

    id: str = attrs.field(validator=check_id)
    title: str
    publisher: str
    says: str
    published: PartialDate | None = None
    url: str | None = None
    path: str | None = None
    #: The last day the source was checked at its location.
    accessed: PartialDate | None = None
    #: Why no publication date is known, when ``published`` is None.
    undated: str | None = None
    #: What this document copies (a mirror, proxy, repost or translation), in words; None for an original.
    copy_of: str | None = None
    #: The id of the original in the same record, when the original is one of its sources.
    original: str | None = None

    _shape = keys("id", "title", "publisher", "published", "url", "path", "says", "accessed", "undated", "copy_of", "original")

    def __attrs_post_init__(self) -> None:
        if (self.url is None) == (self.path is None):
            msg = f"source {self.id!r} needs exactly one of url and path"
            raise ValueError(msg)
        if not self.says.strip():
            msg = f"source {self.id!r} needs a paraphrase of what it says"
            raise ValueError(msg)

    @classmethod
    def of(
        cls,
        id: str,  # noqa: A002 - the field is called id everywhere
        title: str,
        *,
        publisher: str,
        says: str,
        published: PartialDate | str | None = None,
        url: str | None = None,
        path: str | None = None,
        accessed: PartialDate | str | None = None,
        undated: str | None = None,
        copy_of: str | None = None,
        original: str | None = None,
    ) -> Source:
        """Build a source; ``published`` and ``accessed`` may be EDTF text such as '2012-12'.

        A field of the wrong type raises `TypeError`; a malformed id, both or
        neither of ``url`` and ``path``, or an empty ``says`` raise `DataError`.

        >>> Source.of("a b!", "t", publisher="p", says="s", url="https://example.org")
        Traceback (most recent call last):
        ...
        csto_timeline.exceptions.DataError: source 'a b!': id 'a b!' must be letters, digits, '-', '_', '.', '/' or inner spaces, starting with a letter or digit
        """
        texts = {"id": id, "title": title, "publisher": publisher, "says": says}
        optional = {"url": url, "path": path, "undated": undated, "copy_of": copy_of, "original": original}
        for name, value in [*texts.items(), *optional.items()]:
            if not isinstance(value, str) and (name in texts or value is not None):
                kind = "a str" if name in texts else "a str or None"
                msg = f"Source.of {name}={value!r} is a {type(value).__name__}; give {kind}"
                raise TypeError(msg)
        for name, day in (("published", published), ("accessed", accessed)):
            if day is not None and not isinstance(day, (str, PartialDate)):
                msg = f"Source.of {name}={day!r} is a {type(day).__name__}; give EDTF text such as '2012-12', a PartialDate or None"
                raise TypeError(msg)
        when = PartialDate.parse(published) if isinstance(published, str) else published
        checked = PartialDate.parse(accessed) if isinstance(accessed, str) else accessed
        try:
            return cls(id, title, publisher, says, when, url, path, checked, undated, copy_of, original)
        except ValueError as error:
            raise DataError(str(error), record=f"source {id!r}") from None

    @property
    def location(self) -> str:
        """The URL, or the path under the project."""
        return self.url if self.url is not None else str(self.path)

    def __repr__(self) -> str:
        return f"Source({self.id!r})"
