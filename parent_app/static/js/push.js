// "Turn on reminders": asks for permission only after the parent taps the button,
// subscribes with the server's VAPID key and posts the subscription; "Turn off"
// unsubscribes and tells the server.

const status = () => document.getElementById("push-status");
const onButton = () => document.getElementById("push-on");
const offButton = () => document.getElementById("push-off");

export function keyBytes(base64url) {
  const padded = (base64url + "===".slice((base64url.length + 3) % 4))
    .replace(/-/g, "+")
    .replace(/_/g, "/");
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
}

async function setup() {
  const response = await fetch("/push/setup", { credentials: "same-origin" });
  if (!response.ok) throw new Error("setup");
  return response.json();
}

async function post(path, subscription, csrfToken) {
  const response = await fetch(path, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken },
    body: JSON.stringify(subscription.toJSON()),
  });
  if (!response.ok) throw new Error(`post ${response.status}`);
}

function show(subscribed, message) {
  status().textContent = message;
  onButton().hidden = subscribed;
  offButton().hidden = !subscribed;
}

async function turnOn(registration) {
  onButton().disabled = true;
  try {
    const permission = await Notification.requestPermission();
    if (permission !== "granted") {
      show(false, "Reminders are blocked for this site. You can allow them in your browser's settings, then try again.");
      return;
    }
    const { vapid_public_key: key, csrf_token: token } = await setup();
    const subscription = await registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: keyBytes(key),
    });
    await post("/push/subscription", subscription, token);
    show(true, "Reminders are on for this phone.");
  } catch (error) {
    show(false, "Reminders could not be turned on. Check your connection and try again.");
  } finally {
    onButton().disabled = false;
  }
}

async function turnOff(registration) {
  const subscription = await registration.pushManager.getSubscription();
  try {
    if (subscription) {
      const { csrf_token: token } = await setup();
      await post("/push/subscription/delete", subscription, token).catch(() => {});
      await subscription.unsubscribe();
    }
    show(false, "Reminders are off for this phone. You can still read them here.");
  } catch (error) {
    status().textContent = "Reminders could not be turned off. Try again.";
  }
}

export async function initPush() {
  if (!("serviceWorker" in navigator) || !("PushManager" in window) || !("Notification" in window)) {
    status().textContent =
      "This browser cannot show reminders. On an iPhone, first add this app to your Home Screen (iOS 16.4 or later). You can still read every reminder here.";
    return;
  }
  const registration = await navigator.serviceWorker.ready;
  const subscription = await registration.pushManager.getSubscription();
  if (subscription && Notification.permission === "granted") {
    show(true, "Reminders are on for this phone.");
  } else {
    show(false, "Get a reminder on this phone at the right time, like when vaccinations are due.");
  }
  onButton().addEventListener("click", () => turnOn(registration));
  offButton().addEventListener("click", () => turnOff(registration));
}
