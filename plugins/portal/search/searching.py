"""``portal search``: the readers' static index answers, the same shards, lists and ranking; the
items' text (in the data folder) checks phrases, filters and gives the passage shown.

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
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate
from pathlib import Path
from typing import Any, TextIO

from portal.common.messages import Text, pick
from portal.common.search_text import query_number_key
from portal.search.documents import SearchDocument, read_documents
from portal.search.manifest import INDEX_FOLDER, MANIFEST_FILE, TABLE_FILE, data_folder
from portal.search.ranking import CorpusStats, idf, impact, length_norms
from portal.search.static_index import DOCUMENTS_FILE, NAME_LENGTH, STATISTICS_FILE, shard_of
from portal.search.terms import FOLDED, NUMBER, document_terms, home_key, query_terms, words

TYPE_NAMES = {"news": "news", "tin-tuc": "news", "guidance": "guidance", "van-ban": "guidance",
              "exemplar": "exemplar", "tam-guong": "exemplar"}
_FIELD = re.compile(r"^(unit|type|topic|date):(.*)$")
_PARTS = re.compile(r'"([^"]+)"|(\S+)')
FIELD_NAMES = ("title", "summary", "body")
PASSAGE_CHARACTERS = 200
PASSAGE_BEFORE = 60  # characters shown before the first word found
_WORD = re.compile(r"[^\W_]+")


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
class Criteria:
    """What a ``portal search`` query asks for, besides the ranking's words."""

    words: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    first_day: str = ""
    last_day: str = ""
    number: str = ""

    def keeps(self, item: SearchDocument) -> bool:
        """Whether the item passes the filters (a unit keeps the units under it)."""
        return ((not self.units or bool(set(self.units) & set(item.units)))
                and (not self.types or item.type in self.types)
                and (not self.topics or bool(set(self.topics) & set(item.topics)))
                and (self.first_day or item.day) <= item.day <= (self.last_day or item.day))


@dataclass
class Hit:
    doc: int
    score: int
    impacts: dict[str, int]


class PortalSearch:
    """The static index of one built portal, and its items' text."""

    def __init__(self, output: Path, data: Path) -> None:
        self.root = output / INDEX_FOLDER
        self.manifest = json.loads((data / MANIFEST_FILE).read_text(encoding="utf-8"))
        self.statistics = json.loads((data / STATISTICS_FILE).read_text(encoding="utf-8"))
        self.table = json.loads((data / TABLE_FILE).read_text(encoding="utf-8"))
        self.items = list(read_documents(data / DOCUMENTS_FILE))

    def file(self, folder: str, names: str, shard: int) -> Any:
        """A file of the index by its number in the table; None for an empty one."""
        name = names[shard * NAME_LENGTH:(shard + 1) * NAME_LENGTH].strip("-")
        if not name:
            return None
        return json.loads(gzip.decompress((self.root / folder / f"{name}.json.gz").read_bytes()))

    def postings(self, term: str) -> tuple[int, dict[int, int]]:
        """The term's df and champions, read from its word's shard: item -> impact."""
        shard = self.file("p", self.table["p"], shard_of(home_key(term), self.table["bits"]))
        for name, df, flat in shard["t"] if shard else []:
            if name == term:
                return df, dict(zip(accumulate(flat[0::2]), flat[1::2], strict=True))
        return 0, {}

    def items_with(self, term: str) -> set[int]:
        """Every item a folded syllable or a document number is in."""
        df, champions = self.postings(term)
        if len(champions) >= df:
            return set(champions)
        syllable = term.removeprefix(FOLDED)
        lists = self.file("l", self.table["l"], shard_of(syllable, self.table["lbits"]))
        return set(accumulate(lists[syllable]))

    def matching(self, criteria: Criteria) -> list[int]:
        """The items with any of the query's words (or its document number), all the words of
        each phrase in sequence, that pass the filters."""
        folded = [word for text in criteria.words for word in words(text)[1]]
        found: set[int] | None = None
        if folded or criteria.number:
            found = set().union(*(self.items_with(FOLDED + word) for word in folded))
            found |= self.items_with(NUMBER + criteria.number) if criteria.number else set()
        phrases = [words(phrase)[1] for phrase in criteria.phrases]
        for phrase in phrases:
            having = set.intersection(*(self.items_with(FOLDED + word) for word in phrase or [""]))
            found = having if found is None else found & having
        docs = range(len(self.items)) if found is None else sorted(found)
        return [doc for doc in docs if criteria.keeps(self.items[doc])
                and all(_in_sequence(phrase, self.items[doc]) for phrase in phrases)]

    def search(self, query: str) -> tuple[Criteria, list[Hit]]:
        """Every item the query matches, best first (newer first among equal scores); a term
        adds its impact to its champions only, as for readers."""
        criteria = parse(query)
        terms = query_terms(" ".join([*criteria.words, *criteria.phrases]))
        lists = {term: self.postings(term)[1] for term in terms}
        hits = []
        for doc in self.matching(criteria):
            impacts = {term: found[doc] for term, found in lists.items() if doc in found}
            hits.append(Hit(doc, sum(impacts.values()), impacts))
        hits.sort(key=lambda hit: (-hit.score, hit.doc))
        return criteria, hits

    def explain(self, hit: Hit) -> list[str]:
        """How each term's impact comes from the formula, for one item."""
        stats = CorpusStats(self.statistics["count"], tuple(self.statistics["average_lengths"]))
        counts, lengths = document_terms(self.items[hit.doc], frozenset(self.statistics["pairs"]))
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


def _in_sequence(phrase: list[str], item: SearchDocument) -> bool:
    """Whether the folded words of ``phrase`` follow each other in a field of the item."""
    wanted = f" {' '.join(phrase)} "
    return any(wanted in f" {' '.join(words(text)[1])} " for text in item.texts)


def passage(text: str, wanted: list[str], characters: int = PASSAGE_CHARACTERS) -> str:
    """Where the query's words first come in ``text``, about ``characters`` long, each of
    them [in brackets]."""
    folded = {word for item in wanted for word in words(item)[1]}
    found = [match for match in _WORD.finditer(text) if folded.intersection(words(match.group())[1])]
    if not found:
        return ""
    start = max(0, found[0].start() - PASSAGE_BEFORE)
    start = text.rfind(" ", 0, start) + 1 if start else 0
    end = min(len(text), start + characters)
    end = end if end == len(text) else max(text.rfind(" ", start, end), found[0].end())
    shown, at = [], start
    for match in found:
        if match.end() > end:
            break
        shown += [text[at:match.start()], f"[{match.group()}]"]
        at = match.end()
    shown.append(text[at:end])
    return ("… " if start else "") + "".join(shown) + (" …" if end < len(text) else "")


def print_results(search: PortalSearch, query: str, limit: int, explain: bool,
                  out: TextIO) -> int:
    criteria, hits = search.search(query)
    units = {slug: name for slug, name, _ in search.manifest["units"]}
    types = {kind[0]: kind[1] for kind in search.manifest["types"]}
    print(f"{len(hits)} kết quả cho «{query}»", file=out)
    wanted = [*criteria.words, *criteria.phrases]
    for rank, hit in enumerate(hits[:limit], 1):
        item = search.items[hit.doc]
        day = "/".join(reversed(item.day.split("-")))
        facts = [day, units.get(item.unit, item.unit), types.get(item.type, item.type), item.number]
        print(f"\n{rank}. {item.title}  [điểm {hit.score}]", file=out)
        print("   " + " · ".join(fact for fact in facts if fact), file=out)
        print(f"   /{item.url}", file=out)
        shown = passage(item.body, wanted) if wanted else ""
        if shown:
            print(f"   {shown}", file=out)
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
    return print_results(PortalSearch(output, data), query, limit, explain, sys.stdout)
