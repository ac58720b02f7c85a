//! Suggestions from the graph: the viewer and their circle of trust as hubs, every account they have a live edge
//! to (follow, mention, reply, repost, favourite) as an authority, personalized SALSA over that, then two boosts:
//! reposts by the circle (their posts travel as tips) here, and complementary job flags (hiring for someone
//! open to work, and the other way round) once the caller has read the accounts ([`rerank`]).

use std::collections::HashSet;

use super::salsa::{personalized_salsa, Bipartite};
use super::settings::SuggestionSettings;
use crate::domain::job_feed::{Circle, Graph, JobFeedSettings, Link};

/// What a hub's edge to a suggested account is, strongest kind first (the one an explanation names).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    Follows,
    Reposted,
    Mentioned,
    Favourited,
}

impl LinkKind {
    pub fn of(link: &Link, now: i64, s: &JobFeedSettings) -> Self {
        if link.follows() {
            LinkKind::Follows
        } else if link.has_reposted(now, s) {
            LinkKind::Reposted
        } else if link.has_talked(now, s) {
            LinkKind::Mentioned
        } else {
            LinkKind::Favourited
        }
    }
}

/// One account suggested from the graph, and what explains it.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggested {
    pub account: u32,
    /// SALSA authority score × the tip boost (× the complementary boost after [`rerank`]).
    pub score: f64,
    /// The circle member who sent it the most mass, and how it is linked to it.
    pub by: Option<(u32, LinkKind)>,
    /// Further circle members linked to it the way `by` is (following it, when `by` follows it).
    pub others: u32,
    /// The viewer's own edge to it (they talk, but do not follow).
    pub viewer_link: Option<LinkKind>,
    /// Circle members who reposted its posts (on an edge that is still live).
    pub reposters: u32,
    /// Set by [`rerank`]: its job flag complements the viewer's.
    pub complementary: bool,
}

/// The job flags the complementary boost reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Flags {
    pub open_to_work: bool,
    pub hiring: bool,
}

impl Flags {
    /// Looking for work, not hiring.
    pub const OPEN_TO_WORK: Flags = Flags {
        open_to_work: true,
        hiring: false,
    };
    /// Hiring, not looking for work.
    pub const HIRING: Flags = Flags {
        open_to_work: false,
        hiring: true,
    };

    /// One is hiring and the other open to work.
    pub fn complement(self, other: Flags) -> bool {
        (self.open_to_work && other.hiring) || (self.hiring && other.open_to_work)
    }
}

/// The tip boost: × (1 + tip_boost · (1 − 2^−reposters)): the first reposter gives half of it, each further one
/// half of what is left.
pub fn tip_factor(reposters: u32, s: &SuggestionSettings) -> f64 {
    1.0 + s.tip_boost * (1.0 - 0.5f64.powi(reposters.min(64) as i32))
}

/// The viewer's suggestions from the graph, best first, at most `depth`. Accounts in `left_out` (blocked either
/// way, muted) are no part of the computation; those `not_suggested` names (whom the viewer follows or asked to
/// follow, whom they dismissed) count in it but are not returned. It is asked once per authority (about 13,000
/// at dataset M), so it should be cheap.
#[allow(clippy::too_many_arguments)]
pub fn suggest(
    graph: &Graph,
    circle: &Circle,
    left_out: &HashSet<u32>,
    not_suggested: impl Fn(u32) -> bool,
    depth: usize,
    fs: &JobFeedSettings,
    s: &SuggestionSettings,
    now: i64,
) -> Vec<Suggested> {
    let viewer = circle.viewer;
    // Hub 0 is the viewer, then the circle's members; the restart goes to each in proportion to its walk weight
    // (the viewer's share is `viewer_share`).
    let mut hubs = vec![viewer];
    hubs.extend(
        circle
            .members
            .iter()
            .map(|m| m.account)
            .filter(|a| !left_out.contains(a) && *a != viewer),
    );
    let walked: f64 = circle
        .members
        .iter()
        .filter(|m| !left_out.contains(&m.account))
        .map(|m| m.weight)
        .sum();
    let restart_to: Vec<f64> = hubs
        .iter()
        .enumerate()
        .map(|(i, a)| match (i, walked > 0.0) {
            (0, true) => s.viewer_share,
            (0, false) => 1.0,
            _ => (1.0 - s.viewer_share) * circle.get(*a).map_or(0.0, |m| m.weight) / walked,
        })
        .collect();

    let mut authorities: Vec<u32> = Vec::new();
    let mut local: foldhash::HashMap<u32, u32> = foldhash::HashMap::default();
    let mut links: Vec<&Link> = Vec::new();
    let mut b = Bipartite {
        hubs: hubs.len(),
        ..Bipartite::default()
    };
    for (h, &hub) in hubs.iter().enumerate() {
        for link in graph.out(hub) {
            let w = edge_weight(link, now, fs, s);
            if w <= 0.0 || link.to == viewer || left_out.contains(&link.to) {
                continue;
            }
            let v = *local.entry(link.to).or_insert_with(|| {
                authorities.push(link.to);
                (authorities.len() - 1) as u32
            });
            b.edges.push((h as u32, v, w));
            links.push(link);
        }
    }
    b.authorities = authorities.len();
    let scores = personalized_salsa(&b, &restart_to, s.restart, s.iterations);

    // Circle members who reposted each authority (on a live edge), for the tip boost.
    let mut reposters = vec![0u32; authorities.len()];
    for (&(h, v, _), link) in b.edges.iter().zip(&links) {
        if h != 0 && link.has_reposted(now, fs) {
            reposters[v as usize] += 1;
        }
    }
    let mut found: Vec<Suggested> = authorities
        .iter()
        .zip(&scores.authority)
        .zip(&reposters)
        .filter(|((&account, &score), _)| score > 0.0 && !not_suggested(account))
        .map(|((&account, &score), &reposters)| Suggested {
            account,
            score: score * tip_factor(reposters, s),
            by: None,
            others: 0,
            viewer_link: None,
            reposters,
            complementary: false,
        })
        .collect();
    if found.len() > depth {
        found.select_nth_unstable_by(depth, best_first);
        found.truncate(depth);
    }
    found.sort_by(best_first);

    // What explains each one kept: its strongest member, how many others, the viewer's own edge.
    let mut kept = vec![usize::MAX; authorities.len()];
    for (i, f) in found.iter().enumerate() {
        kept[local[&f.account] as usize] = i;
    }
    let mut out_weight = vec![0.0; hubs.len()];
    for &(h, _, w) in &b.edges {
        out_weight[h as usize] += w;
    }
    let mut strongest = vec![0.0; found.len()];
    let mut by_kind = vec![[0u32; 4]; found.len()];
    for (&(h, v, w), link) in b.edges.iter().zip(&links) {
        let i = kept[v as usize];
        let Some(item) = found.get_mut(i) else {
            continue;
        };
        let kind = LinkKind::of(link, now, fs);
        if h == 0 {
            item.viewer_link = Some(kind);
            continue;
        }
        by_kind[i][kind as usize] += 1;
        let sent = scores.hub[h as usize] * w / out_weight[h as usize];
        if item.by.is_none() || sent > strongest[i] {
            strongest[i] = sent;
            item.by = Some((hubs[h as usize], kind));
        }
    }
    for (item, counts) in found.iter_mut().zip(&by_kind) {
        if let Some((_, kind)) = item.by {
            item.others = counts[kind as usize] - 1;
        }
    }
    found
}

/// A hub's edge to an authority: its interactions as the job feed weighs them, and a follow at the suggestions'
/// own `follow_weight`.
fn edge_weight(link: &Link, now: i64, fs: &JobFeedSettings, s: &SuggestionSettings) -> f64 {
    let follow = if link.follows() { s.follow_weight } else { 0.0 };
    link.talk_at(now, fs) + follow
}

/// Applies the complementary boost to the items `complementary` marks, and sorts again.
pub fn rerank(
    mut items: Vec<Suggested>,
    complementary: impl Fn(u32) -> bool,
    s: &SuggestionSettings,
) -> Vec<Suggested> {
    for item in &mut items {
        item.complementary = complementary(item.account);
        if item.complementary {
            item.score *= s.complementary_boost;
        }
    }
    items.sort_by(best_first);
    items
}

fn best_first(a: &Suggested, b: &Suggested) -> std::cmp::Ordering {
    b.score.total_cmp(&a.score).then(a.account.cmp(&b.account))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::job_feed::{CircleMember, EdgeKind};

    const NOW: i64 = 1_768_003_200;

    fn member(account: u32, weight: f64) -> CircleMember {
        CircleMember {
            account,
            weight,
            hop: 1,
            via: None,
            mutual: 0,
            tie: 1.0,
        }
    }

    /// Viewer 0 follows 1 and 2 (its circle, walk weights 0.6 and 0.4). 1 follows 3 and 4; 2 follows 3 and
    /// reposted 5 (reblog weight 1 + follow 0.3).
    fn toy() -> (Graph, Circle) {
        let fs = JobFeedSettings::default();
        let mut g = Graph::new(6);
        for (from, to) in [(0, 1), (0, 2), (1, 3), (1, 4), (2, 3), (2, 5)] {
            g.record(from, to, EdgeKind::Follow, NOW, &fs);
        }
        g.record(2, 5, EdgeKind::Reblog, NOW, &fs);
        let circle = Circle::new(0, vec![member(1, 0.6), member(2, 0.4)], NOW);
        (g, circle)
    }

    /// By hand (restart 0.3; restart mass: viewer 0.3, member 1 0.7 · 0.6 = 0.42, member 2 0.7 · 0.4 = 0.28;
    /// follows weigh 0.3 and a repost 1), so 2 → 5 weighs 1.3 of 2's 1.6. Forward: a1 = a2 = h0/2, a3 = h1/2 + 3·h2/16,
    /// a4 = h1/2, a5 = 13·h2/16. Backward: 1 and 2 send everything to the viewer, so h0 = 0.09 + 0.7·h0 = 0.3;
    /// 3 splits evenly between 1 and 2, 4 goes to 1, 5 to 2: h1 = 0.126 + 0.7·(a3/2 + a4), which with
    /// h1 + h2 = 0.7 gives h1 = 0.1719375 / 0.540625.
    #[test]
    fn the_circle_points_at_what_it_follows_and_the_viewers_follows_are_not_returned() {
        let (g, circle) = toy();
        let fs = JobFeedSettings::default();
        let s = SuggestionSettings {
            restart: 0.3,
            viewer_share: 0.3,
            follow_weight: 0.3,
            tip_boost: 0.0,
            iterations: 200,
            ..SuggestionSettings::default()
        };
        let followed = |a: u32| a == 1 || a == 2;
        let found = suggest(&g, &circle, &HashSet::new(), followed, 10, &fs, &s, NOW);
        let h1 = 0.1719375 / 0.540625;
        let h2 = 0.7 - h1;
        let want = [
            (5, 13.0 * h2 / 16.0),
            (3, h1 / 2.0 + 3.0 * h2 / 16.0),
            (4, h1 / 2.0),
        ];
        assert_eq!(found.len(), 3, "the viewer's follows are not suggested");
        for (f, (account, score)) in found.iter().zip(want) {
            assert_eq!(f.account, account);
            assert!(
                (f.score - score).abs() < 1e-8,
                "{account}: {} vs {score}",
                f.score
            );
        }
        let three = &found[1];
        // 1 sends 3 h1 · 0.3/0.6 ≈ 0.159, 2 sends h2 · 0.3/1.6 ≈ 0.072: 1 names it.
        assert_eq!(three.by, Some((1, LinkKind::Follows)));
        assert_eq!(three.others, 1);
        assert_eq!(three.viewer_link, None);
    }

    #[test]
    fn reposts_by_the_circle_raise_a_score_and_blocked_accounts_take_no_part() {
        let (g, circle) = toy();
        let fs = JobFeedSettings::default();
        let without = SuggestionSettings {
            tip_boost: 0.0,
            ..SuggestionSettings::default()
        };
        let with = SuggestionSettings::default();
        let plain = suggest(
            &g,
            &circle,
            &HashSet::new(),
            |_| false,
            10,
            &fs,
            &without,
            NOW,
        );
        let tipped = suggest(&g, &circle, &HashSet::new(), |_| false, 10, &fs, &with, NOW);
        let score =
            |list: &[Suggested], a: u32| list.iter().find(|f| f.account == a).unwrap().score;
        let five = tipped.iter().find(|f| f.account == 5).unwrap();
        assert_eq!((five.reposters, five.by), (1, Some((2, LinkKind::Follows))));
        assert!(
            (score(&tipped, 5) / score(&plain, 5) - 1.25).abs() < 1e-12,
            "one reposter: half the boost"
        );
        assert_eq!(score(&tipped, 3), score(&plain, 3));

        let blocked = HashSet::from([2]);
        let found = suggest(&g, &circle, &blocked, |_| false, 10, &fs, &with, NOW);
        let accounts: Vec<u32> = found.iter().map(|f| f.account).collect();
        assert!(
            !accounts.contains(&2) && !accounts.contains(&5),
            "{accounts:?}"
        );
        assert!(found.iter().all(|f| f.by.is_none_or(|(b, _)| b != 2)));
    }

    #[test]
    fn complementary_flags_boost_after_the_accounts_are_read() {
        let (seeker, recruiter) = (Flags::OPEN_TO_WORK, Flags::HIRING);
        assert!(seeker.complement(recruiter) && recruiter.complement(seeker));
        assert!(!seeker.complement(seeker) && !Flags::default().complement(recruiter));
        let item = |account, score| Suggested {
            account,
            score,
            by: None,
            others: 0,
            viewer_link: None,
            reposters: 0,
            complementary: false,
        };
        let s = SuggestionSettings::default();
        let out = rerank(vec![item(1, 1.0), item(2, 0.8)], |a| a == 2, &s);
        assert_eq!(out[0].account, 2);
        assert!(out[0].complementary && (out[0].score - 1.2).abs() < 1e-12);
        assert!(!out[1].complementary);
    }
}
