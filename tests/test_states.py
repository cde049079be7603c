"""State records and lookup by code, name or alias."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csto_timeline import DataError, State, StateRegistry, Timeline, UnknownStateError
from csto_timeline._states import normalize_name


class TestLookup:
    @pytest.mark.parametrize("key", ["KGZ", "kg", "Kyrgyzstan", "kyrgyz republic", "KIRGHIZIA", "  Kyrgyzstan "])
    def test_codes_names_and_aliases_find_the_state(self, timeline: Timeline, key: str) -> None:
        assert timeline.state(key).alpha3 == "KGZ"

    def test_byelorussia_is_belarus(self, timeline: Timeline) -> None:
        assert timeline.state("Byelorussia").alpha3 == "BLR"

    def test_a_state_object_finds_itself(self, timeline: Timeline) -> None:
        russia = timeline.state("RUS")
        assert timeline.state(russia) is russia

    def test_unknown_state_suggests_close_matches(self, timeline: Timeline) -> None:
        with pytest.raises(UnknownStateError, match="did you mean 'Kyrgyzstan'") as caught:
            timeline.state("Kyrgystan")
        assert "'Kyrgystan'" in str(caught.value)
        assert isinstance(caught.value, LookupError)

    def test_unknown_state_without_close_match_says_what_is_accepted(self, timeline: Timeline) -> None:
        with pytest.raises(UnknownStateError, match="alpha-3"):
            timeline.status_of("Atlantis", "2000")

    @pytest.mark.parametrize(
        ("name", "advice"),
        [
            ("USSR", "'Russia' (RUS)"),
            ("Soviet Union", "'Russia' (RUS)"),
            ("SUN", "'Russia' (RUS)"),
            ("yugoslavia", "'Serbia' (SRB)"),
            ("Serbia and Montenegro", "'Serbia' (SRB)"),
            ("FRG", "'West Germany' (XWG"),
        ],
    )
    def test_a_former_state_says_what_to_use_instead_of_a_misleading_close_match(
        self, timeline: Timeline, name: str, advice: str
    ) -> None:
        with pytest.raises(UnknownStateError) as caught:
            timeline.status_of(name, "1990")
        message = str(caught.value)
        assert message.startswith(f"unknown state {name!r}: ")
        assert advice in message
        assert "did you mean" not in message  # "USSR" is nearest to "USA", "Soviet Union" to "Slovenia"

    def test_gdr_is_east_germany(self, timeline: Timeline) -> None:
        assert timeline.state("GDR").alpha3 == "DDR"

    def test_every_state_the_record_names_has_both_codes_and_a_cow_code(self, timeline: Timeline) -> None:
        for state in {event.state for event in timeline.events() if event.state is not None}:
            assert state.alpha2 is not None
            assert state.cow is not None

    def test_the_registry_knows_every_state_of_the_cow_state_list(self, timeline: Timeline) -> None:
        assert len(timeline.states) == 217
        assert timeline.state("France").alpha3 == "FRA"
        assert timeline.state("German Democratic Republic").alpha3 == "DDR"  # COW's name, kept as an alias
        assert timeline.state("XBA").alpha2 is None  # Bavaria: no ISO code, a user-assigned one


class TestRegistry:
    def test_two_states_may_not_share_a_name(self) -> None:
        a = State.of("AAA", "AA", "Alpha")
        b = State.of("BBB", "BB", "Beta", aliases=["Alpha"])
        with pytest.raises(DataError, match="'Alpha' names both AAA and BBB"):
            StateRegistry([a, b])

    def test_a_code_may_not_repeat(self) -> None:
        with pytest.raises(DataError, match="listed twice"):
            StateRegistry([State.of("AAA", "AA", "Alpha"), State.of("AAA", "AB", "Another")])

    @pytest.mark.parametrize(("alpha3", "alpha2"), [("AB", "AB"), ("ABCD", "AB"), ("AB1", "AB"), ("ABC", "A")])
    def test_codes_have_the_iso_shape(self, alpha3: str, alpha2: str) -> None:
        with pytest.raises(ValueError, match="must be"):
            State.of(alpha3, alpha2, "X")


def _normalized_the_long_way(text: str) -> str:
    """The oracle: Unicode decomposition, accents dropped, case-folded, spaces collapsed."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.casefold().replace("\u2019", "'").split())


@given(st.text(alphabet=st.characters(max_codepoint=0x7F)) | st.text())
def test_normalize_name_takes_its_ascii_shortcut_without_changing_any_answer(text: str) -> None:
    """Plain ASCII names skip the Unicode decomposition; every text still normalizes as the long way does."""
    assert normalize_name(text) == _normalized_the_long_way(text)


def test_merging_no_extra_states_keeps_the_registry() -> None:
    """A dataset that names no state of its own shares the bundled registry instead of rebuilding it."""
    registry = StateRegistry([State.of("ARM", "AM", "Armenia")])
    assert registry.merged([]) is registry
    assert [state.alpha3 for state in registry.merged([State.of("KAZ", "KZ", "Kazakhstan")])] == ["ARM", "KAZ"]
