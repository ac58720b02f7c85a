//! The bulk writer: the generated rows go into the server's own tables as multi-row INSERTs (500 rows a
//! statement, 50,000 a transaction), built on a second thread while the database works on the previous
//! batch. SQLite is written with `synchronous = OFF` and foreign-key checks off (the rows are consistent by
//! construction; a test runs `PRAGMA foreign_key_check`), then checkpointed so the server starts on a small
//! WAL; PostgreSQL with `synchronous_commit = off`, then `ANALYZE`d as autovacuum soon would.

use std::collections::HashMap;
use std::sync::mpsc::sync_channel;

use anyhow::{bail, Context};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;

use super::activity::Kind;
use super::credentials;
use super::dataset::{at, Dataset};
use super::progress::Progress;
use super::random::mix;
use super::sql;
use super::text::{compose, Plan, Voice};
use super::vocabulary::{FIRST_NAMES, LAST_NAMES, TAGS};
use crate::auth::secret;
use crate::db::schema::accounts;
use crate::db::DbConnection;
use crate::domain::job_feed::{Edge, EdgeKind, JobFeedSettings};
use crate::domain::jobs::{self, JobRules};
use crate::domain::paths;
use crate::domain::post_text::{render_html, Links};
use crate::domain::search_terms;

const ROWS_PER_STATEMENT: usize = 500;
const ROWS_PER_TRANSACTION: usize = 50_000;

/// Refuses to write into a database that already has accounts: seeding is for fresh databases.
pub fn ensure_empty(conn: &mut DbConnection) -> anyhow::Result<()> {
    let existing: i64 = accounts::table.count().get_result(conn)?;
    if existing > 0 {
        bail!("the database already holds {existing} accounts; seed a fresh one");
    }
    Ok(())
}

/// Writes every generated row. `password_hash` is the one Argon2 hash all accounts share; `base_url` is
/// the instance's, for the links in rendered posts.
pub fn write(
    conn: &mut DbConnection,
    data: &Dataset,
    base_url: &str,
    password_hash: &str,
    job_rules: &JobRules,
    graph_settings: &JobFeedSettings,
) -> anyhow::Result<()> {
    let sqlite = matches!(conn, DbConnection::Sqlite(_));
    if sqlite {
        conn.batch_execute(
            "PRAGMA synchronous = OFF; PRAGMA foreign_keys = OFF; PRAGMA cache_size = -524288; \
             PRAGMA temp_store = MEMORY;",
        )?;
    } else {
        conn.batch_execute("SET synchronous_commit = off")?;
    }
    let n = data.shape.accounts;
    let start = data.start();

    insert_all(
        conn,
        "applications",
        "oauth_applications",
        "id, name, website, redirect_uris, scopes, client_id, client_secret_hash, created_at",
        1,
        |_, o| {
            sql::id(o, data.app_id());
            o.push_str(", ");
            sql::text(o, credentials::APP_NAME);
            o.push_str(", NULL, ");
            sql::text(o, credentials::REDIRECT_URI);
            o.push_str(", ");
            sql::text(o, credentials::SCOPES);
            o.push_str(", ");
            sql::text(o, credentials::CLIENT_ID);
            o.push_str(", ");
            sql::text(o, &secret::digest(credentials::CLIENT_SECRET));
            o.push_str(", ");
            sql::time(o, start);
        },
    )?;

    insert_all(conn, "accounts", "accounts",
        "id, username, username_key, display_name, note, fields, locked, bot, discoverable, followers_count, \
         following_count, statuses_count, last_status_at, created_at, updated_at", n, |i, o| {
            let created = at(data.account_ms(i));
            let name = credentials::username(i);
            sql::id(o, data.account_id(i));
            o.push_str(", ");
            sql::text(o, &name);
            o.push_str(", ");
            sql::text(o, &name);
            o.push_str(", ");
            sql::text(o, &display_name(data.seed, i));
            o.push_str(", '', '[]', FALSE, FALSE, TRUE, ");
            sql::number(o, data.accounts.followers[i]);
            o.push_str(", ");
            sql::number(o, data.accounts.following[i]);
            o.push_str(", ");
            sql::number(o, data.accounts.statuses[i]);
            o.push_str(", ");
            sql::opt_time(o, data.accounts.last_status_ms[i].map(at));
            o.push_str(", ");
            sql::time(o, created);
            o.push_str(", ");
            sql::time(o, created);
        })?;

    insert_all(conn, "users", "users",
        "account_id, email, email_key, password_hash, locale, last_active_at, created_by_application_id, \
         created_at", n, |i, o| {
            sql::id(o, data.account_id(i));
            o.push_str(", ");
            let email = credentials::email(i);
            sql::text(o, &email);
            o.push_str(", ");
            sql::text(o, &email);
            o.push_str(", ");
            sql::text(o, password_hash);
            o.push_str(", 'en', NULL, NULL, ");
            sql::time(o, at(data.account_ms(i)));
        })?;

    insert_all(
        conn,
        "tokens",
        "oauth_access_tokens",
        "id, token_hash, application_id, account_id, scopes, created_at, revoked_at",
        n,
        |i, o| {
            sql::id(o, data.token_id(i));
            o.push_str(", ");
            sql::text(o, &secret::digest(&credentials::token(i)));
            o.push_str(", ");
            sql::id(o, data.app_id());
            o.push_str(", ");
            sql::id(o, data.account_id(i));
            o.push_str(", ");
            sql::text(o, credentials::SCOPES);
            o.push_str(", ");
            sql::time(o, at(data.account_ms(i)));
            o.push_str(", NULL");
        },
    )?;

    insert_all(
        conn,
        "tags",
        "tags",
        "id, name, name_key, created_at",
        TAGS.len(),
        |t, o| {
            sql::id(o, data.tag_id(t));
            o.push_str(", ");
            sql::text(o, TAGS[t]);
            o.push_str(", ");
            sql::text(o, &TAGS[t].to_lowercase());
            o.push_str(", ");
            sql::time(o, start);
        },
    )?;

    let follows = &data.graph.follows;
    insert_all(
        conn,
        "follows",
        "follows",
        "id, account_id, target_account_id, show_reblogs, created_at",
        follows.len(),
        |j, o| {
            let (a, t) = follows[j];
            sql::id(o, data.follow_id(j));
            o.push_str(", ");
            sql::id(o, data.account_id(a as usize));
            o.push_str(", ");
            sql::id(o, data.account_id(t as usize));
            o.push_str(", TRUE, ");
            sql::time(o, at(data.follow_ms(j)));
        },
    )?;

    let links = SeedLinks { base_url };
    let posts = &data.activity.posts;
    insert_all(conn, "statuses", "statuses",
        "id, account_id, text, content, spoiler_text, visibility, sensitive, language, in_reply_to_id, \
         in_reply_to_account_id, reblog_of_id, replies_count, reblogs_count, favourites_count, created_at, \
         job_kind, job_score, job_signals, passes_on_job",
        posts.len(), |k, o| {
            let p = &posts[k];
            let (text, content) = match p.kind {
                Kind::Reblog { .. } => (String::new(), String::new()),
                _ => {
                    let text = text_of(data, k);
                    let content = render_html(&text, &links);
                    (text, content)
                }
            };
            let parent = match p.kind {
                Kind::Reply { parent } => Some(parent as usize),
                _ => None,
            };
            sql::id(o, data.post_id(k));
            o.push_str(", ");
            sql::id(o, data.account_id(p.author as usize));
            o.push_str(", ");
            sql::text(o, &text);
            o.push_str(", ");
            sql::text(o, &content);
            o.push_str(", '', ");
            sql::number(o, p.visibility.code());
            o.push_str(", FALSE, ");
            o.push_str(if matches!(p.kind, Kind::Reblog { .. }) { "NULL" } else { "'en'" });
            o.push_str(", ");
            sql::opt_id(o, parent.map(|q| data.post_id(q)));
            o.push_str(", ");
            sql::opt_id(o, parent.map(|q| data.account_id(posts[q].author as usize)));
            o.push_str(", ");
            let of = match p.kind {
                Kind::Reblog { of } => Some(data.post_id(of as usize)),
                _ => None,
            };
            sql::opt_id(o, of);
            o.push_str(", ");
            sql::number(o, data.statuses.replies[k]);
            o.push_str(", ");
            sql::number(o, data.statuses.reblogs[k]);
            o.push_str(", ");
            sql::number(o, data.statuses.favourites[k]);
            o.push_str(", ");
            sql::time(o, at(p.ms));
            // What the server's job detection would have found (no seeded account is flagged hiring).
            let job = jobs::detect(job_rules, &text, false);
            o.push_str(", ");
            match job.kind {
                Some(kind) => sql::number(o, kind.code()),
                None => o.push_str("NULL"),
            }
            o.push_str(&format!(", {}, ", job.score));
            sql::text(o, &serde_json::to_string(&job.signals).unwrap_or_else(|_| "[]".into()));
            // A reblog or reply passes on what detection finds in the post it answers or repeats.
            let passed_on = match p.kind {
                Kind::Reblog { of } => Some(of as usize),
                Kind::Reply { parent } => Some(parent as usize),
                _ => None,
            };
            o.push_str(", ");
            match passed_on.and_then(|q| jobs::detect(job_rules, &text_of(data, q), false).kind) {
                Some(kind) => sql::number(o, kind.code()),
                None => o.push_str("NULL"),
            }
        })?;

    // The search index, as the server files what it writes (`service::search`).
    let terms: Vec<(u32, String)> = (0..n)
        .flat_map(|i| {
            search_terms::account_terms(&credentials::username(i), &display_name(data.seed, i))
                .into_iter()
                .map(move |t| (i as u32, t))
        })
        .collect();
    insert_all(
        conn,
        "account terms",
        "account_search_terms",
        "term, account_id",
        terms.len(),
        |j, o| {
            let (i, term) = &terms[j];
            sql::text(o, term);
            o.push_str(", ");
            sql::id(o, data.account_id(*i as usize));
        },
    )?;
    drop(terms);
    // Posts' words, a slice of posts at a time so the rows never all sit in memory.
    for slice in (0..posts.len()).collect::<Vec<_>>().chunks(100_000) {
        let words: Vec<(u32, String)> = slice
            .iter()
            .filter(|&&k| !matches!(posts[k].kind, Kind::Reblog { .. }))
            .flat_map(|&k| {
                search_terms::status_words("", &text_of(data, k))
                    .into_iter()
                    .map(move |w| (k as u32, w))
            })
            .collect();
        insert_all(
            conn,
            "status words",
            "status_words",
            "word, status_id",
            words.len(),
            |j, o| {
                let (k, word) = &words[j];
                sql::text(o, word);
                o.push_str(", ");
                sql::id(o, data.post_id(*k as usize));
            },
        )?;
    }

    let mentions: Vec<(u32, u32)> = rows_of(data, |p| data.activity.mentions_of(p).to_vec());
    insert_all(
        conn,
        "mentions",
        "mentions",
        "status_id, account_id",
        mentions.len(),
        |j, o| {
            let (k, a) = mentions[j];
            sql::id(o, data.post_id(k as usize));
            o.push_str(", ");
            sql::id(o, data.account_id(a as usize));
        },
    )?;

    let tagged: Vec<(u32, u16)> = rows_of(data, |p| data.activity.tags_of(p).to_vec());
    insert_all(
        conn,
        "status_tags",
        "status_tags",
        "status_id, tag_id",
        tagged.len(),
        |j, o| {
            let (k, t) = tagged[j];
            sql::id(o, data.post_id(k as usize));
            o.push_str(", ");
            sql::id(o, data.tag_id(t as usize));
        },
    )?;

    let favourites = &data.activity.favourites;
    insert_all(
        conn,
        "favourites",
        "favourites",
        "id, account_id, status_id, created_at",
        favourites.len(),
        |j, o| {
            let f = favourites[j];
            sql::id(o, data.favourite_id(j));
            o.push_str(", ");
            sql::id(o, data.account_id(f.account as usize));
            o.push_str(", ");
            sql::id(o, data.post_id(f.post as usize));
            o.push_str(", ");
            sql::time(o, at(f.ms));
        },
    )?;

    // The job feed's graph, as the server builds it from these events.
    let edges = interaction_edges(data, graph_settings);
    let written = at(data.activity.posts.iter().map(|p| p.ms).max().unwrap_or(0));
    insert_all(
        conn,
        "interaction edges",
        "interaction_edges",
        "account_id, target_account_id, mentions, replies, reblogs, favourites, follows, last_at, month, \
         month_mentions, month_replies, month_reblogs, month_favourites, updated_at",
        edges.len(),
        |j, o| {
            let e = &edges[j];
            sql::id(o, data.account_id(e.from as usize));
            o.push_str(", ");
            sql::id(o, data.account_id(e.to as usize));
            for d in e.decayed {
                o.push_str(&format!(", {d}"));
            }
            o.push_str(if e.follows { ", TRUE" } else { ", FALSE" });
            o.push_str(&format!(", {}, {}", e.last_at, e.month));
            for c in e.month_counts {
                o.push_str(&format!(", {c}"));
            }
            o.push_str(", ");
            sql::time(o, written);
        },
    )?;
    drop(edges);

    // Everything is indexed: nothing for the server's start-up catch-up to do.
    crate::db::backfills::finish(conn, "search")?;

    if sqlite {
        conn.batch_execute("PRAGMA foreign_keys = ON; PRAGMA wal_checkpoint(TRUNCATE);")?;
    } else {
        conn.batch_execute("ANALYZE")?;
    }
    Ok(())
}

/// The edges `service::interaction_graph` would have recorded for the generated events, replayed in time
/// order: mentions and replies in open posts, open reblogs, favourites, follows.
fn interaction_edges(data: &Dataset, s: &JobFeedSettings) -> Vec<Edge> {
    let posts = &data.activity.posts;
    let mut events: Vec<(u64, u32, u32, EdgeKind)> = Vec::new();
    for p in posts.iter().filter(|p| p.visibility.is_open()) {
        match p.kind {
            Kind::Reblog { of } => {
                events.push((p.ms, p.author, posts[of as usize].author, EdgeKind::Reblog))
            }
            Kind::Reply { parent } => events.push((
                p.ms,
                p.author,
                posts[parent as usize].author,
                EdgeKind::Reply,
            )),
            Kind::Original => {}
        }
        for &m in data.activity.mentions_of(p) {
            events.push((p.ms, p.author, m, EdgeKind::Mention));
        }
    }
    for f in &data.activity.favourites {
        events.push((
            f.ms,
            f.account,
            posts[f.post as usize].author,
            EdgeKind::Favourite,
        ));
    }
    events.sort_unstable_by_key(|e| e.0);
    let mut edges: HashMap<(u32, u32), Edge> = HashMap::new();
    for (ms, from, to, kind) in events.into_iter().filter(|e| e.1 != e.2) {
        edges
            .entry((from, to))
            .or_insert_with(|| Edge::new(from, to))
            .record(kind, (ms / 1000) as i64, s);
    }
    for &(from, to) in &data.graph.follows {
        edges
            .entry((from, to))
            .or_insert_with(|| Edge::new(from, to))
            .follows = true;
    }
    let mut edges: Vec<Edge> = edges.into_values().collect();
    edges.sort_unstable_by_key(|e| (e.from, e.to));
    edges
}

/// The text of status `k` (not a reblog), as written to `statuses.text`.
pub fn text_of(data: &Dataset, k: usize) -> String {
    let p = &data.activity.posts[k];
    let mentions: Vec<String> = data
        .activity
        .mentions_of(p)
        .iter()
        .map(|&a| credentials::username(a as usize))
        .collect();
    let voice = match (p.kind, p.job) {
        (Kind::Reply { .. }, _) => Voice::Reply,
        (_, super::activity::Job::Offer) => Voice::Offer,
        (_, super::activity::Job::Seeker) => Voice::Seeker,
        _ => Voice::Plain,
    };
    let plan = Plan {
        voice,
        mentions: &mentions,
        tags: data.activity.tags_of(p),
    };
    compose(data.seed, k as u64, &plan)
}

fn rows_of<T: Copy>(
    data: &Dataset,
    of: impl Fn(&super::activity::Post) -> Vec<T>,
) -> Vec<(u32, T)> {
    data.activity
        .posts
        .iter()
        .enumerate()
        .flat_map(|(k, p)| of(p).into_iter().map(move |v| (k as u32, v)))
        .collect()
}

fn display_name(seed: u64, i: usize) -> String {
    let h = mix(seed ^ (i as u64).wrapping_mul(0x9e37_79b9));
    let first = FIRST_NAMES[(h % FIRST_NAMES.len() as u64) as usize];
    let last = LAST_NAMES[((h >> 20) % LAST_NAMES.len() as u64) as usize];
    format!("{first} {last}")
}

/// Links in rendered posts, as the server makes them: every generated mention names a local account.
struct SeedLinks<'a> {
    base_url: &'a str,
}

impl Links for SeedLinks<'_> {
    fn mention(&self, username: &str, domain: Option<&str>) -> Option<String> {
        domain
            .is_none()
            .then(|| format!("{}{}", self.base_url, paths::profile(username)))
    }

    fn tag(&self, key: &str) -> String {
        format!("{}{}", self.base_url, paths::tag(key))
    }
}

/// Inserts `total` rows into `table`, `row(i, out)` writing row `i`'s values; statements are built on a
/// second thread while the database executes the previous one.
fn insert_all<F>(
    conn: &mut DbConnection,
    label: &'static str,
    table: &str,
    columns: &str,
    total: usize,
    row: F,
) -> anyhow::Result<()>
where
    F: Fn(usize, &mut String) + Sync,
{
    let mut progress = Progress::new(label, total);
    let (tx, rx) = sync_channel::<(String, usize)>(8);
    let row = &row;
    std::thread::scope(|scope| -> anyhow::Result<()> {
        scope.spawn(move || {
            let mut i = 0;
            while i < total {
                let end = (i + ROWS_PER_STATEMENT).min(total);
                let mut statement = format!("INSERT INTO {table} ({columns}) VALUES ");
                for r in i..end {
                    if r > i {
                        statement.push(',');
                    }
                    statement.push('(');
                    row(r, &mut statement);
                    statement.push(')');
                }
                if tx.send((statement, end - i)).is_err() {
                    return;
                }
                i = end;
            }
        });
        let mut pending = 0;
        conn.batch_execute("BEGIN")?;
        for (statement, rows) in rx {
            conn.batch_execute(&statement)
                .with_context(|| format!("inserting into {table}"))?;
            pending += rows;
            progress.advance(rows);
            if pending >= ROWS_PER_TRANSACTION {
                conn.batch_execute("COMMIT; BEGIN")?;
                pending = 0;
            }
        }
        conn.batch_execute("COMMIT")?;
        Ok(())
    })?;
    progress.finish();
    Ok(())
}
