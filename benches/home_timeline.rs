//! Home timeline: read-time merge (what `service::timelines::home` does now) against write-time fan-out
//! into a `home_feed` table, on a generated instance, on SQLite and on PostgreSQL. Findings and the machine
//! they were taken on: docs/home-timeline.md.
//!
//! Run:
//!
//!     cargo bench --bench home_timeline -- [--backend sqlite|postgres|both] [--accounts N] [--follows N]
//!         [--posts N] [--seed N] [--viewers N] [--authors N] [--keep]
//!
//! Defaults: 10_000 accounts, 200_000 follows, 200_000 posts, seed 42, 500 viewers, 200 authors, both
//! backends. PostgreSQL is the server at `WEAKTIES_BENCH_POSTGRES` (default
//! `postgres://postgres@127.0.0.1:5432/postgres`): the bench creates a database `weakties_bench_<random>`
//! there and drops it when done. SQLite is a file in a temporary directory, opened by
//! `db::connection::establish` with the default settings (WAL, synchronous = FULL). Both get the same data
//! from the seed. `home_feed` exists in the bench database only; it is not part of the schema. `--keep` leaves
//! both databases behind for a look with `sqlite3` or `psql` (their names are printed).
//!
//! Per backend it prints: `timelines::home` (first page, then the page below it) for a sample of viewers
//! (the heaviest followers and a uniform draw of the rest); the same pages read from a filled `home_feed`;
//! and the cost of writing one post with and without its fan-out rows.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail};
use chrono::{DateTime, NaiveDate, NaiveDateTime};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool, Nullable, SmallInt, Text, Timestamp};
use rand::distributions::{Distribution, WeightedIndex};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use uuid::Uuid;

use weakties::db::statuses::Status;
use weakties::db::types::Uuid as IdType;
use weakties::db::{migrations, write_transaction, DbConnection, Id};
use weakties::domain::paging::{Page, STATUS_LIMITS};
use weakties::service::audience::{self, Viewer};
use weakties::service::timelines;

#[path = "support/scratch.rs"]
mod scratch;
use scratch::{backends_arg, count_arg, number, open, table_bytes, version, Backend};

/// A `statuses` row read by name, for the raw fan-out query.
#[derive(QueryableByName)]
struct FeedRow {
    #[diesel(sql_type = IdType)]
    id: Id,
    #[diesel(sql_type = IdType)]
    account_id: Id,
    #[diesel(sql_type = Text)]
    text: String,
    #[diesel(sql_type = Text)]
    content: String,
    #[diesel(sql_type = Text)]
    spoiler_text: String,
    #[diesel(sql_type = SmallInt)]
    visibility: i16,
    #[diesel(sql_type = Bool)]
    sensitive: bool,
    #[diesel(sql_type = Nullable<Text>)]
    language: Option<String>,
    #[diesel(sql_type = Nullable<IdType>)]
    in_reply_to_id: Option<Id>,
    #[diesel(sql_type = Nullable<IdType>)]
    in_reply_to_account_id: Option<Id>,
    #[diesel(sql_type = Nullable<IdType>)]
    reblog_of_id: Option<Id>,
    #[diesel(sql_type = BigInt)]
    replies_count: i64,
    #[diesel(sql_type = BigInt)]
    reblogs_count: i64,
    #[diesel(sql_type = BigInt)]
    favourites_count: i64,
    #[diesel(sql_type = Timestamp)]
    created_at: NaiveDateTime,
    #[diesel(sql_type = Nullable<SmallInt>)]
    job_kind: Option<i16>,
    #[diesel(sql_type = diesel::sql_types::Float)]
    job_score: f32,
    #[diesel(sql_type = Nullable<Text>)]
    job_signals: Option<String>,
}

impl From<FeedRow> for Status {
    fn from(r: FeedRow) -> Self {
        Status {
            id: r.id,
            account_id: r.account_id,
            text: r.text,
            content: r.content,
            spoiler_text: r.spoiler_text,
            visibility: r.visibility,
            sensitive: r.sensitive,
            language: r.language,
            in_reply_to_id: r.in_reply_to_id,
            in_reply_to_account_id: r.in_reply_to_account_id,
            reblog_of_id: r.reblog_of_id,
            replies_count: r.replies_count,
            reblogs_count: r.reblogs_count,
            favourites_count: r.favourites_count,
            created_at: r.created_at,
            job_kind: r.job_kind,
            job_score: r.job_score,
            job_signals: r.job_signals,
            passes_on_job: None,
        }
    }
}

// Shape of the generated instance.
/// Zipf exponent of popularity: the account of popularity rank r is picked as a follow target (and as a
/// mention) with weight 1/r^s.
const POPULARITY_EXPONENT: f64 = 0.9;
/// Share of accounts that follow nobody (signed up and went quiet).
const DORMANT_SHARE: f64 = 0.25;
/// Spread (sigma of the underlying normal) of followings per active account.
const FOLLOWING_SIGMA: f64 = 0.9;
/// Nobody follows more than this many accounts.
const FOLLOWING_CAP: usize = 2_000;
/// Share of follows that hide the target's reblogs.
const HIDE_REBLOGS_SHARE: f64 = 0.03;
/// Post shares by kind; the rest are public originals.
const REBLOG_SHARE: f64 = 0.05;
const PRIVATE_SHARE: f64 = 0.01;
const DIRECT_SHARE: f64 = 0.01;
const UNLISTED_SHARE: f64 = 0.10;
/// Reblogs pick their original among this many most recent public or unlisted originals.
const REBLOG_WINDOW: usize = 5_000;

const PUBLIC: i16 = 0;
const UNLISTED: i16 = 1;
const PRIVATE: i16 = 2;
const DIRECT: i16 = 3;

const PAGE_LIMIT: usize = 20;
const CHUNK: usize = 500;
/// Each read is timed this many times per viewer; the median counts.
const REPEATS: usize = 3;
/// Repetitions of the write for the most-followed author.
const TOP_AUTHOR_WRITES: usize = 5;

#[derive(Debug, Clone)]
struct Args {
    backends: Vec<Backend>,
    accounts: usize,
    follows: usize,
    posts: usize,
    seed: u64,
    viewers: usize,
    authors: usize,
    keep: bool,
}

fn parse_args() -> anyhow::Result<Args> {
    let mut args = Args {
        backends: vec![Backend::Sqlite, Backend::Postgres],
        accounts: 10_000,
        follows: 200_000,
        posts: 200_000,
        seed: 42,
        viewers: 500,
        authors: 200,
        keep: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--backend" => args.backends = backends_arg(it.next().as_deref())?,
            "--accounts" => args.accounts = count_arg(&arg, it.next())? as usize,
            "--follows" => args.follows = count_arg(&arg, it.next())? as usize,
            "--posts" => args.posts = count_arg(&arg, it.next())? as usize,
            "--seed" => args.seed = count_arg(&arg, it.next())?,
            "--viewers" => args.viewers = count_arg(&arg, it.next())? as usize,
            "--authors" => args.authors = count_arg(&arg, it.next())? as usize,
            "--keep" => args.keep = true,
            // cargo bench passes --bench to harness = false targets
            "--bench" => {}
            other if other.starts_with('-') => bail!("unknown option {other}"),
            _ => {}
        }
    }
    if args.accounts < 100 {
        bail!("--accounts must be at least 100");
    }
    Ok(args)
}

fn main() -> anyhow::Result<()> {
    let args = parse_args()?;
    let started = Instant::now();
    let data = Dataset::generate(&args)?;
    println!(
        "generated in {:.1}s (seed {}): {}",
        started.elapsed().as_secs_f64(),
        args.seed,
        data.describe()
    );
    for backend in &args.backends {
        run_backend(*backend, &args, &data)?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------------------
// The data set

struct Post {
    id: Uuid,
    author: usize,
    visibility: i16,
    reblog_of: Option<usize>,
    at: String,
}

struct FollowRow {
    id: Uuid,
    follower: usize,
    target: usize,
    show_reblogs: bool,
    at: String,
}

struct Dataset {
    accounts: Vec<Uuid>,
    account_at: Vec<String>,
    /// Targets per follower, in draw order.
    following: Vec<Vec<usize>>,
    followers: Vec<usize>,
    follows: Vec<FollowRow>,
    posts: Vec<Post>,
    posts_by: Vec<usize>,
    mentions: Vec<(usize, usize)>,
    /// Milliseconds after which ids made by the write test sort after every generated one.
    end_ms: u64,
}

fn ms_at(y: i32, m: u32, d: u32) -> u64 {
    NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .expect("a valid date")
        .and_utc()
        .timestamp_millis() as u64
}

fn timestamp(ms: u64) -> String {
    DateTime::from_timestamp_millis(ms as i64)
        .expect("a time in range")
        .naive_utc()
        .format("%Y-%m-%d %H:%M:%S%.6f")
        .to_string()
}

fn uuid_v7(ms: u64, rng: &mut StdRng) -> Uuid {
    let mut bytes = [0u8; 10];
    rng.fill(&mut bytes);
    uuid::Builder::from_unix_timestamp_millis(ms, &bytes).into_uuid()
}

/// `count` increasing times in [start, start + span): evenly stepped with jitter inside each step, so ids
/// made from them sort by time and never share a millisecond.
fn times(count: usize, start: u64, span: u64, rng: &mut StdRng) -> Vec<u64> {
    let step = (span / count.max(1) as u64).max(1);
    (0..count as u64)
        .map(|i| start + i * step + rng.gen_range(0..step))
        .collect()
}

fn standard_normal(rng: &mut StdRng) -> f64 {
    // Box-Muller
    let u1: f64 = 1.0 - rng.gen::<f64>();
    let u2: f64 = rng.gen();
    (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
}

impl Dataset {
    fn generate(args: &Args) -> anyhow::Result<Self> {
        let n = args.accounts;
        let mut rng = StdRng::seed_from_u64(args.seed);

        let account_times = times(n, ms_at(2026, 1, 1), 150 * 86_400_000, &mut rng);
        let accounts: Vec<Uuid> = account_times
            .iter()
            .map(|&t| uuid_v7(t, &mut rng))
            .collect();
        let account_at = account_times.iter().map(|&t| timestamp(t)).collect();

        // Popularity: a random ranking of the accounts, Zipf weights over rank.
        let mut ranking: Vec<usize> = (0..n).collect();
        ranking.shuffle(&mut rng);
        let mut popularity = vec![0f64; n];
        for (rank, &a) in ranking.iter().enumerate() {
            popularity[a] = 1.0 / ((rank + 1) as f64).powf(POPULARITY_EXPONENT);
        }
        let pick_popular = WeightedIndex::new(&popularity)?;

        // Followings per account: none for the dormant, log-normal for the rest, scaled to the total.
        let cap = FOLLOWING_CAP.min(n - 1);
        let raw: Vec<f64> = (0..n)
            .map(|_| {
                let z = standard_normal(&mut rng);
                if rng.gen::<f64>() < DORMANT_SHARE {
                    0.0
                } else {
                    (FOLLOWING_SIGMA * z).exp()
                }
            })
            .collect();
        let active: Vec<usize> = (0..n).filter(|&a| raw[a] > 0.0).collect();
        if args.follows > active.len() * cap {
            bail!(
                "{} follows do not fit {} following accounts of at most {cap} each",
                args.follows,
                active.len()
            );
        }
        let scale = args.follows as f64 / raw.iter().sum::<f64>();
        let mut degree: Vec<usize> = raw
            .iter()
            .map(|&z| {
                if z > 0.0 {
                    ((z * scale).round() as usize).clamp(1, cap)
                } else {
                    0
                }
            })
            .collect();
        let mut total: usize = degree.iter().sum();
        while total != args.follows {
            let a = active[rng.gen_range(0..active.len())];
            if total < args.follows && degree[a] < cap {
                degree[a] += 1;
                total += 1;
            } else if total > args.follows && degree[a] > 1 {
                degree[a] -= 1;
                total -= 1;
            }
        }

        // Targets: drawn by popularity, distinct, never oneself.
        let mut following = vec![Vec::new(); n];
        let mut followers = vec![0usize; n];
        let mut chosen = HashSet::new();
        for a in 0..n {
            chosen.clear();
            let mut tries = 0;
            while following[a].len() < degree[a] {
                // A heavy follower can exhaust the popular end; then it takes anyone.
                let t = if tries < 50 * degree[a] {
                    pick_popular.sample(&mut rng)
                } else {
                    rng.gen_range(0..n)
                };
                tries += 1;
                if t != a && chosen.insert(t) {
                    following[a].push(t);
                    followers[t] += 1;
                }
            }
        }
        let mut pairs: Vec<(usize, usize)> = following
            .iter()
            .enumerate()
            .flat_map(|(a, ts)| ts.iter().map(move |&t| (a, t)))
            .collect();
        pairs.shuffle(&mut rng);
        let follow_times = times(pairs.len(), ms_at(2026, 6, 1), 90 * 86_400_000, &mut rng);
        let follows = pairs
            .into_iter()
            .zip(follow_times)
            .map(|((follower, target), t)| FollowRow {
                id: uuid_v7(t, &mut rng),
                follower,
                target,
                show_reblogs: rng.gen::<f64>() >= HIDE_REBLOGS_SHARE,
                at: timestamp(t),
            })
            .collect();

        // Posts: authors by activity, which leans toward the popular (square root of popularity) with
        // log-normal noise per account.
        let activity: Vec<f64> = (0..n)
            .map(|a| popularity[a].sqrt() * standard_normal(&mut rng).exp())
            .collect();
        let pick_author = WeightedIndex::new(&activity)?;
        let start = ms_at(2026, 9, 1);
        let span = 30 * 86_400_000;
        let post_times = times(args.posts, start, span, &mut rng);
        let mut posts: Vec<Post> = Vec::with_capacity(args.posts);
        let mut posts_by = vec![0usize; n];
        let mut shareable: Vec<usize> = Vec::new();
        let mut reblogged: HashSet<(usize, usize)> = HashSet::new();
        let mut mentions = Vec::new();
        for (i, t) in post_times.into_iter().enumerate() {
            let author = pick_author.sample(&mut rng);
            let roll: f64 = rng.gen();
            let mut reblog_of = None;
            if roll < REBLOG_SHARE && !shareable.is_empty() {
                let low = shareable.len().saturating_sub(REBLOG_WINDOW);
                for _ in 0..10 {
                    let o = shareable[rng.gen_range(low..shareable.len())];
                    if posts[o].author != author && reblogged.insert((o, author)) {
                        reblog_of = Some(o);
                        break;
                    }
                }
            }
            let visibility = match reblog_of {
                Some(o) => posts[o].visibility,
                None if roll < REBLOG_SHARE => PUBLIC,
                None if roll < REBLOG_SHARE + PRIVATE_SHARE => PRIVATE,
                None if roll < REBLOG_SHARE + PRIVATE_SHARE + DIRECT_SHARE => DIRECT,
                None if roll < REBLOG_SHARE + PRIVATE_SHARE + DIRECT_SHARE + UNLISTED_SHARE => {
                    UNLISTED
                }
                None => PUBLIC,
            };
            if matches!(visibility, PRIVATE | DIRECT) {
                let mut named = Vec::new();
                for _ in 0..rng.gen_range(1..=3) {
                    let m = pick_popular.sample(&mut rng);
                    if m != author && !named.contains(&m) {
                        named.push(m);
                        mentions.push((i, m));
                    }
                }
            }
            if reblog_of.is_none() && visibility <= UNLISTED {
                shareable.push(i);
            }
            posts_by[author] += 1;
            posts.push(Post {
                id: uuid_v7(t, &mut rng),
                author,
                visibility,
                reblog_of,
                at: timestamp(t),
            });
        }

        Ok(Dataset {
            accounts,
            account_at,
            following,
            followers,
            follows,
            posts,
            posts_by,
            mentions,
            end_ms: start + span + 86_400_000,
        })
    }

    fn most_followed(&self) -> usize {
        (0..self.accounts.len())
            .max_by_key(|&a| self.followers[a])
            .expect("accounts")
    }

    fn describe(&self) -> String {
        let mut degrees: Vec<usize> = self
            .following
            .iter()
            .map(Vec::len)
            .filter(|&d| d > 0)
            .collect();
        degrees.sort_unstable();
        let mut fans = self.followers.clone();
        fans.sort_unstable();
        let mut per_author = self.posts_by.clone();
        per_author.sort_unstable();
        let q = |v: &[usize], p: f64| v[((v.len() as f64 * p) as usize).min(v.len() - 1)];
        let reblogs = self.posts.iter().filter(|p| p.reblog_of.is_some()).count();
        let narrow = self
            .posts
            .iter()
            .filter(|p| matches!(p.visibility, PRIVATE | DIRECT))
            .count();
        let top = self.most_followed();
        format!(
            "{} accounts, {} follows, {} posts ({} reblogs, {} private/direct), {} mentions\n  \
             followings of the {} accounts that follow anyone: median {}, p90 {}, p99 {}, max {}\n  \
             followers: median {}, p99 {}, max {} (the most-followed account wrote {} posts)\n  \
             posts per account: median {}, p99 {}, max {}",
            self.accounts.len(),
            self.follows.len(),
            self.posts.len(),
            reblogs,
            narrow,
            self.mentions.len(),
            degrees.len(),
            q(&degrees, 0.5),
            q(&degrees, 0.9),
            q(&degrees, 0.99),
            degrees.last().unwrap_or(&0),
            q(&fans, 0.5),
            q(&fans, 0.99),
            fans.last().unwrap_or(&0),
            self.posts_by[top],
            q(&per_author, 0.5),
            q(&per_author, 0.99),
            per_author.last().unwrap_or(&0),
        )
    }
}

// ---------------------------------------------------------------------------------------------------------
// Databases

/// An id as an SQL literal: PostgreSQL needs the type where the context does not give it.
fn lit(backend: Backend, id: Uuid) -> String {
    match backend {
        Backend::Sqlite => format!("'{id}'"),
        Backend::Postgres => format!("'{id}'::uuid"),
    }
}

fn bulk_insert(
    conn: &mut DbConnection,
    table: &str,
    columns: &str,
    rows: impl Iterator<Item = String>,
) -> anyhow::Result<()> {
    conn.transaction(|conn| -> anyhow::Result<()> {
        let mut sql = String::new();
        let mut n = 0;
        for row in rows {
            if n == 0 {
                sql = format!("INSERT INTO {table} ({columns}) VALUES ");
            } else {
                sql.push(',');
            }
            let _ = write!(sql, "({row})");
            n += 1;
            if n == CHUNK {
                diesel::sql_query(&sql).execute(conn)?;
                n = 0;
            }
        }
        if n > 0 {
            diesel::sql_query(&sql).execute(conn)?;
        }
        Ok(())
    })
}

fn post_text(i: usize, author: usize) -> String {
    format!("Post {i} from user{author}: still looking for a backend role, happy to talk about it")
}

fn seed(conn: &mut DbConnection, data: &Dataset) -> anyhow::Result<()> {
    let d = data;
    bulk_insert(
        conn,
        "accounts",
        "id, username, username_key, display_name, followers_count, following_count, statuses_count, \
         created_at, updated_at",
        (0..d.accounts.len()).map(|a| {
            format!(
                "'{}', 'user{a}', 'user{a}', 'User {a}', {}, {}, {}, '{at}', '{at}'",
                d.accounts[a],
                d.followers[a],
                d.following[a].len(),
                d.posts_by[a],
                at = d.account_at[a]
            )
        }),
    )?;
    bulk_insert(
        conn,
        "follows",
        "id, account_id, target_account_id, show_reblogs, created_at",
        d.follows.iter().map(|f| {
            format!(
                "'{}', '{}', '{}', {}, '{}'",
                f.id,
                d.accounts[f.follower],
                d.accounts[f.target],
                if f.show_reblogs { "TRUE" } else { "FALSE" },
                f.at
            )
        }),
    )?;
    bulk_insert(
        conn,
        "statuses",
        "id, account_id, text, content, visibility, language, reblog_of_id, created_at",
        d.posts.iter().enumerate().map(|(i, p)| {
            let author = d.accounts[p.author];
            match p.reblog_of {
                Some(o) => format!(
                    "'{}', '{author}', '', '', {}, NULL, '{}', '{}'",
                    p.id, p.visibility, d.posts[o].id, p.at
                ),
                None => {
                    let text = post_text(i, p.author);
                    format!(
                        "'{}', '{author}', '{text}', '<p>{text}</p>', {}, 'en', NULL, '{}'",
                        p.id, p.visibility, p.at
                    )
                }
            }
        }),
    )?;
    bulk_insert(
        conn,
        "mentions",
        "status_id, account_id",
        d.mentions
            .iter()
            .map(|&(s, a)| format!("'{}', '{}'", d.posts[s].id, d.accounts[a])),
    )?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------------------
// Measuring

#[derive(Default)]
struct Sample(Vec<Duration>);

impl Sample {
    /// Runs `f` `REPEATS` times and keeps the median, so one scheduler hiccup on a shared machine does not
    /// become a viewer's figure; the spread across viewers is what the percentiles show.
    fn time<T, E>(&mut self, mut f: impl FnMut() -> Result<T, E>) -> Result<T, E> {
        let mut runs = Vec::with_capacity(REPEATS);
        let mut out = None;
        for _ in 0..REPEATS {
            let start = Instant::now();
            out = Some(f()?);
            runs.push(start.elapsed());
        }
        runs.sort_unstable();
        self.0.push(runs[REPEATS / 2]);
        Ok(out.expect("REPEATS > 0"))
    }

    fn pct(&self, p: f64) -> f64 {
        let mut v = self.0.clone();
        v.sort_unstable();
        let rank = ((p / 100.0) * v.len() as f64).ceil() as usize;
        v[rank.clamp(1, v.len()) - 1].as_secs_f64() * 1e6
    }

    fn row(&self, label: &str) -> String {
        if self.0.is_empty() {
            return format!("  {label:<46} (no samples)");
        }
        let mean = self.0.iter().map(Duration::as_secs_f64).sum::<f64>() / self.0.len() as f64;
        format!(
            "  {label:<46} {:>5} {:>9.0} {:>9.0} {:>9.0} {:>9.0} {:>9.0}",
            self.0.len(),
            mean * 1e6,
            self.pct(50.0),
            self.pct(95.0),
            self.pct(99.0),
            self.pct(100.0)
        )
    }
}

fn header(what: &str) -> String {
    format!(
        "  {what:<46} {:>5} {:>9} {:>9} {:>9} {:>9} {:>9}",
        "n", "mean µs", "p50 µs", "p95 µs", "p99 µs", "max µs"
    )
}

/// The viewers: the heaviest followers, then a uniform draw among everyone who follows anyone.
fn sample_viewers(data: &Dataset, args: &Args) -> (Vec<usize>, usize) {
    let mut rng = StdRng::seed_from_u64(args.seed ^ 0x005e_ed0f_7ea0);
    let mut followers: Vec<usize> = (0..data.accounts.len())
        .filter(|&a| !data.following[a].is_empty())
        .collect();
    followers.sort_by_key(|&a| std::cmp::Reverse(data.following[a].len()));
    let want = args.viewers.min(followers.len());
    let heavy = (want / 10).max(1).min(want);
    let mut viewers: Vec<usize> = followers[..heavy].to_vec();
    let rest = &followers[heavy..];
    let picks = rand::seq::index::sample(&mut rng, rest.len(), (want - heavy).min(rest.len()));
    viewers.extend(picks.into_iter().map(|i| rest[i]));
    (viewers, heavy)
}

fn first_page() -> Page {
    Page::new(None, None, None, Some(PAGE_LIMIT as u64), STATUS_LIMITS)
}

fn page_below(id: Id) -> Page {
    Page::new(
        Some(id.0),
        None,
        None,
        Some(PAGE_LIMIT as u64),
        STATUS_LIMITS,
    )
}

fn merged(conn: &mut DbConnection, viewer: &Viewer, page: &Page) -> anyhow::Result<Vec<Status>> {
    timelines::home(conn, viewer, page)
        .map(|scanned| scanned.rows)
        .map_err(|e| anyhow!("timelines::home: {e:?}"))
}

/// One page of the fan-out timeline: the query under test, with binds as the app would send it.
fn fanned(
    conn: &mut DbConnection,
    backend: Backend,
    account: Id,
    max: Option<Id>,
) -> anyhow::Result<Vec<Status>> {
    let (first, second) = match backend {
        Backend::Sqlite => ("?", "?"),
        Backend::Postgres => ("$1", "$2"),
    };
    let below = if max.is_some() {
        format!(" AND h.status_id < {second}")
    } else {
        String::new()
    };
    let sql = format!(
        "SELECT s.* FROM home_feed h JOIN statuses s ON s.id = h.status_id \
         WHERE h.account_id = {first}{below} ORDER BY h.status_id DESC LIMIT {PAGE_LIMIT}"
    );
    let q = diesel::sql_query(sql)
        .bind::<IdType, _>(account)
        .into_boxed();
    let q = match max {
        Some(max) => q.bind::<IdType, _>(max),
        None => q,
    };
    let rows: Vec<FeedRow> = q.load(conn)?;
    Ok(rows.into_iter().map(Status::from).collect())
}

fn fill_home_feed(conn: &mut DbConnection, backend: Backend) -> anyhow::Result<()> {
    // What `timelines::home` shows: the author's own posts, its followers' share (all but direct posts;
    // reblogs only where the follow shows them), and direct posts for the accounts they mention.
    let rows = "SELECT account_id, id FROM statuses \
         UNION ALL \
         SELECT f.account_id, s.id FROM statuses s JOIN follows f ON f.target_account_id = s.account_id \
           WHERE s.visibility <> 3 AND (s.reblog_of_id IS NULL OR f.show_reblogs) \
         UNION ALL \
         SELECT m.account_id, m.status_id FROM mentions m JOIN statuses s ON s.id = m.status_id \
           WHERE s.visibility = 3 AND m.account_id <> s.account_id";
    match backend {
        Backend::Sqlite => {
            conn.batch_execute(
                "CREATE TABLE home_feed (account_id TEXT NOT NULL, status_id TEXT NOT NULL, \
                 PRIMARY KEY (account_id, status_id)) WITHOUT ROWID",
            )?;
            conn.transaction(|c| {
                diesel::sql_query(format!(
                    "INSERT INTO home_feed (account_id, status_id) {rows} ORDER BY 1, 2"
                ))
                .execute(c)
            })?;
            conn.batch_execute("PRAGMA wal_checkpoint(TRUNCATE)")?;
        }
        Backend::Postgres => {
            conn.batch_execute(
                "CREATE TABLE home_feed (account_id UUID NOT NULL, status_id UUID NOT NULL)",
            )?;
            diesel::sql_query(format!(
                "INSERT INTO home_feed (account_id, status_id) {rows}"
            ))
            .execute(conn)?;
            conn.batch_execute("ALTER TABLE home_feed ADD PRIMARY KEY (account_id, status_id)")?;
            conn.batch_execute("VACUUM ANALYZE home_feed")?;
        }
    }
    Ok(())
}

/// The plan of the main query of `home` (`statuses::by_authors`) for one viewer, written out with literals
/// in the shape diesel gives it on each backend (`IN (...)` on SQLite, `= ANY(array)` on PostgreSQL).
fn explain(
    conn: &mut DbConnection,
    backend: Backend,
    data: &Dataset,
    viewer: usize,
) -> anyhow::Result<Vec<String>> {
    #[derive(QueryableByName)]
    struct SqlitePlan {
        #[diesel(sql_type = Text)]
        detail: String,
    }
    #[derive(QueryableByName)]
    struct PostgresPlan {
        #[diesel(sql_type = Text, column_name = "QUERY PLAN")]
        line: String,
    }
    let list = |ids: &mut dyn Iterator<Item = usize>| -> String {
        ids.map(|a| format!("'{}'", data.accounts[a]))
            .collect::<Vec<_>>()
            .join(",")
    };
    let authors = list(&mut data.following[viewer].iter().copied().chain([viewer]));
    let rebloggers = list(
        &mut data
            .follows
            .iter()
            .filter(|f| f.follower == viewer && f.show_reblogs)
            .map(|f| f.target)
            .chain([viewer]),
    );
    Ok(match backend {
        Backend::Sqlite => {
            let sql = format!(
                "EXPLAIN QUERY PLAN SELECT * FROM statuses WHERE account_id IN ({authors}) \
                 AND visibility IN (0, 1, 2) AND (reblog_of_id IS NULL OR account_id IN ({rebloggers})) \
                 ORDER BY id DESC LIMIT {PAGE_LIMIT}"
            );
            let rows: Vec<SqlitePlan> = diesel::sql_query(sql).load(conn)?;
            rows.into_iter().map(|r| r.detail).collect()
        }
        Backend::Postgres => {
            let sql = format!(
                "EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM statuses \
                 WHERE account_id = ANY(ARRAY[{authors}]::uuid[]) AND visibility = ANY('{{0,1,2}}'::int2[]) \
                 AND (reblog_of_id IS NULL OR account_id = ANY(ARRAY[{rebloggers}]::uuid[])) \
                 ORDER BY id DESC LIMIT {PAGE_LIMIT}"
            );
            let rows: Vec<PostgresPlan> = diesel::sql_query(sql).load(conn)?;
            rows.into_iter().map(|r| r.line).collect()
        }
    })
}

fn run_backend(backend: Backend, args: &Args, data: &Dataset) -> anyhow::Result<()> {
    let (mut conn, _scratch, location) = open(backend, args.keep)?;
    let conn = &mut conn;
    migrations::run_pending(conn)?;
    let version = version(conn, backend)?;
    println!("\n=== {version} ({location}) ===");

    let started = Instant::now();
    seed(conn, data)?;
    let seeded = started.elapsed();
    if backend == Backend::Postgres {
        // What autovacuum would soon do on a live server; SQLite gets no statistics, as in the app.
        conn.batch_execute("VACUUM ANALYZE")?;
    }
    let statuses_bytes = table_bytes(conn, backend, "statuses")?;
    println!(
        "seeded in {:.1}s; statuses with indexes {:.1} MiB",
        seeded.as_secs_f64(),
        mib(statuses_bytes)
    );

    // 1. Read-time merge through the real code.
    let (viewers, heavy) = sample_viewers(data, args);
    let mut loaded = Vec::with_capacity(viewers.len());
    for &v in &viewers {
        loaded.push(Viewer::load(conn, Id(data.accounts[v]))?);
    }
    for viewer in &loaded {
        merged(conn, viewer, &first_page())?; // warm caches (and prepared statements)
    }
    let mut merge_first = Sample::default();
    let mut merge_deep = Sample::default();
    let mut merge_heavy = Sample::default();
    let mut by_followings = [Sample::default(), Sample::default(), Sample::default()];
    let mut merge_pages: Vec<Vec<Id>> = Vec::new();
    for (i, viewer) in loaded.iter().enumerate() {
        let page = merge_first.time(|| merged(conn, viewer, &first_page()))?;
        let took = *merge_first.0.last().expect("just timed");
        if i < heavy {
            merge_heavy.0.push(took);
        }
        let k = data.following[viewers[i]].len();
        by_followings[if k <= 20 {
            0
        } else if k <= 100 {
            1
        } else {
            2
        }]
        .0
        .push(took);
        if page.len() == PAGE_LIMIT {
            let below = page_below(page[PAGE_LIMIT - 1].id);
            merge_deep.time(|| merged(conn, viewer, &below))?;
        }
        merge_pages.push(page.iter().map(|s| s.id).collect());
    }

    // 2. Fan-out on write: fill, then read.
    let started = Instant::now();
    fill_home_feed(conn, backend)?;
    let filled = started.elapsed();
    let feed_rows = number(conn, "SELECT count(*) AS n FROM home_feed")?;
    let feed_bytes = table_bytes(conn, backend, "home_feed")?;

    for &v in &viewers {
        fanned(conn, backend, Id(data.accounts[v]), None)?;
    }
    let mut fan_first = Sample::default();
    let mut fan_deep = Sample::default();
    let mut fan_heavy = Sample::default();
    let mut fan_checked = Sample::default();
    let mut same_page = 0;
    for (i, (&v, viewer)) in viewers.iter().zip(&loaded).enumerate() {
        let account = Id(data.accounts[v]);
        let page = fan_first.time(|| fanned(conn, backend, account, None))?;
        if i < heavy {
            fan_heavy.0.push(*fan_first.0.last().expect("just timed"));
        }
        if page.iter().map(|s| s.id).eq(merge_pages[i].iter().copied()) {
            same_page += 1;
        }
        if page.len() == PAGE_LIMIT {
            let last = page[PAGE_LIMIT - 1].id;
            fan_deep.time(|| fanned(conn, backend, account, Some(last)))?;
        }
        fan_checked.time(|| -> anyhow::Result<_> {
            let rows = fanned(conn, backend, account, None)?;
            Ok(audience::visible(conn, Some(viewer), rows)?)
        })?;
    }

    // 3. Writes: one post, without and with its fan-out, for authors drawn like posts are.
    let mut rng = StdRng::seed_from_u64(args.seed ^ 0xa07_4025);
    let originals: Vec<usize> = (0..data.posts.len())
        .filter(|&i| data.posts[i].reblog_of.is_none())
        .collect();
    let authors: Vec<usize> = (0..args.authors)
        .map(|_| data.posts[originals[rng.gen_range(0..originals.len())]].author)
        .collect();
    let mut clock = data.end_ms;
    let mut write = |conn: &mut DbConnection,
                     author: usize,
                     fan_out: bool|
     -> anyhow::Result<Duration> {
        clock += 1_000;
        let id = uuid_v7(clock, &mut rng);
        let who = lit(backend, data.accounts[author]);
        let sid = lit(backend, id);
        let insert = format!(
            "INSERT INTO statuses (id, account_id, text, content, visibility, language, created_at) \
             VALUES ({sid}, {who}, 'a new post', '<p>a new post</p>', 0, 'en', '{}')",
            timestamp(clock)
        );
        let start = Instant::now();
        write_transaction(conn, |c| -> QueryResult<()> {
            diesel::sql_query(&insert).execute(c)?;
            if fan_out {
                diesel::sql_query(format!(
                    "INSERT INTO home_feed (account_id, status_id) SELECT account_id, {sid} FROM follows \
                     WHERE target_account_id = {who}"
                ))
                .execute(c)?;
                diesel::sql_query(format!(
                    "INSERT INTO home_feed (account_id, status_id) VALUES ({who}, {sid})"
                ))
                .execute(c)?;
            }
            Ok(())
        })?;
        Ok(start.elapsed())
    };
    let mut plain = Sample::default();
    let mut fanning = Sample::default();
    for &a in &authors {
        plain.0.push(write(conn, a, false)?);
        fanning.0.push(write(conn, a, true)?);
    }
    let top = data.most_followed();
    let mut top_plain = Sample::default();
    let mut top_fan = Sample::default();
    for _ in 0..TOP_AUTHOR_WRITES {
        top_plain.0.push(write(conn, top, false)?);
        top_fan.0.push(write(conn, top, true)?);
    }
    let write_rows: usize = authors.iter().map(|&a| data.followers[a] + 1).sum();

    let heaviest = viewers[0];
    let plan = explain(conn, backend, data, heaviest)?;
    let slowest = (0..viewers.len())
        .max_by_key(|&i| merge_first.0[i])
        .expect("viewers");
    let slow_plan = explain(conn, backend, data, viewers[slowest])?;

    // Report.
    let heavy_min = data.following[viewers[heavy - 1]].len();
    println!("{}", header("read, home timeline"));
    println!("{}", merge_first.row("read-time merge, first page"));
    println!("{}", merge_deep.row("read-time merge, next page (max_id)"));
    println!(
        "{}",
        merge_heavy.row(&format!(
            "  first page, {heavy} heaviest (>= {heavy_min} followings)"
        ))
    );
    println!(
        "{}",
        by_followings[0].row("  first page, viewers following <= 20")
    );
    println!(
        "{}",
        by_followings[1].row("  first page, viewers following 21-100")
    );
    println!(
        "{}",
        by_followings[2].row("  first page, viewers following > 100")
    );
    let followings: Vec<f64> = viewers
        .iter()
        .map(|&v| data.following[v].len() as f64)
        .collect();
    let (a, b) = fit(&followings, &merge_first.0);
    println!(
        "  read-time merge, first page ~ {a:.0} µs + {b:.2} µs per followed account (least squares)"
    );
    println!("{}", fan_first.row("fan-out, first page"));
    println!("{}", fan_deep.row("fan-out, next page (max_id)"));
    println!(
        "{}",
        fan_heavy.row(&format!(
            "  first page, {heavy} heaviest (>= {heavy_min} followings)"
        ))
    );
    println!(
        "{}",
        fan_checked.row("fan-out, first page + audience::visible")
    );
    println!(
        "  fan-out first page equals the merged one for {same_page} of {} viewers",
        viewers.len()
    );
    println!(
        "  home_feed: {feed_rows} rows ({:.1} per post), {:.1} MiB ({:.0} B/row; statuses {:.1} MiB), \
         filled in {:.1}s",
        feed_rows as f64 / data.posts.len() as f64,
        mib(feed_bytes),
        feed_bytes as f64 / feed_rows.max(1) as f64,
        mib(statuses_bytes),
        filled.as_secs_f64()
    );
    println!("{}", header("write, one post in a transaction"));
    println!("{}", plain.row("insert status"));
    println!(
        "{}",
        fanning.row(&format!(
            "insert status + fan-out ({:.0} rows/post avg)",
            write_rows as f64 / authors.len().max(1) as f64
        ))
    );
    println!(
        "{}",
        top_plain.row(&format!(
            "  most-followed author ({} followers), insert",
            data.followers[top]
        ))
    );
    println!(
        "{}",
        top_fan.row("  most-followed author, insert + fan-out")
    );
    println!(
        "  plan of by_authors for the heaviest viewer ({} followings):",
        data.following[heaviest].len()
    );
    for line in plan {
        println!("    {}", elide_arrays(&line));
    }
    println!(
        "  and for the slowest viewer of the first page ({} followings, {:.0} µs):",
        data.following[viewers[slowest]].len(),
        merge_first.0[slowest].as_secs_f64() * 1e6
    );
    for line in slow_plan {
        println!("    {}", elide_arrays(&line));
    }
    Ok(())
}

/// Least-squares line through (x, time in µs): (intercept, slope).
fn fit(x: &[f64], y: &[Duration]) -> (f64, f64) {
    let n = x.len() as f64;
    let y: Vec<f64> = y.iter().map(|d| d.as_secs_f64() * 1e6).collect();
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let sxy: f64 = x.iter().zip(&y).map(|(x, y)| (x - mx) * (y - my)).sum();
    let sxx: f64 = x.iter().map(|x| (x - mx).powi(2)).sum();
    let slope = if sxx > 0.0 { sxy / sxx } else { 0.0 };
    (my - slope * mx, slope)
}

/// A plan line with its long id lists cut down to their length.
fn elide_arrays(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(start) = rest.find("'{") {
        let Some(len) = rest[start..].find("}'") else {
            break;
        };
        let items = rest[start + 2..start + len].split(',').count();
        out.push_str(&rest[..start]);
        if items > 3 {
            let _ = write!(out, "'{{..{items} values..}}'");
        } else {
            out.push_str(&rest[start..start + len + 2]);
        }
        rest = &rest[start + len + 2..];
    }
    out.push_str(rest);
    out
}

fn mib(bytes: i64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}
