//! The job feed's pure core: the interaction graph and its maths, the circle of trust, author reputation, the
//! ranking formula with its explanations, and an evaluation on a generated network with planted truth.
//! No database and no HTTP: the caller stores edges, keeps a [`Graph`] current, finds candidate posts, and
//! calls [`rank_job_feed`].
//!
//! Flow: [`Edge`]s (decayed interaction weights) → [`Graph`] → [`circle_of_trust`] per viewer (cached) and
//! [`compute_reputation`] (periodically) → [`rank_job_feed`] over [`Candidate`]s → [`RankedItem`]s with an
//! [`Explanation`] each. [`run_evaluation`] measures the whole against two baselines.

pub mod candidate;
pub mod edges;
pub mod eval;
pub mod explain;
pub mod graph;
pub mod planted;
pub mod popular;
pub mod rank;
pub mod reputation;
pub mod settings;
pub mod walks;

pub use candidate::{Action, Candidate, JobKind, Touch};
pub use edges::{decayed, Edge, EdgeKind};
pub use eval::{run_evaluation, EvalReport};
pub use explain::Explanation;
pub use graph::{AccountIndex, Graph, Link};
pub use popular::Popular;
pub use rank::{rank_job_feed, score_job_feed, Factors, RankedItem, ScoredItem, Viewer};
pub use reputation::{compute_reputation, reputation_from, Reputation, ReputationInput};
pub use settings::JobFeedSettings;
pub use walks::{circle_of_trust, exact_ppr, exact_two_hop_ppr, walk_visits, Circle, CircleMember};

/// The story, end to end through the pure pipeline (graph → walks → reputation → ranking).
#[cfg(test)]
mod story {
    use std::collections::{HashMap, HashSet};

    use uuid::Uuid;

    use super::*;

    const NOW: i64 = 1_768_003_200; // 2026-01-10
    const HOUR: i64 = 3600;

    #[test]
    fn a_friends_hiring_post_reaches_the_seeker_through_the_account_she_thanked() {
        let s = JobFeedSettings::default();
        let names = ["maya", "sam", "lee", "stranger", "pal"];
        let (maya, sam, lee, stranger, pal) = (0, 1, 2, 3, 4);
        let mut edges: HashMap<(u32, u32), Edge> = HashMap::new();
        let mut record = |from: u32, to: u32, kind: EdgeKind, at: i64| {
            edges
                .entry((from, to))
                .or_insert_with(|| Edge::new(from, to))
                .record(kind, at, &s)
        };
        // Maya thanks @sam twice this month and chats with @pal; @sam talks to @lee and reposts lee's offer.
        record(maya, sam, EdgeKind::Mention, NOW - 48 * HOUR);
        record(maya, sam, EdgeKind::Mention, NOW - 24 * HOUR);
        record(maya, pal, EdgeKind::Reply, NOW - 24 * HOUR);
        record(sam, lee, EdgeKind::Mention, NOW - 72 * HOUR);
        record(sam, lee, EdgeKind::Reblog, NOW - 2 * HOUR);
        record(stranger, lee, EdgeKind::Mention, NOW - 5 * HOUR);
        let g = Graph::from_edges(names.len(), edges.values(), &s);
        let own_edges: HashMap<u32, Edge> = edges
            .iter()
            .filter(|((from, _), _)| *from == maya)
            .map(|((_, to), e)| (*to, e.clone()))
            .collect();

        let circle = circle_of_trust(&g, maya, &HashSet::new(), NOW, &s, 42);
        assert_eq!(
            circle.get(lee).map(|m| (m.hop, m.via)),
            Some((2, Some(sam)))
        );
        let reputation = compute_reputation(&g, NOW, &s);
        let offer = |n: u128, author: u32, touches: Vec<Touch>| Candidate {
            post: Uuid::from_u128(n),
            author,
            created_at: NOW - 3 * HOUR,
            job_kind: Some(JobKind::Offer),
            job_score: 0.9,
            touches,
        };
        let candidates = [
            offer(
                1,
                lee,
                vec![Touch {
                    account: sam,
                    action: Action::Reposted,
                }],
            ),
            offer(2, stranger, vec![]),
            Candidate {
                job_kind: None,
                ..offer(3, pal, vec![])
            },
        ];
        let excluded = HashSet::new();
        let viewer = Viewer {
            account: maya,
            circle: &circle,
            excluded: &excluded,
            kinds: JobKind::wanted_by(false),
            own_edges: &own_edges,
        };
        let visible = |a: u32| Some(names[a as usize].to_owned());
        let feed = rank_job_feed(&candidates, &viewer, &reputation, &visible, &s, NOW);
        assert_eq!(
            feed.len(),
            1,
            "only lee's offer: the stranger has no path, pal's post is no job"
        );
        assert_eq!(feed[0].post, Uuid::from_u128(1));
        assert_eq!(
            feed[0].explanation.text,
            "Reposted by @sam, whom you mentioned twice this month · and 1 other in your circle"
        );
        assert_eq!(feed[0].explanation.path, [sam, lee]);
    }
}
