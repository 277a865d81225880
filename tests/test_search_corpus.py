"""Search on 2,000 generated items, enough for the static index to be split into many files and
its postings cut into blocks: the browser's top 10 is exactly a brute-force scoring of every
item, and ``portal search`` puts the same item first."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from portal_bench.synthetic import generate
from portal_common.search_text import fold
from search_index.documents import SearchDocument
from search_index.manifest import bucket_of, data_folder
from search_index.searching import PortalSearch
from searchkit import BruteForce, browser_search, documents
from sitekit import run_portal

COUNT = 2000
QUERIES: list[dict[str, Any]] = [
    {"q": "học tập"}, {"q": "hoc tap lam theo"}, {"q": "Đảng uỷ"}, {"q": "dang uy"},
    {"q": "đạo đức"}, {"q": "được"}, {"q": "duoc"}, {"q": "chuyển đổi số"}, {"q": "HỒ CHÍ MINH"},
    {"q": unicodedata.normalize("NFD", "tư tưởng")}, {"q": "hòa bình"}, {"q": "khoẻ mạnh"},
    {"q": "cán bộ", "type": "guidance"}, {"q": "nêu gương", "unit": "huyen-uy-ha-dong"},
    {"q": "thi đua", "from": "2015-01-01", "to": "2016-12-31"},
    {"q": "người tốt việc tốt", "topic": "chuyen-de-2017-2020"},
]
CLI_FILTERS = {"type": "type:{}", "unit": "unit:{}", "topic": "topic:{}"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("search-corpus")
    generate(folder / "content", COUNT)
    result = run_portal("build", "--content", str(folder / "content"), "--output", str(folder / "output"))
    assert result.returncode == 0, result.stdout + result.stderr
    return folder / "output"


@pytest.fixture(scope="module")
def items(corpus: Path) -> list[SearchDocument]:
    return documents(corpus)


@pytest.fixture(scope="module")
def brute(items: list[SearchDocument]) -> BruteForce:
    return BruteForce(items)


def accepts(query: dict[str, Any]) -> Any:
    def wanted(item: SearchDocument) -> bool:
        return ((not query.get("type") or item.type == query["type"])
                and (not query.get("unit") or query["unit"] in item.units)
                and (not query.get("topic") or query["topic"] in item.topics)
                and query.get("from", "") <= item.day <= query.get("to", "9999"))
    return wanted


def cli_query(query: dict[str, Any]) -> str:
    parts = [query["q"], *(CLI_FILTERS[key].format(query[key]) for key in CLI_FILTERS if key in query)]
    if "from" in query:
        parts.append(f"date:{query['from']}..{query['to']}")
    return " ".join(parts)


def test_the_index_is_split_and_its_postings_blocked(corpus: Path, items: list[SearchDocument]) -> None:
    assert len(items) == COUNT
    index = corpus / "tim-kiem/index"
    assert len(list((index / "s").glob("*.json"))) > 500
    assert len(list((index / "b").glob("*-3.json"))) > 10


def test_static_top_ten_is_brute_force_scoring_and_portal_search_agrees(
        corpus: Path, brute: BruteForce) -> None:
    answers = browser_search(corpus, QUERIES)
    search = PortalSearch(corpus, data_folder(corpus))
    try:
        for query, answer in zip(QUERIES, answers, strict=True):
            expected = brute.ranked(query["q"], accepts(query))[:10]
            assert len(expected) == 10, query
            # The engine stops reading once the order is certain: a score it shows may still
            # miss a small posting it did not need, the ranking may not.
            assert [doc for doc, _ in answer["results"]] == [doc for doc, _ in expected], query
            assert all(shown <= score for (_, shown), (_, score) in zip(answer["results"], expected,
                                                                         strict=True)), query
            _, hits = search.search(cli_query(query))
            assert (hits[0].doc, hits[0].score) == expected[0], query
    finally:
        search.close()


def test_a_query_reads_only_the_files_of_its_words(corpus: Path) -> None:
    buckets = json.loads((data_folder(corpus) / "manifest.json").read_text(encoding="utf-8"))["buckets"]
    for query in ("đảng", "học tập làm theo"):
        (answer,) = browser_search(corpus, [{"q": query}])
        wanted = {bucket_of(fold(word), buckets) for word in query.split()}
        read = {re.match(r"/tim-kiem/index/([sbr])/(\d+)", path).groups() for path, _ in answer["requests"]}
        assert {int(number) for kind, number in read if kind in "sb"} == wanted
        assert len([kind for kind, _ in read if kind == "r"]) <= 10


def test_same_items_with_or_without_marks_d_included(brute: BruteForce, corpus: Path) -> None:
    for marked, bare in (("được", "duoc"), ("Đảng uỷ", "dang uy"), ("học tập", "hoc tap")):
        assert {doc for doc, _ in brute.ranked(marked)} == {doc for doc, _ in brute.ranked(bare)}
    result = run_portal("search", "--output", str(corpus), "--limit", "1", "duoc")
    found = len(brute.ranked("được"))
    assert found > COUNT * 0.9
    assert result.returncode == 0 and result.stdout.startswith(f"{found} kết quả cho «duoc»")
