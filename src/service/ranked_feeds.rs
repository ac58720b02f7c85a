//! Ranked job feeds kept per viewer for a short while, so paging through the feed and coming back to it do not
//! rank everything again. Only the order and the explanations are kept: every page is read from the database as
//! it is when asked for, so a post deleted or hidden since, or by an account blocked since, is left out.
//!
//! A kept feed is used only while all of these hold:
//! - it was ranked from the circle the viewer has now (the same `Arc`): a new circle, which the viewer's own
//!   edges, blocks and mutes bring about, means a new ranking;
//! - the viewer wants the same kinds (their hiring flag is unchanged);
//! - it is younger than `feed_ttl_secs`;
//! - no circle member has posted, reposted, unreposted or deleted a job post on this server since
//!   ([`RankedFeeds::touched_by`]); a ranking that was under way when that happened is not kept.
//!
//! Other servers sharing the database learn of such posts when they next read the recent job posts
//! (`job_graph::JOBS_RELOAD_EVERY`, 5 minutes) and their kept rankings expire: within about 5 minutes.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard};

use crate::db::Id;
use crate::domain::job_feed::{Circle, JobKind};

/// Items kept per viewer: five pages of Mastodon's default 20. A page further down is ranked afresh.
pub const KEPT_ITEMS: usize = 100;
/// Viewers whose feeds are kept at most; past that, the expired ones go, then the oldest.
const KEPT_VIEWERS: usize = 10_000;

/// One ranked item as it is kept: the post, and the explanation as it was written.
#[derive(Debug, Clone)]
pub struct FeedEntry {
    pub post: Id,
    pub explanation: String,
    /// The accounts the explanation names, from the viewer's side to the post.
    pub path: Vec<Id>,
}

/// A viewer's ranked feed, at most [`KEPT_ITEMS`] long.
#[derive(Debug)]
pub struct RankedFeed {
    pub items: Vec<FeedEntry>,
    /// Whether `items` is the whole ranking (else there are more items past it).
    pub complete: bool,
    circle: Arc<Circle>,
    kinds: &'static [JobKind],
    ranked_at: i64,
}

impl RankedFeed {
    pub fn new(
        mut items: Vec<FeedEntry>,
        complete: bool,
        circle: Arc<Circle>,
        kinds: &'static [JobKind],
        ranked_at: i64,
    ) -> Self {
        // Kept for a minute, for thousands of viewers: no spare room. A Vec collected from another one's
        // `into_iter()` may reuse that allocation whole (the scored candidates: about 130 KB at dataset M).
        items.shrink_to_fit();
        RankedFeed {
            items,
            complete,
            circle,
            kinds,
            ranked_at,
        }
    }

    /// Whether the items from `offset` to `end` are all known: kept, or past the end of a complete ranking.
    pub fn covers(&self, end: usize) -> bool {
        self.complete || end <= self.items.len()
    }

    fn is_expired(&self, now: i64, ttl_secs: u64) -> bool {
        now - self.ranked_at >= ttl_secs as i64
    }

    fn has_member(&self, account: u32) -> bool {
        self.circle.get(account).is_some()
    }
}

#[derive(Default)]
pub struct RankedFeeds {
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    feeds: HashMap<u32, Arc<RankedFeed>>,
    /// Counts [`RankedFeeds::touched_by`] calls, so a ranking that overlapped one is not kept.
    touches: u64,
}

/// Marks when a ranking started, for [`RankedFeeds::keep`].
#[derive(Debug, Clone, Copy)]
pub struct Started(u64);

impl RankedFeeds {
    fn state(&self) -> MutexGuard<'_, State> {
        // A cache: after a panic elsewhere, what is there is still whole.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The viewer's kept feed, when it was ranked from `circle` for `kinds` less than `ttl_secs` ago.
    pub fn get(
        &self,
        viewer: u32,
        circle: &Arc<Circle>,
        kinds: &[JobKind],
        now: i64,
        ttl_secs: u64,
    ) -> Option<Arc<RankedFeed>> {
        let state = self.state();
        let feed = state.feeds.get(&viewer)?;
        (Arc::ptr_eq(&feed.circle, circle)
            && feed.kinds == kinds
            && !feed.is_expired(now, ttl_secs))
        .then(|| feed.clone())
    }

    /// Call before reading the candidates of a ranking that may be kept.
    pub fn start(&self) -> Started {
        Started(self.state().touches)
    }

    /// Keeps a ranking, unless a circle member may have touched a job post since it `started`.
    pub fn keep(&self, viewer: u32, feed: Arc<RankedFeed>, started: Started, ttl_secs: u64) {
        let mut state = self.state();
        if state.touches != started.0 {
            return;
        }
        if state.feeds.len() >= KEPT_VIEWERS && !state.feeds.contains_key(&viewer) {
            let now = feed.ranked_at;
            state.feeds.retain(|_, f| !f.is_expired(now, ttl_secs));
            if state.feeds.len() >= KEPT_VIEWERS {
                let oldest = state
                    .feeds
                    .iter()
                    .min_by_key(|(_, f)| f.ranked_at)
                    .map(|(v, _)| *v);
                if let Some(v) = oldest {
                    state.feeds.remove(&v);
                }
            }
        }
        state.feeds.insert(viewer, feed);
    }

    /// `account` posted, reposted, unreposted or deleted something that may be a job post: the feeds of
    /// viewers whose circle holds it are ranked again.
    pub fn touched_by(&self, account: u32) {
        let mut state = self.state();
        state.touches += 1;
        state.feeds.retain(|_, f| !f.has_member(account));
    }

    /// These viewers' feeds are ranked again.
    pub fn forget(&self, viewers: &HashSet<u32>) {
        if viewers.is_empty() {
            return;
        }
        let mut state = self.state();
        state.feeds.retain(|v, _| !viewers.contains(v));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::job_feed::CircleMember;

    fn circle(members: &[u32]) -> Arc<Circle> {
        Arc::new(Circle::new(
            0,
            members
                .iter()
                .map(|&account| CircleMember {
                    account,
                    weight: 0.1,
                    hop: 1,
                    via: None,
                    mutual: 0,
                    tie: 1.0,
                })
                .collect(),
            0,
        ))
    }

    fn feed(circle: &Arc<Circle>, at: i64) -> Arc<RankedFeed> {
        Arc::new(RankedFeed::new(
            Vec::new(),
            true,
            circle.clone(),
            &[JobKind::Offer],
            at,
        ))
    }

    #[test]
    fn a_kept_feed_serves_its_circle_and_kinds_until_it_expires() {
        let feeds = RankedFeeds::default();
        let c = circle(&[2, 3]);
        feeds.keep(1, feed(&c, 100), feeds.start(), 60);
        assert!(feeds.get(1, &c, &[JobKind::Offer], 159, 60).is_some());
        assert!(feeds.get(1, &c, &[JobKind::Offer], 160, 60).is_none());
        assert!(feeds
            .get(1, &circle(&[2, 3]), &[JobKind::Offer], 120, 60)
            .is_none());
        assert!(feeds
            .get(1, &c, &[JobKind::Offer, JobKind::Seeking], 120, 60)
            .is_none());
        assert!(feeds.get(9, &c, &[JobKind::Offer], 120, 60).is_none());
    }

    #[test]
    fn a_member_touching_a_job_post_drops_the_feeds_it_is_in() {
        let feeds = RankedFeeds::default();
        let (a, b) = (circle(&[2, 3]), circle(&[4]));
        feeds.keep(1, feed(&a, 100), feeds.start(), 60);
        feeds.keep(5, feed(&b, 100), feeds.start(), 60);
        feeds.touched_by(3);
        assert!(feeds.get(1, &a, &[JobKind::Offer], 120, 60).is_none());
        assert!(feeds.get(5, &b, &[JobKind::Offer], 120, 60).is_some());
    }

    #[test]
    fn a_ranking_under_way_when_a_member_posted_is_not_kept() {
        let feeds = RankedFeeds::default();
        let c = circle(&[2]);
        let started = feeds.start();
        feeds.touched_by(7);
        feeds.keep(1, feed(&c, 100), started, 60);
        assert!(feeds.get(1, &c, &[JobKind::Offer], 120, 60).is_none());
    }

    #[test]
    fn forgotten_viewers_are_ranked_again() {
        let feeds = RankedFeeds::default();
        let c = circle(&[2]);
        feeds.keep(1, feed(&c, 100), feeds.start(), 60);
        feeds.forget(&HashSet::from([1]));
        assert!(feeds.get(1, &c, &[JobKind::Offer], 120, 60).is_none());
    }
}
