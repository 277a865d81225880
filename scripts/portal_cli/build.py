"""``portal build``: the Pelican build with the portal's settings and plugins."""

from __future__ import annotations

import time
from pathlib import Path

import pelican

from content_model import report_problems
from portal_common.messages import label


def build(settings: Path, output: Path | None = None, content: Path | None = None,
          quiet: bool = True) -> int:
    """Build the portal; return the exit status (0 when the content had no errors)."""
    argv = ["-s", str(settings)]
    if content is not None:
        argv.insert(0, str(content))
    if output is not None:
        argv += ["-o", str(output)]
    if quiet:
        argv.append("-q")
    started = time.monotonic()
    try:
        pelican.main(argv)
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
        if code:
            report_problems()  # a crash while writing still lists the content's problems
            return code
    print(label("built", output=output or "output/", seconds=time.monotonic() - started))
    return 0
