// A small fediverse server built on Fedify (an independent ActivityPub implementation), for Kindred's tests
// (ADR 106). It serves one actor, "fedi", on http://127.0.0.1:PORT and keeps every activity its inboxes accept, so a
// test can read what Kindred delivered. A test drives it over loopback-only control addresses:
//   GET  /control/received             the activities received so far, as a JSON array
//   POST /control/follow?actor=URL     follows the actor at URL (looked up by Fedify, then a Follow is sent)
//   POST /control/reply?to=URL&text=T  replies to the Note at URL: a public Create(Note) mentioning its author
// It prints "fedify peer ready on PORT" once it accepts requests.
import { createServer } from "node:http";
import { randomUUID } from "node:crypto";
import {
  Accept, Create, Endpoints, Follow, Mention, Note, Person, PUBLIC_COLLECTION, Reject, Undo, Update, Delete, Announce, Like,
  createFederation, generateCryptoKeyPair, MemoryKvStore,
} from "@fedify/fedify";

const port = Number(process.env.PORT ?? "0");
const base = `http://127.0.0.1:${port}`;
const received = [];
const keys = await generateCryptoKeyPair("RSASSA-PKCS1-v1_5");

// Kindred on loopback over http is a private address: Fedify refuses those unless told this is a test.
const federation = createFederation({ kv: new MemoryKvStore(), allowPrivateAddress: true });

federation
  .setActorDispatcher("/users/{identifier}", async (ctx, identifier) => {
    if (identifier !== "fedi") return null;
    const pairs = await ctx.getActorKeyPairs(identifier);
    return new Person({
      id: ctx.getActorUri(identifier),
      preferredUsername: identifier,
      name: "Fedify Peer",
      url: ctx.getActorUri(identifier),
      inbox: ctx.getInboxUri(identifier),
      endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
      followers: ctx.getFollowersUri(identifier),
      publicKey: pairs[0].cryptographicKey,
    });
  })
  .setKeyPairsDispatcher(async (_ctx, identifier) => (identifier === "fedi" ? [keys] : []));

federation.setFollowersDispatcher("/users/{identifier}/followers", async () => ({ items: [] }));

// Keeps what arrives; the activity as JSON-LD compacted by Fedify, with the embedded object when there is one.
async function keep(ctx, activity) {
  received.push(await activity.toJsonLd({ format: "compact", contextLoader: ctx.contextLoader }));
}

federation
  .setInboxListeners("/users/{identifier}/inbox", "/inbox")
  .on(Accept, keep).on(Reject, keep).on(Create, keep).on(Update, keep).on(Delete, keep)
  .on(Announce, keep).on(Like, keep).on(Follow, keep).on(Undo, keep);

async function control(request, url) {
  const ctx = federation.createContext(new URL(base), undefined);
  if (request.method === "GET" && url.pathname === "/control/received") {
    return Response.json(received);
  }
  if (request.method === "POST" && url.pathname === "/control/follow") {
    const actor = await ctx.lookupObject(url.searchParams.get("actor"));
    if (actor?.id == null) return new Response("not found", { status: 404 });
    await ctx.sendActivity({ identifier: "fedi" }, actor, new Follow({
      id: new URL(`${base}/follows/${randomUUID()}`),
      actor: ctx.getActorUri("fedi"),
      object: actor.id,
    }));
    return Response.json({ followed: actor.id.href });
  }
  if (request.method === "POST" && url.pathname === "/control/reply") {
    const parent = await ctx.lookupObject(url.searchParams.get("to"));
    const author = parent?.attributionId == null ? null : await ctx.lookupObject(parent.attributionId);
    if (parent?.id == null || author?.id == null) return new Response("not found", { status: 404 });
    const id = new URL(`${base}/notes/${randomUUID()}`);
    const note = new Note({
      id,
      attribution: ctx.getActorUri("fedi"),
      to: PUBLIC_COLLECTION,
      cc: author.id,
      content: `<p>${url.searchParams.get("text")}</p>`,
      replyTarget: parent.id,
      tags: [new Mention({ href: author.id, name: `@${author.preferredUsername}@${author.id.host}` })],
    });
    await ctx.sendActivity({ identifier: "fedi" }, author, new Create({
      id: new URL(`${id.href}/activity`),
      actor: ctx.getActorUri("fedi"),
      to: PUBLIC_COLLECTION,
      cc: author.id,
      object: note,
    }));
    return Response.json({ id: id.href });
  }
  return null;
}

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url, base);
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
    const request = new Request(url, { method: req.method, headers: req.headers, body: req.method === "GET" || req.method === "HEAD" ? undefined : body });
    const response = (await control(request, url))
      ?? await federation.fetch(request, { contextData: undefined });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  } catch (error) {
    console.error(error);
    res.writeHead(500);
    res.end(String(error));
  }
});
server.listen(port, "127.0.0.1", () => console.log(`fedify peer ready on ${port}`));
