"""Data-driven option lists (OPDs, categories, ...) in the shapes callers pass them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

Choice = tuple[str, str]
OptionItem = str | Sequence[str]
OptionList = Sequence[OptionItem] | Mapping[str, str]
Options = Mapping[str, OptionList]


def choices(items: OptionList) -> list[Choice]:
    """Normalise an option list to (value, label) pairs."""
    if isinstance(items, Mapping):
        return [(str(value), str(label)) for value, label in items.items()]
    pairs: list[Choice] = []
    for item in items:
        if isinstance(item, str) or not isinstance(item, Sequence):
            pairs.append((str(item), str(item)))
        else:
            value, label = item[0], item[1]
            pairs.append((str(value), str(label)))
    return pairs


def option_values(items: OptionList) -> frozenset[str]:
    """The allowed values of an option list."""
    return frozenset(value for value, _ in choices(items))
