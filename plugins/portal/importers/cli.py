"""``portal import``: its arguments, and the run with its report on screen and as JSON."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from portal.model.schema import CONTENT_TYPES

COUNTS_FILE = Path("var") / "counter-seed.json"


def add_parser(verbs: argparse._SubParsersAction, content: Path) -> None:
    command = verbs.add_parser(
        "import", help="nhập bài từ trang cũ đã lưu (NukeViet, Joomla, HTML, văn bản)")
    command.add_argument("paths", nargs="+", type=Path, metavar="PATH",
                         help="tệp hoặc thư mục trang đã lưu (.html, .htm, .txt)")
    command.add_argument("--unit", required=True, help="slug của đơn vị (trong units.toml)")
    command.add_argument("--type", choices=tuple(CONTENT_TYPES), default=None,
                         help="loại bài; mặc định tự nhận (văn bản hay tin tức)")
    command.add_argument("--dry-run", action="store_true",
                         help="chỉ báo cáo, không ghi tệp nào")
    command.add_argument("--force", action="store_true", help="ghi đè bài đã nhập trước đó")
    command.add_argument("--report", type=Path, default=None, metavar="FILE.json",
                         help="ghi báo cáo chi tiết ra tệp JSON")
    command.add_argument("--base-url", default=None, metavar="URL",
                         help="địa chỉ trang cũ ứng với thư mục đã lưu (cho Legacy_url)")
    command.add_argument("--content", type=Path, default=content,
                         help="thư mục nội dung (mặc định: content/)")
    command.add_argument("--counts", type=Path, default=None, metavar="FILE.json",
                         help="tệp lượt xem cũ cho 'portal counter-service --seed' "
                              f"(mặc định: {COUNTS_FILE} cạnh thư mục nội dung)")
    command.set_defaults(run=run_import)


def run_import(args: argparse.Namespace) -> int:
    from portal.importers.messages import say
    from portal.importers.plan import Options
    from portal.importers.run import SetupError, run
    from portal.importers.writer import merge_counts

    options = Options(args.content, args.unit, args.type, args.dry_run, args.force, args.base_url)
    try:
        outcome = run(args.paths, options, sys.stderr)
    except SetupError as problem:
        print(problem, file=sys.stderr)
        return 1
    print(outcome.report.render())
    if args.report is not None:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(outcome.report.to_json(), encoding="utf-8")
        print(say("report_written", path=args.report))
    if outcome.counts and not args.dry_run:
        counts = args.counts or args.content.resolve().parent / COUNTS_FILE
        merge_counts(counts, outcome.counts)
        print(say("counts_written", count=len(outcome.counts), path=counts))
    return 1 if outcome.report.failed else 0
