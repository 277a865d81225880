"""``portal publish``: copy a build to the web server's folder, only what changed.

Only a complete, successful production build is published: its build manifest
(``portal.commands.build_manifest``) must say so, must not name a local address, and must list
exactly the files the folder holds, byte for byte.

The target keeps a manifest (``.portal-publish.json``) of the files this tool wrote and their
SHA-256. A publish copies the files whose SHA-256 differs from the target's, removes the files
an earlier publish wrote that the new build no longer has (a withdrawn item goes offline) and
the folders that leaves empty, and never touches a file it did not write: a foreign file where
the build has one stops the publish (unless ``--force``), and a file changed at the target since
it was published is kept and reported.

A folder on this machine changes in one step: the new state of the whole target is made in a
folder beside it (the files that stay hard-linked, the new ones copied), which then takes the
target's place atomically; a publish cut short at any moment leaves the old target whole. A
target that cannot be replaced (a mount point, a parent folder without write access) is changed
file by file instead, each new file written under a temporary name and renamed.

A remote target (``host:/path`` or ``user@host:/path``) is reached with rsync over SSH through a
local mirror (``.<source>-publish/<target>/``): rsync first brings the mirror in line with what
the target holds at the paths that matter (the manifest, the build's files, the files the
manifest lists), so the same plan is made from the target's real content; each step is then done
on the mirror and sent by name (files copied, files deleted, the manifest); rsync puts the
copied files in place together at the end of the transfer (``--delay-updates``)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from portal.commands.build_manifest import MANIFEST as BUILD_MANIFEST
from portal.commands.build_manifest import BuildManifest, file_digest, tree_digests
from portal.common.folders import leftovers, put_in_place, work_folder
from portal.common.pictures import VARIANTS_FOLDER
from portal.common.progress import Progress
from portal.publish.messages import say
from portal.search.manifest import INDEX_FOLDER

MANIFEST = ".portal-publish.json"
FORMAT = 1
LOCAL_HOSTS = frozenset({"", "localhost", "127.0.0.1", "0.0.0.0", "::1", "[::1]"})
PUBLISHING, RETIRED = "publishing", "retired"
REMOVE_FREELY = 20  # files a publish removes without asking
REMOVE_SHARE = 0.1  # ... or this share of the files the last publish wrote, if more
CONTENT_NAMED = (f"{INDEX_FOLDER}/", f"{VARIANTS_FOLDER}/")  # files named by a digest of their bytes
_REMOTE = re.compile(r"^(?:[\w.-]+@)?[\w.-]+:(?P<path>.+)$")


class PublishError(Exception):
    pass


def is_local_address(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return host in LOCAL_HOSTS or host.endswith((".local", ".localhost")) or host.startswith("127.")


def verified_build(source: Path) -> dict[str, str]:
    """The SHA-256 of every file of a build that may be published; PublishError otherwise."""
    manifest = BuildManifest.read(source)
    if manifest is None:
        raise PublishError(say("no_build", source=source))
    if not manifest.ok:
        raise PublishError(say("build_with_errors", source=source, errors=manifest.errors))
    if not manifest.production:
        raise PublishError(say("not_production", source=source))
    if is_local_address(manifest.public_url):
        raise PublishError(say("local_address", source=source, url=manifest.public_url or "''"))
    found = tree_digests(source, frozenset({BUILD_MANIFEST, MANIFEST}))
    changed = sorted(path for path in found.keys() | manifest.files.keys()
                     if found.get(path) != manifest.files.get(path))
    if changed:
        raise PublishError(say("changed_since_build", source=source, count=len(changed),
                               paths=", ".join(changed[:5])))
    return found


def read_manifest(folder: Path) -> dict[str, str]:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return dict(data.get("files", {})) if data.get("format") == FORMAT else {}


def manifest_text(files: dict[str, str]) -> str:
    return json.dumps({"format": FORMAT, "files": dict(sorted(files.items()))}, indent=0) + "\n"


@dataclass
class Plan:
    copy: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    remove: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    hashes: dict[str, str] = field(default_factory=dict)
    written: dict[str, str] = field(default_factory=dict)

    @property
    def added(self) -> list[str]:
        """Files copied that the target did not have."""
        return [path for path in self.copy if path not in self.written]


def plan(hashes: dict[str, str], folder: Path, force: bool) -> Plan:
    """Compare the build (its files' hashes) with the folder and with what the last publish
    wrote there."""
    result = Plan(hashes=hashes, written=read_manifest(folder))
    for relative, new in hashes.items():
        there = folder / relative
        if not there.exists():
            result.copy.append(relative)
        elif not there.is_file() or (relative not in result.written and not force):
            result.foreign.append(relative)
        else:
            (result.unchanged if file_digest(there) == new else result.copy).append(relative)
    for relative, old in result.written.items():
        there = folder / relative
        if relative not in hashes and there.is_file():
            (result.remove if file_digest(there) == old else result.kept).append(relative)
    return result


def _remove_empty_parents(path: Path, root: Path) -> None:
    folder = path.parent
    while folder != root and folder.is_relative_to(root):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def _copy_file(source: Path, there: Path) -> None:
    """A new file under a temporary name, renamed into place: never written through."""
    there.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{there.name}.", suffix=".part", dir=there.parent)
    os.close(handle)
    shutil.copyfile(source, temporary)
    os.chmod(temporary, 0o644)
    os.replace(temporary, there)


def _write_manifest(folder: Path, files: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / f"{MANIFEST}.part"
    temporary.write_text(manifest_text(files), encoding="utf-8")
    os.replace(temporary, folder / MANIFEST)


class InPlace:
    """A target folder changed file by file."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def prepare(self, paths: set[str]) -> None:
        """Nothing to do: the folder is read as it is."""

    def copy(self, source: Path, paths: list[str], progress: Progress) -> None:
        for relative in paths:
            _copy_file(source / relative, self.root / relative)
            progress.step()

    def remove(self, paths: list[str], progress: Progress) -> None:
        for relative in paths:
            (self.root / relative).unlink(missing_ok=True)
            _remove_empty_parents(self.root / relative, self.root)
            progress.step()

    def write_manifest(self, files: dict[str, str]) -> None:
        _write_manifest(self.root, files)

    def apply(self, source: Path, result: Plan) -> None:
        """Copy, then remove, then record. The files about to be written are claimed in the
        manifest first, so that a publish cut short never leaves files of its own that the
        next one would take for foreign ones."""
        self.write_manifest({**result.written, **{path: result.hashes[path] for path in result.copy}})
        progress = Progress(len(result.copy) + len(result.remove), say("copying"))
        self.copy(source, result.copy, progress)
        self.remove(result.remove, progress)
        self.write_manifest(result.hashes)


class Swapped(InPlace):
    """A target folder replaced in one step by its new state, made beside it."""

    @staticmethod
    def possible(root: Path) -> bool:
        parent = root.resolve().parent
        return not (root.exists() and os.path.ismount(root)) and os.access(parent, os.W_OK)

    def _link_tree(self, new: Path, leave_out: set[str]) -> None:
        """The target's files, folders and links in ``new``, files hard-linked, except
        ``leave_out``."""
        new.mkdir(mode=self.root.stat().st_mode & 0o7777)
        for folder, folders, files in os.walk(self.root):
            here = Path(folder)
            there = new / here.relative_to(self.root)
            for name in folders:
                if (here / name).is_symlink():
                    os.symlink(os.readlink(here / name), there / name)
                else:
                    (there / name).mkdir(mode=(here / name).stat().st_mode & 0o7777)
            for name in files:
                relative = (here / name).relative_to(self.root).as_posix()
                if relative in leave_out:
                    continue
                if (here / name).is_symlink():
                    os.symlink(os.readlink(here / name), there / name)
                else:
                    os.link(here / name, there / name)

    def apply(self, source: Path, result: Plan) -> None:
        for left in leftovers(self.root, PUBLISHING):
            shutil.rmtree(left, ignore_errors=True)
        new = work_folder(self.root, PUBLISHING)
        progress = Progress(len(result.copy) + len(result.remove), say("copying"))
        if self.root.exists():
            self._link_tree(new, {*result.copy, *result.remove, MANIFEST})
        for relative in result.copy:
            _copy_file(source / relative, new / relative)
            progress.step()
        for relative in result.remove:
            _remove_empty_parents(new / relative, new)
            progress.step()
        _write_manifest(new, result.hashes)
        old = put_in_place(new, self.root, work_folder(self.root, RETIRED))
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


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


class Remote(InPlace):
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

    def prepare(self, paths: set[str]) -> None:
        """Make the mirror hold what the target holds at the paths that matter: the manifest,
        the build's files (``paths``) and the files the manifest lists."""
        there = self._listing()
        self.root.mkdir(parents=True, exist_ok=True)
        for path in self.root.rglob("*"):
            if path.is_file() and path.relative_to(self.root).as_posix() not in there:
                path.unlink()
        self._fetch([MANIFEST] if MANIFEST in there else [])
        wanted = {*paths, *read_manifest(self.root)}
        self._fetch(sorted(path for path in wanted if path in there))

    def _send(self, paths: list[str]) -> None:
        with tempfile.TemporaryDirectory() as scratch:
            listing = Path(scratch) / "send"
            listing.write_text("".join(f"{path}\n" for path in paths), encoding="utf-8")
            # -I: every file listed is sent, whatever its size and time at the target
            _rsync("-rtI", "--delay-updates", "--chmod=F644,D755", "--mkpath",
                   f"--files-from={listing}", f"{self.root}/", self.destination)

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


def target_folder(source: Path, target: str, rsync: bool) -> InPlace:
    if rsync or is_remote(target):
        return Remote(mirror_folder(source, target), target)
    root = Path(target)
    return Swapped(root) if Swapped.possible(root) else InPlace(root)


@dataclass
class Outcome:
    target: str
    plan: Plan


def withdrawn(result: Plan) -> list[str]:
    """What the publish removes and nothing takes the place of: not the files named by their
    content, which a build that changes them replaces with new names."""
    return [path for path in result.remove if not path.startswith(CONTENT_NAMED)]


def removes_much(result: Plan) -> bool:
    """Whether the publish would withdraw more than a small share of what the target serves."""
    return len(withdrawn(result)) > max(REMOVE_FREELY, REMOVE_SHARE * len(result.written))


def prepare(source: Path, target: str, force: bool = False, rsync: bool = False
            ) -> tuple[InPlace, Plan]:
    """The target and what a publish of ``source`` would do there (nothing written yet; a
    remote target's mirror is brought up to date)."""
    hashes = verified_build(source)
    folder = target_folder(source, target, rsync)
    folder.prepare(set(hashes))
    return folder, plan(hashes, folder.root, force)
