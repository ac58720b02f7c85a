//! The job feed's ranking, in one place:
//!
//! ```text
//! score = job score
//!       × freshness                  2^(−age / 72 h)
//!       × path strength              Σ over circle members who authored, reposted or replied:
//!                                        walk weight × action weight (1.0, 0.8, 0.6)
//!       × weak-tie shaping           first-degree author: 1 − 0.3 × tie strength;
//!                                    second-degree author: a bump over mutual contacts peaking at 10
//!       × author reputation          PageRank-based, spam damped (see reputation.rs)
//!       × author diversity           the author's k-th post in this feed (k = 0, 1, …): 0.5^k
//! ```
//!
//! Posts the viewer may not see are the caller's to leave out; here a post is left out when it is not a wanted
//! kind, is the viewer's own, is by an excluded (blocked, muted) account, is older than `max_age_days`, scores
//! below `min_job_score` on detection, or reached nobody in the circle.

use std::collections::{HashMap, HashSet};

use uuid::Uuid;

use super::candidate::{Action, Candidate, JobKind, Touch};
use super::edges::Edge;
use super::explain::{explain, Explanation};
use super::reputation::Reputation;
use super::settings::JobFeedSettings;
use super::walks::{Circle, CircleMember};

/// Whose feed it is.
#[derive(Debug, Clone, Copy)]
pub struct Viewer<'a> {
    pub account: u32,
    pub circle: &'a Circle,
    /// Blocked and muted accounts (either direction): never ranked, never named.
    pub excluded: &'a HashSet<u32>,
    /// See [`JobKind::wanted_by`].
    pub kinds: &'a [JobKind],
    /// The viewer's own stored edges (at least to the first-degree accounts of the circle), for explanations:
    /// what they did to whom this month.
    pub own_edges: &'a HashMap<u32, Edge>,
}

/// Each factor of one item's score, for debugging and for showing why.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Factors {
    pub job: f64,
    pub freshness: f64,
    pub path: f64,
    pub weak_tie: f64,
    pub reputation: f64,
    pub diversity: f64,
}

impl Factors {
    pub fn score(&self) -> f64 {
        self.job * self.freshness * self.path * self.weak_tie * self.reputation * self.diversity
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct RankedItem {
    pub post: Uuid,
    pub author: u32,
    pub score: f64,
    pub factors: Factors,
    pub explanation: Explanation,
}

/// The viewer's job feed from the candidates, best first, each item explained. `visible_name` gives the
/// username of an account the viewer may see named, `None` otherwise; explanations name no one else.
#[allow(clippy::too_many_arguments)]
pub fn rank_job_feed(
    candidates: &[Candidate],
    viewer: &Viewer,
    reputation: &Reputation,
    visible_name: &dyn Fn(u32) -> Option<String>,
    s: &JobFeedSettings,
    now: i64,
) -> Vec<RankedItem> {
    score_job_feed(candidates, viewer, reputation, s, now)
        .into_iter()
        .map(|item| item.explained(viewer, visible_name, s, now))
        .collect()
}

/// A ranked item before its explanation is written: what [`ScoredItem::explained`] needs.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoredItem {
    pub post: Uuid,
    pub author: u32,
    pub score: f64,
    pub factors: Factors,
    /// The strongest circle touch, by whom, and how many other members touched the post.
    touch: Touch,
    member: CircleMember,
    others: usize,
}

impl ScoredItem {
    /// The accounts its explanation may name (the intermediary, the member, the author): only these need
    /// looking up for `visible_name`.
    pub fn named(&self) -> impl Iterator<Item = u32> {
        [
            self.member.via,
            Some(self.member.account),
            Some(self.author),
        ]
        .into_iter()
        .flatten()
    }

    pub fn explained(
        self,
        viewer: &Viewer,
        visible_name: &dyn Fn(u32) -> Option<String>,
        s: &JobFeedSettings,
        now: i64,
    ) -> RankedItem {
        let explanation = explain(
            self.author,
            self.touch,
            &self.member,
            self.others,
            viewer.account,
            viewer.own_edges,
            visible_name,
            s,
            now,
        );
        RankedItem {
            post: self.post,
            author: self.author,
            score: self.score,
            factors: self.factors,
            explanation,
        }
    }
}

/// The viewer's job feed from the candidates, best first, without explanations (so a caller can write them
/// for the items it shows only).
pub fn score_job_feed(
    candidates: &[Candidate],
    viewer: &Viewer,
    reputation: &Reputation,
    s: &JobFeedSettings,
    now: i64,
) -> Vec<ScoredItem> {
    let mut items: Vec<ScoredItem> = candidates
        .iter()
        .filter(|c| is_eligible(c, viewer, s, now))
        .filter_map(|c| {
            let touches = circle_touches(c, viewer, s);
            let (touch, member, _) = *touches.first()?;
            let factors = Factors {
                job: f64::from(c.job_score),
                freshness: freshness(now - c.created_at, s),
                path: touches.iter().map(|(_, _, x)| x).sum(),
                weak_tie: weak_tie(viewer.circle.get(c.author), s),
                reputation: reputation.of(c.author),
                diversity: 1.0,
            };
            Some(ScoredItem {
                post: c.post,
                author: c.author,
                score: factors.score(),
                factors,
                touch,
                member: member.clone(),
                others: touches.len() - 1,
            })
        })
        .filter(|item| item.score > 0.0)
        .collect();
    apply_author_diversity(&mut items, s);
    items
}

fn is_eligible(c: &Candidate, viewer: &Viewer, s: &JobFeedSettings, now: i64) -> bool {
    c.job_kind.is_some_and(|k| viewer.kinds.contains(&k))
        && c.author != viewer.account
        && !viewer.excluded.contains(&c.author)
        && c.job_score >= s.min_job_score
        && ((now - c.created_at) as f64) <= s.max_age_days * 86_400.0
}

/// 2^(−age / half-life); a post from the future counts as new.
pub fn freshness(age_secs: i64, s: &JobFeedSettings) -> f64 {
    (-(age_secs.max(0) as f64) / (s.freshness_half_life_hours * 3600.0)).exp2()
}

pub fn action_weight(action: Action, s: &JobFeedSettings) -> f64 {
    match action {
        Action::Authored => s.authored_weight,
        Action::Reposted => s.reposted_weight,
        Action::Replied => s.replied_weight,
    }
}

/// Each circle member's touch with its term walk weight × action weight, strongest first (one term per member:
/// its strongest action, so replying to your own post does not count twice).
fn circle_touches<'c>(
    c: &Candidate,
    viewer: &Viewer<'c>,
    s: &JobFeedSettings,
) -> Vec<(Touch, &'c CircleMember, f64)> {
    // A post has a handful of touches: a list beats a map.
    let mut touches: Vec<(Touch, &'c CircleMember, f64)> = Vec::new();
    for t in c.all_touches() {
        if viewer.excluded.contains(&t.account) {
            continue;
        }
        let Some(m) = viewer.circle.get(t.account) else {
            continue;
        };
        let term = m.weight * action_weight(t.action, s);
        match touches.iter_mut().find(|(u, _, _)| u.account == t.account) {
            Some(slot) if term > slot.2 => *slot = (t, m, term),
            Some(_) => {}
            None => touches.push((t, m, term)),
        }
    }
    touches.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.account.cmp(&b.0.account)));
    touches
}

/// Weak-tie shaping by where the author sits in the viewer's circle.
///
/// - First degree: 1 − `first_degree_discount` × tie (tie = this edge over the viewer's strongest, so the closest
///   friend loses the whole discount): close friends are already heard; the feed is for what they would not say.
/// - Second degree: `floor` + (`boost` − `floor`) × exp(−ln²((m + 1) / (peak + 1)) / (2 width²)) over m mutual
///   contacts, which is `boost` at m = `mutual_peak` and falls towards `floor` for strangers-of-strangers
///   (m near 0) and for near-friends (m far above the peak), as in LinkedIn's experiment.
/// - Outside the circle (reached only through a repost or reply): `floor`.
pub fn weak_tie(author: Option<&CircleMember>, s: &JobFeedSettings) -> f64 {
    match author {
        Some(m) if m.hop == 1 => 1.0 - s.first_degree_discount * m.tie.clamp(0.0, 1.0),
        Some(m) => mutual_bump(m.mutual, s),
        None => s.second_degree_floor,
    }
}

/// The second-degree curve of [`weak_tie`].
pub fn mutual_bump(mutual: u32, s: &JobFeedSettings) -> f64 {
    let x = ((f64::from(mutual) + 1.0) / (s.mutual_peak + 1.0)).ln();
    let bump = (-x * x / (2.0 * s.mutual_width * s.mutual_width)).exp();
    s.second_degree_floor + (s.second_degree_boost - s.second_degree_floor) * bump
}

/// Author diversity: an author's posts keep their order among themselves, the k-th (from 0) is multiplied by
/// `diversity_factor`^k, and the feed is sorted again (best first; ties by post id, for a stable order).
fn apply_author_diversity(items: &mut [ScoredItem], s: &JobFeedSettings) {
    // A total order (posts are distinct), so the unstable sort gives the one result, without moving the large
    // items through a merge buffer.
    let best_first =
        |a: &ScoredItem, b: &ScoredItem| b.score.total_cmp(&a.score).then(a.post.cmp(&b.post));
    items.sort_unstable_by(best_first);
    let mut seen: foldhash::HashMap<u32, i32> = foldhash::HashMap::default();
    for item in items.iter_mut() {
        let k = seen.entry(item.author).or_default();
        item.factors.diversity = s.diversity_factor.powi(*k);
        item.score = item.factors.score();
        *k += 1;
    }
    items.sort_unstable_by(best_first);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::job_feed::edges::EdgeKind;

    const NOW: i64 = 1_768_003_200; // 2026-01-10
    const HOUR: i64 = 3600;
    const VIEWER: u32 = 0;
    const SAM: u32 = 1;
    const LEE: u32 = 2;
    const STRANGER: u32 = 3;
    const BLOCKED: u32 = 4;

    fn member(
        account: u32,
        weight: f64,
        hop: u8,
        via: Option<u32>,
        mutual: u32,
        tie: f64,
    ) -> CircleMember {
        CircleMember {
            account,
            weight,
            hop,
            via,
            mutual,
            tie,
        }
    }

    /// The viewer mentioned @sam three times this month; @sam talks to @lee. Circle weights are set by hand.
    fn world() -> (HashMap<u32, Edge>, Circle) {
        let s = JobFeedSettings::default();
        let mut to_sam = Edge::new(VIEWER, SAM);
        for d in 1..=3 {
            to_sam.record(EdgeKind::Mention, NOW - d * 86_400, &s);
        }
        let circle = Circle::new(
            VIEWER,
            vec![
                member(SAM, 0.4, 1, None, 6, 1.0),
                member(LEE, 0.1, 2, Some(SAM), 10, 0.0),
                member(BLOCKED, 0.3, 1, None, 0, 0.5),
            ],
            NOW,
        );
        (HashMap::from([(SAM, to_sam)]), circle)
    }

    fn post(n: u128, author: u32, age_hours: i64, touches: &[(u32, Action)]) -> Candidate {
        Candidate {
            post: Uuid::from_u128(n),
            author,
            created_at: NOW - age_hours * HOUR,
            job_kind: Some(JobKind::Offer),
            job_score: 0.9,
            touches: touches
                .iter()
                .map(|&(account, action)| Touch { account, action })
                .collect(),
        }
    }

    fn everyone_visible(a: u32) -> Option<String> {
        Some(["me", "sam", "lee", "stranger", "blocked"][a as usize].to_owned())
    }

    fn rank(candidates: &[Candidate], names: &dyn Fn(u32) -> Option<String>) -> Vec<RankedItem> {
        let (own_edges, circle) = world();
        let excluded = HashSet::from([BLOCKED]);
        let viewer = Viewer {
            account: VIEWER,
            circle: &circle,
            excluded: &excluded,
            kinds: JobKind::wanted_by(false),
            own_edges: &own_edges,
        };
        rank_job_feed(
            candidates,
            &viewer,
            &Reputation::uniform(0.5),
            names,
            &JobFeedSettings::default(),
            NOW,
        )
    }

    #[test]
    fn freshness_halves_every_72_hours() {
        let s = JobFeedSettings::default();
        assert_eq!(freshness(0, &s), 1.0);
        assert!((freshness(72 * HOUR, &s) - 0.5).abs() < 1e-12);
        assert!((freshness(144 * HOUR, &s) - 0.25).abs() < 1e-12);
        assert_eq!(freshness(-HOUR, &s), 1.0);
    }

    #[test]
    fn the_weak_tie_curve_peaks_at_ten_mutual_contacts() {
        let s = JobFeedSettings::default();
        let peak = (0..200).max_by(|a, b| mutual_bump(*a, &s).total_cmp(&mutual_bump(*b, &s)));
        assert_eq!(peak, Some(10));
        assert!((mutual_bump(10, &s) - 1.5).abs() < 1e-12);
        // m = 0: ln(1/11)² / (2 × 2²) = 0.7187…, so 0.5 + 1.0 × e^−0.7187 = 0.9874.
        let at0 = 0.5 + (-(11f64.ln().powi(2)) / 8.0).exp();
        assert!((at0 - 0.9874).abs() < 1e-4);
        assert!((mutual_bump(0, &s) - at0).abs() < 1e-12);
        assert!(
            mutual_bump(0, &s) < mutual_bump(5, &s) && mutual_bump(5, &s) < mutual_bump(10, &s)
        );
        assert!(
            mutual_bump(40, &s) < mutual_bump(10, &s) && mutual_bump(200, &s) < mutual_bump(40, &s)
        );
        // First degree: the closest friend loses 30 %, a tie half as strong 15 %; outside the circle, the floor.
        let friend = |tie| member(9, 0.1, 1, None, 0, tie);
        assert!((weak_tie(Some(&friend(1.0)), &s) - 0.7).abs() < 1e-12);
        assert!((weak_tie(Some(&friend(0.5)), &s) - 0.85).abs() < 1e-12);
        assert_eq!(weak_tie(None, &s), 0.5);
    }

    #[test]
    fn a_friends_repost_scores_by_the_formula_and_says_why() {
        // @lee's post, 72 h old, reposted by @sam: path = 0.1 × 1.0 (lee wrote it) + 0.4 × 0.8 (sam reposted),
        // weak tie of lee (second degree, 10 mutuals) = 1.5, reputation 0.5, job score 0.9, freshness 0.5.
        let items = rank(
            &[post(1, LEE, 72, &[(SAM, Action::Reposted)])],
            &everyone_visible,
        );
        assert_eq!(items.len(), 1);
        let f = items[0].factors;
        assert!((f.path - 0.42).abs() < 1e-12);
        assert!((f.weak_tie - 1.5).abs() < 1e-12);
        let want = 0.9f32 as f64 * 0.5 * 0.42 * 1.5 * 0.5;
        assert!(
            (items[0].score - want).abs() < 1e-12,
            "{} vs {want}",
            items[0].score
        );
        assert_eq!(
            items[0].explanation.text,
            "Reposted by @sam, whom you mentioned 3 times this month · 6 mutual contacts · and 1 other in your circle"
        );
        assert_eq!(items[0].explanation.path, [SAM, LEE]);
    }

    #[test]
    fn a_second_degree_author_is_explained_through_the_intermediary() {
        let items = rank(&[post(1, LEE, 1, &[])], &everyone_visible);
        assert_eq!(
            items[0].explanation.text,
            "Posted by @lee via @sam, whom you mentioned 3 times this month · 10 mutual contacts"
        );
        assert_eq!(items[0].explanation.path, [SAM, LEE]);
    }

    #[test]
    fn explanations_name_only_visible_accounts() {
        let hide_sam = |a: u32| (a != SAM).then(|| everyone_visible(a)).flatten();
        let items = rank(&[post(1, LEE, 1, &[(SAM, Action::Reposted)])], &hide_sam);
        let e = &items[0].explanation;
        assert_eq!(
            e.text,
            "Reposted by someone you mentioned 3 times this month · 6 mutual contacts · and 1 other in your circle"
        );
        assert!(!e.text.contains("sam"));
        assert_eq!(e.path, [LEE]);
        let items = rank(&[post(1, LEE, 1, &[])], &hide_sam);
        assert_eq!(
            items[0].explanation.text,
            "Posted by @lee via someone you mentioned 3 times this month · 10 mutual contacts"
        );
    }

    #[test]
    fn ineligible_posts_are_left_out() {
        let mut seeking = post(5, SAM, 1, &[]);
        seeking.job_kind = Some(JobKind::Seeking);
        let mut ordinary = post(6, SAM, 1, &[]);
        ordinary.job_kind = None;
        let items = rank(
            &[
                post(1, VIEWER, 1, &[(SAM, Action::Reposted)]), // the viewer's own
                post(2, BLOCKED, 1, &[(SAM, Action::Reposted)]), // an excluded author
                post(3, STRANGER, 1, &[]),                      // nobody in the circle touched it
                post(4, SAM, 31 * 24, &[]),                     // older than max_age_days
                seeking,                                        // not wanted by a non-hiring viewer
                ordinary,
                post(7, STRANGER, 1, &[(BLOCKED, Action::Reposted)]), // touched only by an excluded account
                post(8, STRANGER, 1, &[(SAM, Action::Replied)]),
            ],
            &everyone_visible,
        );
        let ids: Vec<u128> = items.iter().map(|i| i.post.as_u128()).collect();
        assert_eq!(ids, [8]);
        // Outside the circle the author takes the floor; sam replied: 0.4 × 0.6.
        assert!((items[0].factors.path - 0.24).abs() < 1e-12);
        assert_eq!(items[0].factors.weak_tie, 0.5);
        assert!(items[0]
            .explanation
            .text
            .starts_with("Replied to by @sam, whom"));
    }

    #[test]
    fn each_further_post_by_the_same_author_counts_half_as_much() {
        // Three equal posts by sam and one by lee: sam's first keeps its score, the second halves, the third
        // quarters.
        let items = rank(
            &[
                post(1, SAM, 1, &[]),
                post(2, SAM, 1, &[]),
                post(3, SAM, 1, &[]),
                post(4, LEE, 1, &[(SAM, Action::Reposted)]),
            ],
            &everyone_visible,
        );
        // Lee's post (second degree at the peak, reposted by sam) outscores sam's first; sam's follow halving.
        let order: Vec<u128> = items.iter().map(|i| i.post.as_u128()).collect();
        assert_eq!(order, [4, 1, 2, 3]);
        let sam: Vec<f64> = items
            .iter()
            .filter(|i| i.author == SAM)
            .map(|i| i.score)
            .collect();
        assert!((sam[1] / sam[0] - 0.5).abs() < 1e-12 && (sam[2] / sam[0] - 0.25).abs() < 1e-12);
        let diversity: Vec<f64> = items
            .iter()
            .filter(|i| i.author == SAM)
            .map(|i| i.factors.diversity)
            .collect();
        assert_eq!(diversity, [1.0, 0.5, 0.25]);
    }
}
