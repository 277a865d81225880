// The readers' search over the static index (plugins/portal/search/static_index.py writes it;
// docs/search.md). A query's terms are those of plugins/portal/search/terms.py. A term counts
// only for its champions, whose impacts the posting shard of each query word holds: an item's
// score is the sum of its impacts, exactly as scoring every item would give it. Items the
// words find but no term counts for score 0 and follow, newest first.
import { fold, foldedSlug, normalize, queryNumberKey, tokens } from "./search-text.js";

export const DAY = 864e5; // milliseconds: days are counted from 1970-01-01
const NAME_LENGTH = 10; // hex digits of an index file's name
const COLUMN_OF = { units: "u", type: "y", topic: "p", from: "d", to: "d" };

/** FNV-1a (32 bits) of the UTF-8 bytes, as portal.search/manifest.py's fnv1a. */
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

/** The words of a query as its word files name them: each two-syllable word typed in
 * sequence (its file holds both syllables' terms), each other syllable. */
export function queryWordKeys(query, pairs) {
  const folded = queryWords(query)[1];
  const keys = [];
  for (let i = 0; i < folded.length; i++) {
    const pair = `${folded[i]} ${folded[i + 1]}`;
    if (pairs.has(pair)) {
      keys.push(pair);
      i++;
    } else keys.push(folded[i]);
  }
  return [...new Set(keys)];
}

/** The query words whose shards a query reads: its words (``queryWordKeys``) and the
 * document number's first part. */
export function queryFiles(query, pairs) {
  const number = queryNumberKey(query);
  return [...new Set([...queryWordKeys(query, pairs), ...(number ? [number.split(" ")[0]] : [])])];
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

/** An item's address: the one its display data hold, or when they leave it empty the one the
 * portal gives it, from its type, year and title. */
export function itemUrl(manifest, [day, , type], [title, url]) {
  return url || `${manifest.types[type][2]}/${new Date(day * DAY).getUTCFullYear()}/${foldedSlug(title)}/`;
}

/** The shard of a query word, with ``bits`` bits of its hash (static_index.py's shard_of). */
export function shardOf(key, bits) {
  return bits ? fnv1a(key) >>> (32 - bits) : 0;
}

/** The name of file ``i`` in a table string of names (``null`` for an empty shard). */
function nameAt(names, i) {
  const name = names.slice(i * NAME_LENGTH, (i + 1) * NAME_LENGTH);
  return name && name[0] !== "-" ? name : null;
}

/** Running sums of a list of gaps. */
function ungapped(values) {
  let sum = 0;
  return values.map((gap) => (sum += gap));
}

export class SearchIndex {
  /** manifest: the page's inline manifest, with the table of the index's files; fetchJson(path)
   * -> Promise of the file's JSON (the files are gzip-compressed JSON). */
  constructor(manifest, fetchJson) {
    this.manifest = manifest;
    this.table = manifest.files;
    this.pairs = new Set(manifest.pairs);
    this.fetchJson = (path) => fetchJson(`${manifest.base}${path}`);
    this.files = new Map();
    this.read = new Set();
    this.terms = new Map();
    this.elsewhere = new Set(); // syllables some of whose spellings only their own group holds
    this.records = new Map();
    this.attributes = new Map();
    this.columns = {};
  }

  /** A file of the index, fetched once; null for a name left empty. */
  file(folder, name) {
    if (name == null) return Promise.resolve(null);
    const path = `${folder}/${name}.json.gz`;
    if (!this.files.has(path)) this.files.set(path, this.fetchJson(path));
    return this.files.get(path);
  }

  /** The display rows of a shard or a record chunk: [gaps, titles, addresses, excerpts,
   * numbers, attributes]. */
  takeRows([docs, ...columns]) {
    ungapped(docs).forEach((doc, i) => {
      this.records.set(doc, columns.slice(0, 4).map((column) => column[i]));
      this.attributes.set(doc, columns[4][i]);
    });
  }

  /** The posting shard of a query word: its terms' champions and display rows. */
  async word(key) {
    const name = nameAt(this.table.p, shardOf(key, this.table.bits));
    const shard = await this.file("p", name);
    if (!shard || this.read.has(name)) return;
    this.read.add(name);
    for (const [term, df, flat] of shard.t) {
      const impacts = new Map();
      ungapped(flat.filter((_, i) => i % 2 === 0)).forEach((doc, i) => impacts.set(doc, flat[2 * i + 1]));
      this.terms.set(term, { df, complete: flat.length / 2 >= df, impacts });
    }
    this.takeRows(shard.r);
    for (const syllable of shard.s || []) this.elsewhere.add(syllable);
  }

  /** The shards of the query's words, and those of its syllables typed in a spelling that
   * the group of a two-syllable word leaves to the syllable's own group. */
  async words(query) {
    await Promise.all(queryFiles(query, this.pairs).map((key) => this.word(key)));
    await Promise.all(queryTerms(query).filter((term) => term.startsWith("=") && !this.terms.has(term))
      .map((term) => fold(term.slice(1))).filter((syllable) => this.elsewhere.has(syllable))
      .map((syllable) => this.word(syllable)));
  }

  /** A filter column of every item: days, units, types, or the items of each topic. */
  column(letter) {
    if (!this.columns[letter]) {
      this.columns[letter] = this.file("a", this.table.a[letter]).then((values) => {
        if (letter === "p") {
          return Object.fromEntries(Object.entries(values).map(([topic, gaps]) => [topic, new Set(ungapped(gaps))]));
        }
        if (letter !== "d") return values;
        let day = 0;
        return values.map((gap, i) => (day = i ? day - gap : gap));
      });
    }
    return this.columns[letter];
  }

  /** Whether an item passes the filters, from the columns they test. */
  async filterTest(filters) {
    const letters = [...new Set(Object.keys(COLUMN_OF).filter((key) => filters[key] != null).map((key) => COLUMN_OF[key]))];
    const columns = Object.fromEntries(await Promise.all(letters.map(async (letter) => [letter, await this.column(letter)])));
    const topic = filters.topic == null ? null : columns.p[filters.topic] || new Set();
    return (doc) => (!filters.units || filters.units.has(columns.u[doc])) &&
      (filters.type == null || columns.y[doc] === filters.type) && (!topic || topic.has(doc)) &&
      (filters.from == null || columns.d[doc] >= filters.from) && (filters.to == null || columns.d[doc] <= filters.to);
  }

  /** Display rows of ``docs`` the shards did not bring, from the record chunks. */
  async display(docs) {
    const size = this.table.rc;
    const chunks = new Set(docs.filter((doc) => !this.records.has(doc)).map((doc) => Math.floor(doc / size)));
    const rows = await Promise.all([...chunks].map((chunk) => this.file("r", nameAt(this.table.r, chunk))));
    rows.forEach((chunk) => this.takeRows(chunk));
  }

  /** Every item a folded syllable is in. */
  async everyItem(syllable) {
    const list = this.terms.get(`~${syllable}`);
    if (!list) return [];
    if (list.complete) return [...list.impacts.keys()];
    const lists = await this.file("l", nameAt(this.table.l, shardOf(syllable, this.table.lbits)));
    return ungapped(lists[syllable]);
  }

  /** Up to ``want`` items, newest first, that the query's words find, no term counts for
   * and ``test`` (the filters, when set) passes. */
  async unscored(query, scores, test, want) {
    const found = await Promise.all(queryWords(query)[1].map((syllable) => this.everyItem(syllable)));
    const number = this.terms.get(`#${queryNumberKey(query)}`);
    if (number) found.push([...number.impacts.keys()]);
    const docs = [...new Set(found.flat())].filter((doc) => !scores.has(doc) && (!test || test(doc)));
    return docs.sort((a, b) => a - b).slice(0, want);
  }

  /** The items ranked from..from+count-1 and whether more follow:
   * {results: [{doc, score, attributes, display}], more}. */
  async search(query, filters, from, count) {
    await this.words(query);
    const scores = new Map();
    for (const term of queryTerms(query)) {
      for (const [doc, impact] of this.terms.get(term)?.impacts || []) scores.set(doc, (scores.get(doc) || 0) + impact);
    }
    const test = Object.values(filters).some((value) => value != null) ? await this.filterTest(filters) : null;
    const ranked = [...scores].filter(([doc]) => !test || test(doc)).sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const need = from + count + 1;
    if (ranked.length < need) {
      for (const doc of await this.unscored(query, scores, test, need - ranked.length)) ranked.push([doc, 0]);
    }
    const page = ranked.slice(from, from + count);
    await this.display(page.map(([doc]) => doc));
    return {
      results: page.map(([doc, score]) => ({
        doc, score, attributes: this.attributes.get(doc), display: this.records.get(doc),
      })),
      more: ranked.length > from + count,
    };
  }
}
