// "Xem theo ngày": inline calendar grid (WAI-ARIA APG date picker grid) that opens a day's archive.
// Dates are UTC midnights, so no time zone or DST can shift a day.
const WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"];
const SHORT = ["T2", "T3", "T4", "T5", "T6", "T7", "CN"];
const pad = (n) => String(n).padStart(2, "0");
const daysIn = (y, m) => new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
const weekday = (d) => (d.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
const utc = (y, m, d) => new Date(Date.UTC(y, m, d));

export const isoDay = (d) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** "2024-05-12" -> Date, or null when it is not a real date. */
export function parseIsoDay(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s || "");
  const d = m && utc(+m[1], m[2] - 1, +m[3]);
  return d && isoDay(d) === s ? d : null;
}
export const monthTitleVi = (y, m0) => `Tháng ${m0 + 1} năm ${y}`;
const dayVi = (d) => `${d.getUTCDate()} tháng ${d.getUTCMonth() + 1} năm ${d.getUTCFullYear()}`;
/** "12 tháng 5 năm 2024, có 2 bài viết" / "…, không có bài viết" */
export const dayLabelVi = (d, n) => `${dayVi(d)}, ${n > 0 ? `có ${n} bài viết` : "không có bài viết"}`;
/** Fills {year}, {month}, {day} (zero-padded). */
export const fillUrl = (t, d) => t.replace(/\{year\}/g, d.getUTCFullYear())
  .replace(/\{month\}/g, pad(d.getUTCMonth() + 1)).replace(/\{day\}/g, pad(d.getUTCDate()));
export const addDays = (d, n) => new Date(d.getTime() + n * 864e5);
/** Same day number n months away, or that month's last day. */
export function addMonths(d, n) {
  const t = d.getUTCFullYear() * 12 + d.getUTCMonth() + n, y = Math.floor(t / 12), m = t - y * 12;
  return utc(y, m, Math.min(d.getUTCDate(), daysIn(y, m)));
}
/** The day a page is about: the archive's day or month (/luu-tru/2021/11/), or an item's date. */
export function pageDay(path, itemDate) {
  const m = /^\/luu-tru\/(\d{4})\/(?:(\d{2})\/(?:(\d{2})\/)?)?/.exec(path || "");
  if (m) return parseIsoDay(`${m[1]}-${m[2] || "12"}-${m[3] || "01"}`);
  return parseIsoDay((itemDate || "").slice(0, 10));
}
const count = (data, d) => { const n = Number(data[isoDay(d)]); return n > 0 ? n : 0; };

function el(tag, attrs, text) {
  const e = document.createElement(tag);
  for (const k in attrs || {}) e.setAttribute(k, attrs[k]);
  if (text) e.textContent = text;
  return e;
}
let uid = 0;

class DatePicker {
  constructor(root) {
    const ds = root.dataset, id = `dp${++uid}`, now = new Date();
    Object.assign(this, { root, calUrl: ds.calendarUrl || "", dayUrl: ds.dayUrl || "",
      min: parseIsoDay(ds.min), max: parseIsoDay(ds.max), years: new Map(), shown: "" });
    this.today = isoDay(utc(now.getFullYear(), now.getMonth(), now.getDate()));
    const item = document.querySelector(".item-date time[datetime]");
    this.focus = this.clamp(pageDay(location.pathname, item && item.getAttribute("datetime"))
      || parseIsoDay(ds.initial) || parseIsoDay(this.today));

    const head = el("div", { class: "dp-head" });
    const nav = (cls, label, glyph, delta) => {
      const b = el("button", { type: "button", class: `dp-nav ${cls}`, "aria-label": label, title: label });
      b.append(el("span", { "aria-hidden": "true" }, glyph));
      b.onclick = () => { if (b.getAttribute("aria-disabled") !== "true") this.go(addMonths(this.focus, delta)); };
      return b;
    };
    this.navs = [nav("dp-prev-year", "Năm trước", "«", -12), nav("dp-prev-month", "Tháng trước", "‹", -1),
      nav("dp-next-month", "Tháng sau", "›", 1), nav("dp-next-year", "Năm sau", "»", 12)];
    this.title = el("h3", { class: "dp-title", id: `${id}-title`, "aria-live": "polite" });
    head.append(this.navs[0], this.navs[1], this.title, this.navs[2], this.navs[3]);

    this.grid = el("table", { class: "dp-grid", role: "grid", "aria-labelledby": `${id}-title`, "aria-describedby": `${id}-help` });
    const thead = el("thead"), tr = el("tr");
    WEEKDAYS.forEach((name, i) => tr.append(el("th", { scope: "col", abbr: name, "aria-label": name }, SHORT[i])));
    thead.append(tr);
    this.body = el("tbody");
    this.grid.append(thead, this.body);
    this.grid.addEventListener("keydown", (e) => this.key(e));
    this.grid.addEventListener("click", (e) => {
      const b = e.target.closest("button[data-date]");
      if (b) { const d = parseIsoDay(b.dataset.date); this.go(d, true); this.open(d); }
    });
    const legend = el("p", { class: "dp-legend" });
    legend.append(el("span", { class: "dp-legend-mark", "aria-hidden": "true" }), " Ngày có bài viết");
    const help = el("p", { class: "visually-hidden", id: `${id}-help` },
      "Dùng phím mũi tên để chọn ngày, Page Up và Page Down để đổi tháng, Enter để mở các bài viết của ngày.");
    root.replaceChildren(head, this.grid, legend, help);
    root.classList.add("date-picker--ready");

    // The no-JS archive links stay reachable, folded under the calendar.
    const archive = root.parentElement && root.parentElement.querySelector(".archive-years");
    if (archive && !archive.closest("details")) {
      const details = el("details", { class: "archive-years-more" });
      archive.replaceWith(details);
      details.append(el("summary", {}, "Xem theo năm, tháng"), archive);
    }
    this.render(false);
  }

  clamp(d) {
    return this.min && d < this.min ? this.min : this.max && d > this.max ? this.max : d;
  }

  /** The year's {day: count} (cached; a failed fetch counts as no items). */
  load(year) {
    let entry = this.years.get(year);
    if (!entry) {
      entry = { data: null };
      entry.promise = (this.calUrl ? fetch(this.calUrl.replace(/\{year\}/g, year)) : Promise.reject())
        .then((r) => (r.ok ? r.json() : {})).catch(() => ({}))
        .then((j) => {
          entry.data = j && typeof j === "object" && !Array.isArray(j) ? j : {};
          if (this.focus.getUTCFullYear() === year) this.render(this.grid.contains(document.activeElement));
          return entry.data;
        });
      this.years.set(year, entry);
    }
    return entry;
  }

  render(moveFocus) {
    const y = this.focus.getUTCFullYear(), m = this.focus.getUTCMonth(), { data } = this.load(y);
    const key = `${y}-${m}-${!!data}`;
    if (this.shown !== key) {
      this.shown = key;
      this.title.textContent = monthTitleVi(y, m);
      this.grid.setAttribute("aria-busy", String(!data));
      const rows = [], last = daysIn(y, m);
      let row = el("tr");
      for (let i = weekday(utc(y, m, 1)); i > 0; i--) row.append(el("td"));
      for (let day = 1; day <= last; day++) {
        const d = utc(y, m, day), iso = isoDay(d);
        const n = this.clamp(d) !== d ? 0 : data ? count(data, d) : -1;
        const b = el("button", { type: "button", class: "dp-day", "data-date": iso, tabindex: "-1",
          "aria-label": n < 0 ? dayVi(d) : dayLabelVi(d, n) }, String(day));
        if (n > 0) b.classList.add("dp-has-items");
        else if (n === 0) b.setAttribute("aria-disabled", "true");
        if (iso === this.today) b.setAttribute("aria-current", "date");
        const td = el("td");
        td.append(b);
        row.append(td);
        if (weekday(d) === 6 || day === last) {
          while (row.children.length < 7) row.append(el("td"));
          rows.push(row);
          row = el("tr");
        }
      }
      this.body.replaceChildren(...rows);
      const atMin = !!this.min && utc(y, m, 1) <= this.min, atMax = !!this.max && utc(y, m, last) >= this.max;
      this.navs.forEach((b, i) => (i < 2 ? atMin : atMax) ? b.setAttribute("aria-disabled", "true") : b.removeAttribute("aria-disabled"));
    }
    // Roving tabindex: only the focused day is in the tab order.
    const want = isoDay(this.focus);
    for (const b of this.body.querySelectorAll("button")) {
      b.tabIndex = b.dataset.date === want ? 0 : -1;
      if (moveFocus && !b.tabIndex) b.focus();
    }
  }

  go(d, moveFocus) {
    this.focus = this.clamp(d);
    this.render(moveFocus);
  }

  open(d) {
    if (this.clamp(d) !== d || !this.dayUrl) return;
    this.load(d.getUTCFullYear()).promise.then((data) => {
      if (count(data, d) > 0) window.location.assign(fillUrl(this.dayUrl, d));
    });
  }

  key(e) {
    if (!e.target.closest("button[data-date]") || e.altKey || e.ctrlKey || e.metaKey) return;
    const d = this.focus, step = {
      ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7, Home: -weekday(d), End: 6 - weekday(d),
    }[e.key];
    let next;
    if (step !== undefined) next = addDays(d, step);
    else if (e.key === "PageUp" || e.key === "PageDown") next = addMonths(d, (e.key === "PageUp" ? -1 : 1) * (e.shiftKey ? 12 : 1));
    else return; // Enter and Space reach the button as a click.
    e.preventDefault();
    this.go(next, true);
  }
}

if (typeof document !== "undefined") {
  for (const root of document.querySelectorAll("[data-date-picker]")) {
    if (!root.classList.contains("date-picker--ready")) new DatePicker(root);
  }
}
