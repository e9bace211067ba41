// Drives the Mastodon admin API (ADR 72) of a running Kindred server with masto.js, the way moderation apps do.
// Usage: KINDRED_URL=… KINDRED_MODERATOR_USERNAME=… KINDRED_PASSWORD=… KINDRED_TARGET_USERNAME=… KINDRED_REPORT_ID=… node admin.mjs
// megalodon 9 has no admin methods, so masto.js alone speaks here.
// Prints one JSON line of findings on success; throws (non-zero exit) on the first mismatch.
import { createOAuthAPIClient, createRestAPIClient } from "masto";

const url = process.env.KINDRED_URL;
const username = process.env.KINDRED_MODERATOR_USERNAME;
const password = process.env.KINDRED_PASSWORD;
const targetUsername = process.env.KINDRED_TARGET_USERNAME;
const reportId = process.env.KINDRED_REPORT_ID;
if (!url || !username || !password || !targetUsername || !reportId) {
  throw new Error("Set KINDRED_URL, KINDRED_MODERATOR_USERNAME, KINDRED_PASSWORD, KINDRED_TARGET_USERNAME and KINDRED_REPORT_ID.");
}

function check(condition, message) {
  if (!condition) {
    throw new Error(`admin check failed: ${message}`);
  }
}

const redirectUri = "urn:ietf:wg:oauth:2.0:oob";
const scopes = "read admin:read admin:write";
const anonymous = createRestAPIClient({ url });
const app = await anonymous.v1.apps.create({ clientName: "masto.js admin", redirectUris: redirectUri, scopes });
const oauth = createOAuthAPIClient({ url });
const token = await oauth.token.create({
  grantType: "password", clientId: app.clientId, clientSecret: app.clientSecret, redirectUri, username, password, scope: scopes,
});
const client = createRestAPIClient({ url, accessToken: token.accessToken });

// Reports: the open one is listed, with its target as an Admin::Account; resolving it closes it.
const open = await client.v1.admin.reports.list();
const report = open.find((r) => r.id === reportId);
check(report, `reports.list has report ${reportId}`);
check(report.targetAccount.username === targetUsername, "the report's target is an Admin::Account");
check(report.actionTaken === false, "the report is open");
const resolved = await client.v1.admin.reports.$select(reportId).resolve();
check(resolved.actionTaken === true, "reports.$select(id).resolve closes the report");
const stillOpen = await client.v1.admin.reports.list();
check(!stillOpen.some((r) => r.id === reportId), "a resolved report leaves the open list");

// Accounts (v2): the target is found by username; silence and unsilence it.
const found = await client.v2.admin.accounts.list({ origin: "local", username: targetUsername });
check(found.length === 1 && found[0].username === targetUsername, "v2 admin accounts.list finds the target");
const targetId = found[0].id;
check(found[0].silenced === false, "the target starts not silenced");
await client.v1.admin.accounts.$select(targetId).action.create({ type: "silence", text: "Please calm down." });
const silenced = await client.v1.admin.accounts.$select(targetId).fetch();
check(silenced.silenced === true, "action.create silence limits the account");
const unsilenced = await client.v1.admin.accounts.$select(targetId).unsilence();
check(unsilenced.silenced === false, "unsilence lifts the limit");

console.log(JSON.stringify({ ok: true, report: reportId, account: targetId }));
