"""``portal <verb>``: build, check and serve the portal."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from portal_cli import project


def _build(args: argparse.Namespace) -> int:
    from portal_cli.build import build

    return build(args.settings, args.output, args.content, quiet=not args.verbose)


def _check(args: argparse.Namespace) -> int:
    from content_model.check import check_content
    from content_model.problems import report

    state = check_content(args.content)
    text, failed = report(state.problems, len(state.published()))
    print(text)
    return 1 if failed else 0


def _serve(args: argparse.Namespace) -> int:
    from portal_cli.serve import serve

    return serve(args.root, args.host, args.port)


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="portal",
        description="Cổng 'Học tập và làm theo Bác': xây dựng, kiểm tra và xem trước cổng.",
    )
    main.add_argument("--lang", choices=("vi", "en"),
                      help="ngôn ngữ thông báo / language of messages (PORTAL_LANG)")
    verbs = main.add_subparsers(dest="verb", required=True, metavar="<verb>")

    build = verbs.add_parser("build", help="kiểm tra nội dung rồi xây dựng cổng vào output/")
    build.add_argument("--settings", type=Path, default=project.SETTINGS,
                       help="tệp cấu hình Pelican (mặc định: pelicanconf.py)")
    build.add_argument("--content", type=Path, default=None,
                       help="thư mục nội dung (mặc định: theo tệp cấu hình)")
    build.add_argument("--output", type=Path, default=None,
                       help="thư mục kết quả (mặc định: output/)")
    build.add_argument("--verbose", action="store_true", help="in nhật ký của Pelican")
    build.set_defaults(run=_build)

    check = verbs.add_parser("check", help="kiểm tra nội dung, không xây dựng")
    check.add_argument("--content", type=Path, default=project.CONTENT,
                       help="thư mục nội dung (mặc định: content/)")
    check.set_defaults(run=_check)

    serve = verbs.add_parser("serve", help="xem trước cổng đã xây dựng trên máy này")
    serve.add_argument("--host", default="127.0.0.1", help="địa chỉ (mặc định 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="cổng (mặc định 8000)")
    serve.add_argument("--root", type=Path, default=project.OUTPUT,
                       help="thư mục cần phục vụ (mặc định: output/)")
    serve.set_defaults(run=_serve)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.lang:
        os.environ["PORTAL_LANG"] = args.lang
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
