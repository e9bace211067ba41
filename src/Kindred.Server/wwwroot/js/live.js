// Live updates for signed-in pages. Everything works without this script: it only adds a "new posts" link on the home
// feed and keeps the notification count in the navigation current, from the server's event stream /live/stream.
(function () {
  "use strict";
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
