"""What one build has learned about the content: registries, items and problems."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from portal.model.item import Item
from portal.model.item_cache import ItemCache
from portal.model.problems import Problem
from portal.model.registries import Registries, load_registries
from portal.model.render_cache import RenderCache
from portal.model.schema import Context


@dataclass
class BuildState:
    content_root: Path
    registries: Registries
    problems: list[Problem] = field(default_factory=list)
    items: dict[str, Item] = field(default_factory=dict)
    reported: bool = False
    finished: bool = False  # every page written and the problems reported
    render_cache: RenderCache = field(default_factory=lambda: RenderCache(None, []))
    item_cache: ItemCache = field(default_factory=lambda: ItemCache(None))
    production: bool = False

    @classmethod
    def load(cls, content_root: Path, production: bool = False) -> BuildState:
        registries, problems = load_registries(content_root)
        return cls(content_root, registries, problems, production=production)

    def relative(self, path: str) -> str:
        """A file of the content, named as Pelican names it, relative to the content with "/"."""
        root = str(self.content_root)
        if not path.startswith(root + os.sep):
            raise ValueError(f"{path} is not in {root}")
        return path[len(root) + 1:].replace(os.sep, "/")

    @property
    def context(self) -> Context:
        return Context(self.registries, self.content_root, self.production)

    def add(self, problems: list[Problem]) -> None:
        self.problems.extend(problems)

    def remember(self, relative: str, item: Item | None, problems: list[Problem]) -> None:
        """What reading one file gave: its item, if it has one, and its problems."""
        if item is not None:
            self.items[relative] = item
        self.add(problems)

    @property
    def has_errors(self) -> bool:
        return any(problem.is_error for problem in self.problems)

    def rejected_paths(self) -> set[str]:
        """Content-relative paths of files with errors: they are not published."""
        return {problem.path for problem in self.problems if problem.is_error}

    def published(self) -> list[Item]:
        """Items that validated and are not drafts."""
        return [item for item in self.items.values()
                if not item.is_draft and not any(p.is_error for p in item.problems)]
