//! The request mixes of issue 6. Shares are per hundred requests.

use rand::distributions::{Distribution, WeightedIndex};
use rand::Rng;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Endpoint {
    Home,
    JobFeed,
    /// Who to follow (`GET /api/v2/suggestions`, Mastodon's default 40).
    Suggestions,
    AccountTimeline,
    Status,
    Notifications,
    Search,
    Post,
    Reblog,
    Favourite,
    FollowUnfollow,
    Login,
    /// The trivial JSON endpoint of the ceiling run (`GET /api/v1/custom_emojis`, answers `[]`).
    Ceiling,
}

impl Endpoint {
    pub fn name(self) -> &'static str {
        match self {
            Endpoint::Home => "home timeline",
            Endpoint::JobFeed => "job feed",
            Endpoint::Suggestions => "suggestions",
            Endpoint::AccountTimeline => "account timeline",
            Endpoint::Status => "status",
            Endpoint::Notifications => "notifications",
            Endpoint::Search => "search",
            Endpoint::Post => "post status",
            Endpoint::Reblog => "reblog",
            Endpoint::Favourite => "favourite",
            Endpoint::FollowUnfollow => "follow/unfollow",
            Endpoint::Login => "login (password grant)",
            Endpoint::Ceiling => "custom_emojis (ceiling)",
        }
    }

    /// Writes are held to the write SLO (p99 ≤ 150 ms), reads to the read SLO (p99 ≤ 50 ms). Login is a
    /// POST that runs Argon2, so it counts with the writes.
    pub fn is_write(self) -> bool {
        matches!(
            self,
            Endpoint::Post
                | Endpoint::Reblog
                | Endpoint::Favourite
                | Endpoint::FollowUnfollow
                | Endpoint::Login
        )
    }

    /// Endpoints being built on main right now: a 404 from them means "not there yet", not an error.
    pub fn may_be_absent(self) -> bool {
        matches!(
            self,
            Endpoint::Notifications | Endpoint::Search | Endpoint::JobFeed
        )
    }
}

pub struct Mix {
    pub name: &'static str,
    shares: Vec<(Endpoint, u32)>,
    index: WeightedIndex<u32>,
}

impl Mix {
    fn new(name: &'static str, shares: Vec<(Endpoint, u32)>) -> Self {
        let index = WeightedIndex::new(shares.iter().map(|s| s.1)).expect("positive shares");
        Mix {
            name,
            shares,
            index,
        }
    }

    /// A: read-heavy.
    pub fn a() -> Self {
        use Endpoint::*;
        Mix::new(
            "A (read-heavy)",
            vec![
                (Home, 56),
                (AccountTimeline, 10),
                (Status, 8),
                (JobFeed, 7),
                (Notifications, 5),
                (Post, 5),
                (Reblog, 3),
                (FollowUnfollow, 3),
                (Search, 2),
                (Login, 1),
            ],
        )
    }

    /// B: writes at 30 %.
    pub fn b() -> Self {
        use Endpoint::*;
        Mix::new(
            "B (30 % writes)",
            vec![
                (Home, 44),
                (AccountTimeline, 8),
                (Status, 7),
                (JobFeed, 3),
                (Notifications, 5),
                (Search, 2),
                (Login, 1),
                (Post, 14),
                (Reblog, 6),
                (Favourite, 5),
                (FollowUnfollow, 5),
            ],
        )
    }

    /// One endpoint alone: the single-endpoint runs at target rates (targets.rs).
    pub fn only(endpoint: Endpoint) -> Self {
        Mix::new(endpoint.name(), vec![(endpoint, 1)])
    }

    pub fn draw(&self, rng: &mut impl Rng) -> Endpoint {
        self.shares[self.index.sample(rng)].0
    }

    pub fn describe(&self) -> String {
        let total: u32 = self.shares.iter().map(|s| s.1).sum();
        let parts: Vec<String> = self
            .shares
            .iter()
            .map(|(e, s)| format!("{} {s}", e.name()))
            .collect();
        format!("{} (of {total})", parts.join(", "))
    }
}
