"""``portal search``: the Whoosh index finds what a query and its filters match; the ranking is
the readers' one, added up from the impacts the static index stores.

A query mixes words, "phrases" and filters: ``unit:<slug>`` (its descendants too),
``type:news|guidance|exemplar``, ``topic:<slug>``, ``date:2021-01-01..2021-12-31`` (either end
may be left out; ``date:2021`` and ``date:2021-05`` are a year and a month).
"""

from __future__ import annotations

import calendar
import gzip
import json
import re
import sys
from dataclasses import dataclass
from datetime import date
from itertools import accumulate
from pathlib import Path
from typing import Any, TextIO

from portal_common.messages import Text, pick
from portal_common.search_text import query_number_key
from search_index.manifest import INDEX_FOLDER, MANIFEST_FILE, TABLE_FILE, data_folder
from search_index.ranking import CorpusStats, idf, impact, length_norms
from search_index.static_index import NAME_LENGTH, STATISTICS_FILE, shard_of
from search_index.terms import document_terms, home_key, query_terms
from search_index.whoosh_index import Criteria, WhooshSearch

TYPE_NAMES = {"news": "news", "tin-tuc": "news", "guidance": "guidance", "van-ban": "guidance",
              "exemplar": "exemplar", "tam-guong": "exemplar"}
_FIELD = re.compile(r"^(unit|type|topic|date):(.*)$")
_PARTS = re.compile(r'"([^"]+)"|(\S+)')
FIELD_NAMES = ("title", "summary", "body")


# The accepted form of each filter, as the error message names it.
FILTER_FORMS = {
    "unit": Text("unit:<mã đơn vị>, ví dụ unit:huyen-uy-ha-dong",
                 "unit:<unit slug>, for example unit:huyen-uy-ha-dong"),
    "type": Text("type:news, type:guidance hoặc type:exemplar (tin-tuc, van-ban, tam-guong)",
                 "type:news, type:guidance or type:exemplar (tin-tuc, van-ban, tam-guong)"),
    "topic": Text("topic:<mã chuyên đề>, ví dụ topic:chuyen-de-2023",
                  "topic:<topic slug>, for example topic:chuyen-de-2023"),
    "date": Text("date:2021, date:2021-05, date:2021-05-19 hoặc một khoảng date:2021-01-01..2021-12-31"
                 " (có thể bỏ một đầu)",
                 "date:2021, date:2021-05, date:2021-05-19 or a range date:2021-01-01..2021-12-31"
                 " (either end may be left out)"),
}
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class QueryError(ValueError):
    """A filter the command cannot read: its name and the text as typed."""

    def __init__(self, name: str, value: str) -> None:
        super().__init__(f"{name}:{value}")
        self.name = name

    def message(self) -> str:
        problem = Text("Bộ lọc «{filter}» không đúng. Dạng đúng: {form}.",
                       "The filter «{filter}» is malformed. Accepted form: {form}.")
        return pick(problem).format(filter=self, form=pick(FILTER_FORMS[self.name]))


def _day_range(value: str) -> tuple[str, str]:
    first, dots, last = value.partition("..")
    if not dots:
        last = first
    start, end = _bound(first, start=True), _bound(last, start=False)
    if start is None or end is None or not (start or end) or (start and end and start > end):
        raise QueryError("date", value)
    return start, end


def _bound(text: str, start: bool) -> str | None:
    """The first or last day a year, month or day names; "" for an end left out, None for text
    that is none of them."""
    if not text:
        return ""
    if re.fullmatch(r"\d{4}", text):
        return f"{text}-01-01" if start else f"{text}-12-31"
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text).isoformat()
        if re.fullmatch(r"\d{4}-\d{2}", text):
            year, month = map(int, text.split("-"))
            return date(year, month, 1 if start else calendar.monthrange(year, month)[1]).isoformat()
    except ValueError:
        pass
    return None


def parse(query: str) -> Criteria:
    """Words, phrases and filters of a ``portal search`` query; a filter it cannot read raises
    ``QueryError``."""
    criteria = Criteria()
    for phrase, part in _PARTS.findall(query):
        if phrase:
            criteria.phrases.append(phrase)
            continue
        match = _FIELD.match(part)
        if not match:
            criteria.words.append(part)
            continue
        name, value = match.groups()
        if name == "date":
            criteria.first_day, criteria.last_day = _day_range(value)
        elif name == "type":
            if value not in TYPE_NAMES:
                raise QueryError(name, value)
            criteria.types.append(TYPE_NAMES[value])
        elif not _SLUG.fullmatch(value):
            raise QueryError(name, value)
        else:
            (criteria.units if name == "unit" else criteria.topics).append(value)
    criteria.number = query_number_key(" ".join(criteria.words)) or ""
    return criteria


@dataclass
class Hit:
    doc: int
    score: int
    impacts: dict[str, int]


class PortalSearch:
    """The Whoosh index and the static index of one built portal."""

    def __init__(self, output: Path, data: Path) -> None:
        self.root = output / INDEX_FOLDER
        self.data = data
        self.manifest = json.loads((data / MANIFEST_FILE).read_text(encoding="utf-8"))
        self.statistics = json.loads((data / STATISTICS_FILE).read_text(encoding="utf-8"))
        self.table = json.loads((data / TABLE_FILE).read_text(encoding="utf-8"))
        self.whoosh = WhooshSearch(data)

    def close(self) -> None:
        self.whoosh.close()

    def postings(self, term: str) -> dict[int, int]:
        """The term's champions, read from the static index: item -> impact."""
        shard = shard_of(home_key(term), self.table["bits"])
        file_name = self.table["p"][shard * NAME_LENGTH:(shard + 1) * NAME_LENGTH].strip("-")
        path = self.root / "p" / f"{file_name}.json.gz"
        entries = json.loads(gzip.decompress(path.read_bytes()))["t"] if file_name else []
        for name, _, flat in entries:
            if name == term:
                docs = list(accumulate(flat[0::2]))
                return dict(zip(docs, flat[1::2], strict=True))
        return {}

    def search(self, query: str) -> tuple[Criteria, list[Hit]]:
        """Every item the query matches, best first (newer first among equal scores); a term
        adds its impact to its champions only, as for readers."""
        criteria = parse(query)
        terms = query_terms(" ".join([*criteria.words, *criteria.phrases]))
        lists = {term: self.postings(term) for term in terms}
        hits = []
        for doc in self.whoosh.matching(criteria):
            impacts = {term: found[doc] for term, found in lists.items() if doc in found}
            hits.append(Hit(doc, sum(impacts.values()), impacts))
        hits.sort(key=lambda hit: (-hit.score, hit.doc))
        return criteria, hits

    def explain(self, hit: Hit) -> list[str]:
        """How each term's impact comes from the formula, for one item."""
        stored = self.whoosh.stored(hit.doc)
        stats = CorpusStats(self.statistics["count"], tuple(self.statistics["average_lengths"]))
        document = _Texts(stored["title"], stored["summary"], stored["body"], stored["number_key"])
        counts, lengths = document_terms(document, frozenset(self.statistics["pairs"]))
        norms = length_norms(lengths, stats)
        lines = []
        for term, value in sorted(hit.impacts.items(), key=lambda item: -item[1]):
            df = self.statistics["df"].get(term, 0)
            fields = ", ".join(f"{name} tf={tf} len={length} norm={norm:.2f}"
                               for name, tf, length, norm in zip(FIELD_NAMES, counts.get(term, [0] * 3),
                                                                 lengths, norms, strict=True) if tf)
            check = impact(term, counts[term], lengths, df, stats) if term in counts else value
            lines.append(f"{value:>7}  {term}  df={df} idf={idf(df, stats.count):.3f}  {fields}"
                         + ("" if check == value else f"  (recomputed {check})"))
        return lines


@dataclass(frozen=True)
class _Texts:
    """The three texts of an item, as ``document_terms`` reads them."""

    title: str
    summary: str
    body: str
    number_key: str

    @property
    def texts(self) -> tuple[str, str, str]:
        return self.title, self.summary, self.body


def print_results(search: PortalSearch, query: str, limit: int, explain: bool,
                  out: TextIO) -> int:
    criteria, hits = search.search(query)
    units = {slug: name for slug, name, _ in search.manifest["units"]}
    types = {kind[0]: kind[1] for kind in search.manifest["types"]}
    print(f"{len(hits)} kết quả cho «{query}»", file=out)
    words = [*criteria.words, *criteria.phrases]
    for rank, hit in enumerate(hits[:limit], 1):
        stored: dict[str, Any] = search.whoosh.stored(hit.doc)
        day = "/".join(reversed(stored["day"].split("-")))
        facts = [day, units.get(stored["unit"], stored["unit"]),
                 types.get(stored["type"], stored["type"]), stored["number"]]
        print(f"\n{rank}. {stored['title']}  [điểm {hit.score}]", file=out)
        print("   " + " · ".join(fact for fact in facts if fact), file=out)
        print(f"   /{stored['url']}", file=out)
        passage = search.whoosh.highlight(stored["body"], words) if words else ""
        if passage:
            print(f"   {passage}", file=out)
        if explain:
            for line in search.explain(hit):
                print(f"      {line}", file=out)
    return 0


def run_search(output: Path, query: str, limit: int, explain: bool) -> int:
    """``portal search``: 0 when it ran (whether or not anything matched), 1 when there is no
    index, 2 when a filter is malformed."""
    try:
        parse(query)
    except QueryError as problem:
        print(problem.message(), file=sys.stderr)
        return 2
    data = data_folder(output)
    if not (data / STATISTICS_FILE).exists():
        print(f"Chưa có chỉ mục tìm kiếm cho {output}: hãy chạy 'portal build' trước.")
        return 1
    search = PortalSearch(output, data)
    try:
        return print_results(search, query, limit, explain, sys.stdout)
    finally:
        search.close()
