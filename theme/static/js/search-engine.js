// The readers' search over the static index (plugins/search_index/static_index.py writes it).
// A query's terms are those of plugins/search_index/terms.py; an item's score is the sum of
// their impacts. Postings come highest impact first in blocks: the engine reads the first block
// of each term and reads further blocks only while an unread posting could still change the
// top results, so its results are exactly those of scoring every item.
import { fold, normalize, queryNumberKey, tokens } from "./search-text.js";

const RECORD_CHUNK = 16;
const ATTRIBUTE_CHUNK = 4096;
const ATTRIBUTES = 4; // day, unit, type, topics

/** FNV-1a (32 bits) of the UTF-8 bytes, as search_index/manifest.py's bucket_of. */
export function fnv1a(text) {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash;
}

/** The words of a query, normalised, and in step their folded forms. */
export function queryWords(query) {
  const exact = tokens(normalize(query));
  return [exact, exact.map((w) => fold(w))];
}

/** The terms a query looks for: =exact (words with marks), ~folded, ~two syllables, #number. */
export function queryTerms(query) {
  const [exact, folded] = queryWords(query);
  const terms = folded.map((w) => `~${w}`);
  exact.forEach((w, i) => { if (w !== folded[i]) terms.push(`=${w}`); });
  for (let i = 1; i < folded.length; i++) terms.push(`~${folded[i - 1]} ${folded[i]}`);
  const number = queryNumberKey(query);
  if (number) terms.push(`#${number}`);
  return [...new Set(terms)];
}

/** Terms that one query word needs share a file: those starting with its folded form. */
export function shardKey(term) {
  const first = term.slice(1).split(" ")[0];
  return term[0] === "=" ? fold(first) : first;
}

/** The descendants of a unit (by index) and the unit itself. */
export function unitFamily(units, index) {
  const family = new Set([index]);
  let grew = true;
  while (grew) {
    grew = false;
    units.forEach((unit, i) => { if (family.has(unit[2]) && !family.has(i)) { family.add(i); grew = true; } });
  }
  return family;
}

/** Whether an item's attributes [day, unit, type, topics] pass the filters. */
export function passes(attributes, filters) {
  const [day, unit, type, topics] = attributes;
  return (!filters.units || filters.units.has(unit)) &&
    (filters.type == null || filters.type === type) &&
    (filters.topic == null || topics.includes(filters.topic)) &&
    (filters.from == null || day >= filters.from) && (filters.to == null || day <= filters.to);
}

/** A block as the index writes it ([gap, impact, ...], by item number) -> [doc, impact, ...]. */
export function ungapped(block) {
  const flat = new Array(block.length);
  for (let i = 0, doc = 0; i < block.length; i += 2) {
    doc += block[i];
    flat[i] = doc;
    flat[i + 1] = block[i + 1];
  }
  return flat;
}

const before = (a, b) => a.lo > b.lo || (a.lo === b.lo && a.doc < b.doc);

/** Ranks what the lists have read so far, of the items ``wanted(doc)`` accepts: the top k,
 * settled if no unread posting can change them; if not, the list to read further. */
export function rank(lists, wanted, k) {
  const bounds = lists.map((l) => (l.read < l.maxes.length ? l.maxes[l.read] : 0));
  const unseen = bounds.reduce((a, b) => a + b, 0);
  const items = new Map();
  lists.forEach((list, j) => {
    for (let i = 0; i < list.postings.length; i += 2) {
      const doc = list.postings[i];
      let item = items.get(doc);
      if (!item) items.set(doc, item = { doc, lo: 0, missing: unseen });
      item.lo += list.postings[i + 1];
      item.missing -= bounds[j];
    }
  });
  const found = [...items.values()].filter((item) => wanted(item.doc));
  found.forEach((item) => { item.hi = item.lo + item.missing; });
  found.sort((a, b) => (before(a, b) ? -1 : 1));
  const top = found.slice(0, k);
  let settled = unseen === 0;
  if (!settled && top.length === k) {
    const last = top[k - 1];
    settled = unseen < last.lo && found.slice(k).every((item) =>
      item.hi < last.lo || (item.hi === last.lo && item.doc > last.doc));
    for (let i = 0; settled && i < top.length; i++) {
      for (let j = i + 1; settled && j < top.length; j++) {
        settled = top[i].lo > top[j].hi || (top[i].lo === top[j].hi && top[i].doc < top[j].doc);
      }
    }
  }
  const widest = bounds.indexOf(Math.max(...bounds));
  return { settled, top, next: settled ? null : lists[widest] };
}

export class SearchIndex {
  /** manifest: the page's inline manifest; fetchJson(path) -> Promise of parsed JSON. */
  constructor(manifest, fetchJson) {
    this.manifest = manifest;
    this.fetchJson = (path) => fetchJson(`${manifest.base}${path}?v=${manifest.v}`);
    this.files = new Map();
    this.records = new Map();
    this.attributes = new Map();
  }

  file(path) {
    if (!this.files.has(path)) this.files.set(path, this.fetchJson(path));
    return this.files.get(path);
  }

  keep(records) {
    for (const [doc, record] of Object.entries(records)) {
      this.records.set(Number(doc), record);
      this.attributes.set(Number(doc), record.slice(0, ATTRIBUTES));
    }
  }

  async list(term) {
    const bucket = fnv1a(shardKey(term)) % this.manifest.buckets;
    const shard = await this.file(`s/${bucket}.json`);
    this.keep(shard.r);
    const position = shard.t.findIndex((entry) => entry[0] === term);
    if (position < 0) return null;
    const [, df, maxes, first] = shard.t[position];
    return { term, df, maxes, postings: ungapped(first), read: 1, bucket, position };
  }

  /** The list's next block: one file holds that block of every term of its bucket. */
  async readBlock(list) {
    const level = await this.file(`b/${list.bucket}-${list.read}.json`);
    list.postings.push(...ungapped(level[list.position]));
    list.read += 1;
  }

  /** Rows of items from the chunk files of ``folder`` (chunks of ``size`` items). */
  async rows(folder, size, docs, into) {
    const chunks = new Set(docs.filter((doc) => !into.has(doc)).map((doc) => Math.floor(doc / size)));
    await Promise.all([...chunks].map(async (chunk) => {
      (await this.file(`${folder}/${chunk}.json`)).forEach((row, i) => into.set(chunk * size + i, row));
    }));
  }

  /** The items ranked from..from+count-1 and whether more follow: [{doc, score, record}], more. */
  async search(query, filters, from, count) {
    const lists = (await Promise.all(queryTerms(query).map((term) => this.list(term)))).filter(Boolean);
    const filtered = Object.values(filters).some((value) => value != null);
    let ranked;
    for (;;) {
      if (filtered) {
        const docs = lists.flatMap((list) => list.postings.filter((_, i) => i % 2 === 0));
        await this.rows("a", ATTRIBUTE_CHUNK, docs, this.attributes);
      }
      const wanted = filtered ? (doc) => passes(this.attributes.get(doc), filters) : () => true;
      ranked = rank(lists, wanted, from + count + 1);
      if (ranked.settled) break;
      await this.readBlock(ranked.next);
    }
    const page = ranked.top.slice(from, from + count);
    await this.rows("r", RECORD_CHUNK, page.map((item) => item.doc), this.records);
    return {
      results: page.map((item) => ({ doc: item.doc, score: item.lo, record: this.records.get(item.doc) })),
      more: ranked.top.length > from + count,
    };
  }
}
