// The phone menu: without JavaScript, "Menu" is a link to #site-menu, which CSS shows as the
// link's target; here it becomes a button that opens and closes the menu in place.
const link = document.querySelector("[data-menu-button]");
const menu = document.querySelector("[data-site-menu]");
const close = document.querySelector("[data-menu-close]");
if (link && menu) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = link.className;
  button.dataset.menuButton = "";
  button.innerHTML = link.innerHTML;
  button.setAttribute("aria-controls", menu.id);
  button.setAttribute("aria-expanded", "false");
  link.replaceWith(button);
  const setOpen = (open) => {
    button.setAttribute("aria-expanded", String(open));
    menu.toggleAttribute("data-open", open);
  };
  button.addEventListener("click", () => setOpen(button.getAttribute("aria-expanded") !== "true"));
  close?.addEventListener("click", (event) => {
    event.preventDefault();
    setOpen(false);
    button.focus();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      button.focus();
    }
  });
}
