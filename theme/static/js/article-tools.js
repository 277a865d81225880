// Article tools: print, share (Web Share API), copy link, back; keyboard access to wide tables.

/** The object given to navigator.share for a [data-share] box. */
export function shareData(box) {
  const data = { title: box.dataset.shareTitle || document.title, url: box.dataset.shareUrl || location.href };
  if (box.dataset.shareText) data.text = box.dataset.shareText;
  return data;
}

/** True when a referrer URL comes from this page's origin. */
export function sameOrigin(referrer, origin) {
  try { return new URL(referrer).origin === origin; } catch { return false; }
}

function say(box, text) {
  const status = box.querySelector("[data-share-status]");
  if (!status) return;
  status.textContent = "";
  // A fresh text node after a tick so that screen readers announce a repeated message.
  setTimeout(() => { status.textContent = text; }, 50);
}

if (typeof document !== "undefined") {
  for (const b of document.querySelectorAll("[data-print]")) {
    b.hidden = false;
    b.addEventListener("click", () => window.print());
  }

  for (const box of document.querySelectorAll("[data-share]")) {
    const native = box.querySelector("[data-share-native]");
    if (native && typeof navigator.share === "function") {
      native.hidden = false;
      native.addEventListener("click", async () => {
        try {
          await navigator.share(shareData(box));
        } catch (err) {
          if (!err || err.name !== "AbortError") say(box, "Không chia sẻ được, hãy sao chép liên kết");
        }
      });
    }
    const copy = box.querySelector("[data-copy-link]");
    if (copy && navigator.clipboard && typeof navigator.clipboard.writeText === "function") {
      copy.hidden = false;
      copy.addEventListener("click", async () => {
        try {
          await navigator.clipboard.writeText(shareData(box).url);
          say(box, "Đã sao chép liên kết");
        } catch {
          say(box, "Không sao chép được liên kết");
        }
      });
    }
  }

  for (const a of document.querySelectorAll("[data-back]")) {
    a.addEventListener("click", (e) => {
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      if (history.length > 1 && sameOrigin(document.referrer, location.origin)) {
        e.preventDefault();
        history.back();
      }
    });
  }

  // A wide table in an article body scrolls sideways (portal.css); make it reachable by keyboard.
  const tables = document.querySelectorAll(".item-body > table");
  const markScrollable = () => {
    for (const t of tables) {
      if (t.scrollWidth > t.clientWidth + 1) t.setAttribute("tabindex", "0");
      else if (t.getAttribute("tabindex") === "0") t.removeAttribute("tabindex");
    }
  };
  if (tables.length) {
    markScrollable();
    let timer = 0;
    window.addEventListener("resize", () => { clearTimeout(timer); timer = setTimeout(markScrollable, 150); });
  }
}
