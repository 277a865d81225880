"""``portal publish``: copy a build to the web server's folder, only what changed.

The target keeps a manifest (``.portal-publish.json``) of the files this tool wrote and their
SHA-256. A publish copies the files whose size or SHA-256 differs from the target's (each written
under a temporary name and renamed, so a reader never gets half a file), removes the files an
earlier publish wrote that the new build no longer has (a withdrawn item goes offline) and the
folders that leaves empty, and never touches a file it did not write: a foreign file where the
build has one stops the publish (unless ``--force``), and a file changed at the target since it
was published is kept and reported.

A remote target (``host:/path`` or ``user@host:/path``) is reached with rsync over SSH through a
local mirror (``.<source>-publish/<target>/``): rsync first brings the mirror in line with what
the target holds at the paths that matter (the manifest, the build's files, the files the
manifest lists), so the same plan is made from the target's real content; each step is then done
on the mirror and sent by name (files copied, files deleted, the manifest), so nothing else at
the target is touched."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from portal_common.progress import Progress
from portal_publish.messages import say

MANIFEST = ".portal-publish.json"
FORMAT = 1
_REMOTE = re.compile(r"^(?:[\w.-]+@)?[\w.-]+:(?P<path>.+)$")


class PublishError(Exception):
    pass


def digest(path: Path) -> str:
    hashed = hashlib.sha256()
    with path.open("rb") as data:
        for block in iter(lambda: data.read(1 << 20), b""):
            hashed.update(block)
    return hashed.hexdigest()


def source_files(source: Path) -> dict[str, Path]:
    return {p.relative_to(source).as_posix(): p for p in sorted(source.rglob("*"))
            if p.is_file() and p.name != MANIFEST}


def read_manifest(folder: Path) -> dict[str, str]:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return dict(data.get("files", {})) if data.get("format") == FORMAT else {}


@dataclass
class Plan:
    copy: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    remove: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    hashes: dict[str, str] = field(default_factory=dict)
    written: dict[str, str] = field(default_factory=dict)


def _same(path: Path, there: Path, new: str) -> bool:
    return there.stat().st_size == path.stat().st_size and digest(there) == new


def plan(source: Path, folder: Path, force: bool) -> Plan:
    """Compare the build with the folder and with what the last publish wrote there."""
    result = Plan(written=read_manifest(folder))
    for relative, path in source_files(source).items():
        result.hashes[relative] = new = digest(path)
        there = folder / relative
        if not there.exists():
            result.copy.append(relative)
        elif not there.is_file() or (relative not in result.written and not force):
            result.foreign.append(relative)
        else:
            (result.unchanged if _same(path, there, new) else result.copy).append(relative)
    for relative, old in result.written.items():
        there = folder / relative
        if relative not in result.hashes and there.is_file():
            (result.remove if digest(there) == old else result.kept).append(relative)
    return result


def _remove_empty_parents(path: Path, root: Path) -> None:
    folder = path.parent
    while folder != root and folder.is_relative_to(root):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


class Folder:
    """A target folder on this machine."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def prepare(self, source: Path) -> None:
        """Nothing to do: the folder is read as it is."""

    def copy(self, source: Path, paths: list[str], progress: Progress) -> None:
        for relative in paths:
            there = self.root / relative
            there.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=f".{there.name}.", suffix=".part",
                                                 dir=there.parent)
            os.close(handle)
            shutil.copyfile(source / relative, temporary)
            os.chmod(temporary, 0o644)
            os.replace(temporary, there)
            progress.step()

    def remove(self, paths: list[str], progress: Progress) -> None:
        for relative in paths:
            (self.root / relative).unlink(missing_ok=True)
            _remove_empty_parents(self.root / relative, self.root)
            progress.step()

    def write_manifest(self, files: dict[str, str]) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        temporary = self.root / f"{MANIFEST}.part"
        temporary.write_text(json.dumps({"format": FORMAT, "files": dict(sorted(files.items()))},
                                        indent=0) + "\n", encoding="utf-8")
        os.replace(temporary, self.root / MANIFEST)


def _rsync(*args: str, absent_ok: bool = False) -> str | None:
    """rsync's output; None when the target folder does not exist and ``absent_ok``."""
    done = subprocess.run(["rsync", *args], capture_output=True, text=True, errors="replace",
                          check=False)
    if absent_ok and done.returncode == 23 and "change_dir" in done.stderr:
        return None
    if done.returncode:
        raise PublishError(say("rsync_failed", status=done.returncode, detail=done.stderr.strip()))
    return done.stdout


def _parents(path: str) -> list[str]:
    parts = path.split("/")[:-1]
    return ["/".join(parts[: index + 1]) for index in range(len(parts))]


class Remote(Folder):
    """A target reached with rsync: each step is done on the local mirror, then sent."""

    def __init__(self, mirror: Path, destination: str) -> None:
        super().__init__(mirror)
        self.destination = destination.rstrip("/") + "/"

    def _listing(self) -> set[str]:
        """Every path at the target (files, folders, links)."""
        listing = _rsync("-r", "-8", "--no-h", "--list-only", self.destination, absent_ok=True)
        paths = set()
        for line in (listing or "").splitlines():
            kind, _size, _date, _time, name = line.split(None, 4)
            paths.add(name.split(" -> ")[0] if kind.startswith("l") else name)
        return paths

    def _fetch(self, paths: list[str]) -> None:
        """Copy down the target's files at ``paths`` that differ from the mirror's."""
        if not paths:
            return
        with tempfile.TemporaryDirectory() as scratch:
            listing = Path(scratch) / "fetch"
            listing.write_text("".join(f"{path}\n" for path in paths), encoding="utf-8")
            _rsync("-r", "--checksum", f"--files-from={listing}", self.destination, f"{self.root}/")

    def prepare(self, source: Path) -> None:
        """Make the mirror hold what the target holds at the paths that matter: the manifest,
        the build's files and the files the manifest lists."""
        there = self._listing()
        self.root.mkdir(parents=True, exist_ok=True)
        for path in self.root.rglob("*"):
            if path.is_file() and path.relative_to(self.root).as_posix() not in there:
                path.unlink()
        self._fetch([MANIFEST] if MANIFEST in there else [])
        wanted = {*source_files(source), *read_manifest(self.root)}
        self._fetch(sorted(path for path in wanted if path in there))

    def _send(self, paths: list[str]) -> None:
        with tempfile.TemporaryDirectory() as scratch:
            listing = Path(scratch) / "send"
            listing.write_text("".join(f"{path}\n" for path in paths), encoding="utf-8")
            # -I: every file listed is sent, whatever its size and time at the target
            _rsync("-rtI", "--chmod=F644,D755", "--mkpath", f"--files-from={listing}",
                   f"{self.root}/", self.destination)

    def copy(self, source: Path, paths: list[str], progress: Progress) -> None:
        super().copy(source, paths, progress)
        if paths:
            self._send(paths)

    def remove(self, paths: list[str], progress: Progress) -> None:
        """Delete ``paths`` and the folders they leave empty, by name: rsync's deletion from an
        empty folder, with every other path excluded."""
        super().remove(paths, progress)
        if not paths:
            return
        with tempfile.TemporaryDirectory() as scratch:
            folders = sorted({f"+ /{parent}/" for path in paths for parent in _parents(path)})
            rules = Path(scratch) / "rules"
            rules.write_text("\n".join([*folders, *(f"+ /{path}" for path in paths), "- *"]) + "\n",
                             encoding="utf-8")
            empty = Path(scratch) / "empty"
            empty.mkdir()
            _rsync("-r", "--delete", f"--filter=merge {rules}", f"{empty}/", self.destination)

    def write_manifest(self, files: dict[str, str]) -> None:
        super().write_manifest(files)
        self._send([MANIFEST])


def mirror_folder(source: Path, remote: str) -> Path:
    """The local mirror of what was published to ``remote``."""
    name = re.sub(r"[^\w.-]+", "_", remote).strip("_")
    source = source.resolve()
    return source.with_name(f".{source.name}-publish") / name


def is_remote(target: str) -> bool:
    return _REMOTE.match(target) is not None and not Path(target).exists()


def apply(source: Path, target: Folder, result: Plan) -> None:
    """Copy, then remove, then record. The files about to be written are claimed in the
    manifest first, so that a publish cut short never leaves files of its own that the next
    one would take for foreign ones."""
    target.write_manifest({**result.written, **{path: result.hashes[path] for path in result.copy}})
    progress = Progress(len(result.copy) + len(result.remove), say("copying"))
    target.copy(source, result.copy, progress)
    target.remove(result.remove, progress)
    target.write_manifest(result.hashes)


@dataclass
class Outcome:
    target: str
    plan: Plan


def publish(source: Path, target: str, force: bool = False, dry_run: bool = False,
            rsync: bool = False) -> Outcome:
    """Publish ``source`` to ``target``: a folder, or with rsync (a remote target, or any target
    when ``rsync`` is set). Nothing is written when a foreign file is in the way or on a dry
    run (a remote target's mirror is brought up to date all the same)."""
    remote = rsync or is_remote(target)
    folder = Remote(mirror_folder(source, target), target) if remote else Folder(Path(target))
    folder.prepare(source)
    result = plan(source, folder.root, force)
    if not (dry_run or result.foreign):
        apply(source, folder, result)
    return Outcome(target, result)
