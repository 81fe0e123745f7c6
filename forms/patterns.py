"""Regular expressions in form schemas (``pattern``): refused when matching can take exponential
or high polynomial time, and never run on long text.

Python's ``re`` has no timeout, and a form's pattern runs on text anyone may send (the public
complaint form), so ``^(a+)+$`` on thirty a's and a ``!`` would hold a web worker for minutes.
The analysis reads the parsed pattern (the parser ``re`` itself uses) and is conservative: it
refuses some patterns that would in fact be quick, and any it cannot read. Refused are

* a group repeated more than once that itself holds a repeat, unless every round of the group
  must match a character that the inner repeats cannot (``(\\d+\\.){3}`` passes, ``(a+)+``,
  ``(a*)*``, ``(.*a){20}`` and ``(\\w+\\s?)+`` do not);
* a repeated group whose alternatives can match the same text (``(a|a)*``, ``(a|ab)*``);
* three or more repeats in a row that can share the same characters (``a*a*a*``, cubic time).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Iterator
from typing import Any

from jsonschema.exceptions import ValidationError

# The parser ``re`` compiles with (``sre_parse`` is its deprecated alias; neither has a stub).
_parser: Any = importlib.import_module("re._parser")

# Longer text fails a pattern without being matched: what remains possible after the analysis
# (two repeats sharing characters: quadratic) stays in milliseconds.
MAX_PATTERN_TEXT = 1000
NESTED = "repeats a group that itself repeats the same characters"
ALTERNATIVES = "repeats alternatives that can match the same text"
CHAINED = "chains three or more repeats over the same characters"
INVALID = "is not a valid regular expression"
REASONS = (NESTED, ALTERNATIVES, CHAINED, INVALID)
# Keys whose values are data, not schemas (a "pattern" inside a default is not a pattern).
_DATA_KEYS = frozenset({"enum", "const", "default", "examples"})
# Characters tried when asking whether two character sets overlap, besides every character the
# pattern names: ASCII and Latin, and other scripts' digits, letters and spaces.
_PROBES = ("".join(map(chr, range(0x250))) + "\u0391\u03c9\u0416\u0436\u05d0\u0627\u0660"
           "\u06f0\u0966\u0e51\u2003\u2028\u3000\u4e00\uff10\uff21\U0001d7ce")
_CATEGORIES = {name: re.compile(text) for name, text in (
    ("CATEGORY_DIGIT", r"\d"), ("CATEGORY_NOT_DIGIT", r"\D"), ("CATEGORY_SPACE", r"\s"),
    ("CATEGORY_NOT_SPACE", r"\S"), ("CATEGORY_WORD", r"\w"), ("CATEGORY_NOT_WORD", r"\W"))}
_ONE_CHARACTER = frozenset({"LITERAL", "NOT_LITERAL", "ANY", "IN"})
_REPEATS = frozenset({"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"})
_EVERYTHING = (("ANY", None),)

Atom = tuple[str, Any]  # one character set: (opcode name, argument) of the parsed pattern
Chars = tuple[Atom, ...]  # a union of character sets


def schema_pattern_problem(schema: Any) -> str:
    """The first refused pattern of a JSON Schema, with its field, or an empty string."""
    for field, pattern in schema_patterns(schema):
        reason = pattern_problem(pattern)
        if reason:
            return f"field {field or '(form)'!r}: pattern {pattern!r} {reason}"
    return ""


def schema_patterns(schema: Any, field: str = "") -> Iterator[tuple[str, str]]:
    """(field, pattern) of every ``pattern`` and ``patternProperties`` key in a schema."""
    if isinstance(schema, list):
        for item in schema:
            yield from schema_patterns(item, field)
        return
    if not isinstance(schema, dict):
        return
    for key, value in schema.items():
        if key == "pattern" and isinstance(value, str):
            yield field, value
        elif key == "properties" and isinstance(value, dict):
            for name, sub in value.items():
                yield from schema_patterns(sub, str(name))
        elif key == "patternProperties" and isinstance(value, dict):
            yield from ((field, str(pattern)) for pattern in value)
            yield from schema_patterns(list(value.values()), field)
        elif key not in _DATA_KEYS:
            yield from schema_patterns(value, field)


def pattern_problem(pattern: str) -> str:
    """Why ``pattern`` may not be used in a form (one of REASONS), or an empty string."""
    try:
        re.compile(pattern)
        parsed = _parser.parse(pattern)
    except (re.error, RecursionError, OverflowError) as error:
        return f"{INVALID}: {error}"
    return _Analysis(parsed).problem()


def bounded_pattern(validator: Any, pattern: str, instance: Any,
                    _schema: Any) -> Iterator[ValidationError]:
    """jsonschema's ``pattern`` keyword, refusing text longer than MAX_PATTERN_TEXT unmatched."""
    if not validator.is_type(instance, "string"):
        return
    if len(instance) > MAX_PATTERN_TEXT or not re.search(pattern, instance):
        yield ValidationError(f"{instance[:40]!r} does not match {pattern!r}")


class _Analysis:
    """One parsed pattern, with the characters worth trying on its character sets."""

    def __init__(self, parsed: Any) -> None:
        self.parsed = parsed
        self.fold = _ignores_case(parsed)
        self.probes = sorted(set(_PROBES) | set(_named_characters(parsed)))
        self._masks: dict[tuple[str, str, bool], int] = {}

    def problem(self) -> str:
        """The first reason found in any part of the pattern ('' when none)."""
        first = self.parsed[0] if self.parsed else (None, None)
        anchored = _name(first[0]) == "AT" and _name(first[1]) in ("AT_BEGINNING",
                                                                    "AT_BEGINNING_STRING")
        # re.search tries every start: unanchored, the cost of a match is paid once per start.
        if self.chained(list(_flat(self.parsed)), 3 if anchored else 2):
            return CHAINED
        for sequence in _sequences(self.parsed):
            if self.chained(list(_flat(sequence)), 3):
                return CHAINED
            for op, value in _flat(sequence):
                reason = self.repeat_problem(value) if _name(op) in _REPEATS else ""
                if reason:
                    return reason
        return ""

    def repeat_problem(self, value: Any) -> str:
        """NESTED or ALTERNATIVES for a repeat ``(min, max, body)`` run more than once."""
        _low, high, body = value
        if high < 2:
            return ""
        inner = _union(_chars(item) for item in _inner_repeats(body))
        if inner and not any(self.disjoint(sep, inner) for sep in _mandatory(body)):
            return NESTED
        if any(self.alternatives_overlap(node) for node in _nodes(body)):
            return ALTERNATIVES
        return ""

    def alternatives_overlap(self, node: tuple[Any, Any]) -> bool:
        """True for a branch whose alternatives can start alike (or match nothing), and for a
        character class whose parts overlap (the parser turns ``(a|a)`` into ``[aa]``)."""
        op, value = node
        if _name(op) == "IN":  # one step of the matcher whatever the case: parts as written
            parts = [self.mask((("IN", [item]),), fold=False) for item in value]
            return _name(value[0][0]) != "NEGATE" and _any_overlap(parts)
        if _name(op) != "BRANCH":
            return False
        starts = [_first(alternative) for alternative in value[1]]
        return any(empty for _, empty in starts) or _any_overlap(
            [self.mask(chars) for chars, _ in starts])

    def chained(self, items: list[tuple[Any, Any]], limit: int) -> bool:
        """True when ``limit`` repeats in ``items`` can share characters with nothing between
        them that only one side can match."""
        run: list[int] = []  # the repeats met so far that may still share characters
        for op, value in items:
            if _is_variable(op, value):
                chars = self.mask(_chars((op, value)))
                run = [*(c for c in run if c & chars), chars]
                if len(run) >= limit and _common(run):
                    return True
            elif _name(op) in _ONE_CHARACTER and not self.mask(((_name(op), value),)) & (
                    _common(run, any_of=True)):
                run = []
        return False

    def disjoint(self, a: Chars, b: Chars) -> bool:
        """True when no character is in both unions of character sets."""
        return not self.mask(a) & self.mask(b)

    def mask(self, chars: Chars, *, fold: bool | None = None) -> int:
        """The probes in the union ``chars``, one bit each (either case under IGNORECASE)."""
        fold = self.fold if fold is None else fold
        found = 0
        for atom in chars:
            # Parsed values are small ints and short lists: their text is a fine key.
            key = (atom[0], repr(atom[1]), fold)
            if key not in self._masks:
                self._masks[key] = self._atom_mask(atom, fold)
            found |= self._masks[key]
        return found

    def _atom_mask(self, atom: Atom, fold: bool) -> int:
        found = 0
        for bit, ch in enumerate(self.probes):
            forms = {f for f in (ch, ch.lower(), ch.upper()) if len(f) == 1} if fold else {ch}
            if any(_atom_holds(atom, form) for form in forms):
                found |= 1 << bit
        return found


def _any_overlap(masks: list[int]) -> bool:
    """True when two of the character sets share a character."""
    seen = 0
    for found in masks:
        if found & seen:
            return True
        seen |= found
    return False


def _common(masks: list[int], *, any_of: bool = False) -> int:
    """The characters in every set (in any set with ``any_of``); 0 for no set."""
    if not masks:
        return 0
    found = masks[0]
    for other in masks[1:]:
        found = found | other if any_of else found & other
    return found


def _name(value: Any) -> str:
    return str(getattr(value, "name", value))


def _flat(sequence: Iterable[Any]) -> Iterator[tuple[Any, Any]]:
    """The items of a sequence with plain groups opened (a group matches where it stands)."""
    for op, value in sequence:
        if _name(op) == "SUBPATTERN":
            yield from _flat(value[3])
        else:
            yield op, value


def _children(op: Any, value: Any) -> list[Any]:
    """The sub-sequences directly inside one item."""
    name = _name(op)
    if name == "SUBPATTERN":
        return [value[3]]
    if name in _REPEATS:
        return [value[2]]
    if name in ("ATOMIC_GROUP",):
        return [value]
    if name in ("ASSERT", "ASSERT_NOT"):
        return [value[1]]
    if name == "BRANCH":
        return list(value[1])
    if name == "GROUPREF_EXISTS":
        return [part for part in value[1:] if part is not None]
    return []


def _sequences(sequence: Any) -> Iterator[Any]:
    """Every sequence of the pattern: itself and all nested ones."""
    yield sequence
    for op, value in sequence:
        for child in _children(op, value):
            yield from _sequences(child)


def _nodes(sequence: Any) -> Iterator[tuple[Any, Any]]:
    """Every item of the pattern at any depth."""
    for inner in _sequences(sequence):
        yield from inner


def _inner_repeats(body: Any) -> Iterator[tuple[Any, Any]]:
    """Repeats of varying count inside ``body`` (or a back reference, of varying length)."""
    for op, value in _nodes(body):
        if (_name(op) in _REPEATS and value[0] != value[1]) or _name(op) == "GROUPREF":
            yield op, value


def _is_variable(op: Any, value: Any) -> bool:
    """True for a repeat that may take more than one character, in varying number."""
    if _name(op) in _REPEATS:
        return bool(value[0] != value[1] and value[1] > 1)
    return _name(op) == "GROUPREF" or (
        _name(op) in ("BRANCH", "GROUPREF_EXISTS", "ATOMIC_GROUP")
        and any(_is_variable(*node) for child in _children(op, value) for node in _flat(child)))


def _mandatory(body: Any) -> Iterator[Chars]:
    """The character sets every match of ``body`` must take one character of."""
    for op, value in _flat(body):
        if _name(op) in _ONE_CHARACTER:
            yield ((_name(op), value),)
        elif _name(op) in _REPEATS and value[0] == value[1] >= 1:
            single = list(_flat(value[2]))
            if len(single) == 1 and _name(single[0][0]) in _ONE_CHARACTER:
                yield ((_name(single[0][0]), single[0][1]),)


def _chars(node: tuple[Any, Any]) -> Chars:
    """Every character set one item may take characters from."""
    op, value = node
    name = _name(op)
    if name in _ONE_CHARACTER:
        return ((name, value),)
    if name == "GROUPREF":
        return _EVERYTHING
    return _union(_chars(item) for child in _children(op, value) for item in child
                  if _name(item[0]) not in ("ASSERT", "ASSERT_NOT"))


def _first(sequence: Any) -> tuple[Chars, bool]:
    """The character sets a match of ``sequence`` may start with, and whether it may be empty."""
    found: list[Chars] = []
    for op, value in _flat(sequence):
        chars, empty = _first_of(op, value)
        found.append(chars)
        if not empty:
            return _union(found), False
    return _union(found), True


def _first_of(op: Any, value: Any) -> tuple[Chars, bool]:
    name = _name(op)
    if name in _ONE_CHARACTER:
        return ((name, value),), False
    if name in ("AT", "ASSERT", "ASSERT_NOT"):
        return (), True
    if name in _REPEATS:
        chars, empty = _first(value[2])
        return chars, empty or value[0] == 0
    if name in ("BRANCH", "GROUPREF_EXISTS", "ATOMIC_GROUP"):
        starts = [_first(child) for child in _children(op, value)]
        empty = any(e for _, e in starts) or (name == "GROUPREF_EXISTS" and value[2] is None)
        return _union(s for s, _ in starts), empty
    return _EVERYTHING, True


def _union(sets: Iterable[Chars]) -> Chars:
    return tuple(atom for chars in sets for atom in chars)


def _atom_holds(atom: Atom, ch: str) -> bool:
    name, value = atom
    if name == "LITERAL":
        return bool(ord(ch) == value)
    if name == "NOT_LITERAL":
        return bool(ord(ch) != value)
    if name == "IN":
        negate = bool(value) and _name(value[0][0]) == "NEGATE"
        found = any(_class_item_holds(_name(op), arg, ch) for op, arg in value
                    if _name(op) != "NEGATE")
        return found != negate
    return True  # ANY, and anything not known here: every character


def _class_item_holds(name: str, value: Any, ch: str) -> bool:
    if name == "LITERAL":
        return bool(ord(ch) == value)
    if name == "RANGE":
        return bool(value[0] <= ord(ch) <= value[1])
    category = _CATEGORIES.get(_name(value)) if name == "CATEGORY" else None
    return category is None or category.fullmatch(ch) is not None


def _ignores_case(parsed: Any) -> bool:
    """True when any part of the pattern ignores case."""
    if parsed.state.flags & re.IGNORECASE:
        return True
    return any(_name(op) == "SUBPATTERN" and value[1] & re.IGNORECASE
               for op, value in _nodes(parsed))


def _named_characters(parsed: Any) -> Iterator[str]:
    """Every character the pattern names, and both ends of its ranges: two sets that share a
    character share one of these."""
    for op, value in _nodes(parsed):
        items = value if _name(op) == "IN" else [(op, value)]
        for item_op, arg in items:
            if _name(item_op) in ("LITERAL", "NOT_LITERAL"):
                yield chr(arg)
            elif _name(item_op) == "RANGE":
                yield from (chr(arg[0]), chr(arg[1]))
