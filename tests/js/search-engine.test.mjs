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
