//! Who follows whom. Followers per account follow a power law (popularity weights drawn from a Pareto
//! with exponent [`FOLLOWER_EXPONENT`], the largest capped at [`MAX_FOLLOWER_SHARE`] of the accounts);
//! followings per account are log-normal with median [`FOLLOWING_MEDIAN`] among the accounts that follow
//! anyone (the rest are dormant, as many as it takes to hit the size's follow count); about
//! [`RECIPROCAL_SHARE`] of follows are returned. Pure: no I/O.

use std::collections::HashSet;

use rand::distributions::{Distribution, WeightedIndex};
use rand::seq::SliceRandom;
use rand::Rng;

use super::random::{log_normal, pareto, stream};

/// Density exponent of followers per account.
pub const FOLLOWER_EXPONENT: f64 = 2.2;
/// No account is expected to be followed by more than this share of all accounts.
pub const MAX_FOLLOWER_SHARE: f64 = 0.20;
/// Median followings of an account that follows anyone.
pub const FOLLOWING_MEDIAN: f64 = 40.0;
/// Spread (sigma of the underlying normal) of followings.
pub const FOLLOWING_SIGMA: f64 = 1.0;
/// Nobody follows more than this many accounts.
pub const FOLLOWING_CAP: usize = 5_000;
/// Share of follows whose target follows back.
pub const RECIPROCAL_SHARE: f64 = 0.22;
/// Popularity of an account that follows nobody, relative to one that does.
const DORMANT_POPULARITY: f64 = 0.25;
/// Share of each account's followings set aside for following back; more than half of
/// `RECIPROCAL_SHARE` because not every account has enough followers to spend it on.
const FOLLOW_BACK_BUDGET: f64 = 0.35;

pub struct Graph {
    /// Popularity weight of each account (what follow targets and mentions are drawn by).
    pub popularity: Vec<f64>,
    /// Targets of each account, sorted.
    pub following: Vec<Vec<u32>>,
    pub followers_count: Vec<u32>,
    /// Every follow (follower, target) in the order they were made.
    pub follows: Vec<(u32, u32)>,
}

impl Graph {
    pub fn follows(&self, a: u32, b: u32) -> bool {
        self.following[a as usize].binary_search(&b).is_ok()
    }

    /// Share of follows whose target follows back.
    pub fn reciprocity(&self) -> f64 {
        let back = self
            .follows
            .iter()
            .filter(|&&(a, t)| self.follows(t, a))
            .count();
        back as f64 / self.follows.len().max(1) as f64
    }
}

pub fn generate(seed: u64, accounts: usize, follows: usize) -> Graph {
    let n = accounts;
    let degree = followings(seed, n, follows);
    let popularity = popularity(seed, &degree, follows);
    let pick = WeightedIndex::new(&popularity).expect("positive weights");
    let mut rng = stream(seed, 12);

    // 1. Follows by popularity, leaving each account a budget for following back.
    let mut back_budget: Vec<usize> = degree
        .iter()
        .map(|&d| (d as f64 * FOLLOW_BACK_BUDGET).round() as usize)
        .collect();
    let mut following: Vec<Vec<u32>> = vec![Vec::new(); n];
    for a in 0..n {
        let want = degree[a] - back_budget[a];
        fill_by_popularity(&mut following[a], a, want, n, &pick, &mut rng);
        following[a].sort_unstable();
    }

    // 2. Follow-backs: walk the follows in random order and return them while budgets and the target last.
    let total: usize = degree.iter().sum();
    let mut incoming: Vec<(u32, u32)> = following
        .iter()
        .enumerate()
        .flat_map(|(a, ts)| ts.iter().map(move |&t| (a as u32, t)))
        .collect();
    let already = incoming
        .iter()
        .filter(|&&(a, t)| following[t as usize].binary_search(&a).is_ok())
        .count();
    let mut wanted = ((RECIPROCAL_SHARE * total as f64 - already as f64) / 2.0).max(0.0) as usize;
    incoming.shuffle(&mut rng);
    let mut backs: Vec<Vec<u32>> = vec![Vec::new(); n];
    for (x, a) in incoming {
        if wanted == 0 {
            break;
        }
        let a = a as usize;
        if back_budget[a] > 0 && following[a].binary_search(&x).is_err() {
            backs[a].push(x);
            back_budget[a] -= 1;
            wanted -= 1;
        }
    }
    // 3. Whatever budget is left goes to popular accounts again.
    for a in 0..n {
        following[a].append(&mut backs[a]);
        let want = following[a].len() + back_budget[a];
        fill_by_popularity(&mut following[a], a, want, n, &pick, &mut rng);
        following[a].sort_unstable();
    }

    let mut followers_count = vec![0u32; n];
    let mut all: Vec<(u32, u32)> = Vec::with_capacity(total);
    for (a, ts) in following.iter().enumerate() {
        for &t in ts {
            followers_count[t as usize] += 1;
            all.push((a as u32, t));
        }
    }
    all.shuffle(&mut rng);
    Graph {
        popularity,
        following,
        followers_count,
        follows: all,
    }
}

/// Adds distinct targets (never `a` itself) drawn by popularity until `a` follows `want` accounts; a heavy
/// follower that exhausts the popular end takes anyone.
fn fill_by_popularity(
    list: &mut Vec<u32>,
    a: usize,
    want: usize,
    n: usize,
    pick: &WeightedIndex<f64>,
    rng: &mut impl Rng,
) {
    if list.len() >= want {
        return;
    }
    let mut chosen: HashSet<u32> = list.iter().copied().collect();
    let mut tries = 0;
    while list.len() < want {
        let t = if tries < 30 * want {
            pick.sample(rng)
        } else {
            rng.gen_range(0..n)
        };
        tries += 1;
        if t != a && chosen.insert(t as u32) {
            list.push(t as u32);
        }
    }
}

/// Pareto weights, lower for accounts that follow nobody (people who went quiet are seldom found), capped
/// so that no account expects more than `MAX_FOLLOWER_SHARE` of all accounts as followers. A few passes,
/// since capping lowers the total the share is taken of.
fn popularity(seed: u64, degree: &[usize], follows: usize) -> Vec<f64> {
    let n = degree.len();
    let mut rng = stream(seed, 10);
    let mut w: Vec<f64> = degree
        .iter()
        .map(|&d| {
            let quiet = if d == 0 { DORMANT_POPULARITY } else { 1.0 };
            pareto(&mut rng, FOLLOWER_EXPONENT) * quiet
        })
        .collect();
    let most = (MAX_FOLLOWER_SHARE * n as f64).max(1.0);
    for _ in 0..4 {
        let sum: f64 = w.iter().sum();
        let cap = most * sum / follows.max(1) as f64;
        w.iter_mut().for_each(|x| *x = x.min(cap));
    }
    w
}

/// Followings per account: zero for the dormant, log-normal for the rest, scaled to sum to `follows`.
fn followings(seed: u64, n: usize, follows: usize) -> Vec<usize> {
    let mut rng = stream(seed, 11);
    let cap = FOLLOWING_CAP.min(n - 1);
    let mean = FOLLOWING_MEDIAN * (FOLLOWING_SIGMA * FOLLOWING_SIGMA / 2.0).exp();
    let active_share = (follows as f64 / (n as f64 * mean)).min(1.0);
    let raw: Vec<f64> = (0..n)
        .map(|_| {
            let d = log_normal(&mut rng, FOLLOWING_MEDIAN, FOLLOWING_SIGMA);
            if rng.gen::<f64>() < active_share {
                d
            } else {
                0.0
            }
        })
        .collect();
    let active: Vec<usize> = (0..n).filter(|&a| raw[a] > 0.0).collect();
    assert!(
        follows <= active.len() * cap,
        "{follows} follows do not fit {} accounts",
        active.len()
    );
    let scale = follows as f64 / raw.iter().sum::<f64>();
    let mut degree: Vec<usize> = raw
        .iter()
        .map(|&d| {
            if d > 0.0 {
                ((d * scale).round() as usize).clamp(1, cap)
            } else {
                0
            }
        })
        .collect();
    let mut total: usize = degree.iter().sum();
    while total != follows {
        let a = active[rng.gen_range(0..active.len())];
        if total < follows && degree[a] < cap {
            degree[a] += 1;
            total += 1;
        } else if total > follows && degree[a] > 1 {
            degree[a] -= 1;
            total -= 1;
        }
    }
    degree
}

#[cfg(test)]
mod tests {
    use super::*;

    fn median(mut v: Vec<usize>) -> usize {
        v.sort_unstable();
        v[v.len() / 2]
    }

    fn check(accounts: usize, follows: usize, heavy_tail: bool) {
        let g = generate(42, accounts, follows);
        assert_eq!(g.follows.len(), follows);
        let r = g.reciprocity();
        assert!((0.19..0.25).contains(&r), "reciprocity {r}");
        // No duplicates, nobody follows themselves.
        for (a, ts) in g.following.iter().enumerate() {
            assert!(ts.windows(2).all(|w| w[0] < w[1]));
            assert!(!ts.contains(&(a as u32)));
        }
        let active: Vec<usize> = g
            .following
            .iter()
            .map(Vec::len)
            .filter(|&d| d > 0)
            .collect();
        let m = median(active);
        assert!((30..=52).contains(&m), "median followings {m}");
        let max = *g.followers_count.iter().max().unwrap() as f64;
        assert!(
            max <= 1.5 * MAX_FOLLOWER_SHARE * accounts as f64,
            "max followers {max}"
        );
        let med = median(g.followers_count.iter().map(|&c| c as usize).collect()) as f64;
        assert!(
            !heavy_tail || max > 8.0 * med.max(1.0),
            "followers not heavy-tailed: max {max}, median {med}"
        );
    }

    #[test]
    fn tiny_graph_has_the_asked_for_shape() {
        // Too few accounts follow anyone at this size for a tail to show.
        check(300, 3_000, false);
    }

    #[test]
    fn s_sized_graph_has_the_asked_for_shape() {
        check(10_000, 200_000, true);
    }

    #[test]
    fn same_seed_same_graph() {
        let (a, b) = (generate(5, 500, 5_000), generate(5, 500, 5_000));
        assert_eq!(a.follows, b.follows);
        assert_ne!(a.follows, generate(6, 500, 5_000).follows);
    }
}
