// The readers' search over the static index (plugins/search_index/static_index.py writes it).
// A query's terms are those of plugins/search_index/terms.py. A term counts only for its
// champions, whose impacts the files of the query's words hold, with what the filters test
// of those items: an item's score is the sum of its impacts, and the first page is ranked
// from those files alone, exactly as scoring every item would. Items the words find but no
// term counts for score 0 and follow, newest first.
import { fold, normalize, queryNumberKey, tokens } from "./search-text.js";

const RECORD_CHUNK = 16;
const ATTRIBUTE_CHUNK = 4096;

/** FNV-1a (32 bits) of the UTF-8 bytes, as search_index/manifest.py's fnv1a. */
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

/** The word files a query reads: one for each two-syllable word typed in sequence (it holds
 * both syllables' terms), one for each other syllable, and the document number's. */
export function queryFiles(query, pairs) {
  const folded = queryWords(query)[1];
  const keys = [];
  for (let i = 0; i < folded.length; i++) {
    const pair = `${folded[i]} ${folded[i + 1]}`;
    if (pairs.has(pair)) {
      keys.push(pair);
      i++;
    } else keys.push(folded[i]);
  }
  const number = queryNumberKey(query);
  if (number) keys.push(number.split(" ")[0]);
  return [...new Set(keys)];
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

/** Whether an item's attributes [day, unit, type, topic...] pass the filters. */
export function passes(attributes, filters) {
  const [day, unit, type] = attributes;
  return (!filters.units || filters.units.has(unit)) &&
    (filters.type == null || filters.type === type) &&
    (filters.topic == null || attributes.indexOf(filters.topic, 3) >= 0) &&
    (filters.from == null || day >= filters.from) && (filters.to == null || day <= filters.to);
}

/** Running sums of a list of gaps. */
function ungapped(values) {
  let sum = 0;
  return values.map((gap) => (sum += gap));
}

export class SearchIndex {
  /** manifest: the page's inline manifest; fetchJson(path) -> Promise of parsed JSON, or of
   * null when there is no such file (a word no item has). */
  constructor(manifest, fetchJson) {
    this.manifest = manifest;
    this.pairs = new Set(manifest.pairs);
    this.fetchJson = (path) => fetchJson(`${manifest.base}${path}?v=${manifest.v}`);
    this.files = new Map();
    this.read = new Set();
    this.terms = new Map();
    this.records = new Map();
    this.attributes = new Map();
  }

  file(path) {
    if (!this.files.has(path)) this.files.set(path, this.fetchJson(path));
    return this.files.get(path);
  }

  /** A word file: its terms' champions, their items' attributes and display data. */
  async word(key) {
    const path = `w/${fnv1a(key)}.json`;
    const file = await this.file(path);
    if (!file || this.read.has(path)) return;
    this.read.add(path);
    for (const [term, df, flat] of file.t) {
      const docs = ungapped(flat.filter((_, i) => i % 2 === 0));
      this.terms.set(term, { df, docs, impacts: flat.filter((_, i) => i % 2 === 1) });
    }
    let doc = 0;
    let day = 0;
    for (const [gap, dayGap, ...rest] of file.a) {
      doc += gap;
      day -= dayGap;
      this.attributes.set(doc, [day, ...rest]);
    }
    for (const [key, record] of Object.entries(file.r)) this.records.set(Number(key), record);
  }

  /** Rows of items from the chunk files of ``folder`` (chunks of ``size`` items). */
  async rows(folder, size, docs, into) {
    const chunks = new Set(docs.filter((doc) => !into.has(doc)).map((doc) => Math.floor(doc / size)));
    await Promise.all([...chunks].map(async (chunk) => {
      (await this.file(`${folder}/${chunk}.json`)).forEach((row, i) => into.set(chunk * size + i, row));
    }));
  }

  /** Every item a folded syllable is in. */
  async everyItem(syllable) {
    const list = this.terms.get(`~${syllable}`);
    if (!list) return [];
    if (list.docs.length === list.df) return list.docs;
    return ungapped(await this.file(`m/${fnv1a(syllable)}.json`));
  }

  /** Up to ``want`` items, newest first, that the query's words find, no term counts for
   * and the filters pass. */
  async unscored(query, scores, filters, want) {
    const found = await Promise.all(queryWords(query)[1].map((syllable) => this.everyItem(syllable)));
    const number = this.terms.get(`#${queryNumberKey(query)}`);
    if (number) found.push(number.docs);
    let docs = [...new Set(found.flat())].filter((doc) => !scores.has(doc)).sort((a, b) => a - b);
    if (!Object.values(filters).some((value) => value != null)) return docs.slice(0, want);
    const kept = [];
    const days = this.manifest.days;
    const dated = (doc) => {
      const [newest, oldest] = days[Math.floor(doc / ATTRIBUTE_CHUNK)];
      return (filters.from == null || newest >= filters.from) && (filters.to == null || oldest <= filters.to);
    };
    if (filters.from != null || filters.to != null) docs = docs.filter(dated);
    for (let start = 0; start < docs.length && kept.length < want; start += ATTRIBUTE_CHUNK) {
      const part = docs.slice(start, start + ATTRIBUTE_CHUNK);
      await this.rows("a", ATTRIBUTE_CHUNK, part, this.attributes);
      kept.push(...part.filter((doc) => passes(this.attributes.get(doc), filters)));
    }
    return kept.slice(0, want);
  }

  /** The items ranked from..from+count-1 and whether more follow:
   * {results: [{doc, score, attributes, display}], more}. */
  async search(query, filters, from, count) {
    await Promise.all(queryFiles(query, this.pairs).map((key) => this.word(key)));
    const scores = new Map();
    for (const term of queryTerms(query)) {
      const list = this.terms.get(term);
      if (!list) continue;
      list.docs.forEach((doc, i) => scores.set(doc, (scores.get(doc) || 0) + list.impacts[i]));
    }
    const filtered = Object.values(filters).some((value) => value != null);
    const ranked = [...scores].filter(([doc]) => !filtered || passes(this.attributes.get(doc), filters))
      .sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const need = from + count + 1;
    if (ranked.length < need) {
      for (const doc of await this.unscored(query, scores, filters, need - ranked.length)) ranked.push([doc, 0]);
    }
    const page = ranked.slice(from, from + count);
    await this.rows("r", RECORD_CHUNK, page.map(([doc]) => doc), this.records);
    await this.rows("a", ATTRIBUTE_CHUNK, page.map(([doc]) => doc), this.attributes);
    return {
      results: page.map(([doc, score]) => ({
        doc, score, attributes: this.attributes.get(doc), display: this.records.get(doc),
      })),
      more: ranked.length > from + count,
    };
  }
}
