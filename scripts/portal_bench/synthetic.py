"""Deterministic synthetic content for the portal, in the format of README "Writing content"."""

from __future__ import annotations

import argparse
import bisect
import json
import random
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import accumulate
from pathlib import Path

DEFAULT_SEED = 20261123
START = datetime(2010, 1, 1)
END = datetime(2026, 12, 31, 23, 59)
TYPES = ("news", "guidance", "exemplar")
STYLES = ("new", "old")
MEAN_BODY_SYLLABLES = 825

TONE_MARKS = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
TONE_WEIGHTS = (30, 20, 18, 10, 7, 15)
STOP_TONES = ("\u0301", "\u0323")
VOWELS = "aăâeêioôơuưy"
VARIANT_CLUSTERS = ("oa", "oe", "uy")
PUNCTUATION = ".,;:!?()\"'"

ONSETS = (
    "", "b", "c", "ch", "d", "đ", "g", "gi", "h", "kh", "l", "m", "n", "ng",
    "nh", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x",
)
GLIDE_ONSETS = ("", "h", "kh", "l", "ng", "nh", "t", "th", "tr", "x", "đ", "s", "ch")
RHYMES = (
    "a", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu",
    "ia", "iu", "oa", "oe", "oi", "ôi", "ơi", "ua", "ui", "uy", "ưa", "ưi", "ưu", "iêu", "oai",
    "uôi", "ươi", "an", "ăn", "ân", "en", "ên", "in", "on", "ôn", "ơn", "un", "am", "ăm", "âm",
    "em", "êm", "im", "om", "ôm", "ơm", "um", "ang", "ăng", "âng", "ong", "ông", "ung", "ưng",
    "anh", "ênh", "inh", "iên", "iêm", "iêng", "uôn", "uông", "ươn", "ương", "oan", "oang",
    "oanh", "uân", "uyên", "ac", "ăc", "âc", "oc", "ôc", "uc", "ưc", "ach", "êch", "ich", "at",
    "ăt", "ât", "et", "êt", "it", "ot", "ôt", "ơt", "ut", "ưt", "ap", "ăp", "âp", "ep", "êp",
    "ip", "op", "ôp", "ơp", "up", "iêt", "iêc", "iêp", "uôt", "uôc", "ươt", "ươc", "oat", "oac",
    "uât", "uyêt"
)

FREQUENT_WORDS = (
    "và, của, các, những, là, có, được, trong, với, cho, đã, để, theo, từ, này, một, "
    "người, năm, về, không, đến, nhiều, cũng, như, tại, khi, đồng thời, trên"
)
WORDS = (
    "học tập, làm theo, tư tưởng, đạo đức, phong cách, Hồ Chí Minh, Bác, Bác Hồ, Đảng, "
    "đảng viên, cán bộ, chi bộ, Đảng uỷ, Huyện uỷ, Tỉnh uỷ, uỷ ban, uỷ viên, ban chấp hành, "
    "nhiệm vụ, nhiệm kỳ, thực hiện, triển khai, tổ chức, hội nghị, quán triệt, tuyên truyền, "
    "xây dựng, chỉnh đốn, phát triển, kinh tế, xã hội, văn hoá, giáo dục, y tế, sức khoẻ, "
    "nhân dân, quần chúng, thanh niên, phụ nữ, cựu chiến binh, nông dân, công nhân, "
    "trách nhiệm, nêu gương, tự phê bình, phê bình, kỷ luật, kỷ cương, dân chủ, đoàn kết, "
    "thống nhất, hoà bình, hoà giải, hoà nhập, chuyển đổi số, cải cách hành chính, "
    "thuỷ lợi, quy hoạch, kế hoạch, hướng dẫn, chỉ thị, kết luận, nghị quyết, quy định, "
    "chuyên đề, điển hình, tiên tiến, tấm gương, người tốt, việc tốt, phong trào, thi đua, "
    "khen thưởng, kết quả, đánh giá, kiểm tra, giám sát, sơ kết, tổng kết, báo cáo, "
    "cơ quan, đơn vị, địa phương, trường học, bệnh viện, xã, phường, thôn, bản, khu dân cư, "
    "hiệu quả, thiết thực, sáng tạo, chủ động, tích cực, nghiêm túc, thường xuyên, "
    "lãnh đạo, chỉ đạo, điều hành, quản lý, phối hợp, vận động, hưởng ứng, tham gia, "
    "nâng cao, chất lượng, năng lực, ý thức, tinh thần, lối sống, tác phong, cần, kiệm, "
    "liêm, chính, chí công vô tư, gần dân, trọng dân, vì dân, lắng nghe, ý kiến, "
    "nguyện vọng, đời sống, vật chất, tinh thần, an sinh, giảm nghèo, nông thôn mới, "
    "hạ tầng, giao thông, môi trường, an ninh, quốc phòng, trật tự, biên giới, "
    "tháng, ngày, quý, giai đoạn, tiếp tục, đẩy mạnh, tăng cường, đổi mới, "
    "toàn diện, sâu rộng, bền vững, lâu dài, cụ thể, rõ ràng, mục tiêu, giải pháp, "
    "yêu cầu, nội dung, hình thức, phương pháp, tiêu chí, chỉ tiêu, hoàn thành, "
    "vượt mức, tuỳ theo, điều kiện, thực tế, khó khăn, thuận lợi, hạn chế, nguyên nhân, "
    "bài học, kinh nghiệm, khoẻ mạnh, hoạ sĩ, hoà thuận, khuyến khích, hỗ trợ, "
    "giúp đỡ, chăm lo, thăm hỏi, tặng quà, gia đình, chính sách, người có công, "
    "học sinh, sinh viên, giáo viên, bác sĩ, điều dưỡng, bệnh nhân, người bệnh, "
    "phục vụ, tận tuỵ, tận tình, chu đáo, niềm tin, uy tín, vững mạnh, trong sạch, "
    "sinh hoạt, định kỳ, chuyên môn, nghiệp vụ, công việc, nhiệm vụ chính trị, "
    "Mặt trận Tổ quốc, đoàn thể, Hội Liên hiệp Phụ nữ, Đoàn Thanh niên, Công đoàn, "
    "làm việc, trao đổi, thảo luận, thống nhất, đề ra, xác định, bảo đảm, góp phần"
)

TAGS = (
    "học tập", "làm theo", "đạo đức", "phong cách", "tư tưởng", "nêu gương", "cán bộ",
    "đảng viên", "thanh niên", "giáo dục", "y tế", "chuyển đổi số", "cải cách hành chính",
    "dân vận", "nông thôn mới", "an sinh xã hội", "văn hoá", "thi đua", "khen thưởng",
    "sinh hoạt chi bộ", "tuyên truyền", "kiểm tra giám sát", "công tác cán bộ",
    "người tốt việc tốt",
)
AUTHORS = (
    "Minh Anh", "Thu Hà", "Quang Huy", "Ngọc Lan", "Đức Thịnh", "Hải Yến", "Văn Toàn",
    "Phương Thảo",
)
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô")
MIDDLE = ("Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quang", "Thu")
GIVEN = ("An", "Bình", "Cường", "Dũng", "Giang", "Hạnh", "Hoà", "Khoa", "Linh", "Mai",
         "Nam", "Phúc", "Quyết", "Sơn", "Tâm", "Thuỷ", "Trung", "Vân", "Xuân", "Yến")
COLLECTIVES = (
    "Chi bộ thôn Đông", "Tổ dân phố số 5", "Khoa Nội tổng hợp", "Đoàn thanh niên xã",
    "Hội Cựu chiến binh phường", "Tổ chuyên môn Ngữ văn", "Chi hội Phụ nữ thôn Trại",
    "Tập thể giáo viên khối 5", "Tổ hoà giải cơ sở",
)
POSITIONS = ("Bí thư chi bộ", "Trưởng thôn", "Giáo viên", "Bác sĩ", "Điều dưỡng",
             "Chủ tịch Hội Nông dân", "Công chức văn hoá", "Đoàn viên")
RECOGNITIONS = ("Bằng khen của Chủ tịch Uỷ ban nhân dân tỉnh", "Giấy khen của Huyện uỷ",
                "Bằng khen của Ban Thường vụ Tỉnh uỷ", "Danh hiệu Chiến sĩ thi đua cơ sở")
SIGNERS = ("Nguyễn Văn Hùng", "Trần Thị Hoa", "Lê Quang Thuỷ", "Phạm Đức Minh", "Bùi Thanh Tùng")

KIND_CODES = {
    "Kế hoạch": "KH", "Hướng dẫn": "HD", "Chỉ thị": "CT", "Kết luận": "KL", "Quy định": "QĐ",
    "Nghị quyết": "NQ", "Thông báo": "TB", "Công văn": "CV", "Quyết định": "QĐ", "Báo cáo": "BC",
}
KINDS = {
    "party": ("Kế hoạch", "Hướng dẫn", "Chỉ thị", "Kết luận", "Quy định", "Nghị quyết",
              "Thông báo", "Công văn"),
    "gov": ("Kế hoạch", "Hướng dẫn", "Quyết định", "Thông báo", "Báo cáo", "Quy định"),
}
YEAR_FORM_KINDS = ("Quyết định", "Quy định")

UNIT_ROWS: tuple[tuple[str, str, str, str], ...] = (
    ("Tỉnh uỷ Sơn Hà", "", "party", "TU"),
    ("Huyện uỷ Hà Đông", "Tỉnh uỷ Sơn Hà", "party", "HU"),
    ("Huyện uỷ Phú Xuyên", "Tỉnh uỷ Sơn Hà", "party", "HU"),
    ("Thành uỷ Sơn Tây", "Tỉnh uỷ Sơn Hà", "party", "TU"),
    ("Đảng uỷ Khối các cơ quan tỉnh", "Tỉnh uỷ Sơn Hà", "party", "ĐUK"),
    ("Sở Giáo dục và Đào tạo", "Tỉnh uỷ Sơn Hà", "gov", "SGDĐT"),
    ("Sở Y tế", "Tỉnh uỷ Sơn Hà", "gov", "SYT"),
    ("Đảng uỷ xã Vạn Phúc", "Huyện uỷ Hà Đông", "party", "ĐU"),
    ("Đảng uỷ xã Hà Đông", "Huyện uỷ Hà Đông", "party", "ĐU"),
    ("Đảng uỷ xã Yên Nghĩa", "Huyện uỷ Hà Đông", "party", "ĐU"),
    ("Đảng uỷ xã Kiến Hưng", "Huyện uỷ Hà Đông", "party", "ĐU"),
    ("Đảng uỷ xã Phú Minh", "Huyện uỷ Phú Xuyên", "party", "ĐU"),
    ("Đảng uỷ xã Chuyên Mỹ", "Huyện uỷ Phú Xuyên", "party", "ĐU"),
    ("Đảng uỷ xã Tri Thuỷ", "Huyện uỷ Phú Xuyên", "party", "ĐU"),
    ("Đảng uỷ thị trấn Phú Xuyên", "Huyện uỷ Phú Xuyên", "party", "ĐU"),
    ("Đảng uỷ phường Quang Trung", "Thành uỷ Sơn Tây", "party", "ĐU"),
    ("Đảng uỷ phường Trung Hưng", "Thành uỷ Sơn Tây", "party", "ĐU"),
    ("Đảng uỷ xã Đường Lâm", "Thành uỷ Sơn Tây", "party", "ĐU"),
    ("Đảng uỷ phường Viên Sơn", "Thành uỷ Sơn Tây", "party", "ĐU"),
    ("Đảng uỷ Sở Tài chính", "Đảng uỷ Khối các cơ quan tỉnh", "party", "ĐU"),
    ("Đảng uỷ Sở Nội vụ", "Đảng uỷ Khối các cơ quan tỉnh", "party", "ĐU"),
    ("Chi bộ Báo Sơn Hà", "Đảng uỷ Khối các cơ quan tỉnh", "party", "CB"),
    ("Trường Trung học phổ thông Chu Văn An", "Sở Giáo dục và Đào tạo", "gov", "THPTCVA"),
    ("Trường Trung học phổ thông Nguyễn Trãi", "Sở Giáo dục và Đào tạo", "gov", "THPTNT"),
    ("Trường Trung học cơ sở Lê Quý Đôn", "Sở Giáo dục và Đào tạo", "gov", "THCSLQĐ"),
    ("Trường Cao đẳng Sư phạm Sơn Hà", "Sở Giáo dục và Đào tạo", "gov", "CĐSP"),
    ("Bệnh viện Đa khoa tỉnh Sơn Hà", "Sở Y tế", "gov", "BVĐK"),
    ("Bệnh viện Y học cổ truyền Sơn Hà", "Sở Y tế", "gov", "BVYHCT"),
    ("Bệnh viện Sản Nhi Sơn Hà", "Sở Y tế", "gov", "BVSN"),
    ("Trung tâm Kiểm soát bệnh tật tỉnh Sơn Hà", "Sở Y tế", "gov", "CDC"),
)
ENDED_UNIT = "Đảng uỷ xã Vạn Phúc"
SUCCESSOR_UNIT = "Đảng uỷ xã Hà Đông"
ENDED_ON = date(2025, 7, 1)

TOPIC_ROWS: tuple[tuple[str, str, int, int], ...] = (
    ("chuyen-de-2010-2013", "nâng cao tinh thần trách nhiệm, chống chủ nghĩa cá nhân",
     2010, 2013),
    ("chuyen-de-2014-2016", "phong cách quần chúng, dân chủ, nêu gương", 2014, 2016),
    ("chuyen-de-2017-2020", "ý thức tôn trọng nhân dân, chăm lo đời sống nhân dân", 2017, 2020),
    ("chuyen-de-2021-2025", "xây dựng Đảng và hệ thống chính trị trong sạch, vững mạnh",
     2021, 2025),
    ("chuyen-de-2026", "tự soi, tự sửa, đổi mới sáng tạo trong chuyển đổi số", 2026, 2026),
    ("lam-theo-bac-trong-nganh", "làm theo Bác trong từng ngành, từng lĩnh vực", 2010, 2026),
)
BROAD_TOPIC = "lam-theo-bac-trong-nganh"


@dataclass(frozen=True)
class Unit:
    slug: str
    name: str
    parent: str
    style: str
    code: str


@dataclass
class Item:
    index: int
    kind: str
    unit: Unit
    when: datetime
    style: str
    day_first: bool
    title: str
    tags: list[str]
    topics: list[str]
    author: str
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def ident(self) -> str:
        return f"{self.kind}-{self.index:06d}"


@dataclass(frozen=True)
class Lexicon:
    words: dict[str, list[tuple[str, ...]]]
    cum_weights: list[float]


def slugify(text: str) -> str:
    """Slug as README "Addresses" describes: marks dropped, đ -> d, the rest -> '-'."""
    stripped = "".join(
        ch for ch in unicodedata.normalize("NFD", text) if unicodedata.category(ch) != "Mn"
    )
    ascii_text = stripped.replace("đ", "d").replace("Đ", "D").lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def count_syllables(text: str) -> int:
    """Whitespace tokens that are all letters once punctuation is stripped."""
    return sum(1 for token in text.split() if token.strip(PUNCTUATION).isalpha())


def _nucleus(base: str) -> tuple[int, str, bool]:
    start = next((i for i, ch in enumerate(base) if ch in VOWELS), len(base))
    if base.startswith("qu") or (base.startswith("gi") and len(base) > 2 and base[2] in VOWELS):
        start = 2
    end = start
    while end < len(base) and base[end] in VOWELS:
        end += 1
    return start, base[start:end], end < len(base)


def _tone_position(base: str, style: str) -> int:
    start, cluster, closed = _nucleus(base)
    for marked in ("ơ", "ê", "â", "ă", "ô", "ư"):
        if marked in cluster:
            return start + cluster.index(marked)
    if len(cluster) <= 1:
        return start
    if closed:
        return start + len(cluster) - 1
    if len(cluster) == 3:
        return start + 1
    if cluster in VARIANT_CLUSTERS and style == "new":
        return start + 1
    return start


def with_tone(base: str, tone: str, style: str) -> str:
    """Put a tone mark on a lower-case toneless syllable; style "new" gives hoà, "old" hòa."""
    if not tone:
        return base
    pos = _tone_position(base, style)
    return unicodedata.normalize("NFC", base[: pos + 1] + tone + base[pos + 1 :])


def restyle(syllable: str, style: str) -> str:
    """The same syllable with its tone mark placed in the given style."""
    decomposed = unicodedata.normalize("NFD", syllable)
    tone = next((ch for ch in decomposed if ch in TONE_MARKS[1:]), "")
    base = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in TONE_MARKS))
    styled = with_tone(base.lower(), tone, style)
    return styled[:1].upper() + styled[1:] if base[:1].isupper() else styled


def _onset_fits(onset: str, rhyme: str) -> bool:
    if onset == "qu":
        return rhyme[0] not in "ouôơư"
    if onset == "gi" and rhyme[0] == "i":
        return False
    glide = rhyme[:2] in ("oa", "oe", "oă", "uy", "uâ") or rhyme in ("uân", "uât")
    return onset in GLIDE_ONSETS if glide else True


def _spell(onset: str, rhyme: str) -> str:
    if rhyme[0] in "eêi":
        onset = {"c": "k", "g": "gh", "ng": "ngh"}.get(onset, onset)
    return onset + rhyme


def _tones_for(rhyme: str) -> tuple[str, ...]:
    return STOP_TONES if rhyme.endswith(("p", "t", "c", "ch")) else TONE_MARKS


def generated_syllables() -> list[tuple[str, str]]:
    """Every (toneless base, tone) pair allowed by the onset, rhyme and tone rules."""
    return [
        (_spell(onset, rhyme), tone)
        for onset in ONSETS
        for rhyme in RHYMES
        if _onset_fits(onset, rhyme)
        for tone in _tones_for(rhyme)
    ]


def _split_words(text: str) -> list[tuple[str, ...]]:
    return [tuple(word.split()) for word in text.split(",") if word.strip()]


def build_lexicon() -> Lexicon:
    frequent = _split_words(FREQUENT_WORDS)
    common = _split_words(WORDS)
    made = generated_syllables()
    tone_weight = dict(zip(TONE_MARKS, TONE_WEIGHTS, strict=True))
    made_total = sum(tone_weight[tone] for _, tone in made)
    real_total = 6.0 * len(frequent) + len(common)
    scale = real_total / 3.0 / made_total
    weights = [6.0] * len(frequent) + [1.0] * len(common)
    weights += [tone_weight[tone] * scale for _, tone in made]
    words = {
        style: [tuple(restyle(s, style) for s in w) for w in frequent + common]
        + [(with_tone(base, tone, style),) for base, tone in made]
        for style in STYLES
    }
    return Lexicon(words, list(accumulate(weights)))


class Writer:
    """Turns a seeded random stream into Vietnamese-like text."""

    def __init__(self, rng: random.Random, lexicon: Lexicon) -> None:
        self.rng = rng
        self.lexicon = lexicon

    def words(self, n: int, style: str) -> list[tuple[str, ...]]:
        picks = self.rng.choices(self.lexicon.words[style], cum_weights=self.lexicon.cum_weights,
                                 k=n)
        words: list[tuple[str, ...]] = []
        left = n
        for word in picks:
            if left <= 0:
                break
            words.append(word[:left])
            left -= len(word)
        return words

    def syllables(self, n: int, style: str) -> list[str]:
        return [syllable for word in self.words(n, style) for syllable in word]

    def phrase(self, n: int, style: str) -> str:
        words = self.syllables(n, style)
        return " ".join([words[0][:1].upper() + words[0][1:], *words[1:]])

    def sentence(self, n: int, style: str) -> str:
        words = [" ".join(word) for word in self.words(n, style)]
        words[0] = words[0][:1].upper() + words[0][1:]
        if len(words) >= 6 and self.rng.random() < 0.5:
            words[self.rng.randint(2, len(words) - 3)] += ","
        return " ".join(words) + "."

    def paragraph(self, n: int, style: str, lead: str = "") -> str:
        parts = [lead] if lead else []
        left = n - count_syllables(lead)
        while left > 0:
            size = min(self.rng.randint(8, 22), left)
            if left - size < 5:
                size = left
            parts.append(self.sentence(size, style))
            left -= size
        return " ".join(parts)


def _paragraph_sizes(rng: random.Random, total: int) -> list[int]:
    sizes: list[int] = []
    left = total
    while left > 0:
        size = left if left <= 90 else min(rng.randint(40, 90), left - 40)
        sizes.append(size)
        left -= size
    return sizes


def make_units() -> list[Unit]:
    slugs = {name: slugify(name) for name, _, _, _ in UNIT_ROWS}
    return [
        Unit(slugs[name], name, slugs.get(parent, ""), style, code)
        for name, parent, style, code in UNIT_ROWS
    ]


def _toml_value(value: str | int) -> str:
    return str(value) if isinstance(value, int) else json.dumps(value, ensure_ascii=False)


def _toml_tables(table: str, rows: Sequence[dict[str, str | int]]) -> str:
    blocks = [
        f"[[{table}]]\n" + "".join(f"{key} = {_toml_value(val)}\n" for key, val in row.items())
        for row in rows
    ]
    return "\n".join(blocks)


def _unit_row(unit: Unit) -> dict[str, str | int]:
    row: dict[str, str | int] = {"slug": unit.slug, "name": unit.name}
    if not unit.parent:
        row["short_name"] = "Tỉnh uỷ"
        row["website"] = "https://sonha.example.vn"
    else:
        row["parent"] = unit.parent
    if unit.name == ENDED_UNIT:
        row["ended"] = ENDED_ON.isoformat()
        row["successor"] = slugify(SUCCESSOR_UNIT)
    return row


def _topic_row(slug: str, about: str, first: int, last: int) -> dict[str, str | int]:
    row: dict[str, str | int] = {
        "slug": slug,
        "title": f"Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về {about}",
        "from_year": first,
        "to_year": last,
    }
    if first != last:
        row["description"] = f"Chuyên đề giai đoạn {first}–{last}."
    return row


def registries(units: Sequence[Unit]) -> tuple[str, str]:
    units_toml = _toml_tables("unit", [_unit_row(unit) for unit in units])
    topics_toml = _toml_tables("topic", [_topic_row(*row) for row in TOPIC_ROWS])
    return units_toml, topics_toml


def _random_when(rng: random.Random, year: int | None = None) -> datetime:
    first = START if year is None else datetime(year, 1, 1)
    last = END if year is None else datetime(year, 12, 31, 23, 59)
    minutes = int((last - first).total_seconds() // 60)
    return first + timedelta(minutes=rng.randrange(minutes + 1))


def _topics_for(rng: random.Random, year: int) -> list[str]:
    if rng.random() >= 0.5:
        return []
    own = [slug for slug, _, first, last in TOPIC_ROWS[:-1] if first <= year <= last]
    return [*own, BROAD_TOPIC] if rng.random() < 0.25 else own


def _has_variant(title: str) -> bool:
    return any(restyle(word, "new") != restyle(word, "old") for word in title.split())


def _flip_style(title: str) -> str:
    target = "old" if title != " ".join(restyle(w, "old") for w in title.split()) else "new"
    return " ".join(restyle(word, target) for word in title.split())


class Planner:
    """Chooses metadata for every item before any body is written."""

    def __init__(self, rng: random.Random, writer: Writer, units: list[Unit]) -> None:
        self.rng = rng
        self.writer = writer
        self.units = units
        self.successor = next(u for u in units if u.name == SUCCESSOR_UNIT)
        self.seen: dict[str, list[Item]] = {kind: [] for kind in TYPES}
        self.variants: dict[str, list[Item]] = {kind: [] for kind in TYPES}

    def kinds(self, count: int) -> list[str]:
        tenth = count // 10
        kinds = ["guidance"] * tenth + ["exemplar"] * tenth + ["news"] * (count - 2 * tenth)
        self.rng.shuffle(kinds)
        return kinds

    def plan(self, count: int) -> list[Item]:
        return [self.item(index, kind) for index, kind in enumerate(self.kinds(count), 1)]

    def _fresh_title(self, kind: str, style: str) -> tuple[str, str]:
        size = self.rng.randint(8, 16)
        if kind != "guidance":
            return self.writer.phrase(size, style), ""
        label = self.rng.choice(KINDS[self.rng.choice(("party", "gov"))])
        rest = self.writer.syllables(size - 2, style)
        return " ".join([label, *rest]), label

    def _title_and_year(self, kind: str, style: str) -> tuple[str, int | None, str]:
        roll = self.rng.random()
        if roll < 0.04 and self.seen[kind]:
            source = self.rng.choice(self.seen[kind])
            return source.title, None, source.extra.get("Kind", "")
        if roll < 0.06 and self.variants[kind]:
            source = self.rng.choice(self.variants[kind])
            return _flip_style(source.title), source.when.year, source.extra.get("Kind", "")
        title, label = self._fresh_title(kind, style)
        return title, None, label

    def _unit_for(self, when: datetime) -> Unit:
        unit = self.rng.choice(self.units)
        if unit.name == ENDED_UNIT and when.date() >= ENDED_ON:
            return self.successor
        return unit

    def item(self, index: int, kind: str) -> Item:
        style = "new" if self.rng.random() < 0.6 else "old"
        title, year, label = self._title_and_year(kind, style)
        when = _random_when(self.rng, year)
        item = Item(
            index=index, kind=kind, unit=self._unit_for(when), when=when, style=style,
            day_first=self.rng.random() < 0.5, title=title,
            tags=self.rng.sample(TAGS, self.rng.randint(1, 3)),
            topics=_topics_for(self.rng, when.year),
            author=self.rng.choice(AUTHORS) if self.rng.random() < 0.4 else "",
        )
        self._add_extra(item, label)
        self.seen[kind].append(item)
        if _has_variant(title):
            self.variants[kind].append(item)
        return item

    def _add_extra(self, item: Item, label: str) -> None:
        if item.kind == "guidance":
            item.extra["Kind"] = label or self.rng.choice(KINDS[item.unit.style])
            item.extra["Issuer"] = item.unit.name
            item.extra["Issued"] = _format_date(item.when, item.day_first, with_time=False)
            if self.rng.random() < 0.5:
                item.extra["Signer"] = self.rng.choice(SIGNERS)
        elif item.kind == "exemplar":
            self._add_exemplar(item)

    def _add_exemplar(self, item: Item) -> None:
        individual = self.rng.random() < 0.7
        if individual:
            parts = (self.rng.choice(FAMILY), self.rng.choice(MIDDLE), self.rng.choice(GIVEN))
            item.extra["Subject"] = " ".join(parts)
        else:
            item.extra["Subject"] = self.rng.choice(COLLECTIVES)
        item.extra["Subject_kind"] = "individual" if individual else "collective"
        if individual and self.rng.random() < 0.6:
            item.extra["Position"] = self.rng.choice(POSITIONS)
        if self.rng.random() < 0.5:
            item.extra["Recognition"] = self.rng.choice(RECOGNITIONS)
            item.extra["Year"] = str(item.when.year)


def _number(rng: random.Random, unit: Unit, label: str, seq: int, year: int) -> str:
    code = KIND_CODES[label]
    if unit.style == "party":
        return f"{seq:02d}-{code}/{unit.code}"
    if label in YEAR_FORM_KINDS and rng.random() < 0.5:
        return f"{seq}/{year}/{code}-{unit.code}"
    return f"{seq}/{code}-{unit.code}"


def assign_numbers(rng: random.Random, items: Sequence[Item]) -> None:
    """Numbers rise through each issuer's year, so each is unique per (issuer, year)."""
    counters: dict[tuple[str, int], int] = {}
    for item in sorted((i for i in items if i.kind == "guidance"), key=lambda i: (i.when, i.index)):
        key = (item.unit.slug, item.when.year)
        first = rng.randint(1, 30) if item.unit.style == "party" else rng.randint(100, 1500)
        counters[key] = counters[key] + rng.randint(1, 9) if key in counters else first
        item.extra["Number"] = _number(rng, item.unit, item.extra["Kind"], counters[key],
                                       item.when.year)


def _format_date(when: datetime, day_first: bool, with_time: bool = True) -> str:
    day = when.strftime("%d/%m/%Y") if day_first else when.strftime("%Y-%m-%d")
    return f"{day} {when:%H:%M}" if with_time else day


def metadata(item: Item) -> list[str]:
    lines = [
        f"Title: {item.title}",
        f"Id: {item.ident}",
        f"Date: {_format_date(item.when, item.day_first)}",
        f"Type: {item.kind}",
        f"Unit: {item.unit.slug}",
    ]
    if item.author:
        lines.append(f"Author: {item.author}")
    if item.topics:
        lines.append(f"Topics: {', '.join(item.topics)}")
    lines.append(f"Tags: {', '.join(item.tags)}")
    order = ("Number", "Kind", "Issuer", "Issued", "Signer", "Subject", "Subject_kind",
             "Position", "Recognition", "Year")
    lines += [f"{key}: {item.extra[key]}" for key in order if key in item.extra]
    return lines


class BodyMaker:
    """Writes bodies; some cite guidance documents issued before the item's date."""

    def __init__(self, rng: random.Random, writer: Writer, items: Sequence[Item]) -> None:
        self.rng = rng
        self.writer = writer
        self.guidance = sorted((i for i in items if i.kind == "guidance"),
                               key=lambda i: (i.when, i.index))
        self.guidance_dates = [i.when for i in self.guidance]

    def _citation(self, item: Item) -> str:
        earlier = bisect.bisect_left(self.guidance_dates, item.when)
        if earlier == 0 or self.rng.random() >= 0.3:
            return ""
        doc = self.guidance[self.rng.randrange(earlier)]
        opener = self.rng.choice(("Thực hiện", "Căn cứ", "Quán triệt"))
        issued = doc.when.strftime("%d/%m/%Y")
        return f"{opener} {doc.extra['Kind']} số {doc.extra['Number']} ngày {issued} " \
               f"của {doc.extra['Issuer']}."

    def _headings(self, style: str) -> list[str]:
        return [f"## {self.writer.phrase(self.rng.randint(4, 8), style)}"
                for _ in range(self.rng.randint(2, 4))]

    def body(self, item: Item) -> str:
        headings = self._headings(item.style)
        total = self.rng.randint(700, 950) - sum(count_syllables(h) for h in headings)
        sizes = _paragraph_sizes(self.rng, total)
        lead = self._citation(item)
        cite_at = self.rng.randrange(len(sizes)) if lead else -1
        blocks = [
            self.writer.paragraph(size, item.style, lead if n == cite_at else "")
            for n, size in enumerate(sizes)
        ]
        slots = sorted(self.rng.sample(range(1, len(blocks)), len(headings)), reverse=True)
        for slot, heading in zip(slots, headings, strict=True):
            blocks.insert(slot, heading)
        return "\n\n".join(blocks) + "\n"


def item_path(target: Path, item: Item) -> Path:
    name = f"{slugify(item.title)[:60].rstrip('-')}-{item.index:06d}.md"
    return target / item.kind / item.unit.slug / str(item.when.year) / name


def _check_empty(target: Path) -> None:
    if target.exists() and any(target.iterdir()):
        raise FileExistsError(f"{target} is not empty")


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def generate(target: Path, count: int, seed: int = DEFAULT_SEED) -> None:
    """Write units.toml, topics.toml and `count` items under `target` (an empty folder)."""
    target = Path(target)
    _check_empty(target)
    rng = random.Random(seed)
    units = make_units()
    writer = Writer(rng, build_lexicon())
    items = Planner(rng, writer, units).plan(count)
    assign_numbers(rng, items)
    units_toml, topics_toml = registries(units)
    _write(target / "units.toml", units_toml)
    _write(target / "topics.toml", topics_toml)
    bodies = BodyMaker(rng, writer, items)
    for item in items:
        _write(item_path(target, item), "\n".join(metadata(item)) + "\n\n" + bodies.body(item))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic content folder.")
    parser.add_argument("--count", type=int, default=5000, help="number of items")
    parser.add_argument("--out", type=Path, required=True, help="an empty or new folder")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    generate(args.out, args.count, args.seed)
    print(f"wrote {args.count} items to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
