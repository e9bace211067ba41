// Drives a running Kindred server with real Mastodon client libraries, the way apps do.
// Usage: KINDRED_URL=http://127.0.0.1:PORT KINDRED_USERNAME=u KINDRED_PASSWORD=p node compat.mjs
// Prints one JSON line of findings on success; throws (non-zero exit) on the first mismatch.
import { createOAuthAPIClient, createRestAPIClient, createStreamingAPIClient } from "masto";
import megalodonModule from "megalodon";

// megalodon is CommonJS: its generator is the default export of the default export.
const generator = megalodonModule.default ?? megalodonModule;
const { detector } = megalodonModule;

const url = process.env.KINDRED_URL;
const username = process.env.KINDRED_USERNAME;
const password = process.env.KINDRED_PASSWORD;
if (!url || !username || !password) {
  throw new Error("Set KINDRED_URL, KINDRED_USERNAME and KINDRED_PASSWORD.");
}

function check(condition, message) {
  if (!condition) {
    throw new Error(`compat check failed: ${message}`);
  }
}

const redirectUri = "urn:ietf:wg:oauth:2.0:oob";

// masto.js: register an app, get a user token, read the account and the instance.
const anonymous = createRestAPIClient({ url });
const app = await anonymous.v1.apps.create({ clientName: "masto.js compat", redirectUris: redirectUri, scopes: "read write follow" });
check(app.clientId && app.clientSecret, "apps.create returns client credentials");

const oauth = createOAuthAPIClient({ url });
const token = await oauth.token.create({
  grantType: "password", clientId: app.clientId, clientSecret: app.clientSecret,
  redirectUri, username, password, scope: "read write",
});
check(token.accessToken, "token.create (password) returns an access token");

const client = createRestAPIClient({ url, accessToken: token.accessToken });
const me = await client.v1.accounts.verifyCredentials();
check(me.username === username, `verifyCredentials names ${username}, got ${me.username}`);
check(me.source && typeof me.source.note === "string", "verifyCredentials carries source");

const updated = await client.v1.accounts.updateCredentials({ displayName: "Masto User", note: "Hello *world*" });
check(updated.displayName === "Masto User", "updateCredentials changes the display name");
check(updated.note.includes("<em>world</em>"), "updateCredentials renders the bio");

const instance = await client.v2.instance.fetch();
check(instance.title && instance.version.startsWith("4."), "v2 instance has a title and a Mastodon version");
const v1 = await client.v1.instance.fetch();
check(v1.uri, "v1 instance has a uri");

const looked = await client.v1.accounts.lookup({ acct: username });
check(looked.id === me.id, "accounts.lookup finds the same account");
const fetched = await client.v1.accounts.$select(me.id).fetch();
check(fetched.username === username, "accounts.$select(id).fetch finds the account");

// An app token registers a new account and gets a user token for it.
const appToken = await oauth.token.create({
  grantType: "client_credentials", clientId: app.clientId, clientSecret: app.clientSecret, redirectUri, scope: "read write",
});
const registrar = createRestAPIClient({ url, accessToken: appToken.accessToken });
const verified = await registrar.v1.apps.verifyCredentials();
check(verified.name === "masto.js compat", "apps.verifyCredentials names the app");
const newcomer = await registrar.v1.accounts.create({
  username: "mastonewcomer", email: "mastonewcomer@example.org", password: "a long enough password", agreement: true, locale: "en",
});
check(newcomer.accessToken, "accounts.create returns a token");

// megalodon: detects the server as Mastodon through NodeInfo, then reads with the masto.js token.
const sns = await detector(url);
check(sns === "mastodon", `megalodon detects mastodon, got ${sns}`);
const megalodon = generator("mastodon", url, token.accessToken);
const account = await megalodon.verifyAccountCredentials();
check(account.data.username === username, "megalodon verifyAccountCredentials");
const megInstance = await megalodon.getInstance();
check(megInstance.data.title === instance.title, "megalodon getInstance");

// Statuses with masto.js: post with a hashtag, reply, read the thread, favourite, boost, bookmark, edit, page.
const posted = await client.v1.statuses.create({ status: "Hello from masto.js #KindredCompat", visibility: "public" });
check(posted.id && posted.content.includes("kindredcompat"), "statuses.create renders the hashtag as a link");
check(posted.tags.length === 1 && posted.tags[0].name === "kindredcompat", "statuses.create lists the normalized tag");
const reply = await client.v1.statuses.create({ status: "A reply", inReplyToId: posted.id });
check(reply.inReplyToId === posted.id, "a reply names its parent");
const thread = await client.v1.statuses.$select(posted.id).context.fetch();
check(thread.descendants.some((s) => s.id === reply.id), "context lists the reply");
const favourited = await client.v1.statuses.$select(posted.id).favourite();
check(favourited.favourited === true && favourited.favouritesCount === 1, "favourite");
const boost = await client.v1.statuses.$select(posted.id).reblog();
check(boost.reblog && boost.reblog.id === posted.id, "reblog wraps the original");
const bookmarked = await client.v1.statuses.$select(posted.id).bookmark();
check(bookmarked.bookmarked === true, "bookmark");
const favourites = await client.v1.favourites.list();
check(favourites.some((s) => s.id === posted.id), "favourites.list");
const edited = await client.v1.statuses.$select(reply.id).update({ status: "An edited reply" });
check(edited.editedAt && edited.content.includes("edited"), "statuses.update");
const history = await client.v1.statuses.$select(reply.id).history.list();
check(history.length === 2, `history has two versions, got ${history.length}`);
const tagged = await client.v1.timelines.tag.$select("KindredCompat").list();
check(tagged.some((s) => s.id === posted.id), "the hashtag timeline finds the post");
const local = await client.v1.timelines.public.list({ local: true });
check(local.some((s) => s.id === posted.id), "the local timeline finds the post");
// The paginator follows the Link header: one status per page, newest first, every page distinct.
const seen = [];
for await (const page of client.v1.accounts.$select(me.id).statuses.list({ limit: 1 })) {
  seen.push(...page.map((s) => s.id));
  if (seen.length >= 3) break;
}
check(seen.length === 3 && new Set(seen).size === 3, `Link-header paging yields distinct pages, got ${seen}`);
const removed = await client.v1.statuses.$select(reply.id).remove();
check(removed.text === "An edited reply", "delete returns the source text");

// Polls with masto.js: the poll comes back on the status and from polls.$select(id).fetch(); voting in one's own
// poll is refused with a message, as on Mastodon.
const withPoll = await client.v1.statuses.create({ status: "Lunch?", poll: { options: ["Soup", "Salad"], expiresIn: 600, multiple: false } });
check(withPoll.poll && withPoll.poll.options.length === 2 && withPoll.poll.options[0].title === "Soup", "statuses.create with a poll");
const fetchedPoll = await client.v1.polls.$select(withPoll.poll.id).fetch();
check(fetchedPoll.id === withPoll.poll.id && fetchedPoll.expired === false && fetchedPoll.votesCount === 0, "polls.fetch");
let selfVote = null;
try {
  await client.v1.polls.$select(withPoll.poll.id).votes.create({ choices: [0] });
} catch (error) {
  selfVote = error;
}
check(selfVote && selfVote.statusCode === 422 && /own poll/.test(selfVote.message), `voting in one's own poll is a 422, got ${selfVote && selfVote.statusCode}`);

// megalodon reads the same statuses.
const megStatus = await megalodon.getStatus(posted.id);
check(megStatus.data.id === posted.id && megStatus.data.favourited === true, "megalodon getStatus");
const megPosted = await megalodon.postStatus("Hello from megalodon", { visibility: "unlisted" });
check(megPosted.data.visibility === "unlisted", "megalodon postStatus");

// Media with masto.js: upload (v2), read and describe it the way apps poll after uploading, post it, find it by only_media.
// A 1×1 PNG is enough: the server re-encodes whatever it gets.
const pixel = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
const media = await client.v2.media.create({ file: new Blob([pixel], { type: "image/png" }), description: "One blue pixel" });
check(media.id && media.type === "image" && media.url && media.previewUrl, "v2.media.create answers with the URLs");
const polled = await client.v1.media.$select(media.id).fetch();
check(polled.id === media.id && polled.description === "One blue pixel", "v1.media.$select(id).fetch reads the upload");
const described = await client.v1.media.$select(media.id).update({ description: "One pixel", focus: "0.0,0.5" });
check(described.description === "One pixel" && described.meta.focus.y === 0.5, "v1.media.$select(id).update describes it");
const withMedia = await client.v1.statuses.create({ status: "A picture", mediaIds: [media.id], visibility: "public" });
check(withMedia.mediaAttachments.length === 1 && withMedia.mediaAttachments[0].description === "One pixel", "statuses.create attaches the media");
const picture = await fetch(withMedia.mediaAttachments[0].url);
check(picture.ok && picture.headers.get("content-type").startsWith("image/"), "the media URL serves the image");
const onlyMedia = await client.v1.accounts.$select(me.id).statuses.list({ onlyMedia: true });
check(onlyMedia.length === 1 && onlyMedia[0].id === withMedia.id, "only_media lists the post with media");

// megalodon uploads through its own multipart code, then posts with the id.
const { writeFile, rm } = await import("node:fs/promises");
const { createReadStream } = await import("node:fs");
const { tmpdir } = await import("node:os");
const { join } = await import("node:path");
const pixelPath = join(tmpdir(), `kindred-compat-${process.pid}.png`);
await writeFile(pixelPath, pixel);
try {
  const megMedia = await megalodon.uploadMedia(createReadStream(pixelPath), { description: "From megalodon" });
  check(megMedia.data.id && megMedia.data.url, "megalodon uploadMedia");
  const megWithMedia = await megalodon.postStatus("Megalodon picture", { media_ids: [megMedia.data.id] });
  check(megWithMedia.data.media_attachments.length === 1, "megalodon postStatus with media_ids");
} finally {
  await rm(pixelPath, { force: true });
}
// A second member: follows, mentions, notifications, the home timeline and search, as two people use them.
const friendToken = await oauth.token.create({
  grantType: "password", clientId: app.clientId, clientSecret: app.clientSecret,
  redirectUri, username: process.env.KINDRED_FRIEND_USERNAME, password, scope: "read write",
});
const friend = createRestAPIClient({ url, accessToken: friendToken.accessToken });
const friendMe = await friend.v1.accounts.verifyCredentials();
const relationship = await friend.v1.accounts.$select(me.id).follow();
check(relationship.following === true, "accounts.$select(id).follow");
const follows = await client.v1.notifications.list({ types: ["follow"] });
check(follows.some((n) => n.type === "follow" && n.account.id === friendMe.id), "the followed member is notified of the follow");
const mention = await client.v1.statuses.create({ status: `Welcome @${friendMe.username}, see #KindredCompat`, visibility: "public" });
const friendHome = await friend.v1.timelines.home.list({ limit: 5 });
check(friendHome.some((s) => s.id === mention.id), "the follower's home timeline has the new post");
const mentions = await friend.v1.notifications.list({ types: ["mention"] });
check(mentions.some((n) => n.type === "mention" && n.status && n.status.id === mention.id), "the mentioned member is notified");
const found = await friend.v2.search.list({ q: "welcome kindredcompat", type: "statuses" });
check(found.statuses.some((s) => s.id === mention.id) && Array.isArray(found.accounts) && Array.isArray(found.hashtags), "v2 search finds the post");
const people = await friend.v2.search.list({ q: username, type: "accounts" });
check(people.accounts.some((a) => a.id === me.id), "v2 search finds the member");
const megFound = await megalodon.search("Welcome", { type: "statuses" });
check(megFound.data.statuses.some((s) => s.id === mention.id), "megalodon search finds the post");

// Announcements (when the test made one): masto.js lists, reacts and dismisses; megalodon sees the reaction and the
// dismissal, then takes the reaction back.
const announcementId = process.env.KINDRED_ANNOUNCEMENT_ID;
if (announcementId) {
  const listed = await client.v1.announcements.list();
  const announcement = listed.find((a) => a.id === announcementId);
  check(announcement && announcement.content.includes("<strong>") && announcement.read === false, "announcements.list shows the announcement, unread");
  await client.v1.announcements.$select(announcementId).reactions.$select("🎉").update();
  await client.v1.announcements.$select(announcementId).dismiss();
  const megAnnouncements = (await megalodon.getInstanceAnnouncements()).data;
  check(!megAnnouncements.some((a) => a.id === announcementId), "megalodon no longer lists the dismissed announcement");
  const withDismissed = await client.v1.announcements.list({ withDismissed: true });
  const dismissed = withDismissed.find((a) => a.id === announcementId);
  check(dismissed && dismissed.read === true && dismissed.reactions.some((r) => r.name === "🎉" && r.count === 1 && r.me), "with_dismissed shows it read with the reaction");
  await megalodon.removeReactionFromAnnouncement(announcementId, "🎉");
  const after = (await client.v1.announcements.list({ withDismissed: true })).find((a) => a.id === announcementId);
  check(after.reactions.length === 0, "megalodon removed the reaction");
}

// Streaming: masto.js (token as the WebSocket subprotocol, subscribe messages) and megalodon (token in the query)
// both receive the update for a post made after they connect. Node 22 has a global WebSocket; on Node 20 masto.js
// uses ws, which megalodon already installs.
const WebSocketImpl = globalThis.WebSocket ?? (await import("ws")).default;
function withTimeout(promise, what, ms = 15000) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`compat check failed: ${what} timed out`)), ms); })])
    .finally(() => clearTimeout(timer));
}
// The subscription is sent once the socket opens; post until the update arrives, so a post made before the server
// applied the subscription does not fail the run.
async function postUntil(received, text) {
  for (let i = 0; i < 10; i++) {
    await client.v1.statuses.create({ status: `${text} ${i}`, visibility: "public" });
    const done = await Promise.race([received.then(() => true), new Promise((r) => setTimeout(() => r(false), 1000))]);
    if (done) return;
  }
}
check(instance.configuration.urls.streaming.startsWith("ws"), `v2 instance streaming url is ws(s), got ${instance.configuration.urls.streaming}`);
const streaming = createStreamingAPIClient({
  streamingApiUrl: instance.configuration.urls.streaming, accessToken: token.accessToken, implementation: WebSocketImpl, retry: false,
});
const subscription = streaming.public.local.subscribe();
const mastoReceived = (async () => {
  for await (const event of subscription) {
    if (event.event === "update" && event.payload.content.includes("streamed by masto")) {
      return event.payload;
    }
  }
})();
await postUntil(mastoReceived, "streamed by masto");
const streamedStatus = await withTimeout(mastoReceived, "masto.js streaming update");
check(streamedStatus.account.username === username, "masto.js streaming update carries the status");
subscription.unsubscribe();
streaming.close();

const megSocket = megalodon.userSocket();
const megReceived = new Promise((resolve, reject) => {
  megSocket.on("update", (status) => { if (status.content.includes("streamed by megalodon")) resolve(status); });
  megSocket.on("error", (err) => reject(err));
});
await postUntil(megReceived, "streamed by megalodon");
const megStreamed = await withTimeout(megReceived, "megalodon streaming update");
check(megStreamed.account.username === username, "megalodon streaming update carries the status");
megSocket.stop();

console.log(JSON.stringify({ ok: true, account: me.acct, instance: instance.title, version: instance.version, sns }));
