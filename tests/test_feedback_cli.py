"""``portal feedback`` as a process, on feedback the service received: the table, --since,
--item, and the CSV that Excel opens (UTF-8 with a byte order mark)."""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from portal.build.counters_manifest.feedback_question import feedback_question
from portal.build.counters_manifest.manifest import Entry, Manifest
from portal.services.counters.app import create_app
from portal.services.counters.config import CounterConfig
from sitekit import run_portal
from test_counters_service import Clock

pytestmark = pytest.mark.service

ITEMS = {"tin-1": Entry("Bài một", "/tin-tuc/2024/bai-mot/"),
         "tin-2": Entry("Bài hai", "/tin-tuc/2024/bai-hai/")}
MAY_1 = datetime(2024, 5, 1, 3, 0, tzinfo=UTC).timestamp()
DAY = 86400


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three entries sent to the service on 1, 2 and 3 May 2024."""
    folder = tmp_path_factory.mktemp("feedback")
    Manifest(dict(ITEMS), set()).write(folder / "counters.json")
    clock = Clock(MAY_1)
    config = CounterConfig(manifest=folder / "counters.json", database=folder / "db.sqlite3",
                           clock=clock)
    sent = [("tin-1", "Trần Thị Bình", "Bài viết rất bổ ích cho chi bộ."),
            ("tin-2", "", "=HYPERLINK(\"x\") Đề nghị đăng thêm ảnh hội nghị."),
            ("tin-1", "Lê Văn Cường", "Xin bổ sung danh sách đảng viên được khen thưởng.")]
    with TestClient(create_app(replace(config, feedback_limit=10))) as client:
        for page, name, message in sent:
            answer = str(feedback_question(page).answer)
            response = client.post("/api/feedback", data={
                "page": page, "name": name, "message": message, "answer": answer, "website": ""},
                headers={"Accept": "application/json"})
            assert response.status_code == 201, response.text
            clock.advance(DAY)
    return config.database


def feedback(database: Path, *args: str) -> str:
    result = run_portal("feedback", "--db", str(database), *args)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_the_table_lists_every_entry_newest_first(database: Path) -> None:
    out = feedback(database)
    assert out.index("Lê Văn Cường") < out.index("Đề nghị đăng thêm") < out.index("Trần Thị Bình")
    assert "2024-05-03 03:00:00" in out and "Thời gian (UTC)" in out
    assert out.rstrip().endswith("3 góp ý.")


def test_since_and_item_select_entries(database: Path) -> None:
    since = feedback(database, "--since", "2024-05-02")
    assert "Trần Thị Bình" not in since and "Lê Văn Cường" in since and "2 góp ý." in since
    for item in ("tin-1", "/tin-tuc/2024/bai-mot/", "https://hoctap.example.vn/tin-tuc/2024/bai-mot"):
        out = feedback(database, "--item", item)
        assert "Trần Thị Bình" in out and "Lê Văn Cường" in out and "Đề nghị" not in out, item
    assert "Chưa có góp ý nào." in feedback(database, "--item", "tin-9")


def test_the_csv_has_a_byte_order_mark_and_opens_with_the_csv_module(database: Path,
                                                                    tmp_path: Path) -> None:
    path = tmp_path / "gop-y.csv"
    out = feedback(database, "--csv", str(path), "--since", "2024-05-02")
    assert f"Đã ghi 2 góp ý vào {path}" in out
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as opened:
        rows = list(csv.reader(opened))
    assert rows[0] == ["Thời gian (UTC)", "Mã bài", "Địa chỉ", "Họ tên", "Nội dung"]
    assert rows[1] == ["2024-05-03T03:00:00+00:00", "tin-1", "/tin-tuc/2024/bai-mot/",
                       "Lê Văn Cường", "Xin bổ sung danh sách đảng viên được khen thưởng."]
    # A message that Excel would take for a formula is kept as text.
    assert rows[2][4] == "'=HYPERLINK(\"x\") Đề nghị đăng thêm ảnh hội nghị."
    assert rows[2][3] == ""


def test_no_database_yet_means_no_feedback_and_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "var" / "counters.sqlite3"
    assert "Chưa có góp ý nào." in feedback(missing)
    assert not missing.parent.exists()


def test_a_date_that_is_not_one_is_refused_with_the_form_to_use(database: Path) -> None:
    result = run_portal("feedback", "--db", str(database), "--since", "2024-13-01")
    assert result.returncode == 2
    assert "'2024-13-01' không phải một ngày" in result.stderr and "2024-05-01" in result.stderr
