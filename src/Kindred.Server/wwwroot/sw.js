// Kindred's service worker (ADR 81): it only shows the notifications the server pushes (RFC 8030/8291, decrypted by
// the browser) and opens the notifications page when one is clicked. It caches nothing.
"use strict";

self.addEventListener("push", function (event) {
  var data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch (e) {
    data = {};
  }
  event.waitUntil(self.registration.showNotification(data.title || "Kindred", {
    body: data.body || "",
    icon: data.icon || "/img/avatar.png",
    tag: data.notification_id ? "kindred-" + data.notification_id : undefined,
    lang: data.preferred_locale || undefined,
    data: { url: "/notifications", type: data.notification_type || "" },
  }));
});

self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  var url = (event.notification.data && event.notification.data.url) || "/notifications";
  event.waitUntil(self.clients.matchAll({ type: "window", includeUncontrolled: true }).then(function (windows) {
    for (var i = 0; i < windows.length; i++) {
      if ("focus" in windows[i]) {
        return windows[i].navigate(url).then(function (client) { return client ? client.focus() : undefined; });
      }
    }
    return self.clients.openWindow(url);
  }));
});
