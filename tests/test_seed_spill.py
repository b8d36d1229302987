"""The spilled containers (db/seed/spill.py) answer as the in-memory ones they replace:
a seed's problems come in their iteration order, and its rows follow their answers."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from diplodb.seed.spill import Spill, SpilledList, SpilledLists, SpilledMap, SpilledSet
from diplodb.seed.validate.entries import Entry, record
from diplodb.seed.entry_models import reference as models

keys = st.text(alphabet="abcé€😀\x1f-", max_size=4)
values = st.one_of(st.none(), st.integers(min_value=-(1 << 70), max_value=1 << 70),
                   st.text(max_size=5), st.tuples(st.text(max_size=3), st.dates()),
                   st.floats(allow_nan=False))
operations = st.lists(st.tuples(st.sampled_from(["set", "setdefault", "insert", "get", "in"]), keys,
                                values), max_size=40)


@settings(max_examples=60, deadline=None)
@given(operations)
def test_a_spilled_map_answers_and_iterates_as_a_dict(ops):
    spilled, plain = SpilledMap(Spill()), {}
    for op, key, value in ops:
        if op == "set":
            spilled[key] = value
            plain[key] = value
        elif op == "setdefault":
            assert spilled.setdefault(key, value) == plain.setdefault(key, value)
        elif op == "insert":  # set unless held: whether it was set
            assert spilled.insert(key, value) == (key not in plain)
            plain.setdefault(key, value)
        elif op == "get":
            assert spilled.get(key, "absent") == plain.get(key, "absent")
        else:
            assert (key in spilled) == (key in plain)
    assert list(spilled.items()) == list(plain.items())
    assert list(spilled) == list(plain) and list(spilled.values()) == list(plain.values())
    assert len(spilled) == len(plain) and spilled == plain


@settings(max_examples=60, deadline=None)
@given(st.lists(keys, max_size=30), st.lists(keys, max_size=10))
def test_a_spilled_set_holds_what_a_set_holds_and_sorts_as_python(added, asked):
    spilled = SpilledSet(Spill(), added[:5])
    for key in added[5:]:
        spilled.add(key)
    assert list(spilled.sorted()) == sorted(set(added))
    assert bool(spilled) == bool(added) and len(spilled) == len(set(added))
    assert all((key in spilled) == (key in set(added)) for key in asked)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(keys, values), max_size=30))
def test_spilled_lists_group_as_a_dict_of_lists_in_first_appended_order(appended):
    spilled, plain = SpilledLists(Spill()), {}
    for key, value in appended:
        spilled.append(key, value)
        plain.setdefault(key, []).append(value)
    assert list(spilled.items()) == list(plain.items())
    assert all(spilled.get(key) == found for key, found in plain.items())
    assert spilled.get("not a key", "absent") == "absent"


def test_a_spilled_list_keeps_order_and_entries_with_their_records():
    entry = Entry("reference/persons.yaml", "entry[3] (id=a)",
                  record(models.PersonRow(id="a", name="A", country="IRN",
                                           reference="wikidata")), dt.date(2020, 1, 2))
    spilled = SpilledList(Spill())
    assert not spilled
    spilled.extend([1, entry])
    spilled.append("last")
    assert list(spilled) == [1, entry, "last"] and len(spilled) == 3
    assert list(spilled)[1].model.name == "A"
    spilled.truncate(2)
    assert list(spilled) == [1, entry]
    spilled.truncate(0)
    assert list(spilled) == [] and not spilled
    spilled.append("again")
    assert list(spilled) == ["again"]
    spilled.clear()
    assert list(spilled) == [] and not spilled


def test_keys_that_are_not_strings_are_in_no_spilled_container():
    """As in a set or dict of strings: 5 is not '5', and an unhashable key raises."""
    spill = Spill()
    spilled_set, spilled_map = SpilledSet(spill, ["5"]), SpilledMap(spill, [("5", 1)])
    assert 5 not in spilled_set and 5 not in spilled_map and spilled_map.get(5) is None
    for container in (spilled_set, spilled_map):
        try:
            [] in container  # noqa: B015
        except TypeError:
            pass
        else:
            raise AssertionError("an unhashable key was looked up")


def test_what_a_container_remembers_it_holds_is_forgotten_without_losing_an_answer(monkeypatch):
    """The keys a set or map remembers (spill.RECENT_KEYS) are only a shortcut: once
    forgotten, the answers still come from the file."""
    from diplodb.seed import spill as spill_module

    monkeypatch.setattr(spill_module, "RECENT_KEYS", 2)
    spill = Spill()
    spilled_set, spilled_map = SpilledSet(spill), SpilledMap(spill)
    for number in range(7):
        spilled_set.add(f"k{number}")
        spilled_map[f"k{number}"] = number
    assert len(spilled_set.recent) <= 2 and len(spilled_map.recent) <= 2
    assert all(f"k{n}" in spilled_set and f"k{n}" in spilled_map for n in range(7))
    assert "k7" not in spilled_set and "k7" not in spilled_map
    assert [spilled_map[f"k{n}"] for n in range(7)] == list(range(7))
    # lists remember the keys they have, to skip recording a key's place again: a key
    # forgotten and appended to again keeps its first place
    lists = SpilledLists(spill)
    for key in ["a", "b", "c", "a", "d", "b", "a"]:
        lists.append(key, key.upper())
    assert list(lists.items()) == [("a", ["A"] * 3), ("b", ["B"] * 2), ("c", ["C"]),
                                   ("d", ["D"])]


def test_a_key_that_is_not_a_string_is_refused_and_nan_comes_back_as_nan():
    """SQLite would keep 5 as '5' and NaN as NULL: a key must be a string, and a value
    that is not a plain one comes back as itself."""
    import math

    spill = Spill()
    spilled_set, spilled_map, lists = SpilledSet(spill), SpilledMap(spill), SpilledLists(spill)
    for write in (lambda: spilled_set.add(5), lambda: spilled_map.__setitem__(5, 1),
                  lambda: spilled_map.setdefault(None, 1), lambda: lists.append(5, 1)):
        try:
            write()
        except TypeError:
            pass
        else:
            raise AssertionError("a key that is not a string was written")
    assert len(spilled_set) == 0 and len(spilled_map) == 0
    spilled_map["nan"] = float("nan")
    assert math.isnan(spilled_map["nan"])
