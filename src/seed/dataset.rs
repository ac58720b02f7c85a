//! A whole generated instance: the graph, the month of activity, the counters, and the ids and times of
//! every row, all from the seed. Pure: no I/O.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};

use super::activity::{self, Activity, Job, Kind};
use super::counters::{self, AccountCounters, StatusCounters};
use super::graph::{self, Graph};
use super::random::{id, time_at, IdKind};
use super::size::Shape;
use crate::db::Id;

const DAY_MS: u64 = 86_400_000;
/// Accounts sign up over the 180 days before the follows, people follow over 60 days, then post for 30
/// days ending at the given midnight (the seed command passes the last one before it runs): every generated
/// time is in the past, so what the server writes during a benchmark sorts after it, and the month of posts
/// is recent, as the job feed (which ranks the last 30 days) and the decaying interaction graph expect.
const POSTS_DAYS: u64 = 30;
const FOLLOWS_DAYS: u64 = 60;
const ACCOUNTS_DAYS: u64 = 180;

pub struct Dataset {
    pub seed: u64,
    pub shape: Shape,
    pub graph: Graph,
    pub activity: Activity,
    pub accounts: AccountCounters,
    pub statuses: StatusCounters,
    /// Milliseconds since the Unix epoch at which the month of posts ends.
    end_ms: u64,
}

impl Dataset {
    /// The instance for `seed`, its posts ending at the start of `end` (UTC). The same seed and date give the
    /// same instance.
    pub fn generate(seed: u64, shape: Shape, end: NaiveDate) -> Self {
        let end_ms = end
            .and_time(NaiveTime::MIN)
            .and_utc()
            .timestamp_millis()
            .max(0) as u64;
        let graph = graph::generate(seed, shape.accounts, shape.follows);
        let activity = activity::generate(
            seed,
            &graph,
            shape.posts,
            end_ms - POSTS_DAYS * DAY_MS,
            POSTS_DAYS * DAY_MS,
        );
        let (accounts, statuses) = counters::count(&graph, &activity);
        Dataset {
            seed,
            shape,
            graph,
            activity,
            accounts,
            statuses,
            end_ms,
        }
    }

    fn posts_start(&self) -> u64 {
        self.end_ms - POSTS_DAYS * DAY_MS
    }

    fn follows_start(&self) -> u64 {
        self.posts_start() - FOLLOWS_DAYS * DAY_MS
    }

    fn accounts_start(&self) -> u64 {
        self.follows_start() - ACCOUNTS_DAYS * DAY_MS
    }

    pub fn account_ms(&self, i: usize) -> u64 {
        let span = ACCOUNTS_DAYS * DAY_MS;
        time_at(
            self.seed,
            1,
            self.accounts_start(),
            span,
            self.shape.accounts,
            i,
        )
    }

    pub fn account_id(&self, i: usize) -> Id {
        id(self.seed, IdKind::Account, i as u64, self.account_ms(i))
    }

    pub fn follow_ms(&self, j: usize) -> u64 {
        let span = FOLLOWS_DAYS * DAY_MS;
        time_at(
            self.seed,
            2,
            self.follows_start(),
            span,
            self.graph.follows.len(),
            j,
        )
    }

    pub fn follow_id(&self, j: usize) -> Id {
        id(self.seed, IdKind::Follow, j as u64, self.follow_ms(j))
    }

    pub fn post_id(&self, k: usize) -> Id {
        id(
            self.seed,
            IdKind::Status,
            k as u64,
            self.activity.posts[k].ms,
        )
    }

    pub fn favourite_id(&self, j: usize) -> Id {
        let f = &self.activity.favourites[j];
        id(self.seed, IdKind::Favourite, j as u64, f.ms)
    }

    pub fn tag_id(&self, t: usize) -> Id {
        id(self.seed, IdKind::Tag, t as u64, self.accounts_start())
    }

    pub fn token_id(&self, i: usize) -> Id {
        id(self.seed, IdKind::Token, i as u64, self.account_ms(i))
    }

    pub fn app_id(&self) -> Id {
        id(self.seed, IdKind::App, 0, self.accounts_start())
    }

    /// The creation time of everything made before the accounts: the application and the tags.
    pub fn start(&self) -> NaiveDateTime {
        at(self.accounts_start())
    }

    /// A few lines on the shape of what was generated, for the seed's output and the benchmark notes.
    pub fn summary(&self) -> String {
        let posts = &self.activity.posts;
        let reblogs = posts
            .iter()
            .filter(|p| matches!(p.kind, Kind::Reblog { .. }))
            .count();
        let replies = posts
            .iter()
            .filter(|p| matches!(p.kind, Kind::Reply { .. }))
            .count();
        let offers = posts.iter().filter(|p| p.job == Job::Offer).count();
        let seekers = posts.iter().filter(|p| p.job == Job::Seeker).count();
        let written = posts.len() - reblogs;
        let with_mentions = posts.iter().filter(|p| p.mentions.1 > 0).count();
        let with_tags = posts.iter().filter(|p| p.tags.1 > 0).count();
        let mut followings: Vec<u32> = self
            .accounts
            .following
            .iter()
            .copied()
            .filter(|&f| f > 0)
            .collect();
        followings.sort_unstable();
        let mut followers = self.accounts.followers.clone();
        followers.sort_unstable();
        let q = |v: &[u32], p: f64| {
            v.get(((v.len() as f64 * p) as usize).min(v.len().saturating_sub(1)))
                .copied()
                .unwrap_or(0)
        };
        let pct = |a: usize, b: usize| 100.0 * a as f64 / b.max(1) as f64;
        format!(
            "{} accounts, {} follows ({:.1} % reciprocated), {} statuses, {} favourites\n  \
             followings of the {} accounts that follow anyone: median {}, p99 {}, max {}\n  \
             followers: median {}, p99 {}, max {} ({:.1} % of accounts); tail exponent {:.2}\n  \
             statuses: {} reblogs, {} replies, {} job offers and {} job seekers' posts ({:.1} % of written); \
             {:.1} % of written posts mention someone, {:.1} % carry hashtags; {} mentions",
            self.shape.accounts,
            self.graph.follows.len(),
            100.0 * self.graph.reciprocity(),
            posts.len(),
            self.activity.favourites.len(),
            followings.len(),
            q(&followings, 0.5),
            q(&followings, 0.99),
            followings.last().unwrap_or(&0),
            q(&followers, 0.5),
            q(&followers, 0.99),
            followers.last().unwrap_or(&0),
            pct(*followers.last().unwrap_or(&0) as usize, self.shape.accounts),
            tail_exponent(&followers, 10),
            reblogs,
            replies,
            offers,
            seekers,
            pct(offers + seekers, written),
            pct(with_mentions, written),
            pct(with_tags, written),
            self.activity.mentions.len(),
        )
    }
}

/// The maximum-likelihood exponent of a discrete power law over the values ≥ `from` (Clauset et al.'s
/// approximation), to check the followers' tail.
fn tail_exponent(values: &[u32], from: u32) -> f64 {
    let tail: Vec<f64> = values
        .iter()
        .filter(|&&v| v >= from)
        .map(|&v| v as f64)
        .collect();
    let s: f64 = tail.iter().map(|v| (v / (from as f64 - 0.5)).ln()).sum();
    1.0 + tail.len() as f64 / s.max(f64::MIN_POSITIVE)
}

/// A stored time (UTC, no zone) from Unix milliseconds.
pub fn at(ms: u64) -> NaiveDateTime {
    DateTime::from_timestamp_millis(ms as i64)
        .expect("a time in range")
        .naive_utc()
}
