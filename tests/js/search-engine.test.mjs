// Which files the readers' search reads for a query: the posting shard of each query word (a
// two-syllable word typed in sequence, another syllable, a document number), the filter
// columns its filters test, the lists and record chunks it needs beyond the shards.
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
const gapped = (docs) => docs.map((doc, i) => doc - (i ? docs[i - 1] : 0));
const name = (letter, i) => `${letter}${String(i).padStart(9, "0")}`;

/** Display rows of ``docs``: [gaps, titles, addresses, excerpts, numbers, attributes]. */
function rows(docs) {
  return [gapped(docs), docs.map((doc) => `Bài ${doc}`), docs.map((doc) => `tin-tuc/2024/bai-${doc}/`),
    docs.map(() => ""), docs.map(() => ""), docs.map(() => [day(2024, 3, 1), 0, 0])];
}

/** A posting shard: terms [term, df, [doc, impact, ...]] (docs in order), rows of ``shown``. */
function shard(terms, shown, extra = {}) {
  const t = terms.map(([term, df, pairs]) => [term, df, pairs.map((v, i) => (i % 2 === 0 && i ? v - pairs[i - 2] : v))]);
  return { t, r: rows(shown), ...extra };
}

/** A search index of ``count`` items over posting shards by number (``bits`` bits), list
 * shards (one), filter columns and record chunks of ``rc`` items; records each file read. */
async function indexOf({ bits = 0, shards = {}, lists = null, columns = {}, count = 100, rc = 10, units }) {
  const { SearchIndex } = await import("../../theme/static/js/search-engine.js");
  const files = {};
  const table = { bits, p: "", lbits: 0, l: lists ? name("l", 0) : "-".repeat(10), a: {}, r: "", rc };
  for (let i = 0; i < 1 << bits; i++) {
    table.p += shards[i] ? name("p", i) : "-".repeat(10);
    if (shards[i]) files[`p/${name("p", i)}.json.gz`] = shards[i];
  }
  if (lists) files[`l/${name("l", 0)}.json.gz`] = lists;
  for (const [letter, column] of Object.entries(columns)) {
    table.a[letter] = name(letter, 0);
    files[`a/${name(letter, 0)}.json.gz`] = column;
  }
  for (let chunk = 0; chunk * rc < count; chunk++) {
    table.r += name("r", chunk);
    files[`r/${name("r", chunk)}.json.gz`] = rows(Array.from({ length: rc }, (_, i) => chunk * rc + i));
  }
  const manifest = {
    base: "/", n: count, pairs: ["dang vien"], units: units || [["a", "A", -1]],
    types: [["news", "Tin", "tin-tuc"], ["guidance", "Văn bản", "van-ban"]], topics: [], files: table,
  };
  const read = [];
  const index = new SearchIndex(manifest, async (path) => {
    read.push(path.slice(1));
    return files[path.slice(1)];
  });
  return [index, read];
}

const NO_FILTERS = { units: null, type: null, topic: null, from: null, to: null };

test("a query reads one shard per word, once when its words share it", async () => {
  const { shardOf } = await import("../../theme/static/js/search-engine.js");
  const [dang, lop] = [shardOf("dang", 2), shardOf("lop", 2)];
  assert.notEqual(dang, lop);
  const shards = {
    [dang]: shard([["~dang", 2, [1, 30, 4, 20]]], [1, 4]),
    [lop]: shard([["~lop", 1, [4, 50]]], [4]),
  };
  const [index, read] = await indexOf({ bits: 2, shards });
  const found = await index.search("đảng lớp", NO_FILTERS, 0, 10);
  assert.deepEqual(found.results.map((r) => [r.doc, r.score]), [[4, 70], [1, 30]]);
  assert.deepEqual(found.results[0].display.slice(0, 2), ["Bài 4", "tin-tuc/2024/bai-4/"]);
  assert.deepEqual(read.sort(), [`p/${name("p", dang)}.json.gz`, `p/${name("p", lop)}.json.gz`].sort());
  const [again, readAgain] = await indexOf({ bits: 0, shards: { 0: { ...shards[dang], t: [...shards[dang].t, ...shards[lop].t] } } });
  await again.search("đảng lớp", NO_FILTERS, 0, 10);
  assert.deepEqual(readAgain, [`p/${name("p", 0)}.json.gz`]);
});

test("a type filter reads the type column alone; items that score 0 come from the syllable's list", async () => {
  // "đảng" is in items 1, 4 and 7..9; only 1 and 4 are its champions.
  const shards = { 0: shard([["~dang", 5, [1, 30, 4, 20]]], [1, 4]) };
  const lists = { dang: gapped([1, 4, 7, 8, 9]) };
  const types = Array.from({ length: 20 }, (_, doc) => (doc === 4 || doc === 8 ? 1 : 0));
  const [index, read] = await indexOf({ shards, lists, columns: { y: types, u: Array(20).fill(0) }, count: 20 });
  const found = await index.search("dang", { ...NO_FILTERS, type: 1 }, 0, 10);
  assert.deepEqual(found.results.map((r) => [r.doc, r.score]), [[4, 20], [8, 0]]);
  assert.equal(found.more, false);
  assert.deepEqual(read.filter((path) => path.startsWith("a/")), [`a/${name("y", 0)}.json.gz`]);
  assert.ok(read.includes(`l/${name("l", 0)}.json.gz`));
  assert.deepEqual(read.filter((path) => path.startsWith("r/")), [`r/${name("r", 0)}.json.gz`]);
});

test("a unit filter keeps the unit's descendants; a date filter reads the days", async () => {
  const { unitFamily } = await import("../../theme/static/js/search-engine.js");
  const units = [["tinh", "Tỉnh", -1], ["huyen", "Huyện", 0], ["xa", "Xã", 1], ["khac", "Khác", 0]];
  const shards = { 0: shard([["~dang", 4, [0, 10, 1, 40, 2, 30, 3, 20]]], [0, 1, 2, 3]) };
  const days = [day(2024, 3, 5), 1, 30, 1]; // items 0..3 on 5 Mar, 4 Mar, 3 Feb, 2 Feb 2024
  const [index, read] = await indexOf({ shards, units, columns: { u: [1, 3, 2, 0], d: days }, count: 4 });
  const branch = await index.search("dang", { ...NO_FILTERS, units: unitFamily(units, 1) }, 0, 10);
  assert.deepEqual(branch.results.map((r) => r.doc), [2, 0]);
  const march = await index.search("dang", { ...NO_FILTERS, from: day(2024, 3, 1), to: day(2024, 3, 31) }, 0, 10);
  assert.deepEqual(march.results.map((r) => r.doc), [1, 0]);
  assert.deepEqual(read.filter((path) => path.startsWith("a/")).sort(), [`a/${name("d", 0)}.json.gz`, `a/${name("u", 0)}.json.gz`]);
});

test("a spelling a two-syllable word's group leaves out is read from its syllable's shard", async () => {
  const { shardOf } = await import("../../theme/static/js/search-engine.js");
  const [pair, syllable] = [shardOf("dang vien", 3), shardOf("dang", 3)];
  assert.notEqual(pair, syllable);
  const shards = {
    [pair]: shard([["~dang", 2, [1, 10, 2, 10]], ["~vien", 2, [1, 10, 2, 10]], ["~dang vien", 1, [2, 50]]], [1, 2],
      { s: ["dang"] }),
    [syllable]: shard([["~dang", 2, [1, 10, 2, 10]], ["=dáng", 1, [1, 90]]], [1]),
  };
  const [index, read] = await indexOf({ bits: 3, shards });
  const found = await index.search("dáng viên", NO_FILTERS, 0, 10);
  assert.deepEqual(found.results.map((r) => [r.doc, r.score]), [[1, 110], [2, 70]]);
  assert.deepEqual(read, [`p/${name("p", pair)}.json.gz`, `p/${name("p", syllable)}.json.gz`]);
});

test("a later page reads the record chunks of its items that the shards did not bring", async () => {
  const docs = Array.from({ length: 30 }, (_, doc) => doc);
  const shards = { 0: shard([["~dang", 30, docs.flatMap((doc) => [doc, 100 - doc])]], docs.slice(0, 10)) };
  const [index, read] = await indexOf({ shards, count: 30 });
  const first = await index.search("dang", NO_FILTERS, 0, 10);
  assert.equal(first.more, true);
  assert.deepEqual(read, [`p/${name("p", 0)}.json.gz`]);
  const second = await index.search("dang", NO_FILTERS, 10, 10);
  assert.deepEqual(second.results.map((r) => r.doc), docs.slice(10, 20));
  assert.equal(second.results[0].display[0], "Bài 10");
  assert.deepEqual(read.slice(1), [`r/${name("r", 1)}.json.gz`]);
});
