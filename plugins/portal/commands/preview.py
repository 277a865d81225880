"""``portal preview``: ``serve`` that rebuilds when a file in content/ or theme/ changes and
reloads the open page; a content error shows in the terminal and at the top of every page,
and the server keeps running.

Each build runs in a child process into a folder beside the output, which then takes the
output's place, so readers never see a half-written site and a crash of the build leaves the
last good one served. A hard-linked copy of the served site stays in the build folder, so the
next build takes the pages that did not change from it."""

from __future__ import annotations

import html
import json
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

from watchfiles import watch

from portal.commands.build import CONTENT_ERRORS
from portal.commands.serve import PortalRequestHandler, serve
from portal.common.messages import Text, pick

PREVIEW_PREFIX = "/__preview/"
RELOAD_SCRIPT = """\
const seen = document.documentElement.dataset.previewBuild;
async function poll() {
  try {
    const answer = await fetch("/__preview/state", {cache: "no-store"});
    const state = await answer.json();
    if (String(state.build) !== seen) { location.reload(); return; }
  } catch (error) { /* the preview server is restarting: try again */ }
  setTimeout(poll, 700);
}
poll();
"""
BANNER_STYLE = ("position:relative;z-index:1000;margin:0;padding:1rem;background:#fff0f0;"
                "color:#5c0000;border-bottom:4px solid #b00020;font:16px/1.4 sans-serif")

MESSAGES: dict[str, Text] = {
    "rebuilding": Text("Có thay đổi ({files}); đang xây dựng lại...",
                       "Changes ({files}); rebuilding..."),
    "rebuilt": Text("Đã xây dựng lại; trang đang mở sẽ tự tải lại.",
                    "Rebuilt; open pages reload themselves."),
    "failed": Text("Nội dung có lỗi: các bài lỗi không có trong bản xem trước (xem thông báo ở "
                   "trên và ở đầu mỗi trang).",
                   "The content has errors: the files with errors are left out of the preview "
                   "(see the messages above and at the top of every page)."),
    "crashed": Text("Không xây dựng được; vẫn phục vụ bản trước.",
                    "The build failed; the previous build is still served."),
    "banner": Text("Nội dung có lỗi — sửa rồi lưu tệp, trang sẽ tự tải lại:",
                   "The content has errors — fix and save, the page reloads itself:"),
}


def say(code: str, **params: object) -> str:
    return pick(MESSAGES[code]).format(**params)


@dataclass
class PreviewState:
    """The last build: its number (pages reload when it changes) and its problems."""

    build: int = 0
    problems: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def update(self, problems: str) -> None:
        with self.lock:
            self.build += 1
            self.problems = problems


class PreviewRequestHandler(PortalRequestHandler):
    preview: PreviewState

    def do_GET(self) -> None:
        if self.path.startswith(PREVIEW_PREFIX):
            self._preview_file()
            return
        target = Path(self.translate_path(self.path))
        if target.is_dir():
            target = target / "index.html"
        if target.suffix == ".html" and target.is_file() and not self.path.startswith("/api/"):
            self._send(self._with_preview(target.read_text(encoding="utf-8")), "text/html; charset=utf-8")
            return
        super().do_GET()

    def _preview_file(self) -> None:
        name = self.path[len(PREVIEW_PREFIX):].split("?", 1)[0]
        if name == "state":
            with self.preview.lock:
                body = json.dumps({"build": self.preview.build, "problems": self.preview.problems})
            self._send(body, "application/json")
        elif name == "reload.js":
            self._send(RELOAD_SCRIPT, "text/javascript")
        else:
            self.send_error(404)

    def _with_preview(self, page: str) -> str:
        with self.preview.lock:
            build, problems = self.preview.build, self.preview.problems
        page = page.replace("<html", f'<html data-preview-build="{build}"', 1)
        script = f'<script type="module" src="{PREVIEW_PREFIX}reload.js"></script>'
        page = page.replace("</head>", f"{script}</head>", 1)
        if problems:
            banner = (f'<div role="alert" style="{BANNER_STYLE}"><strong>{html.escape(say("banner"))}'
                      f'</strong><pre style="white-space:pre-wrap;margin:.5rem 0 0">'
                      f"{html.escape(problems)}</pre></div>")
            start = page.find(">", page.find("<body")) + 1
            page = page[:start] + banner + page[start:]
        return page

    def _send(self, text: str, kind: str) -> None:
        data = text.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def run_build(content: Path, output: Path, settings: Path) -> tuple[str, str]:
    """Build into ``output`` with the pages of the valid files. Return ``ok``, ``errors``
    (built without the files that have errors) or ``crashed`` (nothing built; the output is left
    as it was), and what the build printed."""
    command = [sys.executable, "-m", "portal.commands.main", "build", "--with-errors", "--content",
               str(content), "--output", str(output), "--settings", str(settings)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    printed = (done.stdout + done.stderr).strip()
    outcomes = {0: "ok", CONTENT_ERRORS: "errors"}
    return outcomes.get(done.returncode, "crashed"), printed


def rebuild(content: Path, output: Path, settings: Path, state: PreviewState) -> str:
    outcome, printed = run_build(content, output, settings)
    print(printed, flush=True)
    if outcome == "ok":
        print(say("rebuilt"), flush=True)
        state.update("")
    else:
        print(say("failed" if outcome == "errors" else "crashed"), flush=True)
        state.update(printed)
    return outcome


def watch_and_rebuild(paths: list[Path], content: Path, output: Path, settings: Path,
                      state: PreviewState, stop: threading.Event) -> None:
    for changes in watch(*paths, stop_event=stop, debounce=400, step=100):
        names = sorted({Path(path).name for _, path in changes})
        print(say("rebuilding", files=", ".join(names[:5])), flush=True)
        rebuild(content, output, settings, state)


def preview(content: Path, output: Path, settings: Path, theme: Path, host: str, port: int,
            database: Path) -> int:
    state = PreviewState()
    rebuild(content, output, settings, state)
    stop = threading.Event()
    watcher = threading.Thread(target=watch_and_rebuild, daemon=True,
                               args=([content, theme], content, output, settings, state, stop))
    watcher.start()
    handler = type("BoundPreviewHandler", (PreviewRequestHandler,), {"preview": state})
    try:
        return serve(output, host, port, database, handler)
    finally:
        stop.set()
