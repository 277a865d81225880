// Fills [data-today] with today's date in Vietnamese words, from the browser's local clock.
// Built by hand: no locale-dependent API (toLocaleDateString differs between browsers).

/** "Hôm nay, ngày 21 tháng 2 năm 2019" for a Date, in local time. */
export function formatTodayVi(date) {
  return `Hôm nay, ngày ${date.getDate()} tháng ${date.getMonth() + 1} năm ${date.getFullYear()}`;
}

if (typeof document !== "undefined") {
  const now = new Date();
  for (const el of document.querySelectorAll("[data-today]")) {
    el.textContent = formatTodayVi(now);
    el.hidden = false;
  }
}
