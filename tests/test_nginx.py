"""The shipped production configuration (deploy/nginx/) in a real nginx, on a production build:
the security headers, no listings, no hidden files, precompressed and compressed answers, the
legacy redirects, long caching of the files named by their content, /api/ passed on."""

from __future__ import annotations

import gzip
import http.client
import json
import re
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import brotli
import pytest

from portal.commands.serve import SECURITY_HEADERS
from sitekit import ROOT, item, make_project, portal_in, tiny_png

pytestmark = pytest.mark.service

DEPLOY = ROOT / "deploy/nginx"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
LEGACY = "/index.php?nv=news&op=hoat-dong/hoi-nghi-so-ket-215"
PUBLIC = "https://portal.example.vn"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Api(BaseHTTPRequestHandler):
    """Stands for the counter service: says what it was asked, and by whom."""

    def do_GET(self) -> None:
        body = json.dumps({"path": self.path, "forwarded": self.headers["X-Forwarded-For"]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A production build with an imported item (its old address) and a picture."""
    project = make_project(tmp_path_factory.mktemp("nginx-site") / "project", public_url=PUBLIC)
    project.write("images/hoi-nghi.png", tiny_png(720, 480))
    project.write("news/huyen-a/2021/so-ket.md", item(
        "Hội nghị sơ kết", "2021-05-04", "huyen-a", body="![Hội nghị](/images/hoi-nghi.png)\n\nNội dung.",
        legacy_url=PUBLIC + LEGACY))
    result = portal_in(project.content.parent, "build", "--production")
    assert result.returncode == 0, result.stdout + result.stderr
    return project.output


@pytest.fixture(scope="module")
def nginx(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    executable = shutil.which("nginx") or "/usr/sbin/nginx"
    assert Path(executable).is_file(), "nginx is not installed: run `make setup`"
    work = tmp_path_factory.mktemp("nginx")
    api = ThreadingHTTPServer(("127.0.0.1", 0), Api)
    threading.Thread(target=api.serve_forever, daemon=True).start()
    port = free_port()
    conf = work / "portal"
    shutil.copytree(DEPLOY, conf)
    text = (conf / "portal.conf").read_text(encoding="utf-8")
    text = (text.replace("/srv/portal/www", str(site)).replace("/etc/nginx/portal", str(conf))
            .replace("listen 80;", f"listen 127.0.0.1:{port};")
            .replace("127.0.0.1:8001", f"127.0.0.1:{api.server_address[1]}"))
    if BROTLI_MODULE.is_file():
        text = text.replace("gzip_static on;", f"gzip_static on;\n    include {conf}/brotli.conf;")
    (conf / "portal.conf").write_text(text, encoding="utf-8")
    temp = {name: work / name for name in ("client", "proxy", "fastcgi", "uwsgi", "scgi")}
    for folder in temp.values():
        folder.mkdir()
    (work / "nginx.conf").write_text(f"""
{f"load_module {BROTLI_MODULE};" if BROTLI_MODULE.is_file() else ""}
daemon off;
master_process off;
pid {work}/nginx.pid;
error_log {work}/error.log;
events {{}}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path {temp["client"]};
    proxy_temp_path {temp["proxy"]};
    fastcgi_temp_path {temp["fastcgi"]};
    uwsgi_temp_path {temp["uwsgi"]};
    scgi_temp_path {temp["scgi"]};
    include {conf}/portal.conf;
}}
""", encoding="utf-8")
    process = subprocess.Popen([executable, "-p", str(work), "-c", str(work / "nginx.conf")],
                               stderr=subprocess.PIPE, text=True)
    for _ in range(100):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                break
        if process.poll() is not None:
            raise AssertionError(process.stderr.read() if process.stderr else "nginx stopped")
        time.sleep(0.05)
    yield port, site
    process.terminate()
    process.wait(timeout=10)
    api.shutdown()


def get(port: int, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers=headers)
        answer = connection.getresponse()
        return answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read()
    finally:
        connection.close()


def assert_secure(headers: dict[str, str]) -> None:
    for name, value in SECURITY_HEADERS:
        assert headers.get(name.lower()) == value, name


def test_the_shipped_headers_are_those_of_portal_serve() -> None:
    text = (DEPLOY / "security-headers.conf").read_text(encoding="utf-8")
    shipped = re.findall(r'^add_header ([\w-]+) "([^"]*)" always;$', text, re.MULTILINE)
    assert shipped == list(SECURITY_HEADERS)


def test_pages_come_with_the_headers_compressed_as_sent(nginx: tuple[int, Path]) -> None:
    port, site = nginx
    status, headers, body = get(port, "/", **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers["content-encoding"] == "gzip"
    assert gzip.decompress(body) == (site / "index.html").read_bytes()
    assert headers["cache-control"] == "no-cache" and "nginx/" not in headers.get("server", "")
    assert_secure(headers)


def test_shared_assets_are_sent_precompressed(nginx: tuple[int, Path]) -> None:
    port, site = nginx
    css = site / "theme/css/portal.css"
    _, headers, body = get(port, "/theme/css/portal.css", **{"Accept-Encoding": "gzip"})
    assert headers["content-encoding"] == "gzip" and body == css.with_name("portal.css.gz").read_bytes()
    assert headers["content-type"].startswith("text/css")
    _, headers, _ = get(port, "/manifest.webmanifest")
    assert headers["content-type"] == "application/manifest+json" and headers["cache-control"] == "no-cache"
    if BROTLI_MODULE.is_file():
        _, headers, body = get(port, "/theme/css/portal.css", **{"Accept-Encoding": "br"})
        assert headers["content-encoding"] == "br" and brotli.decompress(body) == css.read_bytes()


def test_no_listing_no_hidden_file(nginx: tuple[int, Path]) -> None:
    port, site = nginx
    assert (site / ".portal-build.json").is_file()
    for path in ("/.portal-build.json", "/theme/.x", "/%2Eportal-build.json"):
        status, headers, _ = get(port, path)
        assert status == 404, path
        assert_secure(headers)
    for path in ("/theme/", "/theme/css/", "/img/"):
        status, _, body = get(port, path)
        assert status in (403, 404) and b"Index of" not in body, path


def test_an_old_address_with_its_query_leads_to_the_item(nginx: tuple[int, Path]) -> None:
    port, site = nginx
    status, headers, _ = get(port, LEGACY)
    assert status == 301
    target = urlsplit(headers["location"]).path
    assert (site / target.strip("/") / "index.html").is_file()
    assert "Hội nghị sơ kết" in (site / target.strip("/") / "index.html").read_text(encoding="utf-8")


def test_files_named_by_their_content_are_cached_for_a_year(nginx: tuple[int, Path]) -> None:
    port, site = nginx
    shards = sorted((site / "tim-kiem/index/p").iterdir())
    pictures = sorted((site / "img").iterdir())
    assert shards and pictures
    for file in (shards[0], pictures[0]):
        status, headers, body = get(port, "/" + file.relative_to(site).as_posix())
        assert status == 200 and body == file.read_bytes()
        assert headers["cache-control"] == "public, max-age=31536000, immutable"
        assert "content-encoding" not in headers  # the index is gzip data the page opens itself
        assert_secure(headers)


def test_the_counter_service_answers_under_api(nginx: tuple[int, Path]) -> None:
    port, _ = nginx
    status, _, body = get(port, "/api/counts?ids=a")
    assert status == 200
    assert json.loads(body) == {"path": "/api/counts?ids=a", "forwarded": "127.0.0.1"}
