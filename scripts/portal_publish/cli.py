"""The ``portal publish`` verb."""

from __future__ import annotations

import argparse
from pathlib import Path

from portal_cli import project
from portal_publish.messages import say


def _run(args: argparse.Namespace) -> int:
    from portal_publish.publish import PublishError, publish

    if not (args.source / "index.html").is_file():
        print(say("no_build", source=args.source))
        return 1
    try:
        result = publish(args.source, args.target, args.force, args.dry_run, args.rsync).plan
    except PublishError as error:
        print(error)
        return 1
    for path in result.foreign:
        print(say("foreign", path=path))
    if result.foreign:
        print(say("refused", count=len(result.foreign)))
        return 1
    for path in result.kept:
        print(say("kept", path=path))
    if args.dry_run:
        for path in result.copy:
            print(say("would_copy", path=path))
        for path in result.remove:
            print(say("would_remove", path=path))
    counts = {"copied": len(result.copy), "unchanged": len(result.unchanged),
              "removed": len(result.remove)}
    print(say("dry_run", **counts) if args.dry_run else say("published", target=args.target, **counts))
    return 0


def add_parser(verbs: argparse._SubParsersAction) -> None:
    verb = verbs.add_parser(
        "publish", help="chép bản xuất bản lên thư mục của máy chủ web (chỉ những gì thay đổi)",
        description="Chép bản dựng (mặc định output/, nên dựng bằng 'portal build --production') "
                    "tới thư mục đích, hoặc tới máy khác qua rsync/SSH (máy:/đường/dẫn). Chỉ chép "
                    "tệp thay đổi; gỡ tệp do lần xuất bản trước ghi mà bản mới không còn; không "
                    "đụng tới tệp khác ở nơi nhận.")
    verb.add_argument("target", help="thư mục đích, hoặc máy:/đường/dẫn cho rsync qua SSH")
    verb.add_argument("--from", dest="source", type=Path, default=project.OUTPUT,
                      help="thư mục bản dựng (mặc định: output/)")
    verb.add_argument("--dry-run", action="store_true",
                      help="chỉ liệt kê những gì sẽ chép và gỡ, không thay đổi gì")
    verb.add_argument("--force", action="store_true",
                      help="ghi đè cả tệp lạ (không do 'portal publish' ghi) trùng tên")
    verb.add_argument("--rsync", action="store_true",
                      help="chép bằng rsync cả khi đích là thư mục trên máy này (ví dụ ổ mạng)")
    verb.set_defaults(run=_run)
