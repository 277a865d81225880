"""``portal build``: the Pelican build with the portal's settings and plugins, with progress
(items read, pages written) and a one-line summary.

A build is written into an empty work folder beside the site's folder (``output/``) and takes
the site's place in one step only once it has wholly succeeded, with its build manifest as its
last file; a build that fails, for bad content or any other reason, leaves the site's folder as
the last successful build made it. Bad content stops a build as soon as every file is read,
unless ``with_errors`` (the preview) asks for the pages of the valid files all the same."""

from __future__ import annotations

import contextlib
import json
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pelican
from pelican import signals
from pelican.settings import read_settings

from portal.build.output_folder import SITE_SETTING
from portal.build.run import RUN_SETTING
from portal.commands.build_manifest import BuildManifest, content_digest
from portal.commands.messages import say
from portal.commands.stages import StageClock
from portal.common.folders import leftovers, put_in_place, remove_in_background, work_folder
from portal.common.messages import label
from portal.common.progress import Progress
from portal.model.corpus import discover
from portal.model.plugin import hear_pelican_errors, report_problems
from portal.model.state import BuildState
from portal.search.plugin import forget_unpublished_index

BUILDING, RETIRED = "building", "retired"
CONTENT_ERRORS, UNSAFE_OUTPUT, STOPPED = 1, 2, 3  # exit statuses of a build that failed


def is_safe(output: Path, content: Path) -> bool:
    """Never replace a folder that holds the content, the home folder or a filesystem root."""
    output, content = output.resolve(), content.resolve()
    return not (content.is_relative_to(output) or output == Path.home() or output.parent == output)


def _extra(**settings: object) -> list[str]:
    """Pelican's -e: settings given on the command line, all after one -e."""
    return ["-e", *(f"{key}={json.dumps(value)}" for key, value in settings.items())]


@dataclass(frozen=True)
class Built:
    code: int  # the exit status: 0 when the content had no errors
    state: BuildState | None  # what the build learned of the content; None when it never began


def _run_pelican(settings: Path, folder: Path, site: Path, content: Path | None, quiet: bool,
                 with_errors: bool, production: bool) -> BuildState | None:
    """Pelican's build; the state of its run, however it ended (None: it never began)."""
    argv = [*([str(content)] if content is not None else []), "-s", str(settings), "-o", str(folder),
            *(["-q"] if quiet else []),
            *_extra(**{SITE_SETTING: str(site)}, PORTAL_WITH_ERRORS=with_errors,
                    PORTAL_PRODUCTION=production)]
    started: list[dict[str, Any]] = []

    def hear(instance: Any) -> None:
        started.append(instance.settings)  # the run is put in them right after

    signals.initialized.connect(hear)
    # How it ended is read from the build's state: Pelican exits on every failure.
    try:
        with contextlib.suppress(SystemExit):
            pelican.main(argv)
    finally:
        signals.initialized.disconnect(hear)
        hear_pelican_errors(None)  # a build that crashed while writing leaves its handler
    run = started[0].get(RUN_SETTING) if started else None
    return run.state if run is not None else None


def _manifest(state: BuildState, settings: Path, values: dict, production: bool) -> BuildManifest:
    errors = sum(problem.is_error for problem in state.problems)
    return BuildManifest(ok=not errors, production=production, settings=settings.name,
                         public_url=values.get("PORTAL_PUBLIC_URL", ""),
                         content=content_digest(state.content_root), items=len(state.published()),
                         errors=errors, warnings=len(state.problems) - errors)


def build(settings: Path, output: Path | None = None, content: Path | None = None,
          quiet: bool = True, with_errors: bool = False, production: bool = False,
          finish: Callable[[Path], None] | None = None, clock: StageClock | None = None) -> Built:
    """Build the portal; return the exit status and the build's state. ``finish``
    works on the finished build's folder before it takes the site's place (the ``compress``
    stage); ``clock`` times the stages."""
    clock = clock or StageClock()
    values = read_settings(str(settings), override={"PATH": str(content)} if content else None)
    site = _site(values, output)
    content_root = content if content is not None else Path(values["PATH"])
    if not is_safe(site, content_root):
        print(say("unsafe_output", output=site))
        return Built(UNSAFE_OUTPUT, None)
    remove_in_background(leftovers(site, BUILDING) + leftovers(site, RETIRED))
    folder = work_folder(site, BUILDING)
    items = Progress(len(discover(content_root)[0]), label("reading"))
    pages = Progress(None, label("writing"))
    signals.article_generator_preread.connect(items.step, weak=False)
    signals.content_written.connect(pages.step, weak=False)
    started = time.monotonic()
    clock.listen()
    state = None
    try:
        state = _run_pelican(settings, folder, site, content, quiet, with_errors, production)
    finally:
        clock.stop()
        signals.article_generator_preread.disconnect(items.step)
        signals.content_written.disconnect(pages.step)
        pages.finish()
    clock.end("index")
    if state is None or not state.finished or (state.has_errors and not with_errors):
        if state is not None:
            report_problems(state)  # a crash while writing still lists the content's problems
        shutil.rmtree(folder, ignore_errors=True)
        forget_unpublished_index(site)
        if site.is_dir():
            print(say("kept_output", output=site))
        refused = state is not None and state.has_errors and not with_errors
        return Built(CONTENT_ERRORS if refused else STOPPED, state)
    if finish is not None:
        finish(folder)
        clock.end("compress")
    _manifest(state, settings, values, production).write(folder)
    old = put_in_place(folder, site, work_folder(site, RETIRED))
    remove_in_background([old] if old is not None else [])
    clock.end("place")
    if state.has_errors:
        print(say("built_with_errors", output=site))
        return Built(CONTENT_ERRORS, state)
    print(label("built", output=output or "output/", seconds=time.monotonic() - started,
                items=len(state.published()), pages=pages.done))
    return Built(0, state)


def _site(values: dict, output: Path | None) -> Path:
    return (output or Path(values["OUTPUT_PATH"])).resolve()


def site_path(settings: Path, output: Path | None) -> Path:
    """The folder a build with these settings puts the site in."""
    return output.resolve() if output else _site(read_settings(str(settings)), None)
