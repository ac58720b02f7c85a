//! A generated network with planted truth, for the evaluation. Deterministic for a seed.
//!
//! The world: 12 communities of 60 members who mention, reply to, repost, favourite and follow each other
//! (a few links cross communities); each member has two close friends they talk to constantly and a few
//! accounts they only follow. 150 strangers form their own cluster that no member talks to. One spam account
//! mentions 400 members; 15 of them reply to it.
//!
//! Posts: genuine offers (fresh: under 7 days; stale: 14 to 45 days), seekers' posts, and chatter (four posts
//! each, all fresh). Members repost and reply to posts of people they talk to. Strangers post offers; the
//! spammer posts 40.
//!
//! Every post carries a text drawn from the held-out (`test`) part of job detection's labeled set
//! (`jobs/labeled.tsv`; written by two writers who never saw the rules, and never used to train or tune
//! detection): offers, the spammer's too, from its offers; seekers' posts from its seekers; chatter from its
//! tips and everyday chatter. The post's job kind and score are what [`detect`] with the default settings (and
//! no hiring flag) returns for that text; what the post really is ([`Truth`]) is the bank its text came from,
//! never the detector's word. The set's `tricky` section (job words used otherwise: "good job", "hiring a
//! plumber") is left out of chatter: it was written to trip detection, far more of it than an everyday
//! timeline holds.
//!
//! What detection makes of them: it misses 13 of the 160 offer texts (those offers stay relevant but never
//! reach the feed) and reads 5 of the other 480 held-out texts, tricky ones included, as offers. Among the
//! members' fresh posts its offer precision is 0.989 on seed 7 (0.977–1.000 on seeds 11–14), as the evaluation
//! prints; with the rules alone, on older held-out texts, it was 0.54.
//!
//! The truth, decided here from the generator's own record of who talked to whom and never from the ranker:
//! a post is relevant to a viewer when it is a genuine offer (not spam), fresh (under 7 days), not the viewer's
//! own, and its author or one of its reposters is reachable from the viewer in one or two steps along
//! conversations (mentions, replies, reposts; a follow or a favourite is not a conversation).

use std::collections::{HashMap, HashSet};

use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use uuid::Uuid;

use super::candidate::JobKind;
use super::edges::{Edge, EdgeKind};
use super::graph::Graph;
use super::settings::JobFeedSettings;
use crate::domain::jobs::labeled::{labeled_posts, Split};
use crate::domain::jobs::{detect, JobRules};

pub const DAY: i64 = 86_400;
/// 2026-01-10T00:00:00Z.
pub const NOW: i64 = 1_768_003_200;
/// Offers younger than this are fresh (the truth); stale ones are generated 14 days old or more.
pub const FRESH_SECS: i64 = 7 * DAY;

const COMMUNITIES: u32 = 12;
const COMMUNITY_SIZE: u32 = 60;
/// Accounts `0..MEMBERS` are the communities' members; the strangers and the spammer come after.
pub const MEMBERS: u32 = COMMUNITIES * COMMUNITY_SIZE;
const STRANGERS: u32 = 150;
const SPAM_TARGETS: usize = 400;
const SPAM_REPLIERS: usize = 15;
const SPAM_POSTS: usize = 40;
/// The sections of the labeled set that chatter is drawn from (see the module documentation).
const CHATTER_SECTIONS: &[&str] = &["tips", "chatter"];

/// What a post really is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Truth {
    Offer,
    Seeking,
    Chatter,
    Spam,
}

#[derive(Debug, Clone)]
pub struct PlantedPost {
    pub id: Uuid,
    pub author: u32,
    pub created_at: i64,
    /// Which bank the text came from.
    pub truth: Truth,
    /// A held-out post of the labeled set.
    pub text: &'static str,
    /// What detection reports for `text`.
    pub job_kind: Option<JobKind>,
    pub job_score: f32,
    pub reposters: Vec<u32>,
    pub repliers: Vec<u32>,
}

pub struct World {
    pub now: i64,
    pub accounts: u32,
    pub graph: Graph,
    /// Every edge as the server would store it, for the viewers' explanations.
    pub edges: HashMap<(u32, u32), Edge>,
    pub posts: Vec<PlantedPost>,
    pub viewers: Vec<u32>,
    /// `talked[a]`: accounts `a` mentioned, replied to or reposted (the truth's notion of a path).
    pub talked: Vec<HashSet<u32>>,
}

impl World {
    pub fn spammer(&self) -> u32 {
        self.accounts - 1
    }

    /// `v`'s stored edges by target.
    pub fn own_edges(&self, v: u32) -> HashMap<u32, Edge> {
        self.edges
            .iter()
            .filter(|((from, _), _)| *from == v)
            .map(|((_, to), e)| (*to, e.clone()))
            .collect()
    }

    /// Accounts one or two conversation steps from `v` (not `v`).
    pub fn reach(&self, v: u32) -> HashSet<u32> {
        let mut out: HashSet<u32> = HashSet::new();
        for &a in &self.talked[v as usize] {
            out.insert(a);
            out.extend(self.talked[a as usize].iter().copied());
        }
        out.remove(&v);
        out
    }

    /// Indexes into `posts` of the posts relevant to viewer `v`.
    pub fn relevant(&self, v: u32) -> HashSet<usize> {
        let reach = self.reach(v);
        self.posts
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                p.truth == Truth::Offer
                    && self.now - p.created_at < FRESH_SECS
                    && p.author != v
                    && (reach.contains(&p.author) || p.reposters.iter().any(|r| reach.contains(r)))
            })
            .map(|(i, _)| i)
            .collect()
    }
}

/// A text for a planted post, with what detection (default settings, no hiring flag) says about it.
#[derive(Clone, Copy)]
struct Text {
    text: &'static str,
    kind: Option<JobKind>,
    score: f32,
}

/// The held-out labeled posts of `sections`, in file order, each with its detection.
fn bank(sections: &[&str]) -> Vec<Text> {
    let rules = JobRules::default();
    labeled_posts()
        .into_iter()
        .filter(|p| p.split == Split::Test && sections.contains(&p.section))
        .map(|p| {
            let found = detect(&rules, p.text, false);
            Text {
                text: p.text,
                kind: found.kind,
                score: found.score,
            }
        })
        .collect()
}

struct Builder {
    rng: StdRng,
    s: JobFeedSettings,
    edges: HashMap<(u32, u32), Edge>,
    talked: Vec<HashSet<u32>>,
    posts: Vec<PlantedPost>,
    offers: Vec<Text>,
    seekers: Vec<Text>,
    chatter: Vec<Text>,
}

impl Builder {
    fn at_within(&mut self, max_age: i64) -> i64 {
        NOW - self.rng.gen_range(0..max_age)
    }

    fn act(&mut self, from: u32, to: u32, kind: EdgeKind, at: i64) {
        if from == to {
            return;
        }
        self.edges
            .entry((from, to))
            .or_insert_with(|| Edge::new(from, to))
            .record(kind, at, &self.s);
        if kind.is_conversation() {
            self.talked[from as usize].insert(to);
        }
    }

    /// `n` interactions of `kind` from `from` to `to` within the last `days`.
    fn acts(&mut self, from: u32, to: u32, kind: EdgeKind, n: u32, days: i64) {
        for _ in 0..n {
            let at = self.at_within(days * DAY);
            self.act(from, to, kind, at);
        }
    }

    /// A post with a text drawn from the bank of `truth` (spam from the offers).
    fn post(&mut self, author: u32, created_at: i64, truth: Truth) {
        let bank = match truth {
            Truth::Offer | Truth::Spam => &self.offers,
            Truth::Seeking => &self.seekers,
            Truth::Chatter => &self.chatter,
        };
        let t = bank[self.rng.gen_range(0..bank.len())];
        let id = Uuid::from_u128(self.posts.len() as u128 + 1);
        self.posts.push(PlantedPost {
            id,
            author,
            created_at,
            truth,
            text: t.text,
            job_kind: t.kind,
            job_score: t.score,
            reposters: Vec::new(),
            repliers: Vec::new(),
        });
    }
}

/// Generate the world and pick `viewers` job seekers among the members.
pub fn generate(seed: u64, viewers: usize) -> World {
    let members = MEMBERS;
    let spammer = members + STRANGERS;
    let accounts = spammer + 1;
    let mut b = Builder {
        rng: StdRng::seed_from_u64(seed),
        s: JobFeedSettings::default(),
        edges: HashMap::new(),
        talked: vec![HashSet::new(); accounts as usize],
        posts: Vec::new(),
        offers: bank(&["offers"]),
        seekers: bank(&["seekers"]),
        chatter: bank(CHATTER_SECTIONS),
    };
    let community_of = |a: u32| a / COMMUNITY_SIZE;
    let same_community = |rng: &mut StdRng, a: u32| {
        community_of(a) * COMMUNITY_SIZE + rng.gen_range(0..COMMUNITY_SIZE)
    };

    // Members: ordinary contacts, close friends (both ways), follow-only and favourite-only acquaintances.
    for a in 0..members {
        let contacts = b.rng.gen_range(6..=10);
        for _ in 0..contacts {
            let c = if b.rng.gen_bool(0.85) {
                same_community(&mut b.rng, a)
            } else {
                b.rng.gen_range(0..members)
            };
            let n = b.rng.gen_range(1..=3);
            b.acts(a, c, EdgeKind::Mention, n, 45);
            if b.rng.gen_bool(0.5) {
                b.acts(a, c, EdgeKind::Reply, 1, 45);
            }
            let n = b.rng.gen_range(0..=3);
            b.acts(a, c, EdgeKind::Favourite, n, 45);
            if b.rng.gen_bool(0.7) {
                b.act(a, c, EdgeKind::Follow, NOW - 100 * DAY);
            }
        }
        for _ in 0..2 {
            let f = same_community(&mut b.rng, a);
            for (x, y) in [(a, f), (f, a)] {
                let n = b.rng.gen_range(8..=15);
                b.acts(x, y, EdgeKind::Mention, n, 30);
                let n = b.rng.gen_range(4..=8);
                b.acts(x, y, EdgeKind::Reply, n, 30);
                let n = b.rng.gen_range(5..=10);
                b.acts(x, y, EdgeKind::Favourite, n, 30);
                b.act(x, y, EdgeKind::Follow, NOW - 200 * DAY);
            }
        }
        for _ in 0..4 {
            let f = same_community(&mut b.rng, a);
            b.act(a, f, EdgeKind::Follow, NOW - 100 * DAY);
        }
        for _ in 0..2 {
            let f = b.rng.gen_range(0..members);
            b.acts(a, f, EdgeKind::Favourite, 1, 30);
        }
    }

    // The viewers are job seekers: each also thanks three helpful accounts anywhere in the network.
    let mut pool: Vec<u32> = (0..members).collect();
    pool.shuffle(&mut b.rng);
    let chosen: Vec<u32> = pool
        .into_iter()
        .take(viewers.min(members as usize))
        .collect();
    for &v in &chosen {
        for _ in 0..3 {
            let h = b.rng.gen_range(0..members);
            let n = b.rng.gen_range(1..=2);
            b.acts(v, h, EdgeKind::Mention, n, 20);
        }
    }

    // Strangers: their own cluster, nobody outside talks to them; they post offers.
    for a in members..spammer {
        for _ in 0..5 {
            let c = b.rng.gen_range(members..spammer);
            b.acts(a, c, EdgeKind::Mention, 2, 30);
        }
    }

    // The spammer mentions hundreds of members; a few reply, confused.
    let mut targets: Vec<u32> = (0..members).collect();
    targets.shuffle(&mut b.rng);
    for &t in &targets[..SPAM_TARGETS] {
        b.acts(spammer, t, EdgeKind::Mention, 1, 10);
    }
    for &t in &targets[..SPAM_REPLIERS] {
        b.acts(t, spammer, EdgeKind::Reply, 1, 10);
    }

    // Posts.
    for a in 0..members {
        if b.rng.gen_bool(0.15) {
            let at = b.at_within(FRESH_SECS);
            b.post(a, at, Truth::Offer);
        }
        if b.rng.gen_bool(0.3) {
            let at = NOW - b.rng.gen_range(14 * DAY..45 * DAY);
            b.post(a, at, Truth::Offer);
        }
        if b.rng.gen_bool(0.1) {
            let at = b.at_within(FRESH_SECS);
            b.post(a, at, Truth::Seeking);
        }
        for _ in 0..4 {
            let at = b.at_within(FRESH_SECS);
            b.post(a, at, Truth::Chatter);
        }
    }
    for a in members..spammer {
        for _ in 0..b.rng.gen_range(2..=4) {
            let at = b.at_within(FRESH_SECS);
            b.post(a, at, Truth::Offer);
        }
    }
    for _ in 0..SPAM_POSTS {
        let at = b.at_within(FRESH_SECS);
        b.post(spammer, at, Truth::Spam);
    }

    // Reposts and replies, by people who talk to the author (an edge from the repost or reply, at its time).
    let mut listeners: Vec<Vec<u32>> = vec![Vec::new(); accounts as usize];
    for (a, ts) in b.talked.iter().enumerate() {
        for &t in ts {
            listeners[t as usize].push(a as u32);
        }
    }
    for l in &mut listeners {
        l.sort_unstable();
    }
    for i in 0..b.posts.len() {
        let (author, created_at, truth) =
            (b.posts[i].author, b.posts[i].created_at, b.posts[i].truth);
        let p_repost = match truth {
            Truth::Offer => 0.25,
            Truth::Seeking => 0.15,
            Truth::Chatter | Truth::Spam => 0.03,
        };
        for &l in &listeners[author as usize] {
            if l == spammer {
                continue;
            }
            let at = (created_at + b.rng.gen_range(0..DAY)).min(NOW);
            if b.rng.gen_bool(p_repost) {
                b.act(l, author, EdgeKind::Reblog, at);
                b.posts[i].reposters.push(l);
            } else if b.rng.gen_bool(0.1) {
                b.act(l, author, EdgeKind::Reply, at);
                b.posts[i].repliers.push(l);
            }
        }
    }

    World {
        now: NOW,
        accounts,
        graph: Graph::from_edges(accounts as usize, b.edges.values(), &b.s),
        edges: b.edges,
        posts: b.posts,
        viewers: chosen,
        talked: b.talked,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_come_from_their_bank_and_detection_from_detect() {
        let world = generate(3, 10);
        let again = generate(3, 10);
        let rules = JobRules::default();
        let posts = labeled_posts();
        for (p, q) in world.posts.iter().zip(&again.posts) {
            assert_eq!(
                (p.text, p.created_at, p.job_score),
                (q.text, q.created_at, q.job_score)
            );
            let found = detect(&rules, p.text, false);
            assert_eq!(
                (p.job_kind, p.job_score),
                (found.kind, found.score),
                "{}",
                p.text
            );
            let source = posts
                .iter()
                .find(|l| l.text == p.text)
                .expect("a labeled text");
            let sections: &[&str] = match p.truth {
                Truth::Offer | Truth::Spam => &["offers"],
                Truth::Seeking => &["seekers"],
                Truth::Chatter => CHATTER_SECTIONS,
            };
            assert!(source.split == Split::Test && sections.contains(&source.section));
        }
    }
}
