"""Writes tests/search_vectors.json: the cases the Python and the JS normalisation must agree on.

    PYTHONPATH=plugins .venv/bin/python tests/make_search_vectors.py

Every vowel cluster of Vietnamese, open and closed, with each of the five tones put on each of
its vowels (the modern place and every other one), each written in lower case, upper case and
NFD; then phrases, words that are not Vietnamese, query words and document numbers. The
expected values come from the table below, not from the code under test; the last two
sections (a query's terms, the hash that names index files) are the Python side's answers,
which the browser's must equal.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

from portal.common.search_text import folded_slug
from portal.search.manifest import fnv1a
from portal.search.terms import query_terms

OUTPUT = Path(__file__).with_name("search_vectors.json")
SLUG_TITLES = ["Hội nghị học tập và làm theo tư tưởng, đạo đức Hồ Chí Minh năm 2024",
               "ĐẢNG UỶ khối: “Nêu gương” – Kế hoạch 48-KH/HU", "  Thuỷ lợi & khoẻ mạnh!  ",
               unicodedata.normalize("NFD", "Nguyễn Thị Hoà — 10/10"), "Café Zürich ½ ß"]
TONES = {"huyền": "\u0300", "sắc": "\u0301", "hỏi": "\u0309", "ngã": "\u0303", "nặng": "\u0323"}

# cluster: (vowel that carries the tone when nothing follows, when a consonant follows);
# None where the cluster does not end or start a syllable that way.
CLUSTERS: dict[str, tuple[int | None, int | None]] = {
    "a": (0, 0), "ă": (None, 0), "â": (None, 0), "e": (0, 0), "ê": (0, 0), "i": (0, 0),
    "o": (0, 0), "ô": (0, 0), "ơ": (0, 0), "u": (0, 0), "ư": (0, 0), "y": (0, None),
    "ai": (0, None), "ao": (0, None), "au": (0, None), "âu": (0, None), "ay": (0, None),
    "ây": (0, None), "eo": (0, None), "êu": (0, None), "ia": (0, None), "iê": (None, 1),
    "iu": (0, None), "oa": (1, 1), "oă": (None, 1), "oe": (1, 1), "oi": (0, None),
    "ôi": (0, None), "ơi": (0, None), "oo": (None, 1), "ua": (0, None), "uâ": (None, 1),
    "uê": (1, 1), "ui": (0, None), "uô": (None, 1), "uơ": (1, None), "uy": (1, 1),
    "ưa": (0, None), "ưi": (0, None), "ưu": (0, None), "ươ": (None, 1), "yê": (None, 1),
    "iêu": (1, None), "oai": (1, None), "oay": (1, None), "oeo": (1, None), "uây": (1, None),
    "uôi": (1, None), "uya": (1, None), "uyê": (None, 2), "uyu": (1, None), "ươi": (1, None),
    "ươu": (1, None), "yêu": (1, None),
}
ONSET = {"y": "", "yê": "", "yêu": "", "ia": "m", "ua": "m", "uy": "th", "uya": "kh"}
CODA = {"oo": "ng"}
# qu- and gi- are onsets: their u and i never carry the tone (qủa -> quả, gìa -> già).
GLIDE_ONSETS = [("qu", "a", ""), ("qu", "y", ""), ("qu", "ê", ""), ("qu", "yê", "n"),
                ("qu", "â", "n"), ("gi", "a", ""), ("gi", "ư", ""), ("gi", "ê", "ng"),
                ("gi", "o", "ng"), ("gi", "au", "")]

PHRASES = [
    ("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
     "học tập và làm theo tư tưởng, đạo đức, phong cách hồ chí minh",
     "hoc tap va lam theo tu tuong, dao duc, phong cach ho chi minh"),
    ("HUYỆN ỦY HÒA BÌNH", "huyện uỷ hoà bình", "huyen uy hoa binh"),
    ("Huyện uỷ Hoà Bình", "huyện uỷ hoà bình", "huyen uy hoa binh"),
    ("Sức khỏe, thủy lợi, qủa, gìa", "sức khoẻ, thuỷ lợi, quả, già", "suc khoe, thuy loi, qua, gia"),
    ("ĐẢNG BỘ Đảng uỷ đảng viên", "đảng bộ đảng uỷ đảng viên", "dang bo dang uy dang vien"),
    ("Kế hoạch 48-KH/HU", "kế hoạch 48-kh/hu", "ke hoach 48-kh/hu"),
    ("café, mañana, naïve, COVID-19", "café, mañana, naïve, covid-19",
     "cafe, manana, naive, covid-19"),
    ("e-mail: tòa_soạn@example.vn", "e-mail: toà_soạn@example.vn", "e-mail: toa_soan@example.vn"),
]
TOKENS = [
    ("Học tập, làm theo Bác!", ["học", "tập", "làm", "theo", "bác"]),
    ("Kế hoạch số 48-KH/HU ngày 10/5/2021", ["kế", "hoạch", "số", "48", "kh", "hu", "ngày", "10",
                                             "5", "2021"]),
    ("“Bác Hồ với thế hệ trẻ” — 2021", ["bác", "hồ", "với", "thế", "hệ", "trẻ", "2021"]),
    ("tòa_soạn", ["toà", "soạn"]),
]
TERM_QUERIES = ["Học tập và làm theo", "hoc tap", "HUYỆN ỦY Hòa Bình", "Kế hoạch 48-KH/HU",
                unicodedata.normalize("NFD", "Nguyễn Thị Thuý"), "COVID-19 café"]
BUCKET_KEYS = ["dang", "đảng", "48", "hoc", "a", "", "nguyen", "café", "中文"]
NUMBERS = [
    ("48-KH/HU", "48 kh hu"), ("48 KH HU", "48 kh hu"), ("48-kh/hu", "48 kh hu"),
    ("kế hoạch 48 kh/hu của huyện", "48 kh hu"), ("05-CT/TW", "5 ct tw"),
    ("1847/QĐ-TTg", "1847 qd ttg"), ("1847 qđ ttg", "1847 qd ttg"),
    ("42/2022/NĐ-CP", "42 2022 nd cp"), ("27-HD/BTGTU", "27 hd btgtu"),
    ("học tập và làm theo", None), ("năm 2021", None),
]


def toned(letters: str, at: int, tone: str) -> str:
    """NFC ``letters`` with ``tone`` on the letter at index ``at``."""
    return unicodedata.normalize("NFC", letters[: at + 1] + tone + letters[at + 1:])


def folded(text: str) -> str:
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return bare.replace("đ", "d")


def syllable_cases() -> list[tuple[str, str, str, int]]:
    """(onset, cluster, coda, modern tone place within onset + cluster)."""
    cases = []
    for cluster, places in CLUSTERS.items():
        onset = ONSET.get(cluster, "h")
        for place, coda in zip(places, ("", CODA.get(cluster, "n")), strict=True):
            if place is not None:
                cases.append((onset, cluster, coda, len(onset) + place))
    for onset, cluster, coda in GLIDE_ONSETS:
        place = CLUSTERS[cluster][1 if coda else 0]
        assert place is not None
        cases.append((onset, cluster, coda, len(onset) + place))
    return cases


def vectors() -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for onset, cluster, coda, modern in syllable_cases():
        word = onset + cluster + coda
        glide = 1 if onset in ("qu", "gi") else 0
        places = range(len(onset) - glide, len(onset) + len(cluster))
        for tone in TONES.values():
            expected = toned(word, modern, tone)
            for place in places:
                written = toned(word, place, tone)
                for form in (written, written.upper(), unicodedata.normalize("NFD", written.title())):
                    rows.append({"input": form, "normalized": expected, "folded": folded(expected)})
    rows += [{"input": text, "normalized": norm, "folded": fold}
             for text, norm, fold in PHRASES]
    rows += [{"input": unicodedata.normalize("NFD", text), "normalized": norm, "folded": fold}
             for text, norm, fold in PHRASES]
    return rows


def document() -> dict[str, object]:
    return {
        "about": "Generated by tests/make_search_vectors.py; read by tests/test_search_text.py "
                 "and tests/js/search-text.test.mjs.",
        "normalize": vectors(),
        "tokens": [{"input": text, "tokens": words} for text, words in TOKENS],
        "numbers": [{"query": query, "key": key} for query, key in NUMBERS],
        # What the index writer computes and the browser must compute alike.
        "terms": [{"query": query, "terms": query_terms(query)} for query in TERM_QUERIES],
        "buckets": [{"key": key, "hash": fnv1a(key)} for key in BUCKET_KEYS],
        "slugs": [{"title": title, "slug": folded_slug(title)} for title in SLUG_TITLES],
    }


def render() -> str:
    return json.dumps(document(), ensure_ascii=False, indent=0) + "\n"


if __name__ == "__main__":
    OUTPUT.write_text(render(), encoding="utf-8")
    print(f"wrote {OUTPUT}")
