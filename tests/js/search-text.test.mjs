// The browser's search normalisation against the vectors the Python side also passes.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fnv1a, queryTerms } from "../../theme/static/js/search-engine.js";
import { fold, foldedSlug, normalize, queryNumberKey, tokens } from "../../theme/static/js/search-text.js";

const vectors = JSON.parse(readFileSync(new URL("../search_vectors.json", import.meta.url), "utf8"));

test("normalize and fold every vector", () => {
  assert.ok(vectors.normalize.length > 1000);
  for (const row of vectors.normalize) {
    assert.equal(normalize(row.input), row.normalized, row.input);
    assert.equal(fold(row.input), row.folded, row.input);
  }
});

test("tokens of normalised text", () => {
  for (const row of vectors.tokens) assert.deepEqual(tokens(normalize(row.input)), row.tokens);
});

test("document numbers typed any common way", () => {
  for (const row of vectors.numbers) assert.equal(queryNumberKey(row.query), row.key, row.query);
});

test("a query's terms and the hash naming index files, as the index writer has them", () => {
  for (const row of vectors.terms) assert.deepEqual(queryTerms(row.query), row.terms, row.query);
  for (const row of vectors.buckets) assert.equal(fnv1a(row.key), row.hash, row.key);
});

test("a title's slug, as the index writer makes it to leave addresses out", () => {
  assert.ok(vectors.slugs.length >= 5);
  for (const row of vectors.slugs) assert.equal(foldedSlug(row.title), row.slug, row.title);
});
