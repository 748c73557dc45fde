"""The chat service's HTML (Telegram's subset) as a tree the page builds with DOM calls.

The page never assigns HTML: it creates only the elements named here, with text nodes, and a
link only to an http(s) address. Anything else in the markup is dropped, its text kept.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

# Telegram's HTML parse mode, which is what the chat service writes.
TAGS = {"b": "b", "strong": "b", "i": "i", "em": "i", "u": "u", "s": "s", "code": "code",
        "pre": "pre", "a": "a", "blockquote": "blockquote"}
Node = str | dict[str, Any]


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root: list[Node] = []
        self.open: list[tuple[str, list[Node]]] = [("", self.root)]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        name = TAGS.get(tag)
        if name is None:
            return
        node: dict[str, Any] = {"t": name, "c": []}
        if name == "a":
            href = dict(attrs).get("href") or ""
            if urlsplit(href).scheme not in ("http", "https"):
                return      # no javascript:, data: or relative links: only its text is kept
            node["href"] = href
        self.open[-1][1].append(node)
        self.open.append((tag, node["c"]))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth][0] == tag:
                del self.open[depth:]
                return

    def handle_data(self, data: str) -> None:
        children = self.open[-1][1]
        if children and isinstance(children[-1], str):
            children[-1] += data
        else:
            children.append(data)


def nodes(html: str) -> list[Node]:
    """Text and allowed elements (`{"t": tag, "c": children, "href"?: url}`) of `html`."""
    tree = _Tree()
    tree.feed(html)
    tree.close()
    return tree.root


def text_of(tree: list[Node]) -> str:
    """The plain text of a tree (what a reader sees), for tests and logs-free comparisons."""
    return "".join(n if isinstance(n, str) else text_of(n["c"]) for n in tree)
