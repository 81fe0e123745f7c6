"""A small HTML tree reader for the forms tests (stdlib only)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = frozenset({"input", "br", "img", "hr", "meta", "link"})


@dataclass
class Element:
    """One parsed HTML element with its attributes, text and parent."""

    tag: str
    attrs: dict[str, str | None]
    parent: Element | None = None
    children: list[Element] = field(default_factory=list)
    text: str = ""

    def all_text(self) -> str:
        """The element's text including its descendants'."""
        return self.text + "".join(child.all_text() for child in self.children)

    def find_all(self, tag: str) -> list[Element]:
        """Descendants with the tag, in document order."""
        found = []
        for child in self.children:
            if child.tag == tag:
                found.append(child)
            found.extend(child.find_all(tag))
        return found


class _TreeBuilder(HTMLParser):
    """Builds a tree of Elements; fails on mismatched end tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("root", {})
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs), parent=self.current)
        self.current.children.append(element)
        if tag not in VOID:
            self.current = element

    def handle_endtag(self, tag: str) -> None:
        assert self.current.tag == tag, f"</{tag}> closes <{self.current.tag}>"
        assert self.current.parent is not None
        self.current = self.current.parent

    def handle_data(self, data: str) -> None:
        self.current.text += data


def parse_html(markup: str) -> Element:
    """Parse an HTML fragment into a tree, checking that tags are balanced."""
    builder = _TreeBuilder()
    builder.feed(str(markup))
    builder.close()
    assert builder.current is builder.root, "unclosed elements"
    return builder.root


def by_id(root: Element, element_id: str) -> Element:
    """The single element with the id."""
    matches = [e for e in _walk(root) if e.attrs.get("id") == element_id]
    assert len(matches) == 1, f"{len(matches)} elements with id {element_id!r}"
    return matches[0]


def _walk(element: Element) -> list[Element]:
    """Every descendant of an element."""
    found = []
    for child in element.children:
        found.append(child)
        found.extend(_walk(child))
    return found


def all_elements(root: Element) -> list[Element]:
    """Every element in the tree."""
    return _walk(root)
