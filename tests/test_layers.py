"""The layers as the code's imports draw them: read with `ast`, so a back-up arrow, an import
circle or an oversized module fails here before a reviewer has to find it."""

from __future__ import annotations

import ast
import graphlib
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "conversations")
MAX_LINES = 400

PURE = ("bot.rules", "bot.scoring", "bot.i18n", "bot.replies")
ABOVE_ENGINE = ("conversations", "bot.chat", "bot.frontends", "bot.storage", "bot.reminders",
                "bot.report", "bot.stats", "bot.result", "bot.outreach", "bot.app", "bot.cli")
WIRING = ("bot.app", "bot.cli")
# What lays out a result or the figures: the statistics' queries may read storage, views never.
VIEWS = ("bot.chat.views", "bot.report", "bot.result", "bot.stats.cells", "bot.stats.text",
         "bot.stats.page", "bot.stats.svg")

# (who, except, may not import, why): the arrows point down only.
RULES: tuple[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], str], ...] = (
    (("bot.common",), (), (*PURE, "bot.engine", *ABOVE_ENGINE),
     "the shared values are the lowest layer: they import nothing of the bot"),
    (PURE, (), ("bot.engine", *ABOVE_ENGINE),
     "rules and scoring are pure: they know no flow or I/O"),
    (("bot.i18n",), (), ("bot.rules", "bot.scoring", "bot.replies"),
     "text values and translators are below the rules: money and names come as values"),
    (("bot.rules",), (), ("bot.scoring", "bot.replies"),
     "the rules are data the scoring and the reading of replies use, not the reverse"),
    (("bot.engine",), (), ABOVE_ENGINE,
     "the engine knows no questionnaire, chat, storage or views"),
    (("conversations",), (), ABOVE_ENGINE[1:], "the questionnaire is data over the engine"),
    (("bot.chat",), (), ("bot.frontends", "bot.outreach", *WIRING), "use cases know no transport"),
    (("bot.frontends",), (), WIRING, "front ends are wired by the app, not the reverse"),
    (("bot.storage",), (), ("bot.reminders", "bot.chat", "bot.engine", "conversations",
                            "bot.frontends", "bot.report", "bot.stats", "bot.result",
                            "bot.outreach", *WIRING), "storage keeps rows, not behaviour"),
    (("bot.reminders",), (), ("bot.chat", "bot.frontends", "bot.stats", "bot.outreach",
                              *WIRING),
     "chat uses reminders, never the reverse; reminders know no statistics"),
    (("bot.stats",), (), ("bot.chat", "bot.frontends", "bot.reminders", "bot.report",
                          "bot.result", "bot.outreach", *WIRING),
     "the outreach statistics stand alone: the admin's use case reads them, not the reverse"),
    (("bot.report", "bot.result"), (), ("bot.stats", "bot.chat", "bot.frontends",
                                        "bot.reminders", "bot.outreach", *WIRING),
     "the applicant's result and its documents know no statistics, chat or transport"),
    (VIEWS, (), ("bot.storage",), "views lay out what they are given; they read no database"),
)


def _modules(root: Path = ROOT) -> dict[str, Path]:
    """Every production module by dotted name (a package by its __init__)."""
    found: dict[str, Path] = {}
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def _imported(name: str, path: Path) -> Iterator[str]:
    """Every module name `path` imports, anywhere in it (TYPE_CHECKING and local ones too)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, *([node.module] if node.module else [])])
            else:
                module = node.module or ""
            yield module
            yield from (f"{module}.{alias.name}" for alias in node.names)


def _graph(root: Path = ROOT) -> dict[str, set[str]]:
    """Module → the production modules it imports (a name resolves to its nearest module)."""
    modules = _modules(root)
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = set()
        for module in _imported(name, path):
            while module and module not in modules:
                module = module.rpartition(".")[0]
            if module and module != name:
                targets.add(module)
        graph[name] = targets
    return graph


def _under(module: str, prefixes: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def _back_arrows(graph: dict[str, set[str]]) -> dict[tuple[str, str], str]:
    arrows: dict[tuple[str, str], str] = {}
    for source, targets in graph.items():
        for who, exempt, banned, why in RULES:
            if not _under(source, who) or _under(source, exempt):
                continue
            arrows |= {(source, t): why for t in targets if _under(t, banned)}
    return arrows


def test_imports_point_down_only() -> None:
    arrows = [f"{a} -> {b}: {why}" for (a, b), why in _back_arrows(_graph()).items()]
    assert not arrows, "imports running back up the layers:\n" + "\n".join(sorted(arrows))


def _circle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle of `graph` (its modules in order, the first repeated), or None."""
    try:
        graphlib.TopologicalSorter(graph).prepare()
    except graphlib.CycleError as error:
        return list(error.args[1])
    return None


def test_no_import_circle() -> None:
    assert _circle(_graph()) is None


def test_no_module_over_400_lines() -> None:
    sizes = {str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines())
             for path in _modules().values()}
    assert {path: n for path, n in sizes.items() if n > MAX_LINES} == {}


def test_the_reader_sees_what_it_must_catch(tmp_path: Path) -> None:
    """The checks above are only as good as the graph: absolute, relative, imported-name,
    TYPE_CHECKING and function-level imports must all be in it."""
    files = {
        "bot/__init__.py": "",
        "bot/engine/__init__.py": "",
        "bot/engine/engine.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                                "    from bot.chat.turn import Turn\n",
        "bot/chat/__init__.py": "",
        "bot/chat/turn.py": "from . import views\n\ndef later():\n    import bot.engine.engine\n",
        "bot/chat/views.py": "from bot.storage import store\n",
        "bot/storage/__init__.py": "",
        "bot/storage/store.py": "import json\n",
        "conversations/__init__.py": "",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    graph = _graph(tmp_path)
    assert graph["bot.engine.engine"] == {"bot.chat.turn"}
    assert graph["bot.chat.turn"] == {"bot.chat.views", "bot.engine.engine", "bot.chat"}
    assert graph["bot.chat.views"] == {"bot.storage.store", "bot.storage"}
    assert _back_arrows(graph).keys() == {("bot.engine.engine", "bot.chat.turn"),
                                          ("bot.chat.views", "bot.storage.store"),
                                          ("bot.chat.views", "bot.storage")}
    assert set(_circle(graph) or ()) == {"bot.chat.turn", "bot.engine.engine"}
    assert _back_arrows({"bot.engine.engine": {"bot.chat.turn"},
                         "bot.stats.figures": {"bot.storage.store"},
                         "bot.stats.page": {"bot.storage.store"},
                         "bot.report.text": {"bot.storage.store"}}).keys() == {
        ("bot.engine.engine", "bot.chat.turn"), ("bot.stats.page", "bot.storage.store"),
        ("bot.report.text", "bot.storage.store")}
    assert _back_arrows({"bot.i18n.translator": {"bot.rules.currency", "bot.common.money"},
                         "bot.rules.currency": {"bot.common.money", "bot.i18n.fold"},
                         "bot.common.money": {"bot.i18n.text"}}).keys() == {
        ("bot.i18n.translator", "bot.rules.currency"), ("bot.common.money", "bot.i18n.text")}
    assert set(_circle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) or ()) == {"a", "b", "c"}
