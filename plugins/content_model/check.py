"""``portal check``: the build's validation, without rendering anything."""

from __future__ import annotations

import hashlib
from pathlib import Path

from content_model.corpus import check_corpus, discover
from content_model.source import read_source
from content_model.state import BuildState
from content_model.validate import validate_source


def read_item(state: BuildState, file: Path) -> None:
    """Validate one file and remember it (and its problems) in the build state."""
    relative = file.relative_to(state.content_root).as_posix()
    raw = file.read_bytes()
    source, problems = read_source(raw, relative)
    state.add(problems)
    if source is not None:
        item = validate_source(source, state.context)
        item.stamp = hashlib.blake2b(relative.encode() + b"\0" + raw, digest_size=20).digest()
        state.items[relative] = item
        state.add(item.problems)


def check_content(content_root: Path) -> BuildState:
    state = BuildState.load(content_root)
    files, problems = discover(content_root)
    state.add(problems)
    for file in files:
        read_item(state, file)
    state.add(check_corpus(state.published(), state.registries))
    return state
