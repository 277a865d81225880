"""``portal build``: the Pelican build with the portal's settings and plugins, with progress
(items read, pages written) and a one-line summary."""

from __future__ import annotations

import time
from pathlib import Path

import pelican
from pelican import signals
from pelican.settings import read_settings

from content_model import report_problems
from content_model.corpus import discover
from content_model.reader import build_started, current_state
from portal_common.messages import label
from portal_common.progress import Progress


def _content_folder(settings: Path, content: Path | None) -> Path:
    return content if content is not None else Path(read_settings(str(settings))["PATH"])


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
    items = Progress(len(discover(_content_folder(settings, content))[0]), label("reading"))
    pages = Progress(None, label("writing"))
    signals.article_generator_preread.connect(items.step, weak=False)
    signals.content_written.connect(pages.step, weak=False)
    started = time.monotonic()
    try:
        pelican.main(argv)
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
        if code:
            report_problems()  # a crash while writing still lists the content's problems
            return code
    finally:
        signals.article_generator_preread.disconnect(items.step)
        signals.content_written.disconnect(pages.step)
        pages.finish()
    published = len(current_state().published()) if build_started() else 0
    print(label("built", output=output or "output/", seconds=time.monotonic() - started,
                items=published, pages=pages.done))
    return 0
