"""The ``portal publish`` verb."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from portal.publish.messages import say

SAMPLE = 10  # paths shown of a large removal
YES = ("co", "có", "c", "yes", "y")


def _agreed(args: argparse.Namespace, removed: list[str], published: int) -> bool:
    """A publish that removes much goes on with --yes, or when the official agrees."""
    print(say("removes_much", removed=len(removed), published=published, target=args.target))
    for path in removed[:SAMPLE]:
        print(f"  {path}")
    if args.yes:
        return True
    if not sys.stdin.isatty():
        return False
    return input(say("confirm")).strip().lower() in YES


def _run(args: argparse.Namespace) -> int:
    from portal.publish.publish import PublishError, prepare, removes_much, withdrawn

    try:
        folder, result = prepare(args.source, args.target, args.force, args.rsync)
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
    counts = {"copied": len(result.copy), "unchanged": len(result.unchanged),
              "removed": len(result.remove)}
    if args.dry_run:
        for path in result.copy:
            print(say("would_copy", path=path))
        for path in result.remove:
            print(say("would_remove", path=path))
        print(say("dry_run", **counts))
        return 0
    print(say("plan", added=len(result.added), replaced=len(result.copy) - len(result.added),
              removed=len(result.remove), unchanged=len(result.unchanged)))
    if removes_much(result) and not _agreed(args, withdrawn(result), len(result.written)):
        print(say("not_confirmed"))
        return 1
    try:
        folder.apply(args.source, result)
    except (OSError, PublishError) as error:
        print(error)
        return 1
    print(say("published", target=args.target, **counts))
    return 0


def add_parser(verbs: argparse._SubParsersAction, output: Path | None) -> None:
    verb = verbs.add_parser(
        "publish", help="chép bản xuất bản lên thư mục của máy chủ web (chỉ những gì thay đổi)",
        description="Chép bản xuất bản (mặc định output/, dựng bằng 'portal build --production') "
                    "tới thư mục đích, hoặc tới máy khác qua rsync/SSH (máy:/đường/dẫn). Chỉ "
                    "nhận bản dựng hoàn chỉnh, không lỗi, mang địa chỉ công khai. Chỉ chép tệp "
                    "thay đổi; gỡ tệp do lần xuất bản trước ghi mà bản mới không còn; không "
                    "đụng tới tệp khác ở nơi nhận. Thư mục đích đổi sang bản mới trong một bước.")
    verb.add_argument("target", help="thư mục đích, hoặc máy:/đường/dẫn cho rsync qua SSH")
    verb.add_argument("--from", dest="source", type=Path, default=output,
                      help="thư mục bản dựng (mặc định: output/)")
    verb.add_argument("--dry-run", action="store_true",
                      help="chỉ liệt kê những gì sẽ chép và gỡ, không thay đổi gì")
    verb.add_argument("--force", action="store_true",
                      help="ghi đè cả tệp lạ (không do 'portal publish' ghi) trùng tên")
    verb.add_argument("--yes", action="store_true",
                      help="không hỏi lại khi lần xuất bản gỡ nhiều tệp (cho tập lệnh)")
    verb.add_argument("--rsync", action="store_true",
                      help="chép bằng rsync cả khi đích là thư mục trên máy này (ví dụ ổ mạng)")
    verb.set_defaults(run=_run)
