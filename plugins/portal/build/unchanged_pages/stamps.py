"""Stamps: short hashes of what a page is rendered from, equal only when the inputs are equal.

A value the stamper does not know how to read makes the page "unstampable": it is rendered
every time, never taken from the last build. Being unsure costs time, never correctness. An
object that carries the stamp of its own state (``stamp``, bytes: a validated item, whose values
its file and the registries determine) is hashed by that stamp.

Values are first turned into plain data (text, numbers, bytes, lists, tuples and dicts, in
their order), which ``marshal`` writes in one call. Anything else becomes a tuple opening with
``...`` (which no input holds) and naming its type, so that inputs of other types, a ``Markup``
and a ``str`` of the same text say, never share a stamp."""

from __future__ import annotations

import dataclasses
import hashlib
import marshal
from collections.abc import Callable, Mapping
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pelican.contents import Content

# Shared by every article (settings, the whole site's context) or derived from what is hashed.
ARTICLE_SKIPPED = frozenset({"settings", "_context", "metadata", "locale_date", "date_format"})
PLAIN = frozenset({str, int, float, bool, type(None), bytes})
MOMENTS = (datetime, date, time)
NAMED = (timedelta, ZoneInfo, Path)
MARK = ...
# Version 2 writes no back-references: the bytes depend on the values, not on which are shared.
MARSHAL_VERSION = 2


Reader = Callable[[Any, "list[Content] | None"], Any]  # a value's plain data, given ``pointed``


class Unstampable(Exception):
    pass


def _digest(plain: Any) -> bytes:
    return hashlib.blake2b(marshal.dumps(plain, MARSHAL_VERSION), digest_size=20).digest()


def _links_within_site(article: Content) -> bool:
    """Whether Pelican turns links in the article's text into other files' addresses."""
    text = article._content or ""
    return ("{" in text or "|" in text) and article._get_intrasite_link_regex().search(text) is not None


class Stamper:
    """Stamps of template inputs. An article's stamp covers its own values and the own values
    of every article it points to (newer/older, related, superseding...), which is what an
    article page or a card in a listing shows of them.

    Values are read once per build: the stamps of articles and of structured values (units,
    topics, dates, listings...) are kept by object, as nothing changes them once pages are
    written."""

    def __init__(self) -> None:
        self._own: dict[int, tuple[bytes, list[Content]] | None] = {}
        self._full: dict[int, bytes] = {}
        self._parts: dict[tuple[int, bool], tuple[Any, list[Any], list[Content]]] = {}
        self._fields: dict[type, list[str]] = {}
        self._readers: dict[type, Reader] = {}

    def stamp(self, value: Any) -> bytes:
        return _digest(self._plain(value, None))

    def article(self, article: Content) -> bytes:
        key = id(article)
        found = self._full.get(key)
        if found is None:
            own, pointed = self._own_stamp(article)
            digest = hashlib.blake2b(own, digest_size=20)
            for other in pointed:
                digest.update(self._own_stamp(other)[0])
            found = self._full[key] = digest.digest()
        return found

    def own(self, article: Content) -> bytes:
        """The stamp of the article's own values (the articles it points to count by source path)."""
        return self._own_stamp(article)[0]

    def _own_stamp(self, article: Content) -> tuple[bytes, list[Content]]:
        key = id(article)
        if key not in self._own:
            self._own[key] = None  # kept when the article cannot be stamped
            self._own[key] = self._read_own(article)
        found = self._own[key]
        if found is None:
            raise Unstampable(article.source_path)
        return found

    def _read_own(self, article: Content) -> tuple[bytes, list[Content]]:
        if _links_within_site(article):
            raise Unstampable("a {filename} or {static} link: the address it becomes is another's")
        pointed: list[Content] = []
        plain = {name: value if type(value) in PLAIN else self._plain(value, pointed)
                 for name, value in vars(article).items() if name not in ARTICLE_SKIPPED}
        return _digest(plain), pointed

    def _part(self, value: Any, pointed: list[Content] | None) -> list[Any]:
        """A structured value (a unit, a date, a listing...) as plain data, read once: as part
        of an article's own values (``pointed`` given) or of a page's inputs."""
        key = (id(value), pointed is not None)
        found = self._parts.get(key)
        if found is None:
            kind = type(value)
            names = self._fields.get(kind)
            if names is None:
                names = self._fields[kind] = [item.name for item in dataclasses.fields(value)]
            held: list[Content] = []
            inner = held if pointed is not None else None
            plain = [item if type(item := getattr(value, name)) in PLAIN else self._plain(item, inner)
                     for name in names]
            found = self._parts[key] = (value, plain, held)  # the value kept alive: ids stay unique
        if pointed is not None:
            pointed.extend(found[2])
        return found[1]

    def _plain(self, value: Any, pointed: list[Content] | None) -> Any:
        """``value`` as plain data; articles inside count by stamp, or, within an article's own
        values (``pointed`` given), by source path, and are collected in ``pointed``."""
        kind = type(value)
        if kind in PLAIN:
            return value
        if kind is list:
            return [item if type(item) in PLAIN else self._plain(item, pointed) for item in value]
        if kind is tuple:
            return tuple([item if type(item) in PLAIN else self._plain(item, pointed) for item in value])
        if kind is dict:
            return {key if type(key) in PLAIN else self._plain(key, pointed):
                    item if type(item) in PLAIN else self._plain(item, pointed)
                    for key, item in value.items()}
        read = self._readers.get(kind)
        if read is None:
            read = self._readers[kind] = self._reader(kind)
        return MARK, kind.__qualname__, read(value, pointed)

    def _reader(self, kind: type) -> Reader:
        """How a value of a type other than the plain ones is read, found once for each type."""
        if dataclasses.is_dataclass(kind) and not issubclass(kind, Content):
            return self._structure
        readers: tuple[tuple[Any, Reader], ...] = (
            (Content, self._article_value), (str, _text), (MOMENTS, _moment), (NAMED, _named),
            (Mapping, self._mapping), (list | tuple, self._items), (set | frozenset, self._members))
        for types, read in readers:
            if issubclass(kind, types):
                return read
        raise Unstampable(kind.__qualname__)

    def _article_value(self, value: Content, pointed: list[Content] | None) -> bytes | str:
        if pointed is None:
            return self.article(value)
        pointed.append(value)
        return value.source_path

    def _structure(self, value: Any, pointed: list[Content] | None) -> Any:
        if type(stamp := getattr(value, "stamp", None)) is bytes and stamp:
            return stamp  # the object's own stamp of everything it holds
        return self._part(value, pointed)

    def _mapping(self, value: Mapping[Any, Any], pointed: list[Content] | None) -> list[Any]:
        return [(self._plain(key, pointed), self._plain(item, pointed)) for key, item in value.items()]

    def _items(self, value: list[Any] | tuple[Any, ...], pointed: list[Content] | None) -> list[Any]:
        return [self._plain(item, pointed) for item in value]

    def _members(self, value: set[Any] | frozenset[Any], pointed: list[Content] | None) -> list[Any]:
        return sorted((self._plain(item, pointed) for item in value), key=repr)


def _text(value: str, pointed: list[Content] | None) -> str:
    return str.__str__(value)


def _moment(value: date | time, pointed: list[Content] | None) -> tuple[str, str]:
    return value.isoformat(), str(getattr(value, "tzinfo", ""))


def _named(value: Any, pointed: list[Content] | None) -> str:
    return str(value)


def settings_stamp(settings: Mapping[str, Any]) -> bytes:
    """Settings hold functions and modules (filters, plugins): those count by name."""
    digest = hashlib.blake2b(digest_size=20)
    for key in sorted(settings):
        digest.update(key.encode() + b"=" + _setting_text(settings[key]).encode() + b"\n")
    return digest.digest()


def _setting_text(value: Any) -> str:
    if isinstance(value, Mapping):
        return "{" + ",".join(f"{k!r}:{_setting_text(v)}" for k, v in sorted(value.items(), key=repr)) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(_setting_text(v) for v in value) + "]"
    if callable(value) or type(value).__name__ == "module":
        name = getattr(value, "__qualname__", getattr(value, "__name__", ""))
        return f"{getattr(value, '__module__', '')}.{name}"
    return repr(value)
