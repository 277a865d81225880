// The offline page: lists the pages the service worker keeps for offline reading (its
// "portal-pages" cache), the most recently opened first, each by its heading.
const list = document.querySelector("[data-offline-saved]");
const none = document.querySelector("[data-offline-none]");

async function savedPages() {
  if (!("caches" in window)) return [];
  const cache = await caches.open("portal-pages");
  const found = [];
  for (const request of (await cache.keys()).reverse()) {
    const url = new URL(request.url);
    if (url.pathname === "/offline/") continue;
    const response = await cache.match(request);
    const html = response ? await response.text() : "";
    const page = new DOMParser().parseFromString(html, "text/html");
    const title = page.querySelector("h1")?.textContent?.trim() || page.title || url.pathname;
    found.push({ url: url.pathname + url.search, title });
  }
  return found;
}

if (list) {
  savedPages().then((pages) => {
    for (const { url, title } of pages) {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = url;
      link.textContent = title;
      item.append(link);
      list.append(item);
    }
    if (none) none.hidden = pages.length > 0;
  }).catch(() => {});
}
