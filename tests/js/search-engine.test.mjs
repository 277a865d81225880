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

test("items that score 0 are read only from the filter data chunks that hold the filter's dates", async () => {
  const { SearchIndex, fnv1a } = await import("../../theme/static/js/search-engine.js");
  const key = fnv1a("dang");
  const chunk = (day) => Array.from({ length: 4096 }, () => [day, 0, 0]);
  const files = {
    // One champion (item 10, day 250); three items have the word: 10, 5000 and 9000.
    [`w/${key}.json`]: { t: [["~dang", 3, [10, 5]]], a: [[10, -250, 0, 0]], r: { 10: ["A", "/a/", "", ""] } },
    [`m/${key}.json`]: [10, 4990, 4000],
    "a/0.json": chunk(250), "a/1.json": chunk(150), "a/2.json": chunk(50),
    "r/312.json": Array.from({ length: 16 }, (_, i) => [`Bài ${4992 + i}`, `/b/${4992 + i}/`, "", ""]),
  };
  const manifest = {
    v: "1", base: "/", pairs: [], units: [["a", "A", -1]], types: [["news", "Tin"]], topics: [],
    days: [[300, 200], [199, 100], [99, 0]],
  };
  const read = [];
  const index = new SearchIndex(manifest, async (path) => {
    const name = path.slice(1).split("?")[0];
    read.push(name);
    return files[name] ?? null;
  });
  const found = await index.search("đảng", { from: 120, to: 180 }, 0, 10);
  assert.deepEqual(found.results.map((r) => [r.doc, r.score]), [[5000, 0]]);
  assert.equal(found.results[0].display[0], "Bài 5000");
  assert.deepEqual(read, [`w/${key}.json`, `m/${key}.json`, "a/1.json", "r/312.json"]);
});
