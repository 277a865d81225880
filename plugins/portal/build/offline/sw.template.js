// The portal's service worker, written by each build (plugins/portal/build/offline): the shell is kept
// for this version, pages a reader opened and their pictures for offline reading.
const VERSION = __VERSION__;
const SHELL_FILES = __SHELL__;
const OFFLINE = __OFFLINE__;
const SAVED_PAGES = __SAVED_PAGES__;
const SAVED_MEDIA = __SAVED_MEDIA__;
const SHELL = `portal-shell-${VERSION}`;
const PAGES = "portal-pages";
const MEDIA = "portal-media";
const KEPT = [SHELL, PAGES, MEDIA];

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(SHELL);
    // Past the browser's HTTP cache: the shell is that of this build.
    await cache.addAll(SHELL_FILES.map((url) => new Request(url, { cache: "reload" })));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith("portal-") && !KEPT.includes(name)) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

// Keep at most `limit` entries: the one put last is the newest, the first key the oldest.
async function keep(cacheName, request, response, limit) {
  const cache = await caches.open(cacheName);
  await cache.delete(request, { ignoreSearch: false });
  await cache.put(request, response);
  const keys = await cache.keys();
  for (const old of keys.slice(0, Math.max(0, keys.length - limit))) await cache.delete(old);
}

async function page(event) {
  const request = event.request;
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") {
      event.waitUntil(keep(PAGES, request, response.clone(), SAVED_PAGES));
    }
    return response;
  } catch (offline) {
    const saved = await caches.match(request, { cacheName: PAGES, ignoreSearch: true });
    if (saved) {
      event.waitUntil(keep(PAGES, request, saved.clone(), SAVED_PAGES));  // opened again: newest
      return saved;
    }
    return (await caches.match(OFFLINE, { cacheName: SHELL })) || Response.error();
  }
}

async function asset(event, cacheName, limit) {
  const found = await caches.match(event.request, { ignoreSearch: cacheName === SHELL });
  if (found) return found;
  const response = await fetch(event.request);
  if (response.ok && response.type === "basic") {
    const copy = response.clone();
    event.waitUntil(cacheName === SHELL
      ? caches.open(SHELL).then((cache) => cache.put(event.request, copy))
      : keep(cacheName, event.request, copy, limit));
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(page(event));
  } else if (url.pathname.startsWith("/theme/")) {
    event.respondWith(asset(event, SHELL, 0));
  } else if (url.pathname.startsWith("/img/") || url.pathname.startsWith("/images/")) {
    event.respondWith(asset(event, MEDIA, SAVED_MEDIA));
  }
  // Anything else (counters, search data, feeds, files) goes to the network as without a worker.
});
