// The search normalisation, the same as plugins/portal/common/search_text.py:
// NFC, lower case, the tone mark on the vowel the modern rule names (hoà = hòa, uỷ = ủy),
// and a folded form without marks where đ becomes d. tests/search_vectors.json holds the cases.
const TONES = "\u0300\u0301\u0303\u0309\u0323";
const QUALITIES = "\u0302\u0306\u031b";
const VOWELS = "aeiouy";
const SPREAD_CLUSTERS = ["oa", "oe", "uy"];
const MARK = /[\u0300-\u036f]/;
const MARKS = /[\u0300-\u036f]/g;
const WORD = /[a-zđ][a-zđ\u0300-\u036f]*/g;
const TOKEN = /[\p{L}\p{N}]+/gu;
const NUMBER_IN_QUERY = new RegExp(
  "(?<![a-z0-9])(\\d{1,5})[\\s./-]+(?:((?:19|20)\\d{2})[\\s./-]+)?([a-z]{1,8})[\\s./-]+" +
  "([a-z][a-z0-9]*(?:[-/][a-z0-9]+)*)(?![a-z0-9])");

const hasQuality = (marks) => [...QUALITIES].some((q) => marks.includes(q));

function glyphsOf(word) {
  const glyphs = [];
  for (const ch of word) {
    if (MARK.test(ch)) {
      if (!glyphs.length) return null;
      glyphs[glyphs.length - 1][1] += ch;
    } else glyphs.push([ch, ""]);
  }
  return glyphs;
}

function nucleus(glyphs) {
  const bases = glyphs.map((g) => g[0]).join("");
  let start = 0;
  while (start < bases.length && !VOWELS.includes(bases[start])) start++;
  const glide = start > 0 && ["qu", "gi"].includes(bases.slice(start - 1, start + 1)) &&
    !hasQuality(glyphs[start][1]);
  if (glide && start + 1 < bases.length && VOWELS.includes(bases[start + 1])) start++;
  let end = start;
  while (end < bases.length && VOWELS.includes(bases[end])) end++;
  return [start, end];
}

/** Which vowel of the cluster carries the tone, by the modern rule. */
export function tonePosition(cluster, marked, closed) {
  if (marked.length) return marked[marked.length - 1];
  if (cluster.length === 1) return 0;
  if (closed) return cluster.length - 1;
  if (cluster.length === 3) return 1;
  return SPREAD_CLUSTERS.includes(cluster) ? 1 : 0;
}

/** One lower-case NFD word with its single tone mark moved to its place. */
export function retone(word) {
  const tones = [...word].filter((ch) => TONES.includes(ch));
  if (tones.length !== 1) return word;
  const glyphs = glyphsOf(word);
  if (!glyphs || glyphs.some(([base, marks]) => marks && !VOWELS.includes(base))) return word;
  const bases = glyphs.map((g) => g[0]).join("");
  const [start, end] = nucleus(glyphs);
  if (start === end || [...bases.slice(end)].some((b) => VOWELS.includes(b))) return word;
  const marked = [];
  glyphs.slice(start, end).forEach(([, marks], i) => { if (hasQuality(marks)) marked.push(i); });
  const target = start + tonePosition(bases.slice(start, end), marked, end < bases.length);
  for (const glyph of glyphs) glyph[1] = glyph[1].replace(tones[0], "");
  glyphs[target][1] += tones[0];
  return glyphs.map(([base, marks]) => base + marks).join("");
}

/** NFC, lower case, tone marks placed by one rule. */
export const normalize = (text) =>
  text.toLowerCase().normalize("NFD").replace(WORD, retone).normalize("NFC");

/** The normalised text without any mark; đ becomes d. */
export const fold = (text) =>
  normalize(text).normalize("NFD").replace(MARKS, "").replace(/đ/g, "d").normalize("NFC");

/** The text folded, each run of characters other than a-z and 0-9 one hyphen (as
 * portal.common/search_text.py's folded_slug). */
export const foldedSlug = (text) => fold(text).replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");

/** The words (syllables, numbers) of normalised text. */
export const tokens = (normalized) => normalized.match(TOKEN) || [];

/** The document number in a query however it is typed: "48 KH HU" -> "48 kh hu". */
export function queryNumberKey(query) {
  const m = NUMBER_IN_QUERY.exec(fold(query));
  if (!m) return null;
  const [, number, year, kind, issuer] = m;
  return `${Number(number)}${year ? ` ${year}` : ""} ${kind} ${issuer.replace(/[-/]+/g, "-")}`;
}
