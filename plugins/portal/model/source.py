"""Reading a content file: bytes -> text -> metadata lines (with line numbers) and body."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from portal.common.text import nfc
from portal.model.problems import Problem, error

MAX_ITEM_BYTES = 2 * 1024 * 1024
_KEY_LINE = re.compile(r"^(?P<key>[A-Za-z][A-Za-z0-9_-]*)[ \t]*:[ \t]*(?P<value>.*)$")
_CONTINUATION = re.compile(r"^(?: {4}|\t)\s*(?P<value>\S.*)$")


@dataclass(frozen=True)
class Entry:
    """One metadata line as the author wrote it."""

    name: str
    value: str
    line: int


@dataclass
class SourceFile:
    path: str
    entries: dict[str, Entry]
    body: str
    body_line: int
    problems: list[Problem] = field(default_factory=list)


def decode(raw: bytes, path: str) -> tuple[str | None, list[Problem]]:
    if len(raw) > MAX_ITEM_BYTES:
        size = f"{len(raw) / 1024 / 1024:.1f}"
        return None, [error(path, 0, "too_large", size=size, limit=MAX_ITEM_BYTES // 1024 // 1024)]
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None, [error(path, 1, "not_utf8", line_number=1)]
    if b"\x00" in raw[:8192]:
        return None, [error(path, 0, "binary")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as problem:
        line = raw[: problem.start].count(b"\n") + 1
        return None, [error(path, line, "not_utf8", line_number=line)]
    return nfc(text.replace("\r\n", "\n").replace("\r", "\n")), []


def _numbered_lines(text: str) -> Iterator[tuple[int, str, int]]:
    """The lines of ``text`` one by one (as ``split("\\n")`` gives them), each with its number
    and the offset of the line after it: the body is never split into lines."""
    start, number = 0, 1
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        yield number, text[start:end], end + 1
        start, number = end + 1, number + 1


def split_header(text: str, path: str) -> tuple[SourceFile | None, list[Problem]]:
    """Split ``Key: value`` lines (Python-Markdown's meta form) from the body; the problems
    of a file that has a header travel with it, so that they reject it like any other."""
    entries: dict[str, Entry] = {}
    problems: list[Problem] = []
    last: str | None = None
    body_at, body_line = 0, 1
    for number, line, following in _numbered_lines(text):
        body_at, body_line = following, number + 1  # the body starts after this line, if the header ends
        stripped = line.strip()
        if number == 1 and stripped == "---":
            continue
        if not stripped or stripped in ("---", "..."):
            break
        continued = _CONTINUATION.match(line)
        if continued and last:
            previous = entries[last]
            entries[last] = Entry(previous.name, f"{previous.value} {continued['value']}".strip(),
                                  previous.line)
            continue
        match = _KEY_LINE.match(line)
        if not match:
            problems.append(error(path, number, "bad_header_line", text=stripped[:80]))
            last = None
            continue
        name = match["key"]
        key = name.lower()
        if key in entries:
            problems.append(error(path, number, "duplicate_key", key=name, first=entries[key].line))
            continue
        entries[key] = Entry(name, match["value"].strip(), number)
        last = key
    if not entries:
        return None, [error(path, 1, "no_header")]
    return SourceFile(path, entries, text[body_at:], body_line, problems), []


def read_source(raw: bytes, relative: str) -> tuple[SourceFile | None, list[Problem]]:
    text, problems = decode(raw, relative)
    if text is None:
        return None, problems
    return split_header(text, relative)
