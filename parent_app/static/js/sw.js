// The parent app's service worker (served from /sw.js, scope /). It keeps the app
// shell and the pages last read (this week, articles) so the app opens offline,
// shows "you are offline" for anything else, and shows reminders pushed by the
// server.
const VERSION = "2";
const SHELL = `shell-${VERSION}`;
const PAGES = "pages";
const OFFLINE_URL = "/offline";
const ICON = "/static/icons/icon-192.png";
const SHELL_URLS = [
  OFFLINE_URL,
  "/manifest.webmanifest",
  "/static/nhsuk-frontend/nhsuk-frontend.min.css",
  "/static/nhsuk-frontend/nhsuk-frontend.min.js",
  "/static/css/parent.css",
  "/static/js/parent.js",
  "/static/js/quick-exit.js",
  "/static/js/push.js",
  ICON,
];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(SHELL).then((cache) => cache.addAll(SHELL_URLS)).then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith("shell-") && n !== SHELL).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

// The pages worth reading again offline: this week and articles.
function keepsForOffline(url) {
  return url.pathname === "/" || url.pathname.startsWith("/articles");
}

async function networkFirst(request, url) {
  try {
    const response = await fetch(request);
    if (response.ok && !response.redirected && keepsForOffline(url)) {
      const cache = await caches.open(PAGES);
      await cache.put(request, response.clone());
    }
    return response;
  } catch (error) {
    const cached = await caches.match(request, { ignoreVary: true });
    return cached || (await caches.match(OFFLINE_URL)) || Response.error();
  }
}

async function staleWhileRevalidate(event) {
  const cache = await caches.open(SHELL);
  const cached = await cache.match(event.request);
  const fresh = fetch(event.request).then((response) => {
    if (response.ok) cache.put(event.request, response.clone());
    return response;
  });
  if (cached) {
    event.waitUntil(fresh.catch(() => {}));
    return cached;
  }
  return fresh;
}

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin) return;
  if (event.request.method === "POST" && url.pathname === "/sign-out") {
    // A shared phone keeps nothing personal after signing out.
    event.waitUntil(caches.delete(PAGES));
    return;
  }
  if (event.request.method !== "GET" || url.pathname.startsWith("/api/")) return;
  if (event.request.mode === "navigate") {
    event.respondWith(networkFirst(event.request, url));
  } else if (url.pathname.startsWith("/static/")) {
    event.respondWith(staleWhileRevalidate(event));
  }
});

// What a tap on a reminder opens: its article, else the reminder in the inbox.
function targetOf(payload) {
  if (payload.url) return payload.url;
  if (payload.data && payload.data.url) return payload.data.url;
  if (payload.notification_id) return `/notifications/${payload.notification_id}`;
  return "/notifications";
}

self.addEventListener("push", (event) => {
  let payload = {};
  try {
    payload = event.data ? event.data.json() : {};
  } catch (error) {
    payload = { body: event.data ? event.data.text() : "" };
  }
  event.waitUntil(
    self.registration.showNotification(payload.title || "First 1001 Days", {
      body: payload.body || "",
      icon: ICON,
      badge: ICON,
      tag: payload.tag,
      data: { url: targetOf(payload) },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = new URL((event.notification.data && event.notification.data.url) || "/notifications", self.location.origin).href;
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      const open = windows.find((w) => w.url === target);
      return open ? open.focus() : self.clients.openWindow(target);
    }),
  );
});

function keyBytes(base64url) {
  const padded = (base64url + "===".slice((base64url.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
}

// The push service renewed or dropped the subscription: subscribe again with the
// server's key and tell the server (signed-in cookie and a fresh CSRF token).
self.addEventListener("pushsubscriptionchange", (event) => {
  event.waitUntil(
    (async () => {
      const setup = await (await fetch("/push/setup", { credentials: "same-origin" })).json();
      const subscription =
        event.newSubscription ||
        (await self.registration.pushManager.subscribe({
          userVisibleOnly: true,
          applicationServerKey: keyBytes(setup.vapid_public_key),
        }));
      await fetch("/push/subscription", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": setup.csrf_token },
        body: JSON.stringify(subscription.toJSON()),
      });
    })(),
  );
});
