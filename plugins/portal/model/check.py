"""``portal check``: the build's validation, without rendering anything."""

from __future__ import annotations

import hashlib
from pathlib import Path

from portal.model.body_files import pictures_stamp
from portal.model.corpus import check_corpus, discover
from portal.model.item import Item
from portal.model.problems import Problem
from portal.model.schema import Context
from portal.model.source import read_source
from portal.model.state import BuildState
from portal.model.validate import validate_source


def item_stamp(relative: str, raw: bytes) -> bytes:
    return hashlib.blake2b(relative.encode() + b"\0" + raw, digest_size=20).digest()


def validated(raw: bytes, relative: str, context: Context) -> tuple[Item | None, list[Problem]]:
    """The item of one file (None when it cannot be read or has no header) and its problems."""
    source, problems = read_source(raw, relative)
    if source is None:
        return None, problems
    item = validate_source(source, context)
    item.stamp = item_stamp(relative, raw + pictures_stamp(item.pictures, context.content_root))
    return item, item.problems


def read_item(state: BuildState, file: Path) -> Item | None:
    """Validate one file and remember it (and its problems) in the build state."""
    relative = file.relative_to(state.content_root).as_posix()
    item, problems = validated(file.read_bytes(), relative, state.context)
    state.remember(relative, item, problems)
    return item


def check_content(content_root: Path, production: bool = False) -> BuildState:
    """The build's verdict on the content (that of the production build with ``production``)."""
    state = BuildState.load(content_root, production)
    files, problems = discover(content_root)
    state.add(problems)
    for file in files:
        read_item(state, file)
    state.add(check_corpus(state.published(), state.registries))
    return state
