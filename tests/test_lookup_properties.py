"""Invariants of the lookups over any data validation accepts, checked with hypothesis:
every id and department code is found by itself, exactly, and by its folded spellings."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from budgetcli import queries
from budgetcli.folding import fold, folds
from budgetcli.i18n import ENGLISH
from budgetcli.source.build import build_dataset
from budgetcli.source.validate import validate

# Letters that fold together (case, accents, ø/o/oe, ß/ss) so collisions are common.
_LETTERS = "aAäsSßøØoOeEéÉ-1"
_words = st.text(alphabet=_LETTERS, min_size=1, max_size=4).filter(lambda w: w.strip("-") != "")


def _document(codes: list[str], ids: list[str]) -> dict[str, Any]:
    return {
        "period": {"first": 2018, "last": 2019},
        "unit": "mio. kr.",
        "departments": [
            {"code": code, "appendix": n, "name": f"Forvaltning {n}"}
            for n, code in enumerate(codes, start=1)
        ],
        "activities": [
            {"id": i, "department": codes[0], "name": f"Aktivitet {i}", "budget": {2018: 1}}
            for i in ids
        ],
    }


@given(
    st.lists(_words, min_size=1, max_size=5, unique=True),
    st.lists(_words, min_size=1, max_size=8, unique=True),
)
def test_accepted_ids_and_codes_find_themselves(codes: list[str], ids: list[str]) -> None:
    plain, problems = validate(_document(codes, ids))
    code_clash = len({f for c in codes for f in folds(c)}) < sum(len(folds(c)) for c in codes)
    id_clash = len({fold(i) for i in ids}) < len(ids)
    if plain is None:
        # Refused only because two of them fold alike, and then always.
        said = [ENGLISH.text(message) for _, message in problems]
        assert said and all("only in case or accents" in message for message in said)
        assert code_clash or id_clash
        return
    assert not code_clash and not id_clash
    dataset = build_dataset(plain)
    for activity_id in ids:
        for typed in (activity_id, activity_id.upper(), activity_id.swapcase(), fold(activity_id)):
            if fold(typed) == fold(activity_id):
                assert queries.find_activity(dataset, typed).id == activity_id
    for code in codes:
        assert queries.resolve_department(dataset, code) == code
        for form in folds(code):
            assert queries.resolve_department(dataset, form) == code
