"""States and the registry that finds them by code, name or alias."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator

import attrs

from ._serialize import Serializable
from .exceptions import DataError, UnknownStateError

__all__ = ["State", "StateRegistry", "normalize_name"]


def normalize_name(text: str) -> str:
    """Case-fold, strip accents and collapse white space, for matching names.

    >>> normalize_name("  Côte  d\u2019Ivoire "), normalize_name("KYRGYZSTAN")
    ("cote d'ivoire", 'kyrgyzstan')
    """
    if text.isascii():  # no accents to strip (most names): ten times faster
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.casefold().replace("\u2019", "'").split())


# Names of former states that the registry deliberately does not resolve, each with what to use
# instead (data/cow_states.csv explains the COW codes). A close-match suggestion would mislead here:
# "USSR" is nearest to "USA", "Soviet Union" to "Slovenia".
_FORMER_STATES: tuple[tuple[tuple[str, ...], str], ...] = (
    (
        ("USSR", "Soviet Union", "Union of Soviet Socialist Republics", "SUN", "SUHH", "SU"),
        (
            "the Soviet Union is not a state of the registry: each successor state is its own state, such as "
            "'Russia' (RUS), 'Ukraine' (UKR) or 'Kazakhstan' (KAZ), and COW's code 365 (the Russian Empire, the "
            "Soviet Union and Russia) is read as RUS"
        ),
    ),
    (
        (
            "Yugoslavia",
            "SFRY",
            "FRY",
            "Socialist Federal Republic of Yugoslavia",
            "Federal Republic of Yugoslavia",
            "YUG",
            "YUCS",
            "Serbia and Montenegro",
            "SCG",
            "CSXX",
        ),
        (
            "Yugoslavia and Serbia and Montenegro are not states of the registry: COW's code 345 (Serbia, "
            "Yugoslavia, Serbia and Montenegro, Serbia) is read as 'Serbia' (SRB), and the other successor "
            "states are their own states"
        ),
    ),
    (
        ("Federal Republic of Germany", "FRG", "BRD"),
        (
            "the name is ambiguous: the Federal Republic before 3 October 1990 is 'West Germany' (XWG, COW 260) "
            "and Germany since then is 'Germany' (DEU, COW 255)"
        ),
    ),
)
_FORMER: dict[str, str] = {normalize_name(name): advice for names, advice in _FORMER_STATES for name in names}


def _names(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


def _upper3(value: str) -> str:
    return value.upper()


def _upper(value: str | None) -> str | None:
    return value.upper() if value is not None else None


@attrs.frozen(repr=False, order=False, cache_hash=True)
class State(Serializable):
    """A state: ISO 3166-1 codes, English name, Correlates of War code and the
    other names people use for it.

    >>> kgz = State.of("KGZ", "KG", "Kyrgyzstan", cow=703, aliases=["Kyrgyz Republic", "Kirghizia"])
    >>> kgz
    State('KGZ', 'Kyrgyzstan')
    >>> kgz.names
    ('Kyrgyzstan', 'Kyrgyz Republic', 'Kirghizia')
    """

    alpha3: str = attrs.field(converter=_upper3)
    alpha2: str | None = attrs.field(converter=_upper)
    name: str
    cow: int | None = None
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_names)

    @alpha3.validator
    def _check_alpha3(self, _attribute: object, value: str) -> None:
        if len(value) != 3 or not value.isalpha():
            msg = f"alpha-3 code {value!r} must be three letters"
            raise ValueError(msg)

    @alpha2.validator
    def _check_alpha2(self, _attribute: object, value: str | None) -> None:
        if value is not None and (len(value) != 2 or not value.isalpha()):
            msg = f"alpha-2 code {value!r} must be two letters"
            raise ValueError(msg)

    @classmethod
    def of(
        cls,
        alpha3: str,
        alpha2: str | None,
        name: str,
        *,
        cow: int | None = None,
        aliases: Iterable[str] = (),
    ) -> State:
        """Build a state record. A field of the wrong type raises `TypeError`; a
        malformed code or an empty name raises `DataError`.

        >>> State.of("XKX", "XK", "Kosovo", aliases=["Republic of Kosovo"])
        State('XKX', 'Kosovo')
        >>> State.of("xk", None, "Kosovo")
        Traceback (most recent call last):
        ...
        csto_timeline.exceptions.DataError: state 'xk': alpha-3 code 'XK' must be three letters
        """
        for field, value, optional in (("alpha3", alpha3, False), ("alpha2", alpha2, True), ("name", name, False)):
            if not isinstance(value, str) and not (optional and value is None):
                kind = "a str or None" if optional else "a str"
                msg = f"State.of {field}={value!r} is a {type(value).__name__}; give {kind}"
                raise TypeError(msg)
        if cow is not None and (not isinstance(cow, int) or isinstance(cow, bool)):
            msg = f"State.of cow={cow!r} is a {type(cow).__name__}; give the Correlates of War number (an int) or None"
            raise TypeError(msg)
        names = () if isinstance(aliases, str) else tuple(aliases)
        if isinstance(aliases, str) or not all(isinstance(alias, str) for alias in names):
            msg = f"State.of aliases={aliases!r}: give a list of names (str)"
            raise TypeError(msg)
        try:
            return cls(alpha3, alpha2, name, cow, names)
        except ValueError as error:
            raise DataError(str(error), record=f"state {alpha3!r}") from None

    @property
    def names(self) -> tuple[str, ...]:
        """The name followed by every alias."""
        return (self.name, *self.aliases)

    def __repr__(self) -> str:
        return f"State({self.alpha3!r}, {self.name!r})"

    def __lt__(self, other: State) -> bool:
        if not isinstance(other, State):
            return NotImplemented
        return self.alpha3 < other.alpha3


class StateRegistry:
    """An immutable set of states with case- and accent-insensitive lookup by
    ISO alpha-3 code, alpha-2 code, name or alias.
    """

    __slots__ = ("_by_alpha3", "_by_cow", "_exact", "_keys", "_states")

    def __init__(self, states: Iterable[State]) -> None:
        self._states: tuple[State, ...] = tuple(sorted(states))
        self._by_alpha3: dict[str, State] = {}
        self._by_cow: dict[int, State] = {}
        self._keys: dict[str, State] = {}
        # The codes and names exactly as written: most lookups are of these, and normalizing
        # a name (Unicode decomposition) costs ~20 µs.
        self._exact: dict[str, State] = {}
        for state in self._states:
            if state.alpha3 in self._by_alpha3:
                msg = f"state {state.alpha3!r} is listed twice"
                raise DataError(msg, record=f"state {state.alpha3!r}")
            self._by_alpha3[state.alpha3] = state
            if state.cow is not None:
                self._by_cow.setdefault(state.cow, state)
        for state in self._states:
            for key in (state.alpha3, state.alpha2, *state.names):
                if key is None:
                    continue
                norm = normalize_name(key)
                other = self._keys.get(norm)
                if other is not None and other is not state:
                    msg = f"{key!r} names both {other.alpha3} and {state.alpha3}"
                    raise DataError(msg, record=f"state {state.alpha3!r}")
                self._keys[norm] = state
                self._exact[key] = state

    def __iter__(self) -> Iterator[State]:
        return iter(self._states)

    def __len__(self) -> int:
        return len(self._states)

    def __contains__(self, item: object) -> bool:
        if isinstance(item, State):
            return self._by_alpha3.get(item.alpha3) == item
        if isinstance(item, str):
            return normalize_name(item) in self._keys
        return False

    def merged(self, extra: Iterable[State]) -> StateRegistry:
        """A registry holding these states and ``extra`` (which may not repeat a code)."""
        added = tuple(extra)
        return StateRegistry([*self._states, *added]) if added else self

    def by_cow(self, code: int) -> State | None:
        """The state with that Correlates of War code, or None."""
        return self._by_cow.get(code)

    def get(self, key: State | str) -> State | None:
        """The state for a `State`, code, name or alias, or None when there is none."""
        if isinstance(key, State):
            return self._by_alpha3.get(key.alpha3)
        if isinstance(key, str):
            found = self._exact.get(key)
            return found if found is not None else self._keys.get(normalize_name(key))
        return None

    def lookup(self, key: State | str) -> State:
        """The state for a `State`, code, name or alias; raises `UnknownStateError`
        with close matches when there is none.
        """
        found = self.get(key)
        if found is not None:
            return found
        if not isinstance(key, (State, str)):
            msg = f"{key!r} is a {type(key).__name__}; a state is given as a State, an ISO alpha-3 or alpha-2 code, or a name"
            raise UnknownStateError(msg)
        text = key.alpha3 if isinstance(key, State) else key
        former = _FORMER.get(normalize_name(text))
        if former is not None:
            raise UnknownStateError(f"unknown state {text!r}: {former}")
        import difflib  # noqa: PLC0415 - only for suggestions after a miss; it costs 1.5 ms of every start

        close = difflib.get_close_matches(normalize_name(text), list(self._keys), n=3, cutoff=0.6)
        seen: list[State] = []
        for match in close:
            if self._keys[match] not in seen:
                seen.append(self._keys[match])
        hint = ""
        if seen:
            hint = " did you mean " + " or ".join(f"{s.name!r} ({s.alpha3})" for s in seen) + "?"
        msg = (
            f"unknown state {text!r};{hint} states are given as an ISO alpha-3 code ('KGZ'), "
            "an alpha-2 code ('KG'), a name or an alias, case-insensitive"
        )
        raise UnknownStateError(msg)
