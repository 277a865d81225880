"""The writer that reuses unchanged pages, and the fingerprints it keeps between builds."""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.writers import Writer

from content_model.render_cache import cache_folder
from output_folder import previous_output
from unchanged_pages.stamps import Stamper, Unstampable, file_digest, settings_stamp

logger = logging.getLogger(__name__)
FILE_NAME = "pages.pickle"
REUSABLE_TEMPLATES = frozenset({"article.html", "listing.html", "index.html"})
PROJECT = Path(__file__).resolve().parents[2]
FileState = tuple[str, int, int]  # path in the output, size, modification time (ns)


@dataclass
class PageStore:
    output: Path
    known: dict[bytes, list[FileState]] = field(default_factory=dict)
    used: dict[bytes, list[FileState]] = field(default_factory=dict)
    recording: list[str] | None = None
    reused: int = 0

    @property
    def file(self) -> Path:
        return cache_folder(self.output) / FILE_NAME

    @classmethod
    def open(cls, output: Path) -> PageStore:
        store = cls(output.resolve())
        if previous_output() is not None and store.file.is_file():
            try:
                known = pickle.loads(store.file.read_bytes())
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
                known = {}
            store.known = known if isinstance(known, dict) else {}
        return store

    def written(self, path: str) -> None:
        if self.recording is not None:
            self.recording.append(path)

    def remember(self, fingerprint: bytes, paths: list[str]) -> None:
        states = []
        for path in paths:
            status = os.stat(path)
            states.append((Path(path).resolve().relative_to(self.output).as_posix(), status.st_size,
                           status.st_mtime_ns))
        self.used[fingerprint] = states

    def reuse(self, fingerprint: bytes) -> list[str] | None:
        """Link the last build's files of this fingerprint into the output; their paths, or
        None when any is gone or was changed after it was written."""
        states, previous = self.known.get(fingerprint), previous_output()
        if not states or previous is None:
            return None
        for relative, size, mtime in states:
            try:
                status = os.stat(previous / relative)
            except OSError:
                return None
            if (status.st_size, status.st_mtime_ns) != (size, mtime):
                return None
        paths = []
        for relative, _, _ in states:
            target = self.output / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)
            os.link(previous / relative, target)
            paths.append(str(target))
        self.used[fingerprint] = states
        self.reused += len(paths)
        return paths

    def save(self) -> None:
        self.file.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.file.with_suffix(".tmp")
        temporary.write_bytes(pickle.dumps(self.used, protocol=pickle.HIGHEST_PROTOCOL))
        temporary.replace(self.file)


_store: PageStore | None = None


def store_if_open() -> PageStore | None:
    return _store


def close_store() -> None:
    """Save the fingerprints this build used; the next build opens its own store."""
    global _store
    if _store is not None:
        _store.save()
        logger.info("%d pages unchanged since the last build, taken from it", _store.reused)
        _store = None


class ReusingWriter(Writer):
    def __init__(self, output_path: str, settings: dict[str, Any]) -> None:
        global _store
        super().__init__(output_path, settings)
        _store = PageStore.open(Path(output_path))
        self.stamper = Stamper()
        self.site_stamp = self._site_stamp(settings)

    @staticmethod
    def _site_stamp(settings: dict[str, Any]) -> bytes:
        """What every page may show besides its own inputs."""
        code = [*(PROJECT / "plugins").rglob("*.py"), *Path(settings["THEME"]).rglob("*")]
        content = Path(settings["PATH"])
        registries = [content / name for name in ("units.toml", "topics.toml", "banners.toml")]
        digest = hashlib.blake2b(digest_size=20)
        digest.update(file_digest(p for p in [*code, *registries] if p.is_file()))
        digest.update(settings_stamp(settings))
        for library in ("pelican", "jinja2", "markupsafe"):
            digest.update(version(library).encode())
        return digest.digest()

    def fingerprint(self, template: Any, context: dict[str, Any], call: dict[str, Any]) -> bytes | None:
        if template.name not in REUSABLE_TEMPLATES:
            return None
        try:
            inputs = self.stamper.stamp(call)
        except Unstampable:
            return None
        sidebar = str(context.get("portal_sidebar", "")).encode()
        return hashlib.blake2b(self.site_stamp + inputs + sidebar, digest_size=20).digest()

    def write_file(self, name: str, template: Any, context: dict[str, Any], relative_urls: bool = False,
                   paginated: dict[str, Any] | None = None, template_name: str | None = None,
                   override_output: bool = False, url: str | None = None, **kwargs: Any) -> None:
        store = _store
        assert store is not None
        call = {"name": name, "template": template.name, "relative_urls": relative_urls,
                "paginated": paginated, "template_name": template_name,
                "override_output": override_output, "url": url, **kwargs}
        fingerprint = self.fingerprint(template, context, call)
        if fingerprint is not None and (paths := store.reuse(fingerprint)) is not None:
            localcontext = {**context, "output_file": name, **kwargs}
            for path in paths:
                signals.content_written.send(path, context=localcontext)
            return
        store.recording = []
        try:
            super().write_file(name, template, context, relative_urls, paginated, template_name,
                               override_output, url, **kwargs)
            if fingerprint is not None:
                store.remember(fingerprint, store.recording)
        finally:
            store.recording = None
