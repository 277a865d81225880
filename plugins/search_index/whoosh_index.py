"""The Whoosh index for ``portal search``: every use of Whoosh is in this module.

Its analyzer normalises the whole value before tokenising (Whoosh's own tokenizer would cut
NFD text inside letters: "Nguyễn" -> "nguye", "n"), then folds each word: a query typed with
or without marks finds the same items. Whoosh finds the items a query and its filters match;
the ranking is the portal's own (``ranking.py``), the same that readers get.

The text is indexed light, for speed: each item's distinct folded words, without counts or
positions, and no length column (Whoosh would otherwise look for one on disk for every
posting). A phrase is found by its words, then checked in the item's text.

    python -m search_index.whoosh_index DATA_FOLDER
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from whoosh import fields, formats, index, query
from whoosh.analysis import Filter, Token, Tokenizer
from whoosh.codec.whoosh3 import W3Codec
from whoosh.highlight import ContextFragmenter, Formatter, get_text, highlight

from portal_common.search_text import fold_normalized, normalize, tokens
from search_index.documents import SearchDocument, read_documents
from search_index.static_index import peak_mib

WHOOSH_FOLDER = "whoosh"
DOCUMENTS_FILE = "documents.jsonl"
ITEMS_FILE = "whoosh-items.json"
WRITER_MEMORY_MB = 128
SEGMENT_ITEMS = 1500  # about 500,000 postings: what WRITER_MEMORY_MB holds without spilling
INCREMENTAL_SHARE = 0.2
_TOKEN = re.compile(r"[^\W_]+")


class VietnameseTokenizer(Tokenizer):
    """Normalises the value (NFC, lower case, one tone placement), then yields its words."""

    def __call__(self, value: str, positions: bool = False, chars: bool = False,
                 keeporiginal: bool = False, removestops: bool = True, start_pos: int = 0,
                 start_char: int = 0, tokenize: bool = True, mode: str = "",
                 **kwargs: Any) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        text = normalize(value)
        matches = _TOKEN.finditer(text) if tokenize else [re.match(r"(?s).*", text)]
        for number, match in enumerate(matches):
            if match is None:
                continue
            token.text = match.group()
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = token.text
            if positions:
                token.pos = start_pos + number
            if chars:
                token.startchar = start_char + match.start()
                token.endchar = start_char + match.end()
            yield token


_fold_word = lru_cache(maxsize=1 << 16)(fold_normalized)  # a few thousand syllables, folded once


class FoldFilter(Filter):
    """Drops every mark of a normalised word; đ becomes d."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for token in tokens:
            token.text = _fold_word(token.text)
            yield token


def analyzer() -> Any:
    return VietnameseTokenizer() | FoldFilter()


class FoldedWords(fields.FieldType):
    """The distinct folded words of a text, each once: what finding items by word needs."""

    def __init__(self) -> None:
        self.format = formats.Existence()
        self.analyzer = analyzer()

    def index(self, value: str, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        for word in set(map(_fold_word, tokens(normalize(value)))):
            yield word.encode("utf-8"), 1, 1.0, b""


class LightCodec(W3Codec):
    """Whoosh's codec without per-field lengths: the portal ranks with its own formula."""

    length_stats = False


def _writer(ix: Any) -> Any:
    return ix.writer(limitmb=WRITER_MEMORY_MB, codec=LightCodec())


def schema() -> fields.Schema:
    return fields.Schema(
        url=fields.ID(unique=True),
        text=FoldedWords(),
        unit=fields.KEYWORD(commas=True),
        type=fields.ID,
        topic=fields.KEYWORD(commas=True),
        day=fields.ID,
        number=fields.ID,
        stored=fields.STORED,
    )


def _fields(document: SearchDocument) -> dict[str, Any]:
    return {
        "url": document.url,
        "text": "\n".join(document.texts), "unit": ",".join(document.units),
        "type": document.type, "topic": ",".join(document.topics), "day": document.day,
        "number": document.number_key,
        "stored": {"url": document.url, "title": document.title, "summary": document.summary,
                   "body": document.body, "unit": document.unit, "type": document.type,
                   "day": document.day, "number": document.number,
                   "number_key": document.number_key},
    }


def _stamp(values: dict[str, Any]) -> str:
    text = json.dumps(values, ensure_ascii=False, sort_keys=True)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def _items(data: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    for document in read_documents(data / DOCUMENTS_FILE):
        yield document.url, _fields(document)


def build(data: Path) -> dict[str, int]:
    """Bring the Whoosh index up to date with the items in ``data``: when few items changed
    since the last build, only those are deleted and added again; otherwise a new index is
    written and swapped in when complete. ``ITEMS_FILE`` (each item's address and a hash of
    its values) says what the index holds; it is removed while the index is being changed, so
    an interrupted update leads to a full one next time."""
    stamps = {url: _stamp(values) for url, values in _items(data)}
    target, record = data / WHOOSH_FOLDER, data / ITEMS_FILE
    try:
        held: dict[str, str] = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        held = {}
    gone = [url for url, stamp in held.items() if stamps.get(url) != stamp]
    new = {url for url, stamp in stamps.items() if held.get(url) != stamp}
    record.unlink(missing_ok=True)
    if held and target.is_dir() and len(gone) + len(new) <= INCREMENTAL_SHARE * len(stamps):
        writer = _writer(index.open_dir(target))
        for url in gone:
            writer.delete_by_term("url", url)
        for url, values in _items(data):
            if url in new:
                writer.add_document(**values)
        writer.commit()
    else:
        building = data / f"{WHOOSH_FOLDER}.new"
        shutil.rmtree(building, ignore_errors=True)
        building.mkdir(parents=True)
        writer = _writer(index.create_in(building, schema()))
        for count, (_, values) in enumerate(_items(data), 1):
            writer.add_document(**values)
            if count % SEGMENT_ITEMS == 0:  # a segment whose postings Whoosh sorts in memory
                writer.commit(merge=False)
                writer = _writer(index.open_dir(building))
        writer.commit(merge=False)
        shutil.rmtree(target, ignore_errors=True)
        building.rename(target)
        new = set(stamps)
    record.write_text(json.dumps(stamps), encoding="utf-8")
    return {"items": len(stamps), "indexed": len(new)}


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


def _folded_words(text: str) -> list[str]:
    return [token.text for token in analyzer()(text)]


class WhooshSearch:
    """An open index; ``matching`` gives the item numbers that satisfy a query's criteria.
    Whoosh numbers its documents in the order they were added; an item's number (newest first)
    is found by its address."""

    def __init__(self, data: Path) -> None:
        self.index = index.open_dir(data / WHOOSH_FOLDER)
        self.searcher = self.index.searcher()
        numbers = {document.url: document.doc for document in read_documents(data / DOCUMENTS_FILE)}
        self.item_of = {docnum: numbers[values["stored"]["url"]]
                        for docnum, values in self.searcher.reader().iter_docs()}
        self.docnum_of = {item: docnum for docnum, item in self.item_of.items()}

    def close(self) -> None:
        self.searcher.close()

    def _query(self, criteria: Criteria) -> query.Query:
        required: list[query.Query] = []
        words = [query.Term("text", word) for text in criteria.words for word in _folded_words(text)]
        if criteria.number:
            words.append(query.Term("number", criteria.number))
        if words:
            required.append(query.Or(words))
        for phrase in criteria.phrases:
            required.extend(query.Term("text", word) for word in _folded_words(phrase))
        for name, values in (("unit", criteria.units), ("type", criteria.types),
                             ("topic", criteria.topics)):
            if values:
                required.append(query.Or([query.Term(name, value) for value in values]))
        if criteria.first_day or criteria.last_day:
            required.append(query.TermRange("day", criteria.first_day or None,
                                            criteria.last_day or None))
        return query.And(required) if required else query.Every()

    def matching(self, criteria: Criteria) -> list[int]:
        phrases = [f" {' '.join(_folded_words(phrase))} " for phrase in criteria.phrases]
        return sorted(self.item_of[docnum] for docnum in self._query(criteria).docs(self.searcher)
                      if all(phrase in self._folded_text(docnum) for phrase in phrases))

    def _folded_text(self, docnum: int) -> str:
        """The item's folded words, one space around each (a phrase is found with its spaces)."""
        stored = self.searcher.stored_fields(docnum)["stored"]
        texts = (stored["title"], stored["summary"], stored["body"])
        return "".join(f" {' '.join(_folded_words(text))} " for text in texts)

    def stored(self, doc: int) -> dict[str, Any]:
        return self.searcher.stored_fields(self.docnum_of[doc])["stored"]

    def highlight(self, text: str, words: list[str], characters: int = 200) -> str:
        """The best passages of ``text`` with the query's words [in brackets]."""
        terms = frozenset(word for item in words for word in _folded_words(item))
        fragmenter = ContextFragmenter(maxchars=characters, surround=60)
        return highlight(text, terms, analyzer(), fragmenter, _Brackets(), top=2)


class _Brackets(Formatter):
    between = " … "

    def format_token(self, text: str, token: Token, replace: bool = False) -> str:
        return f"[{get_text(text, token, replace)}]"


def main(argv: list[str]) -> int:
    started = time.monotonic()
    figures = build(Path(argv[0]))
    print(json.dumps({**figures, "seconds": round(time.monotonic() - started, 2),
                      "peak_mib": peak_mib()}))
    return 0


if __name__ == "__main__":
    # Through the module's own name: the index keeps its schema pickled, analyzer classes
    # included, and ``portal search`` finds them under that name.
    from search_index import whoosh_index

    raise SystemExit(whoosh_index.main(sys.argv[1:]))
