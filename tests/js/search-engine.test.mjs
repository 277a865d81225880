// Which files the readers' search reads for a query: one per two-syllable word typed in
// sequence, one per other syllable, and the document number's.
import assert from "node:assert/strict";
import { test } from "node:test";
import { queryFiles } from "../../theme/static/js/search-engine.js";

const PAIRS = new Set(["hoc tap", "lam theo", "ke hoach"]);

test("a two-syllable word typed in sequence is one file, typed with or without marks", () => {
  assert.deepEqual(queryFiles("Học tập và làm theo", PAIRS), ["hoc tap", "va", "lam theo"]);
  assert.deepEqual(queryFiles("hoc tap lam theo", PAIRS), ["hoc tap", "lam theo"]);
  assert.deepEqual(queryFiles("tập học", PAIRS), ["tap", "hoc"]);
});

test("each word once, and the file of a document number typed any way", () => {
  assert.deepEqual(queryFiles("đảng đảng", PAIRS), ["dang"]);
  assert.deepEqual(queryFiles("kế hoạch 05-CT/TW", PAIRS), ["ke hoach", "05", "ct", "tw", "5"]);
  assert.deepEqual(queryFiles("48 KH HU", PAIRS), ["48", "kh", "hu"]);
});

const DAY = 864e5;
const day = (year, month, date) => Date.UTC(year, month - 1, date) / DAY;
const monthNumber = (year, month) => year * 12 + month - 1;
const MANIFEST = {
  v: "1", base: "/", n: 10000, pairs: ["dang vien"], units: [["a", "A", -1]],
  types: [["news", "Tin", "tin-tuc"]], topics: [],
  // Items are numbered newest first: March 2024 holds 0-4095, February 4096-8191, January the rest.
  months: [[monthNumber(2024, 3), 0], [monthNumber(2024, 2), 4096], [monthNumber(2024, 1), 8192]],
};
const chunk = (date) => Array.from({ length: 4096 }, () => [date, 0, 0]);

/** A search index over ``files`` (path -> parsed JSON) that records each file it reads. */
async function indexOf(files) {
  const { SearchIndex } = await import("../../theme/static/js/search-engine.js");
  const read = [];
  const index = new SearchIndex(MANIFEST, async (path) => {
    const name = path.slice(1).split("?")[0];
    read.push(name);
    return files[name] ?? null;
  });
  return [index, read];
}

/** A word file: terms [term, df, [doc, impact, ...]] (docs in order), display data by item. */
function wordFile(terms, records, extra = {}) {
  const named = [...new Set(terms.flatMap(([, , pairs]) => pairs.filter((_, i) => i % 2 === 0)))].sort((a, b) => a - b);
  const gapped = (docs) => docs.map((doc, i) => doc - (i ? docs[i - 1] : 0));
  const t = terms.map(([term, df, pairs]) => [term, df, pairs.map((v, i) => (i % 2 === 0 && i ? v - pairs[i - 2] : v))]);
  const a = named.map((doc, i) => [doc - (i ? named[i - 1] : 0), (i ? day(2024, 3, 20) : 0) - day(2024, 3, 20), 0, 0]);
  const docs = Object.keys(records).map(Number).sort((x, y) => x - y);
  return { t, a, r: [gapped(docs), ...[0, 1, 2, 3].map((c) => docs.map((doc) => records[doc][c]))], ...extra };
}

test("items that score 0: a date filter reads no filter data of the months it keeps whole", async () => {
  const { fnv1a } = await import("../../theme/static/js/search-engine.js");
  const key = fnv1a("dang");
  // One champion (item 10, in March); three items have the word: 10, 5000 and 9000.
  const files = {
    [`g/${key}.json`]: wordFile([["~dang", 3, [10, 5]]], { 10: ["A", "", "", ""] }),
    [`m/${key}.json`]: [10, 4990, 4000],
    "a/0.json": chunk(day(2024, 3, 20)), "a/1.json": chunk(day(2024, 2, 5)), "a/2.json": chunk(day(2024, 1, 9)),
    "r/312.json": Array.from({ length: 16 }, (_, i) => [[`Bài ${4992 + i}`, "", "", ""], [day(2024, 2, 5), 0, 0]]),
  };
  let [index, read] = await indexOf(files);
  let found = await index.search("đảng", { from: day(2024, 2, 1), to: day(2024, 2, 29) }, 0, 10);
  assert.deepEqual(found.results.map((r) => [r.doc, r.score]), [[5000, 0]]);
  assert.equal(found.results[0].display[0], "Bài 5000");
  assert.deepEqual(found.results[0].attributes, [day(2024, 2, 5), 0, 0]);
  assert.deepEqual(read, [`g/${key}.json`, `m/${key}.json`, "r/312.json"]);

  [index, read] = await indexOf(files);
  found = await index.search("đảng", { from: day(2024, 2, 1), to: day(2024, 2, 4) }, 0, 10);
  assert.deepEqual(found.results, []);
  assert.deepEqual(read, [`g/${key}.json`, `m/${key}.json`, "a/1.json"]);
});

test("a word in almost every item lists the items it lacks: no m/ file is read", async () => {
  const { fnv1a } = await import("../../theme/static/js/search-engine.js");
  const key = fnv1a("dang");
  const files = {
    [`w/${key}.json`]: wordFile([["~dang", 9998, [10, 5]]], { 10: ["A", "", "", ""] }, { x: { dang: [0, 2] } }),
    "r/0.json": Array.from({ length: 16 }, (_, i) => [[`Bài ${i}`, "", "", ""], [day(2024, 3, 20), 0, 0]]),
  };
  const [index, read] = await indexOf(files);
  const found = await index.search("dang", {}, 0, 4);
  // Item 10 scores; then the newest items but 0 and 2, which lack the word.
  assert.deepEqual(found.results.map((r) => r.doc), [10, 1, 3, 4]);
  assert.deepEqual(read, [`w/${key}.json`, "r/0.json"]);
});

test("a spelling a two-syllable word's file leaves out is read from its syllable's file", async () => {
  const { fnv1a, itemUrl } = await import("../../theme/static/js/search-engine.js");
  const pair = fnv1a("dang vien");
  const files = {
    [`w/${pair}.json`]: wordFile([["=đảng", 2, [1, 9]], ["~dang", 2, [1, 3, 2, 3]], ["~dang vien", 1, [1, 20]]],
      { 1: ["Đảng viên mới", "", "", ""], 2: ["Đang làm", "", "", ""] }, { s: ["dang"] }),
    [`w/${fnv1a("dang")}.json`]: wordFile([["=đang", 1, [2, 30]], ["=đảng", 2, [1, 9]]], { 2: ["Đang làm", "", "", ""] }),
  };
  let [index, read] = await indexOf(files);
  let found = await index.search("đang viên", {}, 0, 10);
  assert.deepEqual(found.results.map((r) => [r.doc, r.score]), [[2, 33], [1, 23]]);
  assert.deepEqual(read, [`w/${pair}.json`, `w/${fnv1a("dang")}.json`]);
  assert.equal(itemUrl(MANIFEST, found.results[0].attributes, found.results[0].display), "tin-tuc/2024/dang-lam/");

  [index, read] = await indexOf(files);
  found = await index.search("đảng viên", {}, 0, 10);
  assert.deepEqual(found.results.map((r) => [r.doc, r.score]), [[1, 32], [2, 3]]);
  assert.deepEqual(read, [`w/${pair}.json`]);
});
