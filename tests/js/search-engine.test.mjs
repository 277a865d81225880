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
async function indexOf(files, manifest = MANIFEST) {
  const { SearchIndex } = await import("../../theme/static/js/search-engine.js");
  const read = [];
  const index = new SearchIndex(manifest, async (path) => {
    const name = path.slice(1).split("?")[0];
    read.push(name);
    return files[name] ?? null;
  });
  return [index, read];
}

/** A word file: terms [term, df, [doc, impact, ...], champions in all (a scope's file)]
 * (docs in order), display data by item. */
function wordFile(terms, records, extra = {}) {
  const named = [...new Set(terms.flatMap(([, , pairs]) => pairs.filter((_, i) => i % 2 === 0)))].sort((a, b) => a - b);
  const gapped = (docs) => docs.map((doc, i) => doc - (i ? docs[i - 1] : 0));
  const t = terms.map(([term, df, pairs, ...champions]) =>
    [term, df, pairs.map((v, i) => (i % 2 === 0 && i ? v - pairs[i - 2] : v)), ...champions]);
  const a = named.map((doc, i) => [doc - (i ? named[i - 1] : 0), (i ? day(2024, 3, 20) : 0) - day(2024, 3, 20), 0, 0]);
  const docs = Object.keys(records).map(Number).sort((x, y) => x - y);
  return { t, a, r: [gapped(docs), ...[0, 1, 2, 3].map((c) => docs.map((doc) => records[doc][c]))], ...extra };
}

test("items that score 0: a date filter reads no filter data of the months it keeps whole", async () => {
  const { fnv1a } = await import("../../theme/static/js/search-engine.js");
  const key = fnv1a("dang");
  // One champion (item 10, in March); three items have the word: 10, 5000 and 9000.
  const files = {
    [`y/2024/${key}.json`]: wordFile([["~dang", 3, [10, 5]]], { 10: ["A", "", "", ""] }),
    [`m/${key}.json`]: [10, 4990, 4000],
    "a/0.json": chunk(day(2024, 3, 20)), "a/1.json": chunk(day(2024, 2, 5)), "a/2.json": chunk(day(2024, 1, 9)),
    "r/312.json": Array.from({ length: 16 }, (_, i) => [[`Bài ${4992 + i}`, "", "", ""], [day(2024, 2, 5), 0, 0]]),
  };
  let [index, read] = await indexOf(files);
  let found = await index.search("đảng", { from: day(2024, 2, 1), to: day(2024, 2, 29) }, 0, 10);
  assert.deepEqual(found.results.map((r) => [r.doc, r.score]), [[5000, 0]]);
  assert.equal(found.results[0].display[0], "Bài 5000");
  assert.deepEqual(found.results[0].attributes, [day(2024, 2, 5), 0, 0]);
  assert.deepEqual(read, [`y/2024/${key}.json`, `m/${key}.json`, "r/312.json"]);

  [index, read] = await indexOf(files);
  found = await index.search("đảng", { from: day(2024, 2, 1), to: day(2024, 2, 4) }, 0, 10);
  assert.deepEqual(found.results, []);
  assert.deepEqual(read, [`y/2024/${key}.json`, `m/${key}.json`, "a/1.json"]);
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

// A top unit (0), a branch under it (1) with a unit of its own (2), another branch (3).
const UNITS = [["tinh", "Tỉnh", -1], ["huyen", "Huyện", 0], ["xa", "Xã", 1], ["so", "Sở", 0]];

test("a filter reads the word files of its scope: a unit's branch, a topic, one or two years", async () => {
  const { scopeFolders, unitFamily } = await import("../../theme/static/js/search-engine.js");
  const units = (index) => unitFamily(UNITS, index);
  assert.deepEqual(scopeFolders(UNITS, { units: units(2) }), ["u/1"]);
  assert.deepEqual(scopeFolders(UNITS, { units: units(1), topic: 4 }), ["u/1"]);
  assert.deepEqual(scopeFolders(UNITS, { units: units(3) }), ["u/3"]);
  // The top unit keeps every item under it: its first page is the unfiltered one.
  assert.deepEqual(scopeFolders(UNITS, { units: units(0) }), ["w"]);
  assert.deepEqual(scopeFolders(UNITS, { units: units(0), topic: 4 }), ["t/4"]);
  assert.deepEqual(scopeFolders(UNITS, { from: day(2024, 2, 1), to: day(2024, 2, 29) }), ["y/2024"]);
  assert.deepEqual(scopeFolders(UNITS, { from: day(2023, 12, 1), to: day(2024, 1, 31) }), ["y/2023", "y/2024"]);
  assert.deepEqual(scopeFolders(UNITS, { from: day(2022, 12, 1), to: day(2024, 1, 31) }), ["w"]);
  assert.deepEqual(scopeFolders(UNITS, { from: day(2024, 2, 1) }), ["w"]);
  assert.deepEqual(scopeFolders(UNITS, { type: 0 }), ["w"]);
});

test("a scope's file adds to what the w/ file gave: other items keep their scores", async () => {
  const { fnv1a, unitFamily } = await import("../../theme/static/js/search-engine.js");
  const key = fnv1a("dang");
  const record = (title) => [title, "", "", ""];
  const files = {
    [`w/${key}.json`]: wordFile([["~dang", 3, [1, 9, 2, 7, 3, 5]]], { 1: record("Một"), 2: record("Hai"), 3: record("Ba") }),
    // Items 2 and 3 are in the branch of unit 1; the file holds only them.
    [`u/1/${key}.json`]: wordFile([["~dang", 3, [2, 7, 3, 5], 3]], { 2: record("Hai"), 3: record("Ba") }),
  };
  // Item 1 is the top unit's, 2 unit 2's, 3 unit 1's (gap, day gap, unit, type).
  files[`w/${key}.json`].a = [[1, 0, 0, 0], [1, 0, 2, 0], [1, 0, 1, 0]];
  files[`u/1/${key}.json`].a = [[2, 0, 2, 0], [1, 0, 1, 0]];
  const manifest = { ...MANIFEST, units: UNITS };
  const [index, read] = await indexOf(files, manifest);
  const all = await index.search("dang", {}, 0, 10);
  assert.deepEqual(all.results.map((r) => [r.doc, r.score]), [[1, 9], [2, 7], [3, 5]]);
  const branch = await index.search("dang", { units: unitFamily(UNITS, 1) }, 0, 10);
  assert.deepEqual(branch.results.map((r) => [r.doc, r.score, r.display[0]]), [[2, 7, "Hai"], [3, 5, "Ba"]]);
  assert.deepEqual((await index.search("dang", {}, 0, 10)).results, all.results);
  assert.deepEqual(read, [`w/${key}.json`, `u/1/${key}.json`]);
});

test("a unit's items that score 0 come from its words' lists in the scope's files", async () => {
  const { fnv1a, unitFamily } = await import("../../theme/static/js/search-engine.js");
  const [dang, hoc] = [fnv1a("dang"), fnv1a("hoc")];
  const record = (doc) => [`Bài ${doc}`, "", "", ""];
  const records = (docs) => Object.fromEntries(docs.map((doc) => [doc, record(doc)]));
  const rows = (docs) => docs.map((doc, i) => [doc - (i ? docs[i - 1] : 0), 0, 2, 0]);
  // In unit 2, "dang" counts for item 3 and finds items 5, 8, 12 and 20 first beyond it (and
  // older ones: the list is cut); "hoc" counts for item 8 and finds only 6 and 30 beyond it.
  const files = {
    [`u/1/${dang}.json`]: wordFile([["~dang", 5000, [3, 7], 200]], records([3, 5, 8, 12, 20]),
      { z: { dang: { u2: [0, 5, 3, 4, 8] } } }),
    [`u/1/${hoc}.json`]: wordFile([["~hoc", 3000, [8, 4], 200]], records([8, 6, 30]),
      { z: { hoc: { u2: [1, 6, 24] } } }),
    [`m/${dang}.json`]: [3, 2, 3, 4, 8, 100],
    [`m/${hoc}.json`]: [6, 2, 22],
    "a/0.json": Array.from({ length: 4096 }, () => [day(2024, 3, 20), 2, 0]),
    "r/7.json": Array.from({ length: 16 }, (_, i) => [record(112 + i), [day(2024, 3, 20), 2, 0]]),
  };
  files[`u/1/${dang}.json`].a = rows([3, 5, 8, 12, 20]);
  files[`u/1/${hoc}.json`].a = rows([6, 8, 30]);
  const manifest = { ...MANIFEST, units: UNITS };
  let [index, read] = await indexOf(files, manifest);
  const found = await index.search("đảng học", { units: unitFamily(UNITS, 2) }, 0, 3);
  // Scored first; then the newest items that score 0, as far as the cut list of "dang" reaches.
  assert.deepEqual(found.results.map((r) => [r.doc, r.score, r.display[0]]),
    [[3, 7, "Bài 3"], [8, 4, "Bài 8"], [5, 0, "Bài 5"]]);
  assert.ok(found.more);
  assert.deepEqual(read, [`u/1/${dang}.json`, `u/1/${hoc}.json`]);

  // A later page runs past where the cut list reaches: the chunk files settle it.
  [index, read] = await indexOf(files, manifest);
  const later = await index.search("đảng học", { units: unitFamily(UNITS, 2) }, 3, 10);
  assert.deepEqual(later.results.map((r) => [r.doc, r.display[0]]),
    [[6, "Bài 6"], [12, "Bài 12"], [20, "Bài 20"], [30, "Bài 30"], [120, "Bài 120"]]);
  assert.ok(read.includes(`m/${dang}.json`) && read.includes(`m/${hoc}.json`), read);
});
