"""Headless Chromium sends an item's feedback form to the counter service, with JavaScript (the
answer in the form's status line) and without (a refused form comes back filled in, a stored one
lands on the item's thank-you line); ``portal feedback`` then lists both."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from axekit import axe_violations
from portal.build.counters_manifest.feedback_question import feedback_question
from portal.commands.serve import make_server
from portal.services.counters.config import CounterConfig
from sitekit import Site, run_portal
from test_counters_browser import AGENT, article, browser, running_service, serve_in_thread

pytestmark = [pytest.mark.browser, pytest.mark.service]
__all__ = ["browser"]  # the browser fixture, shared with the counter tests


@pytest.fixture(scope="module")
def service(sample_site: Site, tmp_path_factory: pytest.TempPathFactory
            ) -> Iterator[tuple[str, Path]]:
    """The sample portal's address, served with the counter service behind /api/, and the
    service's database."""
    database = tmp_path_factory.mktemp("feedback-db") / "counters.sqlite3"
    config = CounterConfig(manifest=sample_site.output / "counters.json", database=database,
                           trusted_proxies=("127.0.0.1",))
    with running_service(config) as api:
        yield serve_in_thread(make_server(sample_site.output, "127.0.0.1", 0, api=api)), database


def fill(page: Page, page_id: str, message: str) -> None:
    page.get_by_label("Họ và tên").fill("Phạm Thu Hà")
    page.get_by_label("Nội dung góp ý").fill(message)
    page.get_by_label("Câu hỏi kiểm tra").fill(str(feedback_question(page_id).answer))


def listed(database: Path, page_id: str) -> str:
    result = run_portal("feedback", "--db", str(database), "--item", page_id)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_with_javascript_the_answer_shows_in_the_form(browser: Browser, sample_site: Site,
                                                     service: tuple[str, Path]) -> None:
    url, database = service
    page_id, address = article(sample_site.output)
    page = browser.new_context(user_agent=AGENT).new_page()
    page.goto(url + address)
    answer = page.get_by_label("Câu hỏi kiểm tra")
    answer.fill("0")
    page.get_by_label("Nội dung góp ý").fill("Góp ý có phép tính sai")
    page.get_by_role("button", name="Gửi góp ý").click()
    error = page.locator("#gop-y-answer-error")
    expect(error).to_contain_text("chưa đúng")
    expect(answer).to_have_attribute("aria-invalid", "true")
    expect(answer).to_be_focused()
    assert page.url == url + address

    fill(page, page_id, "Bài viết rõ ràng, xin cảm ơn ban biên tập.")
    page.get_by_role("button", name="Gửi góp ý").click()
    expect(page.locator("[data-feedback-status]")).to_contain_text("Cảm ơn bạn đã góp ý")
    expect(error).to_be_empty()
    assert page.url == url + address
    assert axe_violations(page) == []
    assert "Bài viết rõ ràng" in listed(database, page_id)


def test_without_javascript_the_reader_fixes_the_form_and_lands_back_on_the_item(
        browser: Browser, sample_site: Site, service: tuple[str, Path]) -> None:
    url, database = service
    page_id, address = article(sample_site.output)
    page = browser.new_context(user_agent=AGENT, java_script_enabled=False).new_page()
    page.goto(url + address)
    expect(page.locator("#gop-y-da-gui")).to_be_hidden()
    fill(page, page_id, "Đề nghị đăng kèm văn bản gốc.")
    page.get_by_label("Câu hỏi kiểm tra").fill("0")
    page.get_by_role("button", name="Gửi góp ý").click()
    expect(page.get_by_role("alert")).to_contain_text("chưa đúng")
    expect(page.get_by_label("Nội dung góp ý")).to_have_value("Đề nghị đăng kèm văn bản gốc.")
    expect(page.get_by_label("Họ và tên")).to_have_value("Phạm Thu Hà")
    checked = browser.new_page()  # axe needs scripts, which the reader's page has off
    checked.set_content(page.content())
    assert axe_violations(checked) == []
    checked.close()

    page.get_by_label("Câu hỏi kiểm tra").fill(str(feedback_question(page_id).answer))
    page.get_by_role("button", name="Gửi lại góp ý").click()
    page.wait_for_url(f"{url}{address}#gop-y-da-gui")
    expect(page.locator("#gop-y-da-gui")).to_be_visible()
    expect(page.locator("#gop-y-da-gui")).to_contain_text("Cảm ơn bạn đã góp ý")
    assert "Đề nghị đăng kèm văn bản gốc." in listed(database, page_id)
