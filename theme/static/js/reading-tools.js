// Reading tools: font size (A- A A+) and high contrast, remembered in localStorage.
// Font: --font-scale and data-font-scale on <html>; contrast: data-contrast="high" on <html>.
export const FONT_STEPS = [0.875, 1, 1.125, 1.25, 1.375, 1.5];
export const FONT_KEY = "portal.fontScale";
export const CONTRAST_KEY = "portal.contrast";

/** The step nearest to a stored value; 1 for anything unreadable. */
export function toStep(value) {
  const n = Number.parseFloat(value);
  if (!Number.isFinite(n)) return 1;
  return FONT_STEPS.reduce((best, s) => (Math.abs(s - n) < Math.abs(best - n) ? s : best), 1);
}

// Storage may be missing or throw (private mode, blocked): settings then last for the page only.
function load(key) {
  try { return window.localStorage.getItem(key); } catch { return null; }
}
function save(key, value) {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch { /* not remembered */ }
}

if (typeof document !== "undefined") {
  const root = document.documentElement;
  const fontButtons = document.querySelectorAll("[data-reading-tools] [data-font]");
  const contrastButtons = document.querySelectorAll("[data-reading-tools] [data-contrast]");
  const titles = { smaller: "Giảm cỡ chữ", reset: "Cỡ chữ mặc định", larger: "Tăng cỡ chữ" };
  let scale, high;
  const read = () => {
    scale = toStep(load(FONT_KEY));
    high = load(CONTRAST_KEY) === "high";
  };
  const apply = () => {
    if (scale === 1) {
      root.style.removeProperty("--font-scale");
      delete root.dataset.fontScale;
    } else {
      root.style.setProperty("--font-scale", String(scale));
      root.dataset.fontScale = String(scale);
    }
    if (high) root.dataset.contrast = "high";
    else delete root.dataset.contrast;
    const i = FONT_STEPS.indexOf(scale);
    for (const b of fontButtons) {
      const f = b.dataset.font;
      // aria-disabled, not disabled: the button keeps focus when it reaches the limit.
      if ((f === "smaller" && i === 0) || (f === "larger" && i === FONT_STEPS.length - 1)) b.setAttribute("aria-disabled", "true");
      else b.removeAttribute("aria-disabled");
    }
    for (const b of contrastButtons) {
      b.setAttribute("aria-pressed", String(high));
      b.textContent = high ? "Giảm tương phản" : "Tăng tương phản";
    }
  };

  for (const b of fontButtons) {
    if (!b.title && titles[b.dataset.font]) b.title = titles[b.dataset.font];
    b.addEventListener("click", () => {
      if (b.getAttribute("aria-disabled") === "true") return;
      const i = FONT_STEPS.indexOf(scale), f = b.dataset.font;
      scale = f === "smaller" ? FONT_STEPS[Math.max(0, i - 1)]
        : f === "larger" ? FONT_STEPS[Math.min(FONT_STEPS.length - 1, i + 1)] : 1;
      save(FONT_KEY, scale === 1 ? null : String(scale));
      apply();
    });
  }
  for (const b of contrastButtons) {
    b.addEventListener("click", () => {
      high = !high;
      save(CONTRAST_KEY, high ? "high" : null);
      apply();
    });
  }
  // Another tab changed the settings: follow it.
  window.addEventListener("storage", () => { read(); apply(); });

  read();
  apply();
  for (const t of document.querySelectorAll("[data-reading-tools]")) t.hidden = false;
}
