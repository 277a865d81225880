"""Stamps: short hashes of what a page is rendered from, equal only when the inputs are equal.

A value the stamper does not know how to read makes the page "unstampable": it is rendered
every time, never taken from the last build. Being unsure costs time, never correctness. An
object that carries the stamp of its own state (``stamp``, bytes: a validated item, whose values
its file and the registries determine) is hashed by that stamp."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from pelican.contents import Content

# Shared by every article (settings, the whole site's context) or derived from what is hashed.
ARTICLE_SKIPPED = frozenset({"settings", "_context", "metadata", "locale_date", "date_format"})
SCALARS = (type(None), bool, int, float)
MOMENTS = (datetime, date, time)
NAMED = (timedelta, ZoneInfo, Path)


class Unstampable(Exception):
    pass


def file_digest(paths: Iterable[Path]) -> bytes:
    digest = hashlib.blake2b(digest_size=20)
    for path in sorted(paths):
        digest.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.digest()


def _links_within_site(article: Content) -> bool:
    """Whether Pelican turns links in the article's text into other files' addresses."""
    text = article._content or ""
    return ("{" in text or "|" in text) and article._get_intrasite_link_regex().search(text) is not None


def _ordered_keys(mapping: Mapping[Any, Any]) -> list[Any]:
    try:
        return sorted(mapping)
    except TypeError:  # keys of mixed types
        return sorted(mapping, key=repr)


class Stamper:
    """Stamps of template inputs. An article's stamp covers its own values and the own values
    of every article it points to (newer/older, related, superseding...), which is what an
    article page or a card in a listing shows of them.

    Values are read once per build: the stamps of articles and of structured values (units,
    topics, dates, listings...) are kept by object, as nothing changes them once pages are
    written."""

    def __init__(self) -> None:
        self._own: dict[int, tuple[bytes, list[Content]]] = {}
        self._full: dict[int, bytes] = {}
        self._parts: dict[tuple[int, bool], tuple[Any, bytes, list[Content]]] = {}

    def stamp(self, value: Any) -> bytes:
        digest = hashlib.blake2b(digest_size=20)
        self._feed(digest, value, None)
        return digest.digest()

    def article(self, article: Content) -> bytes:
        key = id(article)
        if key not in self._full:
            own, pointed = self._own_stamp(article)
            digest = hashlib.blake2b(own, digest_size=20)
            for other in pointed:
                digest.update(self._own_stamp(other)[0])
            self._full[key] = digest.digest()
        return self._full[key]

    def own(self, article: Content) -> bytes:
        """The stamp of the article's own values (the articles it points to count by source path)."""
        return self._own_stamp(article)[0]

    def _own_stamp(self, article: Content) -> tuple[bytes, list[Content]]:
        key = id(article)
        if key not in self._own:
            if _links_within_site(article):
                raise Unstampable("a {filename} or {static} link: the address it becomes is another's")
            pointed: list[Content] = []
            digest = hashlib.blake2b(digest_size=20)
            values = {k: v for k, v in vars(article).items() if k not in ARTICLE_SKIPPED}
            self._feed(digest, values, pointed)
            self._own[key] = (digest.digest(), pointed)
        return self._own[key]

    def _part(self, value: Any, own: bool) -> tuple[Any, bytes, list[Content]]:
        """A structured value (a unit, a date, a listing...), stamped once: as part of an
        article's own values (``own``) or of a page's inputs."""
        key = (id(value), own)
        if key not in self._parts:
            pointed: list[Content] = []
            digest = hashlib.blake2b(digest_size=20)
            for item in dataclasses.fields(value):
                self._feed(digest, getattr(value, item.name), pointed if own else None)
            self._parts[key] = (value, digest.digest(), pointed)  # the value kept alive: ids stay unique
        return self._parts[key]

    def _feed(self, digest: Any, value: Any, pointed: list[Content] | None) -> None:
        """Hash ``value``; articles inside are hashed by stamp, or, within an article's own
        values (``pointed`` given), by source path, and collected in ``pointed``."""
        kind = type(value)
        if kind is str:
            data = value.encode()
            digest.update(b"s%d:" % len(data) + data)
            return
        digest.update(kind.__name__.encode() + b":")
        if kind in SCALARS:
            digest.update(repr(value).encode())
        elif kind is bytes:  # a stamp
            digest.update(len(value).to_bytes(8, "little") + value)
        elif isinstance(value, str):
            data = value.encode()
            digest.update(len(data).to_bytes(8, "little") + data)
        elif isinstance(value, MOMENTS):
            digest.update(value.isoformat().encode() + str(getattr(value, "tzinfo", "")).encode())
        elif isinstance(value, NAMED):
            digest.update(str(value).encode())
        elif isinstance(value, Content):
            if pointed is None:
                digest.update(self.article(value))
            else:
                pointed.append(value)
                digest.update(str(value.source_path).encode())
        elif isinstance(value, Mapping):
            digest.update(len(value).to_bytes(8, "little"))
            for key in _ordered_keys(value):
                if type(key) is str:
                    data = key.encode()
                    digest.update(b"k%d:" % len(data) + data)
                else:
                    self._feed(digest, key, pointed)
                self._feed(digest, value[key], pointed)
        elif isinstance(value, list | tuple | set | frozenset):
            items = sorted(value, key=repr) if isinstance(value, set | frozenset) else value
            digest.update(len(items).to_bytes(8, "little"))
            for item in items:
                self._feed(digest, item, pointed)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            if type(stamp := getattr(value, "stamp", None)) is bytes and stamp:
                digest.update(stamp)  # the object's own stamp of everything it holds
            else:
                _, part, held = self._part(value, pointed is not None)
                digest.update(part)
                if pointed is not None:
                    pointed.extend(held)
        else:
            raise Unstampable(kind.__qualname__)


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
