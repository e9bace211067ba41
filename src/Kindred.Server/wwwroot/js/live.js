// Live updates for signed-in pages. Everything works without this script: it only adds a "new posts" link on the home
// feed and keeps the notification count in the navigation current, from the server's event stream /live/stream.
(function () {
  "use strict";
  // The browser's time zone as a hint for pages when neither the member nor the organization chose one (ADR 84).
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && document.cookie.indexOf("kindred_tz=" + encodeURIComponent(zone)) < 0) {
      document.cookie = "kindred_tz=" + encodeURIComponent(zone) + "; path=/; max-age=31536000; samesite=lax; secure";
    }
  } catch (e) {
    // No Intl: times stay in the organization's zone or UTC.
  }
  var counts = document.querySelectorAll("[data-live-count]");
  var banner = document.getElementById("live-posts");
  if (!window.EventSource || (counts.length === 0 && !banner)) {
    return;
  }
  var newPosts = 0;
  var source = new EventSource("/live/stream");

  source.addEventListener("update", function (event) {
    var post = JSON.parse(event.data);
    if (!banner || post.mine || document.getElementById("post-" + post.id)) {
      return;
    }
    newPosts += 1;
    var text = newPosts === 1 ? banner.getAttribute("data-one") : banner.getAttribute("data-many").replace("{0}", String(newPosts));
    banner.querySelector("a").textContent = text;
    banner.hidden = false;
  });

  source.addEventListener("notification", function (event) {
    var unread = JSON.parse(event.data).unread;
    counts.forEach(function (count) {
      count.textContent = unread >= 100 ? "99+" : String(unread);
      count.hidden = unread === 0;
    });
  });

  // A 401 (signed out elsewhere) closes the stream for good; the browser retries other failures by itself.
  source.addEventListener("error", function () {
    if (source.readyState === EventSource.CLOSED) {
      source.close();
    }
  });
})();

// The staff inbox's reply box holds a short lease ("X is replying", ADR 66); while the box stays open this asks for its
// page again every minute, which renews the lease. Without the script the lease simply ends after two minutes.
(function () {
  "use strict";
  var box = document.querySelector("[data-lease-renew]");
  if (!box || !window.fetch) {
    return;
  }
  setInterval(function () {
    fetch(box.getAttribute("data-lease-renew"), { credentials: "same-origin" });
  }, 60000);
})();

// "Notifications on this device" on the account settings page (ADR 81): registers the service worker /sw.js, subscribes
// with the server's VAPID key and gives the subscription to the server, which ties it to this browser's session.
(function () {
  "use strict";
  var box = document.querySelector("[data-push]");
  if (!box || !("serviceWorker" in navigator) || !window.PushManager || !window.Notification || !window.fetch) {
    return;
  }
  var state = box.querySelector("[data-push-state]");
  var on = box.querySelector("[data-push-subscribe]");
  var off = box.querySelector("[data-push-unsubscribe]");

  function key(base64url) {
    var text = atob(base64url.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((base64url.length + 3) % 4));
    var bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) {
      bytes[i] = text.charCodeAt(i);
    }
    return bytes;
  }

  function show(subscribed) {
    var denied = Notification.permission === "denied";
    state.textContent = denied ? box.getAttribute("data-push-denied") : box.getAttribute(subscribed ? "data-push-on" : "data-push-off");
    on.hidden = subscribed || denied;
    off.hidden = !subscribed;
    box.setAttribute("data-push-ready", subscribed ? "on" : "off");
  }

  function send(method, body) {
    return fetch(box.getAttribute("data-push-url"), {
      method: method,
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "RequestVerificationToken": box.getAttribute("data-push-token") },
      body: body ? JSON.stringify(body) : undefined,
    }).then(function (response) {
      if (!response.ok) {
        throw new Error("The server refused the subscription.");
      }
    });
  }

  navigator.serviceWorker.register("/sw.js").then(function () {
    return navigator.serviceWorker.ready;
  }).then(function (registration) {
    registration.pushManager.getSubscription().then(function (existing) {
      show(!!existing && Notification.permission === "granted");
    });
    on.addEventListener("click", function () {
      Notification.requestPermission().then(function (permission) {
        if (permission !== "granted") {
          show(false);
          return undefined;
        }
        return registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key(box.getAttribute("data-push-key")) })
          .then(function (subscription) { return send("POST", subscription.toJSON()); })
          .then(function () { show(true); });
      }).catch(function () { show(false); });
    });
    off.addEventListener("click", function () {
      registration.pushManager.getSubscription().then(function (subscription) {
        return subscription ? subscription.unsubscribe() : true;
      }).then(function () { return send("DELETE"); }).then(function () { show(false); }).catch(function () { show(false); });
    });
  });
})();
