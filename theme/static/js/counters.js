// Visitor counters: one request per page view reports the view to the counter service and
// returns the counts that fill the [data-counters] areas. The areas stay hidden when the
// service fails or takes longer than TIMEOUT_MS; nothing else on the page changes.

const TIMEOUT_MS = 2000;
const ODOMETER_DIGITS = 7;

/** 1234567 -> "1.234.567", by hand: no locale-dependent API. */
function formatCount(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
}

function isCount(n) {
  return Number.isSafeInteger(n) && n >= 0;
}

function odometer(total) {
  const p = document.createElement("p");
  p.className = "odometer";
  p.setAttribute("role", "img");
  p.setAttribute("aria-label", `${formatCount(total)} lượt truy cập`);
  for (const digit of String(total).padStart(ODOMETER_DIGITS, "0")) {
    const span = document.createElement("span");
    span.setAttribute("aria-hidden", "true");
    span.textContent = digit;
    p.append(span);
  }
  return p;
}

function popularItem(entry) {
  const li = document.createElement("li");
  const a = document.createElement("a");
  a.href = entry.url;
  a.textContent = entry.title;
  li.append(a);
  return li;
}

/** Reports the view (or only reads the counts), giving up after TIMEOUT_MS; null on failure. */
async function fetchCounts(api, page, report) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  const options = { credentials: "omit", cache: "no-store", signal: controller.signal };
  try {
    const response = report
      ? await fetch(`${api}views`, {
          ...options, method: "POST", headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ page }),
        })
      : await fetch(`${api}counts?page=${encodeURIComponent(page)}`, options);
    return response.ok ? await response.json() : null;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** The content of each [data-counter] element from the counts, or null when the counts lack it. */
function contents(counts) {
  const number = (n) => (isCount(n) ? [formatCount(n)] : null);
  const popular = (Array.isArray(counts.popular) ? counts.popular : []).filter(
    (e) => e && typeof e.title === "string" && typeof e.url === "string" && /^\/(?!\/)/.test(e.url));
  return {
    site: isCount(counts.site) ? [odometer(counts.site)] : null,
    online: number(counts.online),
    articles: number(counts.articles),
    page: number(counts.page),
    popular: popular.length > 0 ? popular.map(popularItem) : null,
  };
}

/** Shows each counter area whose every counter has a value; the others stay hidden. */
function fill(counts) {
  const values = contents(counts);
  for (const area of document.querySelectorAll("[data-counters]")) {
    const fields = [...area.querySelectorAll("[data-counter]")];
    if (fields.length === 0 || !fields.every((el) => values[el.dataset.counter])) continue;
    for (const el of fields) el.replaceChildren(...values[el.dataset.counter]);
    area.hidden = false;
  }
}

const { counterPage: page, counterApi: api } = document.body.dataset;
if (page && api) {
  // Automated browsers only read the counts, unless the build's test switch lets them report.
  const report = !navigator.webdriver || document.body.hasAttribute("data-counter-automated");
  fetchCounts(api, page, report).then((counts) => counts && fill(counts));
}
