"""One import run, as a list of stages: find the saved pages, read each (encoding, adapter,
pictures), set aside the same article saved twice, plan each item, check it against the portal's
own validation, write it, and report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from portal.common.messages import explain
from portal.common.progress import Progress
from portal.importers import adapters, writer
from portal.importers.encodings import UTF8, decode_page
from portal.importers.messages import say
from portal.importers.model import Note, SavedPage
from portal.importers.plan import Options, Planned, Read, plan_item, read_page
from portal.importers.report import DRAFT, FAILED, IMPORTED, SKIPPED, Entry, Report
from portal.model.check import check_content
from portal.model.registries import UNITS_FILE
from portal.model.source import MAX_ITEM_BYTES, split_header
from portal.model.state import BuildState
from portal.model.validate import validate_source

SUFFIXES = (".html", ".htm", ".txt")
# A saved page holds the site's furniture around the article: five times what one item may be.
MAX_PAGE_BYTES = 5 * MAX_ITEM_BYTES
ENCODING_NAMES = {"windows-1258": "Windows-1258", "windows-1252": "Windows-1252",
                  "tcvn3": "TCVN3 (ABC)", "vni": "VNI"}
FILLED = ("author", "source", "summary", "views")


class SetupError(Exception):
    """The run cannot start: the message says why."""


@dataclass
class Outcome:
    report: Report
    counts: dict[str, int]


def collect(paths: list[Path]) -> list[tuple[Path, Path]]:
    """Saved pages under ``paths``, each with the folder it was given in, and the links to
    folders found there (reported, not followed: one may point above itself and never end)."""
    found: dict[Path, Path] = {}
    for path in paths:
        if path.is_dir():
            for file in sorted(path.rglob("*")):
                if (file.is_file() and file.suffix.lower() in SUFFIXES) \
                        or (file.is_symlink() and file.is_dir()):
                    found.setdefault(file, path)
        elif path.is_file():
            found.setdefault(path, path.parent)
        else:
            raise SetupError(say("no_path", path=path))
    if not found:
        raise SetupError(say("no_pages"))
    return list(found.items())


def _read(file: Path, root: Path, base_url: str | None) -> Read | Entry:
    if file.is_dir():
        return Entry(str(file), FAILED, Note("linked_folder"))
    try:
        size = file.stat().st_size
        if size > MAX_PAGE_BYTES:
            return Entry(str(file), FAILED, Note("page_too_large", {
                "size": f"{size / 1024 / 1024:.1f}", "limit": MAX_PAGE_BYTES // 1024 // 1024}))
        raw = file.read_bytes()
    except OSError as problem:
        return Entry(str(file), FAILED, Note("unreadable", {"detail": str(problem)}))
    decoded = decode_page(raw)
    if decoded.garbled:
        return Entry(str(file), FAILED, Note("garbled"), encoding=decoded.encoding)
    page = SavedPage(file, root, decoded.text, decoded.encoding)
    found = adapters.extract(page)
    if found is None:
        return Entry(str(file), FAILED, Note("no_body"), encoding=decoded.encoding)
    read = read_page(page, found, base_url)
    if decoded.encoding != UTF8:
        read.notes.append(Note("converted", {"encoding": ENCODING_NAMES[decoded.encoding]}))
    return read


def set_aside_duplicates(reads: list[Read]) -> tuple[list[Read], list[Entry]]:
    """The same article saved twice is imported once: the normal view before the print view;
    the copy kept takes what only the other gives (the view count, the address, bylines)."""
    kept: list[Read] = []
    owners: dict[str, Read] = {}
    duplicates = []
    for read in sorted(reads, key=lambda r: (r.found.print_view, r.page.path)):
        keys = read.duplicate_keys()
        owner = next((owners[key] for key in keys if key in owners), None)
        if owner is None:
            kept.append(read)
            owners.update(dict.fromkeys(keys, read))
            continue
        for name in FILLED:
            if getattr(owner.found, name) is None:
                setattr(owner.found, name, getattr(read.found, name))
        owner.legacy_url = owner.legacy_url or read.legacy_url
        duplicates.append(Entry(str(read.page.path), SKIPPED,
                                Note("duplicate", {"other": str(owner.page.path)}),
                                adapter=read.found.adapter))
    return kept, duplicates


NOT_YET_COPIED = {"missing_file", "missing_body_file"}


def _errors(item: Planned, state: BuildState) -> list[str]:
    """What the portal's validation says against the item, as it will be written (its pictures
    are copied with it, and checked again once they are)."""
    source, problems = split_header(item.text(), item.relative)
    if source is not None:
        problems += validate_source(source, state.context).problems
    return [explain(p.code, **p.params)[0] for p in problems
            if p.is_error and p.code not in NOT_YET_COPIED]


def _make_draft(item: Planned, reasons: list[str]) -> None:
    item.fields["Status"] = "draft"
    item.read.notes += [Note("invalid", {"problem": reason}) for reason in reasons]


def _entry(item: Planned, outcome: str, reason: Note | None = None) -> Entry:
    read = item.read
    return Entry(str(read.page.path), outcome, reason, file=item.relative,
                 title=item.fields.get("Title"), type=item.type, id=item.fields["Id"],
                 legacy_url=read.legacy_url, adapter=read.found.adapter,
                 encoding=read.page.encoding, views=read.found.views, missing=item.missing,
                 numbers=item.numbers,
                 images=[p.target for p in [read.lead, *read.pictures] if p and p.target],
                 notes=read.notes)


def _recheck(content: Path, written: dict[str, tuple[Planned, Entry]]) -> None:
    """Checks across items (Ids, numbers per issuer and year): an item they reject becomes a
    draft, so that the portal still builds."""
    problems: dict[str, list[str]] = {}
    for problem in check_content(content).problems:
        if problem.is_error and problem.path in written:
            problems.setdefault(problem.path, []).append(explain(problem.code, **problem.params)[0])
    for path, reasons in problems.items():
        item, entry = written[path]
        _make_draft(item, reasons)
        writer.write_item(item, content)
        entry.outcome, entry.notes = DRAFT, item.read.notes


def run(paths: list[Path], options: Options, stream: TextIO) -> Outcome:
    state = BuildState.load(options.content)
    if state.problems:
        raise SetupError(say("no_registry", content=options.content,
                             problem=explain(state.problems[0].code, **state.problems[0].params)[0]))
    if options.unit not in state.registries.units:
        raise SetupError(say("unknown_unit", unit=options.unit,
                             registry=options.content / UNITS_FILE))
    files = collect(paths)
    report = Report(options.dry_run)
    progress = Progress(len(files), say("progress"), stream)
    reads = []
    for file, root in files:
        result = _read(file, root, options.base_url)
        if isinstance(result, Entry):
            report.add(result)
        else:
            reads.append(result)
        progress.step()
    kept, duplicates = set_aside_duplicates(reads)
    for entry in duplicates:
        report.add(entry)
    placement = writer.Placement(options.content)
    written: dict[str, tuple[Planned, Entry]] = {}
    counts: dict[str, int] = {}
    for read in kept:
        item = plan_item(read, options, placement.choose)
        if (options.content / item.relative).exists() and not options.force:
            report.add(_entry(item, SKIPPED, Note("exists", {"file": item.relative})))
            continue
        if not item.draft and (reasons := _errors(item, state)):
            _make_draft(item, reasons)
        entry = _entry(item, DRAFT if item.draft else IMPORTED)
        report.add(entry)
        if read.found.views is not None:
            counts[item.fields["Id"]] = read.found.views
        if not options.dry_run:
            writer.write_item(item, options.content)
            written[item.relative] = (item, entry)
    if written:
        _recheck(options.content, written)
    return Outcome(report, counts)
