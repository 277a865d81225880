// The search page /tim-kiem/: query and filters live in the address (shareable; Back and
// Forward replay them), results come from SearchIndex, matched words are marked.
import { DAY, SearchIndex, itemUrl, queryWords, unitFamily } from "./search-engine.js";
import { fold, queryNumberKey } from "./search-text.js";

const PAGE_SIZE = 10;
const PARAMS = { q: "q", unit: "don-vi", type: "loai", topic: "chuyen-de", from: "tu", to: "den", page: "trang" };
const MARKABLE = /[\p{L}\p{N}]+/gu;

const dayNumber = (iso) => (/^\d{4}-\d{2}-\d{2}$/.test(iso || "") ? Date.parse(`${iso}T00:00:00Z`) / DAY : null);
const pad = (n) => String(n).padStart(2, "0");
export const dayText = (day) => {
  const d = new Date(day * DAY);
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
};

/** A day typed as readers write it (1/5/2024, 01.05.2024, 01-05-2024) as ISO 2024-05-01;
 * "" for an empty field, null for text that is no day of the calendar. */
export function typedDay(text) {
  const value = (text || "").trim();
  if (!value) return "";
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const typed = iso ? null : /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (!iso && !typed) return null;
  const [day, month, year] = (iso ? iso.slice(1).reverse() : typed.slice(1)).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** An ISO day of the address as the field shows it, dd/mm/yyyy. */
const shownDay = (iso) => { const day = dayNumber(iso); return day == null ? iso : dayText(day); };
const DATE_KEYS = new Set(["from", "to"]);

/** The state an address carries: {q, unit, type, topic, from, to, page}. */
export function readState(search) {
  const params = new URLSearchParams(search);
  const state = {};
  for (const [key, name] of Object.entries(PARAMS)) state[key] = (params.get(name) || "").trim();
  state.page = Math.max(1, Number.parseInt(state.page, 10) || 1);
  return state;
}

/** The address of a state, without empty values (page 1 is the default). */
export function stateSearch(state) {
  const params = new URLSearchParams();
  for (const [key, name] of Object.entries(PARAMS)) {
    const value = key === "page" ? (state.page > 1 ? String(state.page) : "") : state[key];
    if (value) params.set(name, value);
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The filters of a state, by the manifest's indexes. */
export function filtersOf(state, manifest) {
  const index = (list, key) => { const i = list.findIndex((row) => row[0] === key); return i < 0 ? null : i; };
  const unit = index(manifest.units, state.unit);
  return {
    units: unit == null ? null : unitFamily(manifest.units, unit),
    type: index(manifest.types, state.type),
    topic: index(manifest.topics, state.topic),
    from: dayNumber(typedDay(state.from)),
    to: dayNumber(typedDay(state.to)),
  };
}

const foldedWords = new Map(); // a results page folds hundreds of words, most of them seen before
const foldedWord = (word) => {
  if (!foldedWords.has(word)) foldedWords.set(word, fold(word));
  return foldedWords.get(word);
};

/** Text as DOM nodes, the words of ``wanted`` (folded) in <mark>. */
export function marked(text, wanted) {
  const fragment = document.createDocumentFragment();
  let last = 0;
  for (const match of text.matchAll(MARKABLE)) {
    if (!wanted.has(foldedWord(match[0]))) continue;
    fragment.append(text.slice(last, match.index));
    const mark = document.createElement("mark");
    mark.textContent = match[0];
    fragment.append(mark);
    last = match.index + match[0].length;
  }
  fragment.append(text.slice(last));
  return fragment;
}

function element(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** An index file's JSON. The files are stored gzip-compressed; a server that sends them with
 * Content-Encoding: gzip has had the browser undo it already. */
async function readIndexFile(path) {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${response.status} ${path}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return JSON.parse(new TextDecoder().decode(bytes));
  const text = new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip")));
  return JSON.parse(await text.text());
}

class SearchPage {
  constructor(root, manifest) {
    this.root = root;
    this.manifest = manifest;
    this.index = new SearchIndex(manifest, readIndexFile);
    this.form = root.querySelector("[data-search-form]");
    this.status = root.querySelector("[data-search-status]");
    this.results = root.querySelector("[data-search-results]");
    this.pages = root.querySelector("[data-search-pages]");
    this.help = root.querySelector("[data-search-help]");
    this.empty = root.querySelector("[data-search-empty]");
    this.none = root.querySelector("[data-search-none]");
    this.run = 0;
    this.datesError = root.querySelector("[data-search-dates-error]");
    this.form.addEventListener("submit", (event) => {
      event.preventDefault();
      const state = this.formState();
      if (state) this.go({ ...state, page: 1 }, true);
    });
    this.pages.addEventListener("click", (event) => {
      const link = event.target.closest("a[href]");
      if (!link) return;
      event.preventDefault();
      this.go(readState(new URL(link.href).search), true, true);
    });
    window.addEventListener("popstate", () => this.go(readState(window.location.search), false));
    this.go(readState(window.location.search), false);
  }

  /** The form's state, or null (with the fields named) when a day is not a calendar day. */
  formState() {
    const data = new FormData(this.form);
    const state = {};
    const wrong = [];
    for (const [key, name] of Object.entries(PARAMS)) {
      const value = String(data.get(name) || "").trim();
      state[key] = DATE_KEYS.has(key) ? typedDay(value) : value;
      const field = this.form.elements.namedItem(name);
      if (DATE_KEYS.has(key) && field) {
        field.toggleAttribute("aria-invalid", state[key] === null);
        if (state[key] === null) wrong.push(`«${value}»`);
      }
    }
    this.datesError.textContent = wrong.length
      ? `Ngày ${wrong.join(" và ")} không đúng. Hãy gõ ngày theo dạng ngày/tháng/năm, ví dụ 01/05/2024.` : "";
    return wrong.length ? null : state;
  }

  fill(state) {
    for (const [key, name] of Object.entries(PARAMS)) {
      const field = this.form.elements.namedItem(name);
      if (field) field.value = DATE_KEYS.has(key) ? shownDay(state[key]) : state[key];
    }
  }

  go(state, push, focusResults = false) {
    this.show(state, focusResults); // runs until it waits for the index files: meanwhile, the rest
    if (push) window.history.pushState(null, "", `${window.location.pathname}${stateSearch(state)}`);
    this.fill(state);
  }

  async show(state, focusResults) {
    const run = ++this.run;
    const filters = filtersOf(state, this.manifest);
    const filtered = Object.values(filters).some((value) => value != null);
    this.results.replaceChildren();
    this.pages.hidden = true;
    this.empty.hidden = !!state.q;
    this.none.hidden = true;
    document.title = state.q ? `Tìm kiếm: ${state.q} — ${this.root.dataset.siteTitle}` : this.root.dataset.pageTitle;
    if (!state.q) {
      this.status.textContent = "";
      return;
    }
    this.status.textContent = "Đang tìm…";
    let found;
    try {
      found = await this.index.search(state.q, filters, (state.page - 1) * PAGE_SIZE, PAGE_SIZE);
    } catch (error) {
      if (run === this.run) this.status.textContent = "Không tải được dữ liệu tìm kiếm. Vui lòng thử lại sau.";
      throw error;
    }
    if (run !== this.run) return;
    const first = (state.page - 1) * PAGE_SIZE + 1;
    if (!found.results.length) {
      this.status.textContent = state.page > 1
        ? `Không còn kết quả cho «${state.q}» ở trang ${state.page}.`
        : `Không tìm thấy kết quả cho «${state.q}»${filtered ? " với các bộ lọc đã chọn" : ""}.`;
      this.none.hidden = false;
      this.none.querySelector("[data-search-unfiltered]").hidden = !filtered;
      this.none.querySelector("[data-search-unfiltered] a").href = `/tim-kiem/${stateSearch({ q: state.q, page: 1 })}`;
    } else {
      const last = first + found.results.length - 1;
      const total = found.total ?? (found.more ? null : last);
      this.status.textContent = `Kết quả ${first}–${last} cho «${state.q}»${total == null ? "" : `, trong tổng số ${total} kết quả`}.`;
      const wanted = new Set(queryWords(state.q)[1]);
      const number = queryNumberKey(state.q);
      this.results.setAttribute("start", String(first));
      this.results.append(...found.results.map((result) => this.card(result, wanted, number)));
    }
    this.pageLinks(state, found.more);
    if (focusResults) this.status.focus();
  }

  card({ attributes, display }, wanted, number) {
    const [day, unit, type] = attributes;
    const [title, , excerpt, documentNumber] = display;
    const link = element("a", { class: "item-card__title", href: `/${itemUrl(this.manifest, attributes, display)}` },
      marked(title, wanted));
    const meta = [dayText(day), this.manifest.units[unit][1], this.manifest.types[type][1]];
    const metaLine = element("p", { class: "item-card__meta" }, meta.join(" · "));
    if (documentNumber) {
      const numberNode = number && queryNumberKey(documentNumber) === number
        ? element("mark", {}, documentNumber) : documentNumber;
      metaLine.append(" · Số ", numberNode);
    }
    return element("li", { class: "item-card" }, link, metaLine,
      element("p", { class: "item-card__summary" }, marked(excerpt, wanted)));
  }

  pageLinks(state, more) {
    const links = [];
    if (state.page > 1) {
      links.push(element("a", { rel: "prev", href: stateSearch({ ...state, page: state.page - 1 }) || "?" }, "« Trang trước"));
    }
    if (state.page > 1 || more) links.push(element("span", { "aria-current": "page" }, `Trang ${state.page}`));
    if (more) links.push(element("a", { rel: "next", href: stateSearch({ ...state, page: state.page + 1 }) }, "Trang sau »"));
    this.pages.replaceChildren(...links);
    this.pages.hidden = links.length === 0;
  }
}

if (typeof document !== "undefined") {
  const root = document.querySelector("[data-search-page]");
  if (root) new SearchPage(root, JSON.parse(root.dataset.manifest));
}
