"""Readers' feedback, ``POST /api/feedback``, on both storage backends: what is stored, what is
refused and with which message, dedupe and the rate limit."""

from __future__ import annotations

import asyncio

import pytest
from starlette.testclient import TestClient

import test_counters_service as counters
from portal.build.counters_manifest.feedback_question import feedback_question
from portal.services.counters.app import create_app
from portal.services.counters.backends import open_store
from portal.services.counters.config import CounterConfig
from portal.services.counters.feedback import Feedback
from test_counters_service import PROXY, Clock

pytestmark = pytest.mark.service

# The counter tests' fixtures: each test runs on SQLite and on a real redis-server.
config, client, redis_url = counters.config, counters.client, counters.redis_url

FEEDBACK = "/api/feedback"
JSON = {"Accept": "application/json"}


def form(page: str = "tin-1", **fields: str) -> dict[str, str]:
    values = {"page": page, "name": "Nguyễn Văn A", "message": "Bài viết rất hay, cảm ơn.",
              "answer": str(feedback_question(page).answer), "website": ""}
    return {**values, **fields}


def stored(config: CounterConfig) -> list[Feedback]:
    async def read() -> list[Feedback]:
        store = open_store(config)
        try:
            return await store.feedback()
        finally:
            await store.close()
    return asyncio.run(read())


def test_a_valid_form_is_stored_with_the_items_address(client: TestClient,
                                                       config: CounterConfig) -> None:
    response = client.post(FEEDBACK, data=form(), headers=JSON)
    assert response.status_code == 201, response.text
    assert response.json()["status"] == "received"
    assert "Cảm ơn" in response.json()["message"]
    assert stored(config) == [Feedback("tin-1", "/tin-tuc/2024/bai-mot/", "Nguyễn Văn A",
                                       "Bài viết rất hay, cảm ơn.", "2024-05-01T03:00:00+00:00")]


def test_without_javascript_stored_feedback_goes_back_to_the_items_thank_you_line(
        client: TestClient, config: CounterConfig) -> None:
    for status in (303, 303):  # the second time a duplicate, thanked the same way
        response = client.post(FEEDBACK, data=form(name=""), follow_redirects=False)
        assert response.status_code == status
        assert response.headers["location"] == "/tin-tuc/2024/bai-mot/#gop-y-da-gui"
    assert len(stored(config)) == 1


def test_without_javascript_a_refused_form_comes_back_with_what_the_reader_wrote(
        client: TestClient, config: CounterConfig) -> None:
    written = {"name": "Lê <b>Thị</b> Hoa", "message": "Đề nghị <script>x</script> & bổ sung.",
               "answer": "0"}
    page = client.post(FEEDBACK, data=form(**written))
    assert page.status_code == 422
    assert page.headers["content-type"].startswith("text/html")
    assert "<script" not in page.text and "<b>" not in page.text and "style" not in page.text
    assert 'value="Lê &lt;b&gt;Thị&lt;/b&gt; Hoa"' in page.text
    assert ">Đề nghị &lt;script&gt;x&lt;/script&gt; &amp; bổ sung.</textarea>" in page.text
    assert f"Câu hỏi kiểm tra: {feedback_question('tin-1').text}" in page.text
    assert '<form method="post">' in page.text and 'name="page" value="tin-1"' in page.text
    assert stored(config) == []


@pytest.mark.parametrize(("fields", "status", "code", "words"), [
    ({"message": ""}, 422, "no_message", "nhập nội dung"),
    ({"message": " \r\n\t "}, 422, "no_message", "nhập nội dung"),
    ({"message": "x" * 2001}, 422, "long_message", "2000 ký tự"),
    ({"name": "N" * 101}, 422, "long_name", "100 ký tự"),
    ({"website": "http://spam.example"}, 400, "trap", "để trống"),
    ({"answer": "99"}, 422, "wrong_answer", "chưa đúng"),
    ({"answer": ""}, 422, "wrong_answer", "chưa đúng"),
    ({"answer": "٣"}, 422, "wrong_answer", "chưa đúng"),
    ({"page": "khong-co"}, 404, "unknown_item", "Không tìm thấy"),
    ({"page": "page:/"}, 404, "unknown_item", "Không tìm thấy"),
])
def test_each_bad_form_gets_its_message_and_nothing_is_stored(
        client: TestClient, config: CounterConfig, fields: dict[str, str], status: int,
        code: str, words: str) -> None:
    response = client.post(FEEDBACK, data=form(**fields), headers=JSON)
    assert response.status_code == status, response.text
    assert response.json()["error"] == code
    assert words in response.json()["message"]
    page = client.post(FEEDBACK, data=form(**fields))
    assert page.status_code == status
    assert words in page.text and "Chưa gửi được góp ý" in page.text
    known = code != "unknown_item"
    assert ('href="/tin-tuc/2024/bai-mot/#gop-y"' if known else 'href="/"') in page.text
    assert ("<form" in page.text) is known  # the form again, for an item the service knows
    assert stored(config) == []


def test_a_message_of_exactly_the_limit_is_stored(client: TestClient,
                                                  config: CounterConfig) -> None:
    response = client.post(FEEDBACK, data=form(message="ạ" * 2000, name="N" * 100), headers=JSON)
    assert response.status_code == 201
    assert len(stored(config)[0].message) == 2000


def test_bytes_that_are_not_utf8_or_not_a_form_are_refused(client: TestClient,
                                                          config: CounterConfig) -> None:
    body = b"page=tin-1&message=%C3%28&answer=" + str(feedback_question("tin-1").answer).encode()
    response = client.post(FEEDBACK, content=body, headers={
        **JSON, "Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 400
    assert "UTF-8" in response.json()["message"]
    assert client.post(FEEDBACK, json=form(), headers=JSON).status_code == 415
    big = client.post(FEEDBACK, data=form(message="x" * 40_000), headers=JSON)
    assert big.status_code == 413
    assert stored(config) == []


def test_the_same_message_on_the_same_page_is_stored_once(client: TestClient,
                                                         config: CounterConfig) -> None:
    assert client.post(FEEDBACK, data=form(), headers=JSON).status_code == 201
    again = client.post(FEEDBACK, data=form(message="  BÀI VIẾT rất hay,\n cảm ơn. "),
                        headers=JSON)
    assert again.status_code == 200
    assert again.json()["status"] == "duplicate"
    assert "đã được nhận" in again.json()["message"]
    assert client.post(FEEDBACK, data=form("tin-2"), headers=JSON).status_code == 201
    assert [entry.page for entry in stored(config)] == ["tin-2", "tin-1"]


def test_five_forms_per_address_in_ten_minutes(config: CounterConfig) -> None:
    clock = config.clock
    assert isinstance(clock, Clock)
    with TestClient(create_app(config), client=(PROXY, 1)) as client:
        for n in range(5):
            clock.advance(1)
            response = client.post(FEEDBACK, data=form(message=f"Góp ý số {n}"),
                                   headers={**JSON, "X-Forwarded-For": "198.51.100.1"})
            assert response.status_code == 201
        refused = client.post(FEEDBACK, data=form(message="Thêm một"),
                              headers={**JSON, "X-Forwarded-For": "198.51.100.1"})
        assert refused.status_code == 429
        assert 0 < int(refused.headers["Retry-After"]) <= 600
        assert "thử lại sau" in refused.json()["message"]
        other = client.post(FEEDBACK, data=form(message="Người khác"),
                            headers={**JSON, "X-Forwarded-For": "198.51.100.2"})
        assert other.status_code == 201
        clock.advance(600)
        later = client.post(FEEDBACK, data=form(message="Thêm một"),
                            headers={**JSON, "X-Forwarded-For": "198.51.100.1"})
        assert later.status_code == 201
    assert len(stored(config)) == 7


def test_no_address_is_stored(config: CounterConfig) -> None:
    with TestClient(create_app(config), client=(PROXY, 1)) as client:
        client.post(FEEDBACK, data=form(), headers={**JSON, "X-Forwarded-For": "198.51.100.77"})
    assert len(stored(config)) == 1
    if config.backend == "sqlite":
        data = b"".join(p.read_bytes() for p in config.database.parent.glob("counters.sqlite3*"))
        assert b"198.51.100.77" not in data
    else:
        import redis

        store = redis.Redis.from_url(config.redis_url)
        dump = b"".join(store.dump(key) or b"" for key in store.scan_iter())
        store.close()
        assert b"198.51.100.77" not in dump
