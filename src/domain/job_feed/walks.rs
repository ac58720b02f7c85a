//! The circle of trust: Monte Carlo personalized PageRank from the viewer, at most `max_hops` hops.
//!
//! A walk starts at the viewer and always takes its first hop; after each hop but the last it stops with the
//! restart probability. Each hop follows an outgoing edge with probability proportional to its weight at `now`.
//! A walk that lands on the viewer or on an excluded account (blocked, muted) stops there and counts nothing.
//! An account's walk weight is its visits divided by the number of walks: the expected visits per walk, which
//! [`exact_ppr`] computes exactly.

use std::collections::{HashMap, HashSet};

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::graph::Graph;
use super::settings::JobFeedSettings;

/// One account in a viewer's circle.
#[derive(Debug, Clone, PartialEq)]
pub struct CircleMember {
    pub account: u32,
    /// Expected visits per walk.
    pub weight: f64,
    /// 1 when the viewer has a live edge to the member, else 2 (reached through someone).
    pub hop: u8,
    /// For hop 2: the first-degree account on the most likely path viewer → via → member.
    pub via: Option<u32>,
    /// |out(viewer) ∩ out(member)|, see [`Graph::mutual_contacts`].
    pub mutual: u32,
    /// For hop 1: the viewer → member weight over the viewer's strongest edge weight, in (0, 1]; 0 for hop 2.
    pub tie: f64,
}

/// A viewer's circle, strongest first.
#[derive(Debug, Clone, Default)]
pub struct Circle {
    pub viewer: u32,
    pub members: Vec<CircleMember>,
    /// When it was computed, so the caller can expire it after `circle_ttl_secs`.
    pub computed_at: i64,
    index: foldhash::HashMap<u32, usize>,
}

impl Circle {
    pub fn new(viewer: u32, members: Vec<CircleMember>, computed_at: i64) -> Self {
        let index = members
            .iter()
            .enumerate()
            .map(|(i, m)| (m.account, i))
            .collect();
        Self {
            viewer,
            members,
            computed_at,
            index,
        }
    }

    pub fn get(&self, account: u32) -> Option<&CircleMember> {
        self.index.get(&account).map(|i| &self.members[*i])
    }

    /// Whether the cache entry is too old (the caller also drops it when the viewer's own edges change).
    pub fn is_expired(&self, now: i64, s: &JobFeedSettings) -> bool {
        now - self.computed_at >= s.circle_ttl_secs as i64
    }
}

/// Live out-edges of one account as a cumulative table, for sampling by binary search, and what the walks met
/// at each edge: whether a walk ends there (the viewer, an excluded account), how many walks landed there, and
/// the table of the account it leads to, once a walk went on from it.
struct Steps {
    targets: Vec<u32>,
    cumulative: Vec<f64>,
    ends: Vec<bool>,
    landed: Vec<u32>,
    onward: Vec<Option<usize>>,
}

impl Steps {
    fn of(
        graph: &Graph,
        from: u32,
        ends_walk: impl Fn(u32) -> bool,
        now: i64,
        s: &JobFeedSettings,
    ) -> Self {
        let mut total = 0.0;
        let (targets, cumulative): (Vec<u32>, Vec<f64>) = graph
            .live_out(from, now, s)
            .map(|(t, w)| {
                total += w;
                (t, total)
            })
            .unzip();
        let n = targets.len();
        Self {
            ends: targets.iter().map(|t| ends_walk(*t)).collect(),
            targets,
            cumulative,
            landed: vec![0; n],
            onward: vec![None; n],
        }
    }

    /// The edge a step takes.
    fn sample(&self, rng: &mut StdRng) -> Option<usize> {
        let total = *self.cumulative.last()?;
        let x = rng.gen::<f64>() * total;
        let i = self.cumulative.partition_point(|c| *c <= x);
        Some(i.min(self.targets.len() - 1))
    }
}

/// Visits per walk of every account the walks reached (the viewer and excluded accounts never appear).
///
/// The walks take up to 20,000 steps for the default 10,000 walks, so a step looks nothing up: each account's
/// table is built once, linked from the edges that lead to it, and counts the landings on its own edges; the
/// counts are summed per account at the end.
pub fn walk_visits(
    graph: &Graph,
    viewer: u32,
    excluded: &HashSet<u32>,
    now: i64,
    s: &JobFeedSettings,
    seed: u64,
) -> foldhash::HashMap<u32, f64> {
    let ends_walk = |t: u32| t == viewer || excluded.contains(&t);
    let mut rng = StdRng::seed_from_u64(seed);
    let mut tables = vec![Steps::of(graph, viewer, ends_walk, now, s)];
    // Which table is whose, for an account reached along more than one edge (from the third hop on).
    let mut table_of: foldhash::HashMap<u32, usize> = foldhash::HashMap::default();
    table_of.insert(viewer, 0);
    for _ in 0..s.walks {
        let mut at = 0;
        for hop in 1..=s.max_hops {
            let Some(edge) = tables[at].sample(&mut rng) else {
                break;
            };
            if tables[at].ends[edge] {
                break;
            }
            tables[at].landed[edge] += 1;
            if hop == s.max_hops || rng.gen::<f64>() < s.restart_probability {
                break;
            }
            at = match tables[at].onward[edge] {
                Some(next) => next,
                None => {
                    let account = tables[at].targets[edge];
                    let next = *table_of.entry(account).or_insert_with(|| {
                        tables.push(Steps::of(graph, account, ends_walk, now, s));
                        tables.len() - 1
                    });
                    tables[at].onward[edge] = Some(next);
                    next
                }
            };
        }
    }
    let mut visits: foldhash::HashMap<u32, u32> = foldhash::HashMap::default();
    for table in &tables {
        for (account, landed) in table.targets.iter().zip(&table.landed) {
            if *landed > 0 {
                *visits.entry(*account).or_default() += landed;
            }
        }
    }
    let n = f64::from(s.walks.max(1));
    visits
        .into_iter()
        .map(|(a, v)| (a, f64::from(v) / n))
        .collect()
}

/// The exact expectation that [`walk_visits`] estimates, by pushing probability mass hop by hop.
pub fn exact_ppr(
    graph: &Graph,
    viewer: u32,
    excluded: &HashSet<u32>,
    now: i64,
    s: &JobFeedSettings,
) -> HashMap<u32, f64> {
    let mut visits: HashMap<u32, f64> = HashMap::new();
    let mut walking: HashMap<u32, f64> = HashMap::from([(viewer, 1.0)]);
    for hop in 1..=s.max_hops {
        let mut landed: HashMap<u32, f64> = HashMap::new();
        for (&at, &mass) in &walking {
            let total: f64 = graph.live_out(at, now, s).map(|(_, w)| w).sum();
            for (to, w) in graph.live_out(at, now, s) {
                if to != viewer && !excluded.contains(&to) {
                    *landed.entry(to).or_default() += mass * w / total;
                }
            }
        }
        for (&a, &m) in &landed {
            *visits.entry(a).or_default() += m;
        }
        let go_on = if hop < s.max_hops {
            1.0 - s.restart_probability
        } else {
            0.0
        };
        walking = landed.into_iter().map(|(a, m)| (a, m * go_on)).collect();
    }
    visits
}

/// [`exact_ppr`] with two hops, whatever the settings say.
pub fn exact_two_hop_ppr(
    graph: &Graph,
    viewer: u32,
    excluded: &HashSet<u32>,
    now: i64,
    s: &JobFeedSettings,
) -> HashMap<u32, f64> {
    let s = JobFeedSettings {
        max_hops: 2,
        ..s.clone()
    };
    exact_ppr(graph, viewer, excluded, now, &s)
}

/// The viewer's circle: the `circle_size` accounts with the most walk weight (ties by index), each with its hop
/// distance, intermediary, mutual contacts and tie strength.
pub fn circle_of_trust(
    graph: &Graph,
    viewer: u32,
    excluded: &HashSet<u32>,
    now: i64,
    s: &JobFeedSettings,
    seed: u64,
) -> Circle {
    let mut ranked: Vec<(u32, f64)> = walk_visits(graph, viewer, excluded, now, s, seed)
        .into_iter()
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.truncate(s.circle_size);

    // First-degree accounts with the viewer's edge weight and their own out-weight, for the intermediaries.
    let first: Vec<(u32, f64, f64)> = graph
        .live_out(viewer, now, s)
        .filter(|(a, _)| !excluded.contains(a))
        .map(|(a, w)| (a, w, graph.live_out(a, now, s).map(|(_, w)| w).sum()))
        .collect();
    let strongest = first.iter().map(|(_, w, _)| *w).fold(0.0, f64::max);
    let members = ranked
        .into_iter()
        .map(|(account, weight)| {
            let direct = graph.weight(viewer, account, now, s);
            let via = (direct == 0.0)
                .then(|| strongest_intermediary(graph, &first, account, now, s))
                .flatten();
            CircleMember {
                account,
                weight,
                hop: if direct > 0.0 { 1 } else { 2 },
                via,
                mutual: graph.mutual_contacts(viewer, account, now, s),
                tie: if strongest > 0.0 {
                    direct / strongest
                } else {
                    0.0
                },
            }
        })
        .collect();
    Circle::new(viewer, members, now)
}

/// The first-degree account `u` maximising P(viewer → u) · P(u → target).
fn strongest_intermediary(
    graph: &Graph,
    first: &[(u32, f64, f64)],
    target: u32,
    now: i64,
    s: &JobFeedSettings,
) -> Option<u32> {
    first
        .iter()
        .filter_map(|&(u, w, out)| {
            let to_target = graph.weight(u, target, now, s);
            (to_target > 0.0).then(|| (u, w * to_target / out))
        })
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(u, _)| u)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::job_feed::edges::EdgeKind;

    const NOW: i64 = 1_768_003_200;

    /// 0 → 1 (mention ×2 = 2), 0 → 2 (follow = 0.3 … plus a mention = 1.3), 1 → 3 (1), 1 → 4 (reblog 1),
    /// 2 → 3 (1), 2 → 0 (1), 3 → 5 (1).
    fn toy() -> Graph {
        let s = JobFeedSettings::default();
        let mut g = Graph::new(6);
        g.record(0, 1, EdgeKind::Mention, NOW, &s);
        g.record(0, 1, EdgeKind::Mention, NOW, &s);
        g.record(0, 2, EdgeKind::Follow, NOW, &s);
        g.record(0, 2, EdgeKind::Mention, NOW, &s);
        g.record(1, 3, EdgeKind::Mention, NOW, &s);
        g.record(1, 4, EdgeKind::Reblog, NOW, &s);
        g.record(2, 3, EdgeKind::Mention, NOW, &s);
        g.record(2, 0, EdgeKind::Mention, NOW, &s);
        g.record(3, 5, EdgeKind::Mention, NOW, &s);
        g
    }

    #[test]
    fn exact_two_hop_ppr_matches_the_hand_computation() {
        let s = JobFeedSettings {
            restart_probability: 0.5,
            ..JobFeedSettings::default()
        };
        let p = exact_two_hop_ppr(&toy(), 0, &HashSet::new(), NOW, &s);
        // Hop 1: P(1) = 2/3.3, P(2) = 1.3/3.3. Hop 2 (half the walks go on): 1 splits evenly to 3 and 4;
        // 2 goes to 3 or back to the viewer (which counts nothing). 5 is three hops away.
        let (p1, p2) = (2.0 / 3.3, 1.3 / 3.3);
        let want = [
            (1, p1),
            (2, p2),
            (3, 0.5 * (p1 * 0.5 + p2 * 0.5)),
            (4, 0.5 * p1 * 0.5),
        ];
        assert_eq!(p.len(), 4);
        for (a, w) in want {
            assert!((p[&a] - w).abs() < 1e-9, "{a}: {} vs {w}", p[&a]);
        }
    }

    /// Tolerance: 10,000 walks give a standard error of at most √(0.25/10,000) = 0.005 per account; we allow 0.015
    /// (three standard errors) in absolute visits per walk.
    #[test]
    fn the_walk_estimate_is_within_tolerance_of_exact_ppr() {
        let s = JobFeedSettings::default();
        let g = toy();
        let exact = exact_two_hop_ppr(&g, 0, &HashSet::new(), NOW, &s);
        for seed in [1, 2, 3] {
            let est = walk_visits(&g, 0, &HashSet::new(), NOW, &s, seed);
            assert_eq!(est.len(), exact.len());
            for (a, w) in &exact {
                assert!(
                    (est[a] - w).abs() < 0.015,
                    "seed {seed}, {a}: {} vs {w}",
                    est[a]
                );
            }
        }
        // Same seed, same estimate.
        assert_eq!(
            walk_visits(&g, 0, &HashSet::new(), NOW, &s, 9),
            walk_visits(&g, 0, &HashSet::new(), NOW, &s, 9)
        );
    }

    #[test]
    fn excluded_accounts_stop_walks_and_stay_out_of_the_circle() {
        let s = JobFeedSettings::default();
        let g = toy();
        let excluded = HashSet::from([1]);
        let exact = exact_two_hop_ppr(&g, 0, &excluded, NOW, &s);
        assert!(!exact.contains_key(&1) && !exact.contains_key(&4));
        let c = circle_of_trust(&g, 0, &excluded, NOW, &s, 1);
        assert!(c.get(1).is_none() && c.get(4).is_none() && c.get(0).is_none());
        assert!(c.get(3).is_some());
    }

    #[test]
    fn circle_members_know_their_hop_intermediary_mutuals_and_tie() {
        let s = JobFeedSettings::default();
        let c = circle_of_trust(&toy(), 0, &HashSet::new(), NOW, &s, 1);
        assert_eq!(c.members[0].account, 1, "strongest first");
        let m1 = c.get(1).unwrap();
        assert_eq!((m1.hop, m1.via, m1.tie), (1, None, 1.0));
        let m2 = c.get(2).unwrap();
        assert!((m2.tie - 1.3 / 2.0).abs() < 1e-9);
        // 3 is reached through 1 (2/3.3 · 1/2) more likely than through 2 (1.3/3.3 · 1/2).
        let m3 = c.get(3).unwrap();
        assert_eq!((m3.hop, m3.via), (2, Some(1)));
        // out(0) = {1, 2}, out(2) = {0, 3}: nothing shared but each other, which does not count.
        assert_eq!(m2.mutual, 0);
        let s_small = JobFeedSettings {
            circle_size: 2,
            ..s
        };
        assert_eq!(
            circle_of_trust(&toy(), 0, &HashSet::new(), NOW, &s_small, 1)
                .members
                .len(),
            2
        );
    }
}
