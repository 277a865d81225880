"""``portal <verb>``: build, check and serve the portal."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from portal.build.counters_manifest.manifest import MANIFEST_FILE
from portal.commands.messages import say
from portal.commands.project import NoProject, Project, locate, named
from portal.importers import cli as importer
from portal.publish import cli as publisher
from portal.services.counters import config as counters


def day(text: str) -> date:
    """A YYYY-MM-DD option, refused with the portal's own message."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(say("bad_day", value=text)) from None


def _build(args: argparse.Namespace) -> int:
    from portal.commands.stages import StageClock

    clock = StageClock()
    if args.production:
        from portal.publish.production import production_build

        settings = Project(args.settings.resolve().parent).publish_settings
        code = production_build(settings, args.output, args.content, quiet=not args.verbose, clock=clock)
    else:
        from portal.commands.build import build

        code = build(args.settings, args.output, args.content, quiet=not args.verbose,
                     with_errors=args.with_errors, clock=clock).code
    if args.timings:
        print("\n".join(clock.table()))
    return code


def _check(args: argparse.Namespace) -> int:
    from portal.model.check import check_content
    from portal.model.problems import report, report_json

    state = check_content(args.content, args.production)
    text, failed = (report_json if args.json else report)(state.problems, len(state.published()))
    print(text)
    return 1 if failed else 0


NEW_OPTIONS = (
    ("--title", "Title", "tiêu đề"),
    ("--date", "Date", "ngày đăng, ví dụ 19/08/2010 16:20 (mặc định: bây giờ)"),
    ("--slug", "Slug", "địa chỉ riêng của bài (mặc định: theo tiêu đề)"),
    ("--author", "Author", "tác giả"),
    ("--source", "Source", "nguồn"),
    ("--summary", "Summary", "tóm tắt (sapo)"),
    ("--topics", "Topics", "mã chuyên đề, cách nhau bởi dấu phẩy"),
    ("--tags", "Tags", "từ khoá, cách nhau bởi dấu phẩy"),
    ("--image", "Image", "ảnh đầu bài, trong content/images/"),
    ("--number", "Number", "văn bản: số/ký hiệu, ví dụ 48-KH/HU"),
    ("--kind", "Kind", "văn bản: loại (Hướng dẫn, Kế hoạch, ...)"),
    ("--issuer", "Issuer", "văn bản: cơ quan ban hành"),
    ("--issued", "Issued", "văn bản: ngày ban hành"),
    ("--signer", "Signer", "văn bản: người ký"),
    ("--attachments", "Attachments", "văn bản: tệp đính kèm trong content/files/"),
    ("--subject", "Subject", "tấm gương: người hoặc tập thể"),
    ("--subject-kind", "Subject_kind", "tấm gương: individual (cá nhân) hoặc collective (tập thể)"),
    ("--position", "Position", "tấm gương: chức vụ"),
    ("--recognition", "Recognition", "tấm gương: hình thức khen thưởng"),
)


def _new(args: argparse.Namespace) -> int:
    from portal.commands.new_item import NewItem, create, print_outcome

    values = {key: getattr(args, option[2:].replace("-", "_")) for option, key, _ in NEW_OPTIONS}
    values = {key: value for key, value in values.items() if value}
    if args.unit:
        values["Unit"] = args.unit
    body = args.body_file.read_text(encoding="utf-8") if args.body_file else ""
    ask = input if sys.stdin.isatty() and not args.no_input else None
    request = NewItem(args.type, values, body, args.draft)
    return print_outcome(create(args.content, request, ask))


def _serve(args: argparse.Namespace) -> int:
    from portal.commands.serve import serve

    return serve(args.root, args.host, args.port, args.db or counters.database_beside(args.root))


def _preview(args: argparse.Namespace) -> int:
    from portal.commands.preview import preview

    database = args.db or counters.database_beside(args.output)
    return preview(args.content, args.output, args.settings,
                   Project(args.settings.resolve().parent).theme, args.host,
                   args.port, database)


def _search(args: argparse.Namespace) -> int:
    from portal.search.searching import run_search

    return run_search(args.output, " ".join(args.query), args.limit, args.explain)


def _counter_service(args: argparse.Namespace) -> int:
    from portal.services.counters.server import run

    database = args.db or counters.database_beside(args.manifest.parent)
    config = counters.CounterConfig(manifest=args.manifest, backend=args.backend, database=database,
                           redis_url=args.redis_url, origin=args.origin,
                           trusted_proxies=tuple(args.trusted_proxy), rate_limit=args.rate_limit)
    return run(config, args.host, args.port, args.seed)


def _feedback(args: argparse.Namespace) -> int:
    from portal.commands.feedback import list_feedback

    database = args.db or counters.database_beside(args.output)
    config = counters.CounterConfig(backend=args.backend, database=database,
                                    redis_url=args.redis_url)
    return list_feedback(config, args.since, args.item, args.csv)


# The options each verb takes from the project when they are not given.
FROM_PROJECT = {"build": ("settings",), "check": ("content",), "new": ("content",),
                "serve": ("root",), "preview": ("content", "output", "settings"),
                "search": ("output",), "import": ("content",), "publish": ("source",),
                "counter-service": ("manifest",), "feedback": ("output",)}


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=("vi", "en"),
                        help="ngôn ngữ thông báo / language of messages (PORTAL_LANG)")
    parser.add_argument("--project", type=Path, default=None,
                        help="thư mục dự án (mặc định: thư mục chứa pelicanconf.py, tìm từ thư "
                             "mục hiện tại trở lên)")


def parser(project: Project | None = None) -> argparse.ArgumentParser:
    """The command line; paths default to those of ``project`` (None when there is none)."""
    def at(path: str) -> Path | None:
        return getattr(project, path) if project is not None else None

    main = argparse.ArgumentParser(
        prog="portal",
        description="Cổng 'Học tập và làm theo Bác': xây dựng, kiểm tra và xem trước cổng.",
    )
    _common(main)
    verbs = main.add_subparsers(dest="verb", required=True, metavar="<verb>")

    build = verbs.add_parser("build", help="kiểm tra nội dung rồi xây dựng cổng vào output/")
    build.add_argument("--settings", type=Path, default=at("settings"),
                       help="tệp cấu hình Pelican (mặc định: pelicanconf.py)")
    build.add_argument("--content", type=Path, default=None,
                       help="thư mục nội dung (mặc định: theo tệp cấu hình)")
    build.add_argument("--output", type=Path, default=None,
                       help="thư mục kết quả (mặc định: output/)")
    build.add_argument("--verbose", action="store_true", help="in nhật ký của Pelican")
    build.add_argument("--timings", action="store_true",
                       help="in thời gian và số bài, số trang của từng bước dựng")
    build.add_argument("--production", action="store_true",
                       help="bản xuất bản: cấu hình publishconf.py, thu gọn HTML/CSS/JS, bản nén "
                            ".gz và .br của tệp dùng chung, báo cáo xây dựng")
    build.add_argument("--with-errors", action="store_true",
                       help="vẫn dựng khi có tệp lỗi, bỏ qua các tệp đó (bản xem trước, không "
                            "xuất bản được)")
    build.set_defaults(run=_build)

    check = verbs.add_parser("check", help="kiểm tra nội dung, không xây dựng")
    check.add_argument("--content", type=Path, default=at("content"),
                       help="thư mục nội dung (mặc định: content/)")
    check.add_argument("--json", action="store_true", help="in kết quả dạng JSON (cho máy đọc)")
    check.add_argument("--production", action="store_true",
                       help="kiểm tra như bản xuất bản ('portal build --production'): bài còn "
                            "dòng mẫu của 'portal new' là lỗi")
    check.set_defaults(run=_check)

    new = verbs.add_parser(
        "new", help="tạo bài mới (news, guidance, exemplar) đúng thư mục, đủ dòng thông tin",
        description="Tạo tệp bài mới. Thiếu thông tin bắt buộc thì hỏi trên cửa sổ lệnh; không hỏi "
                    "được thì lưu bản nháp với các dòng còn trống. Ví dụ: portal new news --unit "
                    "huyen-uy-ha-dong --title 'Hội nghị sơ kết'")
    new.add_argument("type", choices=("news", "guidance", "exemplar"), help="loại bài")
    new.add_argument("--unit", help="mã đơn vị trong content/units.toml")
    for option, _, text in NEW_OPTIONS:
        new.add_argument(option, help=text)
    new.add_argument("--body-file", type=Path, help="tệp Markdown chứa nội dung bài")
    new.add_argument("--draft", action="store_true", help="lưu là bản nháp (Status: draft)")
    new.add_argument("--no-input", action="store_true", help="không hỏi gì trên cửa sổ lệnh")
    new.add_argument("--content", type=Path, default=at("content"),
                     help="thư mục nội dung (mặc định: content/)")
    new.set_defaults(run=_new)

    serve = verbs.add_parser("serve", help="xem trước cổng đã xây dựng trên máy này")
    serve.add_argument("--host", default="127.0.0.1", help="địa chỉ (mặc định 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="cổng (mặc định 8000)")
    serve.add_argument("--root", type=Path, default=at("output"),
                       help="thư mục cần phục vụ (mặc định: output/)")
    serve.add_argument("--db", type=Path, default=None,
                       help="tệp SQLite của bộ đếm (mặc định: var/counters.sqlite3 "
                            "cạnh thư mục được phục vụ)")
    serve.set_defaults(run=_serve)

    preview = verbs.add_parser(
        "preview", help="xây dựng, phục vụ và tự xây dựng lại khi sửa content/ hoặc theme/",
        description="Xem trước khi viết: xây dựng cổng, phục vụ tại máy này cùng bộ đếm, rồi tự "
                    "xây dựng lại và tải lại trang đang mở mỗi khi một tệp trong content/ hoặc "
                    "theme/ thay đổi. Lỗi nội dung hiện ở cửa sổ lệnh và ở đầu mỗi trang.")
    preview.add_argument("--host", default="127.0.0.1", help="địa chỉ (mặc định 127.0.0.1)")
    preview.add_argument("--port", type=int, default=8000, help="cổng (mặc định 8000)")
    preview.add_argument("--content", type=Path, default=at("content"),
                         help="thư mục nội dung (mặc định: content/)")
    preview.add_argument("--output", type=Path, default=at("output"),
                         help="thư mục kết quả (mặc định: output/)")
    preview.add_argument("--settings", type=Path, default=at("settings"),
                         help="tệp cấu hình Pelican (mặc định: pelicanconf.py)")
    preview.add_argument("--db", type=Path, default=None,
                         help="tệp SQLite của bộ đếm (mặc định: var/counters.sqlite3)")
    preview.set_defaults(run=_preview)

    service = verbs.add_parser("counter-service",
                               help="chạy riêng dịch vụ đếm lượt truy cập (/api/)")
    service.add_argument("--host", default="127.0.0.1", help="địa chỉ (mặc định 127.0.0.1)")
    service.add_argument("--port", type=int, default=8001, help="cổng (mặc định 8001)")
    service.add_argument("--backend", choices=("sqlite", "redis"), default="sqlite",
                         help="nơi lưu số đếm (mặc định: sqlite)")
    service.add_argument("--db", type=Path, default=None,
                         help="tệp SQLite (mặc định: var/counters.sqlite3 cạnh thư mục "
                              "của --manifest)")
    service.add_argument("--redis-url", default=counters.DEFAULT_REDIS_URL,
                         help="máy Redis, với --backend redis "
                              f"(mặc định: {counters.DEFAULT_REDIS_URL})")
    service.add_argument("--manifest", type=Path,
                         default=at("output") / MANIFEST_FILE if project else None,
                         help="danh sách trang do bản dựng ghi (mặc định: output/counters.json)")
    service.add_argument("--origin", default=None,
                         help="địa chỉ cổng khi cổng ở máy chủ khác (bật CORS cho địa chỉ đó)")
    service.add_argument("--trusted-proxy", action="append", default=[], metavar="ADDRESS",
                         help="proxy được phép gửi X-Forwarded-For (địa chỉ hoặc mạng; lặp lại được)")
    service.add_argument("--rate-limit", type=int, default=counters.DEFAULT_RATE_LIMIT,
                         help="số yêu cầu tối đa mỗi phút của một địa chỉ "
                              f"(mặc định {counters.DEFAULT_RATE_LIMIT})")
    service.add_argument("--seed", type=Path, default=None,
                         help="tệp JSON số đếm ban đầu (chuyển từ trang cũ)")
    service.set_defaults(run=_counter_service)

    feedback = verbs.add_parser(
        "feedback", help="xem góp ý của bạn đọc về các bài (mới nhất trước), xuất CSV",
        description="Liệt kê góp ý bạn đọc gửi qua mẫu cuối mỗi bài, mới nhất trước. Ví dụ: "
                    "portal feedback --since 2024-05-01 --csv gop-y.csv")
    feedback.add_argument("--since", type=day, metavar="YYYY-MM-DD",
                          help="chỉ góp ý nhận từ ngày này (giờ UTC)")
    feedback.add_argument("--item", metavar="ID_OR_URL",
                          help="chỉ góp ý về một bài: mã bài (Id) hoặc địa chỉ của bài")
    feedback.add_argument("--csv", type=Path, metavar="FILE",
                          help="ghi ra tệp CSV (UTF-8 có BOM, mở được bằng Excel)")
    feedback.add_argument("--backend", choices=("sqlite", "redis"), default="sqlite",
                          help="nơi lưu của dịch vụ đếm (mặc định: sqlite)")
    feedback.add_argument("--db", type=Path, default=None,
                          help="tệp SQLite (mặc định: var/counters.sqlite3 cạnh output/)")
    feedback.add_argument("--redis-url", default=counters.DEFAULT_REDIS_URL,
                          help=f"máy Redis, với --backend redis (mặc định: {counters.DEFAULT_REDIS_URL})")
    feedback.add_argument("--output", type=Path, default=at("output"),
                          help="thư mục cổng đã xây dựng (mặc định: output/)")
    feedback.set_defaults(run=_feedback)

    search = verbs.add_parser(
        "search", help="tìm trong cổng đã xây dựng (từ, \"cụm từ\", unit:, type:, topic:, date:)",
        description="Tìm bài trong cổng đã xây dựng. Ví dụ: portal search học tập unit:huyen-uy-ha-dong "
                    "type:guidance date:2021-01-01..2021-12-31 '\"làm theo\"'")
    search.add_argument("query", nargs="+", help="từ khoá, cụm từ trong ngoặc kép và bộ lọc")
    search.add_argument("--output", type=Path, default=at("output"),
                        help="thư mục cổng đã xây dựng (mặc định: output/)")
    search.add_argument("--limit", type=int, default=10, help="số kết quả in ra (mặc định 10)")
    search.add_argument("--explain", action="store_true", help="giải thích điểm của từng kết quả")
    search.set_defaults(run=_search)

    importer.add_parser(verbs, at("content"))
    publisher.add_parser(verbs, at("output"))
    return main


def find_project(argv: list[str]) -> Project | None:
    """The project named by ``--project``, else the one the current folder is in."""
    early = argparse.ArgumentParser(add_help=False)
    _common(early)
    known, _ = early.parse_known_args(argv)
    if known.lang:
        os.environ["PORTAL_LANG"] = known.lang
    return named(known.project) if known.project else locate(Path.cwd())


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        project = find_project(argv)
    except NoProject as missing:
        print(say("not_a_project", folder=missing), file=sys.stderr)
        return 2
    args = parser(project).parse_args(argv)
    if any(getattr(args, name) is None for name in FROM_PROJECT.get(args.verb, ())):
        print(say("no_project", folder=Path.cwd()), file=sys.stderr)
        return 2
    try:
        return args.run(args)
    except BrokenPipeError:  # the reader of the output stopped early (`portal search ... | head`)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 0


if __name__ == "__main__":
    sys.exit(main())
