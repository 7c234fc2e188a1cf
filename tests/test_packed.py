"""The cache's packed form gives back exactly the dataset the YAML parse gives."""

from __future__ import annotations

import marshal
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.generate import synthetic_yaml
from budgetcli.model import Cell, Dataset, SourceActivity, TextCell
from budgetcli.source import packed
from budgetcli.source.loader import bundled_data_path, load


def _through_marshal(dataset: Dataset) -> Dataset:
    return packed.unpack(marshal.loads(marshal.dumps(packed.pack(dataset))))


def _same(a: Dataset, b: Dataset) -> None:
    assert a == b
    # Equality says Decimal("0.090") == Decimal("0.09"); repr tells the digits apart.
    assert repr(a) == repr(b)
    for x, y in zip(a.activities, b.activities, strict=True):
        assert list(x.budget) == list(y.budget)  # years in order
        assert [type(c) for c in x.budget.values()] == [type(c) for c in y.budget.values()]


def test_the_bundled_data_round_trips(dataset: Dataset) -> None:
    _same(_through_marshal(dataset), dataset)


def test_the_bundled_data_through_the_cache(tmp_path: Path) -> None:
    path = tmp_path / "activities.yaml"
    path.write_bytes(bundled_data_path().read_bytes())
    parsed = load(path, use_cache=False)
    load(path)  # writes the entry
    _same(load(path), parsed)


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "20000.yaml"
    path.write_text(synthetic_yaml(20_000), encoding="utf-8")
    return path


@pytest.mark.slow
def test_a_20000_activity_file_through_the_cache(big_file: Path) -> None:
    parsed = load(big_file)  # a miss: parses the YAML and writes the entry
    assert len(parsed.activities) == 20_000
    assert any(isinstance(c, TextCell) for a in parsed.activities for c in a.budget.values())
    _same(load(big_file), parsed)


_amounts = st.decimals(allow_nan=False, allow_infinity=False, places=3, max_value=10**6).map(
    lambda d: Decimal(str(d))
) | st.sampled_from([Decimal("0"), Decimal("-0"), Decimal("0.000"), Decimal("1E-9")])
_cells: st.SearchStrategy[Cell] = st.none() | _amounts | st.builds(TextCell, st.text(min_size=1))


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.lists(_cells, min_size=3, max_size=3),
            st.none() | st.dictionaries(st.sampled_from([2018, 2019, 2020]), _amounts),
            st.frozensets(st.sampled_from([2018, 2019, 2020])),
            st.lists(st.text(), max_size=2),
            st.none() | st.text(),
        ),
        max_size=8,
    )
)
def test_any_cells_round_trip_exactly(
    rows: list[tuple[list[Cell], dict[int, Decimal] | None, frozenset[int], list[str], str | None]],
) -> None:
    activities = tuple(
        SourceActivity(
            id=f"a{index}",
            department="BIF",
            name="same name",
            budget=dict(zip((2018, 2019, 2020), cells, strict=True)),
            description=description,
            actual=actual or None,
            adjustable=adjustable,
            remarks=tuple(remarks),
        )
        for index, (cells, actual, adjustable, remarks, description) in enumerate(rows)
    )
    dataset = Dataset(2018, 2020, "mio. kr.", "t", "s", (), (), activities)
    _same(_through_marshal(dataset), dataset)


@pytest.mark.parametrize("width", [1, 2, 12])
@pytest.mark.parametrize("builder", [False, True])
def test_any_length_of_period_round_trips(
    width: int, builder: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The budget dicts are built one way for small datasets, another for large: test both.
    monkeypatch.setattr(packed, "_SMALL", 0 if builder else 10**9)
    years = range(2010, 2010 + width)
    activities = tuple(
        SourceActivity(
            id=f"a{index}",
            department="BIF",
            name="A",
            budget={y: Decimal(index * 100 + y - 2010) / 1000 for y in years},
        )
        for index in range(3)
    )
    dataset = Dataset(years[0], years[-1], "mio. kr.", "t", "s", (), (), activities)
    _same(_through_marshal(dataset), dataset)
    assert _through_marshal(dataset).activities[2].budget[years[-1]] == Decimal(
        200 + width - 1
    ) / Decimal(1000)
