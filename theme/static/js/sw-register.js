// Installs the service worker (/sw.js) that keeps pages for offline reading: on HTTPS, or on
// this computer (localhost), where browsers allow one.
const local = ["localhost", "127.0.0.1", "[::1]"].includes(location.hostname);
if ("serviceWorker" in navigator && (location.protocol === "https:" || local)) {
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {});
}
