"""``portal publish``: copy a build to the web server's folder, only what changed.

The target keeps a manifest (``.portal-publish.json``) of the files this tool wrote and their
SHA-256. A publish copies the files whose hash differs from the manifest (each written under a
temporary name and renamed, so a reader never gets half a file), removes the files an earlier
publish wrote that the new build no longer has (a withdrawn item goes offline) and the folders
that leaves empty, and never touches a file it did not write: a foreign file where the build
has one stops the publish (unless ``--force``), and a file changed at the target since it was
published is kept and reported.

A remote target (``host:/path`` or ``user@host:/path``) is published with rsync over SSH from a
local mirror of what was published there (``.<source>-publish/<host_path>/``): the same rules
decide what is copied and removed; rsync copies the changed files and deletes the withdrawn ones
by name, and nothing else at the target is touched."""

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


def digest(path: Path) -> str:
    hashed = hashlib.sha256()
    with path.open("rb") as data:
        for block in iter(lambda: data.read(1 << 20), b""):
            hashed.update(block)
    return hashed.hexdigest()


def source_files(source: Path) -> dict[str, Path]:
    return {p.relative_to(source).as_posix(): p for p in sorted(source.rglob("*"))
            if p.is_file() and p.name != MANIFEST}


def read_manifest(target: Path) -> dict[str, str]:
    try:
        data = json.loads((target / MANIFEST).read_text(encoding="utf-8"))
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


def plan(source: Path, target: Path, force: bool) -> Plan:
    """Compare the build with the target and with what the last publish wrote there."""
    written = read_manifest(target)
    result = Plan()
    for relative, path in source_files(source).items():
        result.hashes[relative] = new = digest(path)
        there = target / relative
        if relative in written:
            same = (written[relative] == new and there.is_file()
                    and there.stat().st_size == path.stat().st_size)
            (result.unchanged if same else result.copy).append(relative)
        elif there.exists():
            (result.copy if force else result.foreign).append(relative)
        else:
            result.copy.append(relative)
    for relative, old in written.items():
        if relative in result.hashes:
            continue
        there = target / relative
        if not there.is_file():
            continue
        (result.remove if digest(there) == old else result.kept).append(relative)
    return result


def _copy_file(source: Path, there: Path) -> None:
    there.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{there.name}.", suffix=".part", dir=there.parent)
    os.close(handle)
    shutil.copyfile(source, temporary)
    os.chmod(temporary, 0o644)
    os.replace(temporary, there)


def _remove_empty_parents(path: Path, root: Path) -> None:
    folder = path.parent
    while folder != root and folder.is_relative_to(root):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def apply(source: Path, target: Path, result: Plan) -> None:
    progress = Progress(len(result.copy) + len(result.remove), say("copying"))
    for relative in result.copy:
        _copy_file(source / relative, target / relative)
        progress.step()
    for relative in result.remove:
        (target / relative).unlink(missing_ok=True)
        _remove_empty_parents(target / relative, target)
        progress.step()
    manifest = {"format": FORMAT, "files": dict(sorted(result.hashes.items()))}
    target.mkdir(parents=True, exist_ok=True)
    temporary = target / f"{MANIFEST}.part"
    temporary.write_text(json.dumps(manifest, indent=0) + "\n", encoding="utf-8")
    os.replace(temporary, target / MANIFEST)


def mirror_folder(source: Path, remote: str) -> Path:
    """The local record of what was published to ``remote``."""
    name = re.sub(r"[^\w.-]+", "_", remote).strip("_")
    source = source.resolve()
    return source.with_name(f".{source.name}-publish") / name


def _rsync(*args: str) -> None:
    done = subprocess.run(["rsync", *args], capture_output=True, text=True, check=False)
    if done.returncode:
        raise PublishError(say("rsync_failed", status=done.returncode, detail=done.stderr.strip()))


class PublishError(Exception):
    pass


def send_to_remote(mirror: Path, remote: str, result: Plan) -> None:
    """Copy the changed files (and the manifest) to the remote target, then delete the
    withdrawn ones by name: rsync's deletion with every other path excluded."""
    destination = remote.rstrip("/") + "/"
    with tempfile.TemporaryDirectory() as scratch:
        listing = Path(scratch) / "files"
        listing.write_text("\n".join([*result.copy, MANIFEST]) + "\n", encoding="utf-8")
        _rsync("-a", "--chmod=F644,D755", f"--files-from={listing}", f"{mirror}/", destination)
        if result.remove:
            rules = Path(scratch) / "rules"
            folders = sorted({f"+ /{parent}/" for path in result.remove
                              for parent in _parents(path)})
            rules.write_text("\n".join([*folders, *(f"+ /{path}" for path in result.remove), "- *"])
                             + "\n", encoding="utf-8")
            empty = Path(scratch) / "empty"
            empty.mkdir()
            _rsync("-r", "--delete", f"--filter=merge {rules}", f"{empty}/", destination)


def _parents(path: str) -> list[str]:
    parts = path.split("/")[:-1]
    return ["/".join(parts[: index + 1]) for index in range(len(parts))]


@dataclass
class Outcome:
    target: str
    copied: int
    unchanged: int
    removed: int
    foreign: list[str]
    kept: list[str]


def is_remote(target: str) -> bool:
    return _REMOTE.match(target) is not None and not Path(target).exists()


def publish(source: Path, target: str, force: bool = False, dry_run: bool = False,
            rsync: bool = False) -> Outcome:
    """Publish ``source`` to ``target``: a folder, or with rsync (a remote target, or any target
    when ``rsync`` is set)."""
    remote = rsync or is_remote(target)
    folder = mirror_folder(source, target) if remote else Path(target)
    result = plan(source, folder, force)
    outcome = Outcome(target, len(result.copy), len(result.unchanged), len(result.remove),
                      result.foreign, result.kept)
    if dry_run or result.foreign:
        return outcome
    apply(source, folder, result)
    if remote:
        send_to_remote(folder, target, result)
    return outcome
