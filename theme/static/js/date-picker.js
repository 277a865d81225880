// "Xem theo ngày": an inline calendar grid (WAI-ARIA APG date picker grid pattern) that opens a
// day's archive. Dates are handled as UTC midnights, so no time zone or DST can shift a day.

const WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"];
const WEEKDAYS_SHORT = ["T2", "T3", "T4", "T5", "T6", "T7", "CN"];
const DAY = 86400000;

const pad = (n) => String(n).padStart(2, "0");
const daysIn = (y, m) => new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
/** Monday = 0 ... Sunday = 6 */
const weekdayIndex = (d) => (d.getUTCDay() + 6) % 7;

export function isoDay(d) {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** "2024-05-12" -> Date (UTC midnight), or null when it is not a real date. */
export function parseIsoDay(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s || "");
  if (!m) return null;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return isoDay(d) === s ? d : null;
}

export function monthTitleVi(year, month0) {
  return `Tháng ${month0 + 1} năm ${year}`;
}

/** "12 tháng 5 năm 2024, có 2 bài viết" / "..., không có bài viết" */
export function dayLabelVi(d, count) {
  const base = `${d.getUTCDate()} tháng ${d.getUTCMonth() + 1} năm ${d.getUTCFullYear()}`;
  return count > 0 ? `${base}, có ${count} bài viết` : `${base}, không có bài viết`;
}

/** Fills {year}, {month}, {day} (month and day zero-padded). */
export function fillUrl(template, d) {
  return template
    .replace(/\{year\}/g, String(d.getUTCFullYear()))
    .replace(/\{month\}/g, pad(d.getUTCMonth() + 1))
    .replace(/\{day\}/g, pad(d.getUTCDate()));
}

export function addDays(d, n) {
  return new Date(d.getTime() + n * DAY);
}

/** Same day number n months away, or that month's last day. */
export function addMonths(d, n) {
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() + n;
  const y = Math.floor(total / 12);
  const m = total - y * 12;
  return new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), daysIn(y, m))));
}

let counter = 0;

function el(tag, attrs = {}, text = "") {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text) e.textContent = text;
  return e;
}

class DatePicker {
  constructor(root) {
    const ds = root.dataset;
    const id = `dp${++counter}`;
    this.root = root;
    this.calendarUrl = ds.calendarUrl || "";
    this.dayUrl = ds.dayUrl || "";
    this.min = parseIsoDay(ds.min);
    this.max = parseIsoDay(ds.max);
    const now = new Date();
    this.today = isoDay(new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate())));
    this.focus = this.clamp(parseIsoDay(ds.initial) || parseIsoDay(this.today));
    this.years = new Map(); // year -> {promise, data}
    this.shown = null; // "YYYY-MM" of the month in the grid, and whether its data was there
    this.build(id);
    this.render(false);
  }

  clamp(d) {
    if (this.min && d < this.min) return this.min;
    if (this.max && d > this.max) return this.max;
    return d;
  }

  build(id) {
    const head = el("div", { class: "dp-head" });
    const nav = (cls, label, glyph, delta) => {
      const b = el("button", { type: "button", class: `dp-nav ${cls}`, "aria-label": label, title: label });
      b.append(el("span", { "aria-hidden": "true" }, glyph));
      b.addEventListener("click", () => {
        if (b.getAttribute("aria-disabled") !== "true") this.moveTo(addMonths(this.focus, delta), false);
      });
      return b;
    };
    this.prevYear = nav("dp-prev-year", "Năm trước", "«", -12);
    this.prevMonth = nav("dp-prev-month", "Tháng trước", "‹", -1);
    this.nextMonth = nav("dp-next-month", "Tháng sau", "›", 1);
    this.nextYear = nav("dp-next-year", "Năm sau", "»", 12);
    this.title = el("h3", { class: "dp-title", id: `${id}-title`, "aria-live": "polite" });
    head.append(this.prevYear, this.prevMonth, this.title, this.nextMonth, this.nextYear);

    this.grid = el("table", {
      class: "dp-grid", role: "grid", "aria-labelledby": `${id}-title`, "aria-describedby": `${id}-help`,
    });
    const tr = el("tr");
    WEEKDAYS.forEach((name, i) => tr.append(el("th", { scope: "col", abbr: name, "aria-label": name }, WEEKDAYS_SHORT[i])));
    const thead = el("thead");
    thead.append(tr);
    this.body = el("tbody");
    this.grid.append(thead, this.body);
    this.grid.addEventListener("keydown", (e) => this.onKey(e));
    this.grid.addEventListener("click", (e) => {
      const b = e.target.closest("button[data-date]");
      if (!b) return;
      const d = parseIsoDay(b.dataset.date);
      this.moveTo(d, true);
      this.open(d);
    });

    const legend = el("p", { class: "dp-legend" });
    legend.append(el("span", { class: "dp-legend-mark", "aria-hidden": "true" }), " Ngày có bài viết");
    const help = el("p", { class: "visually-hidden", id: `${id}-help` },
      "Dùng phím mũi tên để chọn ngày, Page Up và Page Down để đổi tháng, Enter để mở các bài viết của ngày.");

    this.root.replaceChildren(head, this.grid, legend, help);
    this.root.classList.add("date-picker--ready");

    // Keep the no-JS archive links reachable, folded under the calendar.
    const archive = this.root.parentElement && this.root.parentElement.querySelector(".archive-years");
    if (archive && !archive.closest("details")) {
      const details = el("details", { class: "archive-years-more" });
      details.append(el("summary", {}, "Xem theo năm, tháng"));
      archive.replaceWith(details);
      details.append(archive);
    }
  }

  load(year) {
    let entry = this.years.get(year);
    if (!entry) {
      entry = { data: null, promise: null };
      const url = this.calendarUrl.replace(/\{year\}/g, String(year));
      entry.promise = (url ? fetch(url, { headers: { Accept: "application/json" } }) : Promise.reject())
        .then((r) => (r.ok ? r.json() : {}))
        .catch(() => ({}))
        .then((json) => (json && typeof json === "object" && !Array.isArray(json) ? json : {}))
        .then((data) => {
          entry.data = data;
          if (this.focus.getUTCFullYear() === year) {
            this.render(this.grid.contains(document.activeElement));
          }
          return data;
        });
      this.years.set(year, entry);
    }
    return entry;
  }

  count(d) {
    const entry = this.years.get(d.getUTCFullYear());
    if (!entry || !entry.data) return null; // not known yet
    const n = Number(entry.data[isoDay(d)]);
    return Number.isFinite(n) && n > 0 ? n : 0;
  }

  inRange(d) {
    return !(this.min && d < this.min) && !(this.max && d > this.max);
  }

  render(moveFocus) {
    const y = this.focus.getUTCFullYear();
    const m = this.focus.getUTCMonth();
    const entry = this.load(y);
    const key = `${y}-${m}-${entry.data ? 1 : 0}`;
    if (this.shown !== key) {
      this.shown = key;
      this.title.textContent = monthTitleVi(y, m);
      this.grid.setAttribute("aria-busy", entry.data ? "false" : "true");
      const rows = [];
      let row = el("tr");
      const lead = weekdayIndex(new Date(Date.UTC(y, m, 1)));
      for (let i = 0; i < lead; i++) row.append(el("td"));
      const last = daysIn(y, m);
      for (let day = 1; day <= last; day++) {
        const d = new Date(Date.UTC(y, m, day));
        const n = this.inRange(d) ? this.count(d) : 0;
        const b = el("button", { type: "button", class: "dp-day", "data-date": isoDay(d), tabindex: "-1" }, String(day));
        if (n === null) {
          b.setAttribute("aria-label", `${day} tháng ${m + 1} năm ${y}`);
        } else {
          b.setAttribute("aria-label", dayLabelVi(d, n));
          if (n > 0) b.classList.add("dp-has-items");
          else b.setAttribute("aria-disabled", "true");
        }
        if (isoDay(d) === this.today) b.setAttribute("aria-current", "date");
        const td = el("td");
        td.append(b);
        row.append(td);
        if (weekdayIndex(d) === 6) { rows.push(row); row = el("tr"); }
      }
      if (row.childNodes.length) {
        while (row.childNodes.length < 7) row.append(el("td"));
        rows.push(row);
      }
      this.body.replaceChildren(...rows);

      const first = new Date(Date.UTC(y, m, 1));
      const lastDay = new Date(Date.UTC(y, m, last));
      const off = (b, yes) => (yes ? b.setAttribute("aria-disabled", "true") : b.removeAttribute("aria-disabled"));
      off(this.prevMonth, this.min && first <= this.min);
      off(this.prevYear, this.min && first <= this.min);
      off(this.nextMonth, this.max && lastDay >= this.max);
      off(this.nextYear, this.max && lastDay >= this.max);
    }
    // Roving tabindex: only the focused day is in the tab order.
    const want = isoDay(this.focus);
    let target = null;
    for (const b of this.body.querySelectorAll("button[data-date]")) {
      const on = b.dataset.date === want;
      b.tabIndex = on ? 0 : -1;
      if (on) target = b;
    }
    if (moveFocus && target) target.focus();
  }

  moveTo(d, moveFocus) {
    this.focus = this.clamp(d);
    this.render(moveFocus);
  }

  open(d) {
    if (!this.inRange(d) || !this.dayUrl) return;
    this.load(d.getUTCFullYear()).promise.then((data) => {
      const n = Number(data[isoDay(d)]);
      if (Number.isFinite(n) && n > 0) window.location.assign(fillUrl(this.dayUrl, d));
    });
  }

  onKey(e) {
    if (!e.target.closest("button[data-date]") || e.altKey || e.ctrlKey || e.metaKey) return;
    const d = this.focus;
    let next;
    switch (e.key) {
      case "ArrowLeft": next = addDays(d, -1); break;
      case "ArrowRight": next = addDays(d, 1); break;
      case "ArrowUp": next = addDays(d, -7); break;
      case "ArrowDown": next = addDays(d, 7); break;
      case "Home": next = addDays(d, -weekdayIndex(d)); break;
      case "End": next = addDays(d, 6 - weekdayIndex(d)); break;
      case "PageUp": next = addMonths(d, e.shiftKey ? -12 : -1); break;
      case "PageDown": next = addMonths(d, e.shiftKey ? 12 : 1); break;
      default: return; // Enter and Space reach the button as a click.
    }
    e.preventDefault();
    this.moveTo(next, true);
  }
}

if (typeof document !== "undefined") {
  for (const root of document.querySelectorAll("[data-date-picker]")) {
    if (!root.classList.contains("date-picker--ready")) new DatePicker(root);
  }
}
