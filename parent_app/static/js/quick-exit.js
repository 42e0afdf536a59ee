// "Leave this site": swaps this page for a neutral one at once, for a parent who
// may be watched. location.replace leaves this page out of the tab's history, so
// Back does not bring it back. Pressing Escape twice does the same, like GOV.UK's
// "Exit this page" (which uses Shift three times and keeps the page in history, so
// it is not reused here). Without JavaScript the link still goes to the same page.
const PRESSES = 2;
const WITHIN_MS = 2000;

export function initQuickExit(link) {
  const leave = (event) => {
    if (event) event.preventDefault();
    document.body.classList.add("app-leaving");
    window.location.replace(link.href);
  };
  link.addEventListener("click", leave);

  let presses = 0;
  let timer = null;
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    presses += 1;
    window.clearTimeout(timer);
    if (presses >= PRESSES) {
      presses = 0;
      leave(event);
      return;
    }
    timer = window.setTimeout(() => {
      presses = 0;
    }, WITHIN_MS);
  });
  // A page restored from the back-forward cache shows its content again.
  window.addEventListener("pageshow", () => document.body.classList.remove("app-leaving"));
}
