"""Putting a finished folder in the place of another in one step, so that whoever reads the
place (a web server, the next build) sees the old folder or the new one, never a mix."""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import subprocess
import sys
from pathlib import Path

RENAME_EXCHANGE = 2  # linux/fs.h
AT_FDCWD = -100
REMOVER = "import shutil, sys\nfor path in sys.argv[1:]:\n    shutil.rmtree(path, ignore_errors=True)\n"


def _renameat2() -> ctypes._CFuncPtr | None:
    name = ctypes.util.find_library("c")
    function = getattr(ctypes.CDLL(name, use_errno=True), "renameat2", None) if name else None
    if function is not None:
        function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                             ctypes.c_uint]
    return function


_RENAMEAT2 = _renameat2() if sys.platform.startswith("linux") else None


def exchange(new: Path, place: Path) -> bool:
    """Swap two folders atomically (Linux's renameat2 with RENAME_EXCHANGE): ``place`` then
    holds the new folder and ``new`` the old one. False when the system or the filesystem
    cannot."""
    if _RENAMEAT2 is None:
        return False
    done = _RENAMEAT2(AT_FDCWD, os.fsencode(new), AT_FDCWD, os.fsencode(place), RENAME_EXCHANGE)
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EXDEV):
        return False
    raise OSError(code, os.strerror(code), str(place))


def put_in_place(new: Path, place: Path, retired: Path) -> Path | None:
    """Make ``new`` the folder at ``place``; return where the old folder now is (None when
    there was none). Where the swap cannot be atomic, the old folder is moved to ``retired``
    just before the new one takes its place."""
    if not place.exists():
        new.rename(place)
        return None
    if exchange(new, place):
        return new
    place.rename(retired)
    new.rename(place)
    return retired


def remove_in_background(folders: list[Path]) -> None:
    """Remove folders in a process of their own: tens of thousands of files take a while."""
    if folders:
        subprocess.Popen([sys.executable, "-c", REMOVER, *map(str, folders)], start_new_session=True,
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def work_folder(place: Path, purpose: str) -> Path:
    """A folder beside ``place`` (same filesystem, so that it can take its place) for one run."""
    place = place.resolve()
    return place.with_name(f".{place.name}-{purpose}-{os.getpid()}")


def leftovers(place: Path, purpose: str) -> list[Path]:
    """Work folders of runs that were cut short."""
    place = place.resolve()
    return sorted(place.parent.glob(f".{place.name}-{purpose}-*"))
