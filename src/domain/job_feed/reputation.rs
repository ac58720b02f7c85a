//! Author reputation: a global PageRank over the interaction graph, recomputed periodically by the caller, with
//! spam-like accounts (they address many people, few address them back) scaled down.
//!
//! The score is bounded, so it can tilt a ranking but not own it: reputation = spam multiplier × pr / (pr + 1/n),
//! where pr is the account's PageRank and 1/n the average. An average account scores 0.5, a well-connected one
//! approaches 1, an account nobody addresses (new, or ignored) gets (1 − d) / (2 − d) ≈ 0.13.

use super::graph::Graph;
use super::popular::{most_popular, Popular, POPULAR_KEPT};
use super::settings::JobFeedSettings;

/// Reputation of every account, by index, and the most popular accounts (the suggestions' cold start), computed
/// together because both are global and both leave spam-like accounts down.
#[derive(Debug, Clone, Default)]
pub struct Reputation {
    scores: Vec<f64>,
    /// Score of an account the computation did not know (created since): that of an account nobody addresses.
    newcomer: f64,
    pub computed_at: i64,
    /// Best first, at most [`POPULAR_KEPT`].
    pub popular: Vec<Popular>,
}

impl Reputation {
    pub fn of(&self, account: u32) -> f64 {
        self.scores
            .get(account as usize)
            .copied()
            .unwrap_or(self.newcomer)
    }

    /// Every account scores `score` (tests, and a cold start before the first computation).
    pub fn uniform(score: f64) -> Self {
        Self {
            scores: Vec::new(),
            newcomer: score,
            computed_at: 0,
            popular: Vec::new(),
        }
    }
}

/// The spam multiplier: an account that talked to (mentioned, replied to or reposted) at least
/// `spam_min_mentions` accounts, of which a share below `spam_ratio` talked back, is scaled by
/// (share / ratio)²; everyone else by 1. A recruiter who mentions 100 applicants and hears back from 40 is
/// untouched; one who hears back from 10 keeps a quarter; an account that mentions 400 strangers and hears back
/// from 4 keeps 0.25 % of its reputation. (Squared because linear damping left the evaluation's spammer, heard
/// back by 15 of 400, at a fifth of its reputation, and its offers still reached a third of the viewers' top 10.)
pub fn spam_multiplier(addressed: u32, heard_back: u32, s: &JobFeedSettings) -> f64 {
    if addressed < s.spam_min_mentions || addressed == 0 {
        return 1.0;
    }
    let share = f64::from(heard_back) / f64::from(addressed);
    (share / s.spam_ratio).min(1.0).powi(2)
}

/// What the PageRank rounds and the popular accounts need of the graph, copied out of it (8 bytes an edge plus
/// four counts an account), so a caller holding the graph behind a lock can let it go before the rounds run.
pub struct ReputationInput {
    now: i64,
    /// `offsets[a]..offsets[a + 1]` index `targets` and `share` for account `a`.
    offsets: Vec<usize>,
    targets: Vec<u32>,
    /// Each edge's share of its account's live out-weight.
    share: Vec<f32>,
    /// Accounts without live out-edges: their mass is spread evenly.
    dangling: Vec<usize>,
    /// Per account: how many it has talked to, and how many of those talked back.
    conversations: Vec<(u32, u32)>,
    /// Per account: how many follow it, and the decayed conversation weight of its incoming edges.
    followers: Vec<u32>,
    heard: Vec<f64>,
}

impl ReputationInput {
    pub fn of(graph: &Graph, now: i64, s: &JobFeedSettings) -> Self {
        let n = graph.node_count();
        let mut offsets = Vec::with_capacity(n + 1);
        let mut targets = Vec::with_capacity(graph.edge_count());
        let mut share: Vec<f32> = Vec::with_capacity(graph.edge_count());
        let mut dangling = Vec::new();
        let mut followers = vec![0u32; n];
        let mut heard = vec![0.0; n];
        offsets.push(0);
        for a in 0..n as u32 {
            let start = share.len();
            for e in graph.out(a) {
                targets.push(e.to);
                share.push(e.weight_at(now, s) as f32);
                followers[e.to as usize] += u32::from(e.follows());
                if e.has_talked(now, s) {
                    heard[e.to as usize] += e.talk_at(now, s);
                }
            }
            let total: f64 = share[start..].iter().map(|w| f64::from(*w)).sum();
            if total > 0.0 {
                for w in &mut share[start..] {
                    *w = (f64::from(*w) / total) as f32;
                }
            } else {
                dangling.push(a as usize);
            }
            offsets.push(share.len());
        }
        let conversations = (0..n as u32)
            .map(|a| conversation_counts(graph, a, now, s))
            .collect();
        ReputationInput {
            now,
            offsets,
            targets,
            share,
            dangling,
            conversations,
            followers,
            heard,
        }
    }
}

/// PageRank by power iteration over live edge weights at `now`; the mass of accounts without live out-edges is
/// spread evenly, as is the teleport mass 1 − d.
pub fn compute_reputation(graph: &Graph, now: i64, s: &JobFeedSettings) -> Reputation {
    reputation_from(&ReputationInput::of(graph, now, s), s)
}

/// [`compute_reputation`] from a copy of what it needs.
pub fn reputation_from(input: &ReputationInput, s: &JobFeedSettings) -> Reputation {
    let n = input.conversations.len();
    let d = s.reputation_damping;
    let newcomer = (1.0 - d) / (2.0 - d);
    if n == 0 {
        return Reputation {
            scores: Vec::new(),
            newcomer,
            computed_at: input.now,
            popular: Vec::new(),
        };
    }
    let nf = n as f64;
    let mut pr = vec![1.0 / nf; n];
    let mut next = vec![0.0; n];
    for _ in 0..s.reputation_iterations {
        let dangling: f64 = input.dangling.iter().map(|&a| pr[a]).sum();
        next.fill((1.0 - d) / nf + d * dangling / nf);
        for (a, &mass) in pr.iter().enumerate() {
            for k in input.offsets[a]..input.offsets[a + 1] {
                next[input.targets[k] as usize] += d * mass * f64::from(input.share[k]);
            }
        }
        let change: f64 = next.iter().zip(&pr).map(|(x, y)| (x - y).abs()).sum();
        std::mem::swap(&mut pr, &mut next);
        if change < 1e-10 {
            break;
        }
    }
    let scores = input
        .conversations
        .iter()
        .zip(&pr)
        .map(|(&(addressed, heard_back), &p)| {
            spam_multiplier(addressed, heard_back, s) * p / (p + 1.0 / nf)
        })
        .collect();
    let spam_like = |a: u32| {
        let (addressed, heard_back) = input.conversations[a as usize];
        spam_multiplier(addressed, heard_back, s) < 1.0
    };
    Reputation {
        scores,
        newcomer,
        computed_at: input.now,
        popular: most_popular(&input.followers, &input.heard, spam_like, POPULAR_KEPT),
    }
}

/// How many accounts `a` has talked to, and how many of those have talked back (any live edge back).
fn conversation_counts(graph: &Graph, a: u32, now: i64, s: &JobFeedSettings) -> (u32, u32) {
    let mut addressed = 0;
    let mut heard_back = 0;
    for e in graph.out(a).iter().filter(|e| e.has_talked(now, s)) {
        addressed += 1;
        if graph.weight(e.to, a, now, s) > 0.0 {
            heard_back += 1;
        }
    }
    (addressed, heard_back)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::job_feed::edges::EdgeKind;

    const NOW: i64 = 1_768_003_200;

    #[test]
    fn the_multiplier_follows_its_formula() {
        let s = JobFeedSettings::default();
        assert_eq!(spam_multiplier(49, 0, &s), 1.0, "too few to judge");
        assert_eq!(spam_multiplier(100, 40, &s), 1.0);
        assert!((spam_multiplier(400, 4, &s) - 0.0025).abs() < 1e-12);
        assert!((spam_multiplier(100, 10, &s) - 0.25).abs() < 1e-12);
        assert_eq!(spam_multiplier(400, 0, &s), 0.0);
    }

    #[test]
    fn a_two_node_cycle_is_average_and_a_newcomer_is_low() {
        let s = JobFeedSettings::default();
        let mut g = Graph::new(3);
        g.record(0, 1, EdgeKind::Mention, NOW, &s);
        g.record(1, 0, EdgeKind::Mention, NOW, &s);
        let r = compute_reputation(&g, NOW, &s);
        // Node 2 has no edges: its mass is spread, nobody points at it. PageRank: pr2 = (1 − d)/3 + d·pr2/3,
        // so pr2 = 0.05 / (1 − 0.85/3) = 0.0698 and pr0 = pr1 = (1 − pr2)/2.
        let pr2 = 0.05 / (1.0 - 0.85 / 3.0);
        let pr0 = (1.0 - pr2) / 2.0;
        let third = 1.0 / 3.0;
        assert!((r.of(2) - pr2 / (pr2 + third)).abs() < 1e-6);
        assert!((r.of(0) - pr0 / (pr0 + third)).abs() < 1e-6);
        assert!(
            (r.of(99) - 0.15 / 1.15).abs() < 1e-12,
            "unknown accounts are newcomers"
        );
    }

    #[test]
    fn a_spammer_who_mentions_hundreds_is_damped_below_an_ordinary_account() {
        let s = JobFeedSettings::default();
        let mut g = Graph::new(0);
        // 0 mentions 1..=300; 1..=6 reply to 0 (they were confused); 301 ↔ 302 is an ordinary pair.
        for t in 1..=300 {
            g.record(0, t, EdgeKind::Mention, NOW, &s);
        }
        for t in 1..=6 {
            g.record(t, 0, EdgeKind::Reply, NOW, &s);
        }
        g.record(301, 302, EdgeKind::Mention, NOW, &s);
        g.record(302, 301, EdgeKind::Mention, NOW, &s);
        let r = compute_reputation(&g, NOW, &s);
        // 6 of 300 talked back: share 0.02, multiplier (0.02 / 0.2)² = 0.01.
        let undamped = {
            let s_off = JobFeedSettings {
                spam_min_mentions: u32::MAX,
                ..s.clone()
            };
            compute_reputation(&g, NOW, &s_off).of(0)
        };
        assert!((r.of(0) - 0.01 * undamped).abs() < 1e-12);
        assert!(r.of(0) < r.of(301) / 2.0, "{} vs {}", r.of(0), r.of(301));
    }
}
