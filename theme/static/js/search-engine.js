// The readers' search over the static index (plugins/search_index/static_index.py writes it).
// A query's terms are those of plugins/search_index/terms.py. A term counts only for its
// champions, whose impacts the files of the query's words hold, with what the filters test
// of those items: an item's score is the sum of its impacts, and the first page is ranked
// from those files alone, exactly as scoring every item would. Items the words find but no
// term counts for score 0 and follow, newest first.
import { fold, foldedSlug, normalize, queryNumberKey, tokens } from "./search-text.js";

export const DAY = 864e5; // milliseconds: days are counted from 1970-01-01
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

/** The word files a query reads: its words' (``queryWordKeys``) and the document number's. */
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

/** Whether an item's attributes [day, unit, type, topic...] pass the filters. */
export function passes(attributes, filters) {
  const [day, unit, type] = attributes;
  return (!filters.units || filters.units.has(unit)) &&
    (filters.type == null || filters.type === type) &&
    (filters.topic == null || attributes.indexOf(filters.topic, 3) >= 0) &&
    (filters.from == null || day >= filters.from) && (filters.to == null || day <= filters.to);
}

/** The unit just under the top one that a unit (by index) is in; null for a top unit. */
export function unitBranch(units, index) {
  let unit = index;
  if (units[unit][2] < 0) return null;
  while (units[units[unit][2]][2] >= 0) unit = units[unit][2];
  return unit;
}

/** The folders of the word files a query with ``filters`` reads (scopes.py): those of the
 * unit's branch, of the topic, or of each year of dates within at most two years; else the
 * ``w/`` files, which hold the first pages unfiltered and of each type. */
export function scopeFolders(units, filters) {
  const unit = filters.units ? filters.units.values().next().value : null;
  const branch = unit == null ? null : unitBranch(units, unit);
  if (branch != null) return [`u/${branch}`];
  if (filters.topic != null) return [`t/${filters.topic}`];
  if (filters.from != null && filters.to != null) {
    const [first, last] = [filters.from, filters.to].map((day) => new Date(day * DAY).getUTCFullYear());
    if (first <= last && last - first <= 1) return [...new Set([first, last])].map((year) => `y/${year}`);
  }
  return ["w"];
}

/** The filter each folder of ``scopeFolders`` lists the items that score 0 of (tails.py):
 * the unit, the topic, the year; null for the ``w/`` files, which list none. */
export function scopeTag(folder, filters) {
  if (folder.startsWith("u/")) return `u${filters.units.values().next().value}`;
  if (folder.startsWith("t/")) return `t${filters.topic}`;
  return folder.startsWith("y/") ? `y${folder.slice(2)}` : null;
}

/** An item's address: the one its display data hold, or when they leave it empty the one the
 * portal gives it, from its type, year and title. */
export function itemUrl(manifest, [day, , type], [title, url]) {
  return url || `${manifest.types[type][2]}/${new Date(day * DAY).getUTCFullYear()}/${foldedSlug(title)}/`;
}

/** Whether a date filter keeps every item of the month ``month`` (year * 12 + month - 1), none
 * of them, or some (null). */
export function keepsMonth(month, filters) {
  const first = Date.UTC(Math.floor(month / 12), month % 12, 1) / DAY;
  const last = Date.UTC(Math.floor(month / 12), (month % 12) + 1, 1) / DAY - 1;
  if ((filters.from != null && last < filters.from) || (filters.to != null && first > filters.to)) return false;
  return (filters.from == null || first >= filters.from) && (filters.to == null || last <= filters.to) ? true : null;
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
    this.elsewhere = new Set(); // syllables some of whose spellings only their own file holds
    this.lacking = new Map(); // syllable in almost every item -> the items it is not in
    this.records = new Map();
    this.attributes = new Map();
    this.tails = new Map(); // "word|filter tag" -> {complete, docs}: items that score 0 (tails.py)
  }

  file(path) {
    if (!this.files.has(path)) this.files.set(path, this.fetchJson(path));
    return this.files.get(path);
  }

  /** A word file of ``folder`` (``scopeFolders``): its terms' champions (in a scope's folder,
   * those in the scope), their items' attributes and display data. */
  async word(key, folder) {
    const path = `${folder}/${fnv1a(key)}.json`;
    const file = await this.file(path);
    if (!file || this.read.has(path)) return;
    this.read.add(path);
    for (const [term, df, flat, champions] of file.t) {
      const known = this.terms.get(term) || { df, complete: (champions ?? flat.length / 2) >= df, impacts: new Map() };
      ungapped(flat.filter((_, i) => i % 2 === 0)).forEach((doc, i) => known.impacts.set(doc, flat[2 * i + 1]));
      this.terms.set(term, known);
    }
    let doc = 0;
    let day = 0;
    for (const [gap, dayGap, ...rest] of file.a) {
      doc += gap;
      day -= dayGap;
      this.attributes.set(doc, [day, ...rest]);
    }
    const [docs, ...columns] = file.r;
    ungapped(docs).forEach((item, i) => this.records.set(item, columns.map((column) => column[i])));
    for (const [word, lists] of Object.entries(file.z || {})) {
      for (const [tag, [complete, ...gaps]] of Object.entries(lists)) {
        this.tails.set(`${word}|${tag}`, { complete: complete === 1, docs: ungapped(gaps) });
      }
    }
    for (const syllable of file.s || []) this.elsewhere.add(syllable);
    for (const [syllable, gaps] of Object.entries(file.x || {})) this.lacking.set(syllable, new Set(ungapped(gaps)));
  }

  /** The files in ``folders`` of the query's words, and those of its syllables typed in a
   * spelling that the file of a two-syllable word leaves to the syllable's own file. */
  async words(query, folders) {
    const read = (keys) => Promise.all(keys.flatMap((key) => folders.map((folder) => this.word(key, folder))));
    await read(queryFiles(query, this.pairs));
    await read(queryTerms(query).filter((term) => term.startsWith("=") && !this.terms.has(term))
      .map((term) => fold(term.slice(1))).filter((syllable) => this.elsewhere.has(syllable)));
  }

  /** Display data of ``docs`` the word files did not bring, from the record chunks. */
  display(docs) {
    return this.rows("r", RECORD_CHUNK, docs, this.records, (doc, [display, attributes]) => {
      this.records.set(doc, display);
      this.attributes.set(doc, attributes);
    });
  }

  /** The chunk files of ``folder`` (chunks of ``size`` items) that hold the docs ``known``
   * does not; ``take(doc, row)`` for each of their rows. */
  async rows(folder, size, docs, known, take) {
    const chunks = new Set(docs.filter((doc) => !known.has(doc)).map((doc) => Math.floor(doc / size)));
    await Promise.all([...chunks].map(async (chunk) => {
      (await this.file(`${folder}/${chunk}.json`)).forEach((row, i) => take(chunk * size + i, row));
    }));
  }

  /** What the filters test of ``docs``, from the attribute chunks. */
  filterRows(docs) {
    return this.rows("a", ATTRIBUTE_CHUNK, docs, this.attributes, (doc, row) => this.attributes.set(doc, row));
  }

  /** Every item a folded syllable is in. */
  async everyItem(syllable) {
    const list = this.terms.get(`~${syllable}`);
    if (!list) return [];
    if (list.complete) return [...list.impacts.keys()];
    const lacking = this.lacking.get(syllable);
    if (lacking) return [...Array(this.manifest.n).keys()].filter((doc) => !lacking.has(doc));
    return ungapped(await this.file(`m/${fnv1a(syllable)}.json`));
  }

  /** Whether the date filter keeps every item of ``doc``'s month, none, or some (null). */
  monthKept(doc, filters) {
    const months = this.manifest.months;
    let low = 0;
    let high = months.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (months[middle][1] <= doc) low = middle;
      else high = middle - 1;
    }
    return keepsMonth(months[low][0], filters);
  }

  /** Up to ``want`` items that score 0, from the lists of the scope files the query read
   * (tails.py); null when those lists do not settle which. Each word's list names, newest
   * first, the filter's items the word finds beyond its folded terms' champions: as far as the
   * oldest item that an incomplete list reaches, every item that scores 0 is known. */
  async listedUnscored(query, scores, filters, want) {
    const lists = [];
    for (const folder of scopeFolders(this.manifest.units, filters)) {
      const tag = scopeTag(folder, filters);
      if (tag == null) return null;
      for (const key of queryWordKeys(query, this.pairs)) {
        if (!(await this.file(`${folder}/${fnv1a(key)}.json`))) continue; // none of the word's items in the scope
        const list = this.tails.get(`${key}|${tag}`);
        if (list) lists.push(list);
        else if (!key.split(" ").every((syllable) => this.terms.get(`~${syllable}`)?.complete)) return null;
      }
    }
    const reach = Math.min(...lists.filter((list) => !list.complete).map((list) => list.docs.at(-1)));
    const kept = [...new Set(lists.flatMap((list) => list.docs))]
      .filter((doc) => doc <= reach && !scores.has(doc) && passes(this.attributes.get(doc), filters))
      .sort((a, b) => a - b);
    return kept.length >= want || reach === Infinity ? kept.slice(0, want) : null;
  }

  /** Up to ``want`` items, newest first, that the query's words find, no term counts for
   * and the filters pass. A date filter alone needs no filter data of the months it keeps
   * whole. */
  async unscored(query, scores, filters, want) {
    const listed = await this.listedUnscored(query, scores, filters, want);
    if (listed) return listed;
    const found = await Promise.all(queryWords(query)[1].map((syllable) => this.everyItem(syllable)));
    const number = this.terms.get(`#${queryNumberKey(query)}`);
    if (number) found.push([...number.impacts.keys()]);
    const docs = [...new Set(found.flat())].filter((doc) => !scores.has(doc)).sort((a, b) => a - b);
    const dated = filters.from != null || filters.to != null;
    const others = filters.units || filters.type != null || filters.topic != null;
    const kept = [];
    for (const doc of docs) {
      if (kept.length >= want) break;
      const month = dated ? this.monthKept(doc, filters) : true;
      if (month === false) continue;
      if (month === null || others) {
        if (!this.attributes.has(doc)) await this.filterRows([doc]);
        if (!passes(this.attributes.get(doc), filters)) continue;
      }
      kept.push(doc);
    }
    return kept;
  }

  /** The items ranked from..from+count-1 and whether more follow:
   * {results: [{doc, score, attributes, display}], more}. */
  async search(query, filters, from, count) {
    await this.words(query, scopeFolders(this.manifest.units, filters));
    const scores = new Map();
    for (const term of queryTerms(query)) {
      for (const [doc, impact] of this.terms.get(term)?.impacts || []) scores.set(doc, (scores.get(doc) || 0) + impact);
    }
    const filtered = Object.values(filters).some((value) => value != null);
    const ranked = [...scores].filter(([doc]) => !filtered || passes(this.attributes.get(doc), filters))
      .sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const need = from + count + 1;
    if (ranked.length < need) {
      for (const doc of await this.unscored(query, scores, filters, need - ranked.length)) ranked.push([doc, 0]);
    }
    const page = ranked.slice(from, from + count);
    await this.display(page.map(([doc]) => doc));
    await this.filterRows(page.map(([doc]) => doc));
    return {
      results: page.map(([doc, score]) => ({
        doc, score, attributes: this.attributes.get(doc), display: this.records.get(doc),
      })),
      more: ranked.length > from + count,
    };
  }
}
