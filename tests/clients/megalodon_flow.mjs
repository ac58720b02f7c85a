// End-to-end client test: drives a running weakties server with megalodon (npm `megalodon`, pinned in
// package.json). Usage: node megalodon_flow.mjs BASE_URL
//
// megalodon serves several kinds of servers and picks one with detector(), which reads NodeInfo: we must be
// told apart as "mastodon". Then an app (registerApp), an app token, a sign-up (registerAccount), a post and
// the home timeline, all through megalodon's Mastodon client. Prints `ok: <step>` per step; any failed check
// throws, so the exit status is non-zero.

import { randomBytes } from "node:crypto";
import generator, { detector } from "megalodon";

const SCOPES = ["read", "write", "follow"];
const OOB = "urn:ietf:wg:oauth:2.0:oob";

function ok(step) {
  console.log(`ok: ${step}`);
}

function check(cond, what, got) {
  if (!cond) {
    throw new Error(`${what} (got: ${JSON.stringify(got)})`);
  }
}

async function main(base) {
  // --- server detection ---------------------------------------------------------------------------------
  const sns = await detector(base);
  check(sns === "mastodon", "detector(url)", sns);
  ok(`detector(url) = ${sns}`);

  // --- app ----------------------------------------------------------------------------------------------
  const anonymous = generator(sns, base);
  const app = await anonymous.registerApp("weakties-e2e-megalodon", { scopes: SCOPES });
  check(typeof app.client_id === "string" && app.client_id, "registerApp client_id", app);
  check(typeof app.client_secret === "string" && app.client_secret, "registerApp client_secret", app);
  check(app.redirect_uri === OOB, "registerApp redirect_uri (megalodon reads the singular field)", app);
  // registerApp also builds the authorize URL a GUI app would open.
  const authorize = new URL(app.url);
  check(authorize.origin + authorize.pathname === `${base}/oauth/authorize`, "authorize URL", app.url);
  check(authorize.searchParams.get("client_id") === app.client_id, "authorize URL client_id", app.url);
  check(authorize.searchParams.get("redirect_uri") === OOB, "authorize URL redirect_uri", app.url);
  ok("registerApp");

  // megalodon has no call for the client_credentials grant (it signs people in with authorization codes),
  // so the app token comes from a plain POST /oauth/token.
  const response = await fetch(`${base}/oauth/token`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      grant_type: "client_credentials",
      client_id: app.client_id,
      client_secret: app.client_secret,
      scope: "read write",
    }),
  });
  check(response.status === 200, "client_credentials token status", response.status);
  const appToken = (await response.json()).access_token;
  check(typeof appToken === "string" && appToken, "client_credentials access_token", appToken);

  const asApp = generator(sns, base, appToken);
  const appInfo = await asApp.verifyAppCredentials();
  check(appInfo.data.name === "weakties-e2e-megalodon", "verifyAppCredentials", appInfo.data);
  ok("app token (client_credentials) + verifyAppCredentials");

  // --- sign-up ------------------------------------------------------------------------------------------
  // Unique per run, so the flow also works against a database that outlives the run (PostgreSQL in CI).
  const username = `mega_${randomBytes(4).toString("hex")}`;
  const signUp = await asApp.registerAccount(
    username,
    `${username}@example.org`,
    `megalodon password ${randomBytes(4).toString("hex")}`,
    true,
    "en",
  );
  const token = signUp.data.access_token;
  check(typeof token === "string" && token, "registerAccount access_token", signUp.data);
  const client = generator(sns, base, token);
  const me = (await client.verifyAccountCredentials()).data;
  check(me.username === username && me.acct === username, "verifyAccountCredentials", me);
  ok("registerAccount + verifyAccountCredentials");

  // --- post and home timeline ---------------------------------------------------------------------------
  const text = `hello from megalodon, thanks @${username} #jobs`;
  const posted = (await client.postStatus(text, { visibility: "public" })).data;
  check(typeof posted.id === "string" && posted.id, "postStatus id", posted);
  check(posted.account.id === me.id, "postStatus account", posted.account);
  check(posted.visibility === "public", "postStatus visibility", posted.visibility);
  check(posted.tags.map((t) => t.name).join() === "jobs", "postStatus tags", posted.tags);
  check(posted.mentions.map((m) => m.id).join() === me.id, "postStatus mentions", posted.mentions);
  ok("postStatus");

  const home = await client.getHomeTimeline({ limit: 20 });
  check(home.status === 200, "getHomeTimeline status", home.status);
  check(home.data.length === 1, "home timeline holds the one post", home.data.map((s) => s.id));
  const [shown] = home.data;
  check(shown.id === posted.id && shown.account.username === username, "the post on the home timeline", shown);
  check(shown.content === posted.content && shown.content.includes("hello from megalodon"), "its content", shown.content);
  ok("getHomeTimeline shows the post");

  console.log("all steps passed");
}

if (process.argv.length !== 3) {
  console.error("usage: node megalodon_flow.mjs BASE_URL");
  process.exit(2);
}
await main(process.argv[2].replace(/\/+$/, ""));
