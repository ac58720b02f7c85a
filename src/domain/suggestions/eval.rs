//! The evaluation: on the job feed's planted-truth network (`job_feed::planted`), 20 % of each evaluated job
//! seeker's follows are held out (the whole edge goes: the follow and whatever else they said to that account),
//! and each method's top 20 is scored by the share of the held-out follows it finds (recall@20). A second run
//! holds out all of them: a seeker who has talked to people but follows nobody yet.
//!
//! Methods: who to follow as served (circle of trust + personalized SALSA + tip boost; the planted accounts carry
//! no job flags, so the complementary boost never applies), and two baselines that never look at the viewer's
//! circle beyond one step: the most followed accounts, and the accounts followed by the most of the viewer's
//! own follows (friends-of-friends counting). The cold start's list (followed and talked to lately) is scored
//! too, for what a newcomer gets.
//!
//! Rerun: `weakties eval-suggestions --seed N` (or `cargo run --release -- eval-suggestions --seed N`). 7 is the
//! seed the defaults were chosen on; 11–14 were held out.

use std::collections::{HashMap, HashSet};
use std::fmt;

use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::SeedableRng;

use super::rank::suggest;
use super::settings::SuggestionSettings;
use crate::domain::job_feed::planted::{generate, World};
use crate::domain::job_feed::{circle_of_trust, compute_reputation, Graph, JobFeedSettings};

const K: usize = 20;
/// Share of each viewer's follows held out (the issue's).
pub const HELD_OUT: f64 = 0.2;

#[derive(Debug, Clone, PartialEq)]
pub struct MethodRecall {
    pub name: &'static str,
    /// Mean over the viewers of |top 20 ∩ held out| / |held out|.
    pub recall_at_20: f64,
    /// Mean number of held-out follows found in the top 20.
    pub found: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SuggestionReport {
    pub seed: u64,
    /// Share of each viewer's follows held out.
    pub held_out: f64,
    pub viewers: usize,
    pub mean_held_out: f64,
    pub who_to_follow: MethodRecall,
    pub most_followed: MethodRecall,
    pub friends_of_friends: MethodRecall,
    pub cold_start: MethodRecall,
}

impl SuggestionReport {
    /// The bar: recall@20 at least twice the popularity baseline's.
    pub fn meets_the_bar(&self) -> bool {
        self.who_to_follow.recall_at_20 >= 2.0 * self.most_followed.recall_at_20
    }
}

impl fmt::Display for SuggestionReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "seed {}, {} viewers, {:.1} held-out follows per viewer ({:.0} % of each one's follows)",
            self.seed,
            self.viewers,
            self.mean_held_out,
            self.held_out * 100.0
        )?;
        writeln!(f, "| method | recall@20 | held-out follows found |")?;
        writeln!(f, "|---|---|---|")?;
        for m in [
            &self.who_to_follow,
            &self.most_followed,
            &self.friends_of_friends,
            &self.cold_start,
        ] {
            writeln!(f, "| {} | {:.3} | {:.2} |", m.name, m.recall_at_20, m.found)?;
        }
        writeln!(
            f,
            "who to follow / most followed: {:.1}×",
            self.who_to_follow.recall_at_20 / self.most_followed.recall_at_20.max(1e-12)
        )
    }
}

/// Generate the world for `seed` and evaluate the default settings on `viewers` job seekers, holding out
/// [`HELD_OUT`] of each one's follows, then all of them.
pub fn run_suggestion_evaluation(seed: u64, viewers: usize) -> [SuggestionReport; 2] {
    let world = generate(seed, viewers);
    let (fs, s) = (JobFeedSettings::default(), SuggestionSettings::default());
    [HELD_OUT, 1.0].map(|share| evaluate(&world, seed, &fs, &s, share))
}

#[derive(Default)]
struct Totals {
    recall: f64,
    found: usize,
}

impl Totals {
    fn add(&mut self, top: &[u32], held_out: &HashSet<u32>) {
        let hits = top.iter().take(K).filter(|a| held_out.contains(a)).count();
        self.recall += hits as f64 / held_out.len() as f64;
        self.found += hits;
    }

    fn score(&self, name: &'static str, viewers: usize) -> MethodRecall {
        let n = viewers.max(1) as f64;
        MethodRecall {
            name,
            recall_at_20: self.recall / n,
            found: self.found as f64 / n,
        }
    }
}

/// Holds out `share` of each viewer's follows (at least one), removing those edges from the graph.
fn hold_out(world: &World, seed: u64, share: f64) -> (Graph, HashMap<u32, HashSet<u32>>) {
    let mut graph = world.graph.clone();
    let mut held: HashMap<u32, HashSet<u32>> = HashMap::new();
    for &v in &world.viewers {
        let mut follows: Vec<u32> = graph
            .out(v)
            .iter()
            .filter(|l| l.follows())
            .map(|l| l.to)
            .collect();
        if follows.is_empty() {
            continue;
        }
        follows.shuffle(&mut StdRng::seed_from_u64(seed ^ u64::from(v)));
        let n = ((follows.len() as f64 * share).round() as usize).clamp(1, follows.len());
        for &t in &follows[..n] {
            graph.remove(v, t);
        }
        held.insert(v, follows[..n].iter().copied().collect());
    }
    (graph, held)
}

/// Score who to follow and the baselines on `world` with the given settings, holding out `share` of each
/// viewer's follows.
pub fn evaluate(
    world: &World,
    seed: u64,
    fs: &JobFeedSettings,
    s: &SuggestionSettings,
    share: f64,
) -> SuggestionReport {
    let now = world.now;
    let (graph, held) = hold_out(world, seed, share);
    let mut followers = vec![0u32; graph.node_count()];
    for a in 0..graph.node_count() as u32 {
        for l in graph.out(a).iter().filter(|l| l.follows()) {
            followers[l.to as usize] += 1;
        }
    }
    let mut by_followers: Vec<u32> = (0..graph.node_count() as u32).collect();
    by_followers.sort_by_key(|&a| (std::cmp::Reverse(followers[a as usize]), a));
    let popular = compute_reputation(&graph, now, fs).popular;

    let (mut wtf, mut most, mut fof, mut cold) = Default::default();
    let (mut counted, mut held_total) = (0, 0);
    let no_one = HashSet::new();
    for &v in &world.viewers {
        let Some(held_out) = held.get(&v) else {
            continue;
        };
        counted += 1;
        held_total += held_out.len();
        let follows: HashSet<u32> = graph
            .out(v)
            .iter()
            .filter(|l| l.follows())
            .map(|l| l.to)
            .collect();
        let known = |a: u32| a == v || follows.contains(&a);

        let circle = circle_of_trust(&graph, v, &no_one, now, fs, seed ^ u64::from(v));
        let top: Vec<u32> = suggest(&graph, &circle, &no_one, known, K, fs, s, now)
            .iter()
            .map(|f| f.account)
            .collect();
        Totals::add(&mut wtf, &top, held_out);

        let top: Vec<u32> = by_followers
            .iter()
            .copied()
            .filter(|a| !known(*a))
            .take(K)
            .collect();
        Totals::add(&mut most, &top, held_out);

        let mut counts: HashMap<u32, u32> = HashMap::new();
        for &f in &follows {
            for l in graph.out(f).iter().filter(|l| l.follows() && !known(l.to)) {
                *counts.entry(l.to).or_default() += 1;
            }
        }
        let mut ranked: Vec<(u32, u32)> = counts.into_iter().collect();
        ranked.sort_by_key(|&(a, n)| (std::cmp::Reverse(n), a));
        let top: Vec<u32> = ranked.iter().map(|(a, _)| *a).take(K).collect();
        Totals::add(&mut fof, &top, held_out);

        let top: Vec<u32> = popular
            .iter()
            .map(|p| p.account)
            .filter(|a| !known(*a))
            .take(K)
            .collect();
        Totals::add(&mut cold, &top, held_out);
    }
    SuggestionReport {
        seed,
        held_out: share,
        viewers: counted,
        mean_held_out: held_total as f64 / counted.max(1) as f64,
        who_to_follow: wtf.score("who to follow (circle + SALSA)", counted),
        most_followed: most.score("most followed accounts", counted),
        friends_of_friends: fof.score("followed by the most of your follows", counted),
        cold_start: cold.score("cold start (followed + talked to lately)", counted),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bar on the seed the defaults were chosen on: recall@20 at least twice the most-followed
    /// baseline's (it is 8.9×: 0.339 against 0.038). With every follow held out too (0.122 against 0.023): the
    /// circle is built from whom the seeker talks to, not only whom they follow.
    #[test]
    fn who_to_follow_finds_held_out_follows_better_than_popularity() {
        let [r, all] = run_suggestion_evaluation(7, 300);
        println!("{r}\n{all}");
        assert!(r.viewers >= 290, "{r}");
        assert!(r.meets_the_bar(), "{r}");
        assert!(all.meets_the_bar(), "{all}");
    }
}
