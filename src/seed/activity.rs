//! What people post, repost and favourite over the generated month, in time order. Authors are drawn by
//! activity (leaning towards the popular); reposts, replies and favourites go mostly to recent posts of
//! accounts one follows; mentions go mostly to accounts one follows or has talked with before, so the
//! interaction graph has the repeated ties the job feed will walk. Pure: no I/O.

use std::collections::{HashSet, VecDeque};

use rand::distributions::{Distribution, WeightedIndex};
use rand::seq::SliceRandom;
use rand::Rng;

use super::graph::Graph;
use super::random::{log_normal, stream, time_at};
use super::vocabulary::{HIRING, JOB_TOPICS, OPEN_TO_WORK, TAGS};
use crate::domain::visibility::Visibility;

/// Shares of all statuses; the rest are top-level posts.
pub const REBLOG_SHARE: f64 = 0.12;
pub const REPLY_SHARE: f64 = 0.15;
/// Shares of top-level posts that are job offers and job seekers' posts.
pub const OFFER_SHARE: f64 = 0.025;
pub const SEEKER_SHARE: f64 = 0.015;
/// Share of top-level posts that mention someone. Replies always mention whom they answer, so about 30 %
/// of all posts (reblogs aside) hold a mention.
pub const MENTION_SHARE: f64 = 0.16;
/// Share of top-level posts with topic hashtags (job posts always carry theirs).
pub const TAG_SHARE: f64 = 0.25;
/// Favourites per status, on average.
pub const FAVOURITES_PER_POST: f64 = 0.8;
/// Where a mention goes: someone one follows, else someone one has talked with, else anyone by popularity.
const MENTION_FOLLOWED: f64 = 0.5;
const MENTION_PARTNER: f64 = 0.3;
/// Recent posts remembered per account, partners per account, and posts overall, to answer and repost.
const RECENT_PER_ACCOUNT: usize = 16;
const PARTNERS: usize = 8;
const RECENT_OVERALL: usize = 2_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Original,
    Reply { parent: u32 },
    Reblog { of: u32 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    No,
    Offer,
    Seeker,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Post {
    pub author: u32,
    pub ms: u64,
    pub kind: Kind,
    pub visibility: Visibility,
    pub job: Job,
    /// Range into `Activity::mentions` and `Activity::tags`.
    pub mentions: (u32, u8),
    pub tags: (u32, u8),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Favourite {
    pub account: u32,
    pub post: u32,
    pub ms: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Activity {
    pub posts: Vec<Post>,
    /// Mentioned accounts, each post's in a run.
    pub mentions: Vec<u32>,
    /// Hashtags (indexes into `vocabulary::TAGS`), each post's in a run.
    pub tags: Vec<u16>,
    pub favourites: Vec<Favourite>,
}

impl Activity {
    pub fn mentions_of(&self, p: &Post) -> &[u32] {
        &self.mentions[p.mentions.0 as usize..p.mentions.0 as usize + p.mentions.1 as usize]
    }

    pub fn tags_of(&self, p: &Post) -> &[u16] {
        &self.tags[p.tags.0 as usize..p.tags.0 as usize + p.tags.1 as usize]
    }
}

fn push_bounded(q: &mut VecDeque<u32>, v: u32, cap: usize) {
    if q.len() == cap {
        q.pop_front();
    }
    q.push_back(v);
}

struct State<'g> {
    graph: &'g Graph,
    posts: Vec<Post>,
    /// Open (public or unlisted) non-reblog posts of each account, newest last.
    recent: Vec<VecDeque<u32>>,
    recent_overall: VecDeque<u32>,
    /// Accounts each account has mentioned, answered or reposted, or been mentioned or answered by.
    partners: Vec<VecDeque<u32>>,
    /// Open posts that mention each account.
    mentioned_in: Vec<VecDeque<u32>>,
    reblogged: HashSet<u64>,
    favourited: HashSet<u64>,
    popular: WeightedIndex<f64>,
}

fn any(q: &VecDeque<u32>, rng: &mut impl Rng) -> Option<u32> {
    (!q.is_empty()).then(|| q[rng.gen_range(0..q.len())])
}

fn pair(a: u32, b: u32) -> u64 {
    (a as u64) << 32 | b as u64
}

impl State<'_> {
    /// A recent open post by someone `who` follows (else by anyone), not `who`'s own; job posts are drawn
    /// twice as often when `favour_jobs`.
    fn network_post(&self, who: u32, favour_jobs: bool, rng: &mut impl Rng) -> Option<u32> {
        let following = &self.graph.following[who as usize];
        for attempt in 0..6 {
            let candidate = if attempt < 4 && !following.is_empty() {
                let f = *following.choose(rng)?;
                any(&self.recent[f as usize], rng)
            } else {
                any(&self.recent_overall, rng)
            };
            let Some(p) = candidate else { continue };
            let post = &self.posts[p as usize];
            if post.author == who {
                continue;
            }
            if favour_jobs && post.job == Job::No && attempt < 5 && rng.gen::<bool>() {
                continue;
            }
            return Some(p);
        }
        None
    }

    fn mention_target(&self, who: u32, rng: &mut impl Rng) -> u32 {
        let r: f64 = rng.gen();
        let following = &self.graph.following[who as usize];
        let partners = &self.partners[who as usize];
        if r < MENTION_FOLLOWED && !following.is_empty() {
            *following.choose(rng).expect("not empty")
        } else if r < MENTION_FOLLOWED + MENTION_PARTNER && !partners.is_empty() {
            partners[rng.gen_range(0..partners.len())]
        } else {
            self.popular.sample(rng) as u32
        }
    }

    fn talked(&mut self, a: u32, b: u32) {
        if a != b {
            push_bounded(&mut self.partners[a as usize], b, PARTNERS);
            push_bounded(&mut self.partners[b as usize], a, PARTNERS);
        }
    }
}

/// `count` statuses (and their favourites) spread over [start, start + span) milliseconds.
pub fn generate(seed: u64, graph: &Graph, count: usize, start: u64, span: u64) -> Activity {
    let n = graph.following.len();
    let mut rng = stream(seed, 20);
    let weights: Vec<f64> = (0..n)
        .map(|a| {
            let quiet = if graph.following[a].is_empty() {
                0.3
            } else {
                1.0
            };
            graph.popularity[a].sqrt() * log_normal(&mut rng, 1.0, 1.0) * quiet
        })
        .collect();
    let pick_author = WeightedIndex::new(&weights).expect("positive weights");
    let mut s = State {
        graph,
        posts: Vec::with_capacity(count),
        recent: vec![VecDeque::new(); n],
        recent_overall: VecDeque::new(),
        partners: vec![VecDeque::new(); n],
        mentioned_in: vec![VecDeque::new(); n],
        reblogged: HashSet::new(),
        favourited: HashSet::new(),
        popular: WeightedIndex::new(&graph.popularity).expect("positive weights"),
    };
    let mut mentions: Vec<u32> = Vec::new();
    let mut tags: Vec<u16> = Vec::new();
    let mut favourites = Vec::new();

    for k in 0..count {
        let ms = time_at(seed, 21, start, span, count, k);
        let author = pick_author.sample(&mut rng) as u32;
        let roll: f64 = rng.gen();
        let mut kind = Kind::Original;
        if roll < REBLOG_SHARE {
            if let Some(of) = s.network_post(author, true, &mut rng) {
                if s.reblogged.insert(pair(of, author)) {
                    kind = Kind::Reblog { of };
                }
            }
        } else if roll < REBLOG_SHARE + REPLY_SHARE {
            let parent = if rng.gen::<f64>() < 0.35 && !s.mentioned_in[author as usize].is_empty() {
                any(&s.mentioned_in[author as usize], &mut rng)
            } else {
                s.network_post(author, false, &mut rng)
            };
            if let Some(parent) = parent.filter(|&p| s.posts[p as usize].author != author) {
                kind = Kind::Reply { parent };
            }
        }

        let m_start = mentions.len() as u32;
        let t_start = tags.len() as u32;
        let mut job = Job::No;
        let visibility = match kind {
            Kind::Reblog { of } => {
                let original = s.posts[of as usize].author;
                s.talked(author, original);
                Visibility::Public
            }
            Kind::Reply { parent } => {
                let to = s.posts[parent as usize].author;
                mentions.push(to);
                s.talked(author, to);
                if rng.gen::<f64>() < 0.1 {
                    let extra = s.mention_target(author, &mut rng);
                    if extra != author && extra != to {
                        mentions.push(extra);
                    }
                }
                if rng.gen::<f64>() < 0.05 {
                    tags.push(rng.gen_range(2..TAGS.len() as u16));
                }
                if rng.gen::<f64>() < 0.85 {
                    Visibility::Public
                } else {
                    Visibility::Unlisted
                }
            }
            Kind::Original => {
                let r: f64 = rng.gen();
                job = if r < OFFER_SHARE {
                    Job::Offer
                } else if r < OFFER_SHARE + SEEKER_SHARE {
                    Job::Seeker
                } else {
                    Job::No
                };
                let v: f64 = rng.gen();
                let visibility = match job {
                    Job::No if v < 0.01 => Visibility::Direct,
                    Job::No if v < 0.05 => Visibility::Private,
                    Job::No if v < 0.15 => Visibility::Unlisted,
                    _ => Visibility::Public,
                };
                if visibility == Visibility::Direct || rng.gen::<f64>() < MENTION_SHARE {
                    let wanted = match rng.gen::<f64>() {
                        x if x < 0.7 => 1,
                        x if x < 0.9 => 2,
                        _ => 3,
                    };
                    for _ in 0..wanted * 4 {
                        if mentions.len() - m_start as usize == wanted {
                            break;
                        }
                        let m = s.mention_target(author, &mut rng);
                        if m != author && !mentions[m_start as usize..].contains(&m) {
                            mentions.push(m);
                        }
                    }
                    if mentions.len() == m_start as usize {
                        // Everyone drawn was the author: mention the most popular account instead.
                        mentions.push(if author == 0 { 1 } else { 0 });
                    }
                    let named: Vec<u32> = mentions[m_start as usize..].to_vec();
                    for m in named {
                        s.talked(author, m);
                    }
                }
                match job {
                    Job::Offer => tags.push(HIRING),
                    Job::Seeker => tags.push(OPEN_TO_WORK),
                    Job::No => {}
                }
                let topic_share = if job == Job::No { TAG_SHARE } else { 0.4 };
                if rng.gen::<f64>() < topic_share {
                    let how_many = if job == Job::No && rng.gen::<f64>() < 0.3 {
                        2
                    } else {
                        1
                    };
                    for _ in 0..how_many {
                        let t = rng.gen_range(JOB_TOPICS.start..TAGS.len() as u16);
                        if !tags[t_start as usize..].contains(&t) {
                            tags.push(t);
                        }
                    }
                }
                visibility
            }
        };
        let post = Post {
            author,
            ms,
            kind,
            visibility,
            job,
            mentions: (m_start, (mentions.len() - m_start as usize) as u8),
            tags: (t_start, (tags.len() - t_start as usize) as u8),
        };
        let k32 = k as u32;
        if !matches!(kind, Kind::Reblog { .. }) && visibility.is_open() {
            push_bounded(&mut s.recent[author as usize], k32, RECENT_PER_ACCOUNT);
            push_bounded(&mut s.recent_overall, k32, RECENT_OVERALL);
            for &m in &mentions[m_start as usize..] {
                push_bounded(&mut s.mentioned_in[m as usize], k32, 4);
            }
        }
        s.posts.push(post);

        // Favourites land on recent posts while the month goes by.
        let mut due = FAVOURITES_PER_POST;
        while due > 0.0 {
            if rng.gen::<f64>() < due {
                let liker = pick_author.sample(&mut rng) as u32;
                if let Some(p) = s.network_post(liker, false, &mut rng) {
                    if s.favourited.insert(pair(p, liker)) {
                        favourites.push(Favourite {
                            account: liker,
                            post: p,
                            ms,
                        });
                    }
                }
            }
            due -= 1.0;
        }
    }
    Activity {
        posts: s.posts,
        mentions,
        tags,
        favourites,
    }
}
