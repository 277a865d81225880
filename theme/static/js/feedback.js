// Readers' feedback: sends the form with fetch and shows the service's answer in the form's
// status line; a field the service refuses is marked invalid with its message beside it.
// Without this script the form posts itself and the service answers with a page.

const TIMEOUT_MS = 10000;
const FAILED = "Chưa gửi được góp ý; xin kiểm tra kết nối và thử lại.";

function say(form, text) {
  const status = form.querySelector("[data-feedback-status]");
  status.textContent = "";
  // A fresh text after a tick, so that screen readers announce a repeated message.
  setTimeout(() => { status.textContent = text; }, 50);
}

function clearErrors(form) {
  for (const error of form.querySelectorAll("[data-feedback-error]")) {
    error.textContent = "";
    form.elements[error.dataset.feedbackError]?.removeAttribute("aria-invalid");
  }
}

function showError(form, answer) {
  const error = answer.field && form.querySelector(`[data-feedback-error="${answer.field}"]`);
  if (!error) return false;
  error.textContent = answer.message;
  const field = form.elements[answer.field];
  field.setAttribute("aria-invalid", "true");
  field.focus();
  return true;
}

async function send(form) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    const response = await fetch(form.action, {
      method: "POST", credentials: "omit", cache: "no-store", signal: controller.signal,
      headers: { Accept: "application/json" }, body: new URLSearchParams(new FormData(form)),
    });
    return await response.json();
  } catch {
    return { message: FAILED };
  } finally {
    clearTimeout(timer);
  }
}

for (const form of document.querySelectorAll("[data-feedback]")) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = form.querySelector("button[type=submit]");
    if (button.hasAttribute("aria-disabled")) return;
    button.setAttribute("aria-disabled", "true");
    clearErrors(form);
    const answer = await send(form);
    button.removeAttribute("aria-disabled");
    if (answer.status) form.elements.message.value = "";
    if (!showError(form, answer)) say(form, answer.message || FAILED);
  });
}
