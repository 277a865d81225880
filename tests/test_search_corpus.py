"""Search on 2,000 generated items, enough for most terms to have more items than champions:
the browser's top 10 is exactly a brute-force scoring of every item with the same formula,
``portal search``, reading the same index, finds and ranks the same items, and a first query
reads only its words' shards."""

from __future__ import annotations

import gzip
import json
import shutil
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from portal.search.documents import SearchDocument
from portal.search.manifest import INDEX_FOLDER, TABLE_FILE, Manifest, data_folder
from portal.search.ranking import FOLDED_CHAMPIONS
from portal.search.searching import PortalSearch
from portal.search.static_index import NAME_LENGTH, build, shard_of
from portal_bench.synthetic import generate
from searchkit import BruteForce, browser_search, documents, edit, fresh, items_only, rebuild
from sitekit import run_portal

pytestmark = pytest.mark.slow

COUNT = 2000
QUERIES: list[dict[str, Any]] = [
    {"q": "học tập"}, {"q": "hoc tap lam theo"}, {"q": "Đảng uỷ"}, {"q": "dang uy"},
    {"q": "đạo đức"}, {"q": "được"}, {"q": "duoc"}, {"q": "chuyển đổi số"}, {"q": "HỒ CHÍ MINH"},
    {"q": unicodedata.normalize("NFD", "tư tưởng")}, {"q": "hòa bình"}, {"q": "khoẻ mạnh"},
    {"q": "cán bộ", "type": "guidance"}, {"q": "nêu gương", "unit": "huyen-uy-ha-dong"},
    {"q": "thi đua", "from": "2015-01-01", "to": "2016-12-31"},
    {"q": "người tốt việc tốt", "topic": "chuyen-de-2017-2020"},
    {"q": "đảng viên học tập", "unit": "so-y-te"}, {"q": "đảng", "from": "2016-03-01", "to": "2016-08-31"},
    {"q": "cán bộ đảng viên", "from": "2021-01-01", "to": "2021-12-31", "type": "news"},
    {"q": "nêu gương", "unit": "huyen-uy-ha-dong", "topic": "chuyen-de-2021-2025"},
    {"q": "đảng", "unit": "dang-uy-xa-van-phuc"}, {"q": "được nhân dân", "unit": "chi-bo-bao-son-ha"},
    {"q": "cong tac", "from": "2019-01-01", "to": "2019-12-31"},
    {"q": "đảng", "topic": "chuyen-de-2014-2016"},
    {"q": "được", "unit": "benh-vien-san-nhi-son-ha", "type": "news"},
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


def test_common_words_have_more_items_than_champions(corpus: Path, items: list[SearchDocument],
                                                     brute: BruteForce) -> None:
    assert len(items) == COUNT
    assert brute.df["~dang"] > 4 * FOLDED_CHAMPIONS
    assert len(brute.champions("~dang")) == FOLDED_CHAMPIONS
    table = json.loads((data_folder(corpus) / TABLE_FILE).read_text(encoding="utf-8"))
    shard = shard_of("dang", table["lbits"])
    name = table["l"][shard * NAME_LENGTH:(shard + 1) * NAME_LENGTH]
    lists = json.loads(gzip.decompress((corpus / INDEX_FOLDER / f"l/{name}.json.gz").read_bytes()))
    assert len(lists["dang"]) == brute.df["~dang"]


def test_static_top_ten_is_brute_force_scoring_and_portal_search_agrees(
        corpus: Path, brute: BruteForce) -> None:
    answers = browser_search(corpus, QUERIES)
    search = PortalSearch(corpus, data_folder(corpus))
    for query, answer in zip(QUERIES, answers, strict=True):
        expected = brute.ranked(query["q"], accepts(query))
        assert len(expected) >= 10, query
        assert [tuple(result) for result in answer["results"]] == expected[:10], query
        _, hits = search.search(cli_query(query))
        assert [(hit.doc, hit.score) for hit in hits] == expected, query


# A first query reads the search script and the posting shard of each word (a two-syllable
# word typed in sequence is one word), which holds the display rows of the word's first page,
# unfiltered and of each type: within 4 requests and 60 KB for up to three words. A filter reads
# the column it tests; a unit, topic or date filter, the record chunks of the items shown and,
# past the champions, the lists of every item of a syllable (docs/search.md).
FIRST_QUERIES = [({"q": "đảng"}, ["dang"]), ({"q": "học tập làm theo"}, ["hoc tap", "lam theo"]),
                 ({"q": "cán bộ", "type": "guidance"}, ["can bo"]),
                 ({"q": "tư tưởng đạo đức", "type": "exemplar"}, ["tu tuong", "dao duc"]),
                 # The spellings a two-syllable word's group holds are those of most of its
                 # champions ("dân" in "nhân dân", not the rarer "dẫn"): no other shard is read.
                 ({"q": "nhân dân"}, ["nhan dan"])]
FILTERED_QUERIES = [({"q": "thi đua", "from": "2015-01-01", "to": "2016-12-31"}, ["thi dua"]),
                    ({"q": "nêu gương", "unit": "huyen-uy-ha-dong"}, ["neu guong"]),
                    ({"q": "đảng viên học tập", "unit": "so-y-te"}, ["dang vien", "hoc tap"]),
                    ({"q": "người tốt việc tốt", "topic": "chuyen-de-2017-2020"}, ["nguoi tot", "viec tot"]),
                    ({"q": "cán bộ đảng viên", "from": "2021-01-01", "to": "2021-12-31", "type": "news"},
                     ["can bo", "dang vien"]),
                    # Common words with few champions in the filter: the page runs on into items
                    # that score 0, from the lists of every item of the syllables.
                    ({"q": "đảng", "unit": "dang-uy-xa-van-phuc"}, ["dang"]),
                    ({"q": "được nhân dân", "unit": "chi-bo-bao-son-ha"}, ["duoc", "nhan dan"])]
REQUESTS, KILOBYTES = 4, 60
FILTERED_REQUESTS, FILTERED_KILOBYTES = 12, 80


def shard_path(corpus: Path, word: str) -> str:
    table = json.loads((data_folder(corpus) / TABLE_FILE).read_text(encoding="utf-8"))
    shard = shard_of(word, table["bits"])
    return f"/tim-kiem/index/p/{table['p'][shard * NAME_LENGTH:(shard + 1) * NAME_LENGTH]}.json.gz"


@pytest.mark.parametrize(("queries", "requests", "kilobytes"), [
    (FIRST_QUERIES, REQUESTS, KILOBYTES), (FILTERED_QUERIES, FILTERED_REQUESTS, FILTERED_KILOBYTES)])
def test_a_first_query_reads_its_words_shards_within_the_budget(
        corpus: Path, queries: list[tuple[dict[str, str], list[str]]], requests: int, kilobytes: int) -> None:
    manifest = Manifest.read(data_folder(corpus))
    script = len(gzip.compress((corpus / "theme/js/search.js").read_bytes(), 6))
    answers = browser_search(corpus, [query for query, _ in queries])
    for (query, words), answer in zip(queries, answers, strict=True):
        assert {word for word in words if " " in word} <= set(manifest.pairs), query
        paths = [path for path, _ in answer["requests"]]
        shards = list(dict.fromkeys(shard_path(corpus, word) for word in words))
        assert paths[:len(shards)] == shards, (query, paths)
        later = {path.split("/")[3] for path in paths[len(shards):]}
        assert later <= ({"a"} if requests == REQUESTS else {"a", "l", "r"}), (query, paths)
        assert 1 + len(paths) <= requests, (query, paths)
        assert script + sum(size for _, size in answer["requests"]) <= kilobytes * 1024, query
        assert len(answer["results"]) == 10 and answer["more"], query


def test_pages_run_on_past_the_champions_into_items_that_score_zero(corpus: Path,
                                                                     brute: BruteForce) -> None:
    query = {"q": "đảng", "from": "2018-01-01", "to": "2018-04-30"}
    expected = brute.ranked(query["q"], accepts(query))
    assert len(expected) > 30 and expected[0][1] > 0 and expected[29][1] == 0
    pages = browser_search(corpus, [{**query, "from_rank": start} for start in (0, 10, 20)])
    assert [tuple(result) for page in pages for result in page["results"]] == expected[:30]
    assert all(page["more"] for page in pages)


def test_same_items_with_or_without_marks_d_included(brute: BruteForce, corpus: Path) -> None:
    for marked, bare in (("được", "duoc"), ("Đảng uỷ", "dang uy"), ("học tập", "hoc tap")):
        assert {doc for doc, _ in brute.ranked(marked)} == {doc for doc, _ in brute.ranked(bare)}
    result = run_portal("search", "--output", str(corpus), "--limit", "1", "duoc")
    found = len(brute.ranked("được"))
    assert found > COUNT * 0.9
    assert result.returncode == 0 and result.stdout.startswith(f"{found} kết quả cho «duoc»")


@pytest.fixture(scope="module")
def first_index(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The corpus's items indexed once, with no cache: the data folder, holding the counts
    that index left, and the output it was written into. Rebuilds start from them."""
    folder = tmp_path_factory.mktemp("first-index")
    data = items_only(data_folder(corpus), folder / "data")
    build(data, folder / "output", Manifest.read(data))
    return data, folder / "output"


def test_one_item_edited_rewrites_a_few_shards(
        items: list[SearchDocument], first_index: tuple[Path, Path], tmp_path: Path) -> None:
    data = shutil.copytree(first_index[0], tmp_path / "data")
    middle = items[len(items) // 2]
    edit(data, {middle.doc: {"body": middle.body + " Đoạn bổ sung."}})
    figures, after = rebuild(data, first_index[1], tmp_path / "second")
    assert figures["items_counted"] == 1
    assert 0 < figures["written"] <= 20 and figures["files"] > 500
    assert after == fresh(data, tmp_path)


def test_a_rebuild_after_edits_to_common_words_champions_equals_a_fresh_index(
        items: list[SearchDocument], first_index: tuple[Path, Path], tmp_path: Path,
        brute: BruteForce) -> None:
    """Items among the champions of a word in almost every item, whose list is cut, change:
    the index is the one writing it afresh gives."""
    data = shutil.copytree(first_index[0], tmp_path / "data")
    best = list(brute.champions("~dang"))
    assert len(best) == FOLDED_CHAMPIONS
    first, last = best[0], best[-1]
    outside = next(item.doc for item in items if item.doc not in best and "đảng" in item.body)
    body = {doc: items[doc].body for doc in (first, last, outside)}
    sentence = " Đảng bộ đảng viên đảng uỷ đảng."
    edit(data, {first: {"body": body[first].replace("đảng", "Hà", 3)},
                last: {"body": body[last] + sentence},
                outside: {"body": body[outside] + sentence}})
    figures, after = rebuild(data, first_index[1], tmp_path / "second")
    assert figures["items_counted"] == 3
    assert after == fresh(data, tmp_path)
