"""A small HTML tree for tests, from the standard library's parser: elements, classes, text."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

BLOCKS = frozenset({"p", "li", "dt", "dd", "td", "th", "tr", "div", "ul", "ol", "dl", "h1", "h2", "h3", "section"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


@dataclass
class Element:
    tag: str
    attributes: dict[str, str] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attributes.get("class", "").split())

    def text(self) -> str:
        """The element's text with runs of white space made one space."""
        parts = [
            child if isinstance(child, str) else f" {child.text()} " if child.tag in BLOCKS else child.text()
            for child in self.children
        ]
        return " ".join("".join(parts).split())

    def find_all(self, tag: str | None = None, class_: str | None = None, **attributes: str) -> list[Element]:
        found = []
        for child in self.children:
            if isinstance(child, Element):
                if (
                    (tag is None or child.tag == tag)
                    and (class_ is None or class_ in child.classes)
                    and all(child.attributes.get(name) == value for name, value in attributes.items())
                ):
                    found.append(child)
                found.extend(child.find_all(tag, class_, **attributes))
        return found

    def find(self, tag: str | None = None, class_: str | None = None, **attributes: str) -> Element:
        found = self.find_all(tag, class_, **attributes)
        assert len(found) == 1, f"{len(found)} elements <{tag} class={class_} {attributes}>"
        return found[0]

    def first(self, tag: str) -> Element:
        """The first child element named ``tag``."""
        return next(child for child in self.children if isinstance(child, Element) and child.tag == tag)

    def section(self, heading: str) -> Element:
        """The <section> whose first heading reads ``heading``."""
        found = [
            section
            for section in self.find_all("section")
            if (section.find_all("h2") or [Element("h2")])[0].text() == heading
        ]
        assert len(found) == 1, f"{len(found)} sections headed {heading!r}"
        return found[0]


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(text: str | bytes) -> Element:
    builder = _Builder()
    builder.feed(text.decode("utf-8") if isinstance(text, bytes) else text)
    builder.close()
    return builder.root
