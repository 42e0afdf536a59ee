// Enhances the parent app; every page works without it. Registers the service
// worker (offline pages, reminders), shows the share button where the browser can
// share, wires up "Leave this site", and loads the reminders script only on the
// page that needs it.
import { initAll } from "../nhsuk-frontend/nhsuk-frontend.min.js";
import { initQuickExit } from "./quick-exit.js";

initAll();

const quickExit = document.querySelector("[data-quick-exit]");
if (quickExit) {
  initQuickExit(quickExit);
}

if ("serviceWorker" in navigator && window.isSecureContext) {
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {});
}

const share = document.querySelector("[data-share-code]");
if (share && navigator.share) {
  share.hidden = false;
  share.addEventListener("click", () => {
    navigator
      .share({
        title: "Join our family on First 1001 Days",
        text: `Sign up, choose "Join my partner's family" and enter this code: ${share.dataset.shareCode}`,
        url: share.dataset.shareUrl,
      })
      .catch(() => {});
  });
}

if (document.getElementById("push")) {
  import("./push.js").then((push) => push.initPush());
}
