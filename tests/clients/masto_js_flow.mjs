// End-to-end client test: drives a running weakties server with masto.js (npm `masto`, pinned in
// package.json). Usage: node masto_js_flow.mjs BASE_URL
//
// Every request goes through masto.js: an app, an app token (client_credentials), two accounts signed up
// with that token, a follow, posts from both, and then the follower's home timeline read with masto.js's
// own paginator, which follows our `Link: <…>; rel="next"` headers. Prints `ok: <step>` per step; any failed
// check throws, so the exit status is non-zero.

import { randomBytes } from "node:crypto";
import { createOAuthAPIClient, createRestAPIClient, MastoHttpError } from "masto";

const SCOPES = "read write follow push";
const OOB = "urn:ietf:wg:oauth:2.0:oob";
const PAGE = 3;

function ok(step) {
  console.log(`ok: ${step}`);
}

function check(cond, what, got) {
  if (!cond) {
    throw new Error(`${what} (got: ${JSON.stringify(got)})`);
  }
}

// The text a reader sees in a status' HTML content.
function htmlText(fragment) {
  return fragment
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

async function signUp(appClient, base, prefix) {
  // Unique per run, so the flow also works against a database that outlives the run (PostgreSQL in CI).
  const username = `${prefix}_${randomBytes(4).toString("hex")}`;
  const token = await appClient.v1.accounts.create({
    username,
    email: `${username}@example.org`,
    password: `masto password ${randomBytes(4).toString("hex")}`,
    agreement: true,
    locale: "en",
  });
  check(typeof token.accessToken === "string" && token.accessToken, "accounts.create gives a token", token);
  check(token.tokenType === "Bearer", "accounts.create token type", token);
  const client = createRestAPIClient({ url: base, accessToken: token.accessToken });
  const me = await client.v1.accounts.verifyCredentials();
  check(me.username === username && me.acct === username, "verifyCredentials username", me);
  return { username, id: me.id, client };
}

async function main(base) {
  // --- app and app token --------------------------------------------------------------------------------
  const anonymous = createRestAPIClient({ url: base });
  const app = await anonymous.v1.apps.create({ clientName: "weakties-e2e-masto", redirectUris: OOB, scopes: SCOPES });
  check(typeof app.clientId === "string" && app.clientId, "apps.create clientId", app);
  check(typeof app.clientSecret === "string" && app.clientSecret, "apps.create clientSecret", app);
  check(app.name === "weakties-e2e-masto", "apps.create name", app);
  ok("v1.apps.create");

  const oauth = createOAuthAPIClient({ url: base });
  const appToken = await oauth.token.create({
    grantType: "client_credentials",
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    redirectUri: OOB,
    scope: "read write",
  });
  check(typeof appToken.accessToken === "string" && appToken.accessToken, "client_credentials token", appToken);
  const appClient = createRestAPIClient({ url: base, accessToken: appToken.accessToken });
  const verified = await appClient.v1.apps.verifyCredentials();
  check(verified.name === app.name, "apps.verifyCredentials with the app token", verified);
  ok("oauth.token.create (client_credentials) + v1.apps.verifyCredentials");

  // --- two accounts -------------------------------------------------------------------------------------
  const reader = await signUp(appClient, base, "reader");
  const author = await signUp(appClient, base, "author");
  check(reader.id !== author.id, "two distinct accounts", [reader.id, author.id]);
  ok("v1.accounts.create twice (sign-up with the app token) + verifyCredentials");

  // Signing up again with a taken username is refused with Mastodon's 422 and details.
  try {
    await appClient.v1.accounts.create({
      username: author.username,
      email: `other_${author.username}@example.org`,
      password: "another long password",
      agreement: true,
      locale: "en",
    });
    throw new Error("signing up a taken username succeeded");
  } catch (e) {
    check(e instanceof MastoHttpError, "a refused sign-up raises MastoHttpError", String(e));
    check(e.statusCode === 422, "taken username -> 422", e.statusCode);
    check(e.details?.username?.[0]?.error === "ERR_TAKEN", "details.username[0].error", e.details);
  }
  ok("taken username refused (MastoHttpError 422, ERR_TAKEN)");

  // --- follow -------------------------------------------------------------------------------------------
  const rel = await reader.client.v1.accounts.$select(author.id).follow();
  check(rel.id === author.id && rel.following === true, "follow -> relationship.following", rel);
  const [rel2] = await reader.client.v1.accounts.relationships.fetch({ id: [author.id] });
  check(rel2?.following === true && rel2.followedBy === false, "relationships.fetch", rel2);
  ok("accounts.$select(id).follow + relationships.fetch");

  // --- posts from both, interleaved, so the home timeline has to merge two authors -------------------
  const posted = []; // in posting order
  for (let i = 0; i < 8; i++) {
    const who = i % 3 === 0 ? reader : author;
    const text = `${who.username} says #${i}: ask for an introduction`;
    const status = await who.client.v1.statuses.create({ status: text, visibility: "public" });
    check(status.account.id === who.id, "statuses.create account", status.account);
    check(htmlText(status.content) === text, "statuses.create content", status.content);
    check(!Number.isNaN(Date.parse(status.createdAt)), "createdAt parses", status.createdAt);
    posted.push(status.id);
  }
  ok(`v1.statuses.create x${posted.length} (from both accounts)`);

  // --- the follower's home timeline, paginated by masto.js -------------------------------------------
  const expected = [...posted].reverse(); // newest first
  const pages = [];
  for await (const page of reader.client.v1.timelines.home.list({ limit: PAGE })) {
    pages.push(page.map((s) => s.id));
    // A server whose Link header never ends would loop forever here; a page count well above what the
    // timeline can fill stops that.
    check(pages.length <= expected.length + 1, "pagination ends", pages);
  }
  const seen = pages.flat();
  check(pages.every((p) => p.length <= PAGE), `every page holds at most ${PAGE}`, pages);
  check(new Set(seen).size === seen.length, "no status arrives twice", seen);
  check(seen.length === expected.length, "every status arrives", { seen: seen.length, expected: expected.length });
  check(JSON.stringify(seen) === JSON.stringify(expected), "newest first, in posting order", { seen, expected });
  // Full pages, then the rest; Mastodon (and weakties) link "next" from every non-empty timeline page, so
  // the paginator may read one more, empty page (which has no Link header) before it stops.
  const full = Math.ceil(expected.length / PAGE);
  check(pages.length === full || (pages.length === full + 1 && pages[full].length === 0), "page count", pages);
  ok(`v1.timelines.home.list({limit: ${PAGE}}) iterated with for await: ${seen.length} statuses in ${pages.length} pages`);

  // The paginator is also a thenable (the first page) and an explicit iterator (values().next()).
  const first = await reader.client.v1.timelines.home.list({ limit: PAGE });
  check(JSON.stringify(first.map((s) => s.id)) === JSON.stringify(expected.slice(0, PAGE)), "await list() = first page", first);
  const it = reader.client.v1.timelines.home.list({ limit: PAGE }).values();
  const a = await it.next();
  const b = await it.next();
  check(!a.done && !b.done, "values().next() twice", [a.done, b.done]);
  check(
    JSON.stringify([...a.value, ...b.value].map((s) => s.id)) === JSON.stringify(expected.slice(0, 2 * PAGE)),
    "values().next() pages follow each other",
    [a.value.map((s) => s.id), b.value.map((s) => s.id)],
  );
  await it.return();
  ok("await list() and values().next()");

  // The author follows nobody: their home timeline holds only their own posts.
  const own = [];
  for await (const page of author.client.v1.timelines.home.list({ limit: PAGE })) {
    own.push(...page);
    check(own.length <= expected.length, "author's pagination ends", own.length);
  }
  check(own.every((s) => s.account.id === author.id), "author's home: only own statuses", own.map((s) => s.account.acct));
  check(own.length === posted.length - 3, "author's home count", own.length);
  ok(`author's home timeline holds only their ${own.length} statuses`);

  console.log("all steps passed");
}

if (process.argv.length !== 3) {
  console.error("usage: node masto_js_flow.mjs BASE_URL");
  process.exit(2);
}
await main(process.argv[2].replace(/\/+$/, ""));
