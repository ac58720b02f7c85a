//! The counters the server keeps beside the rows, computed from the generated rows by the server's own
//! rules: a direct post is not counted in `statuses_count` (a reblog is), a reply counts in the parent's
//! `replies_count` only when it is public or unlisted, and `last_status_at` is the newest counted status.

use super::activity::{Activity, Kind};
use super::graph::Graph;

pub struct AccountCounters {
    pub followers: Vec<u32>,
    pub following: Vec<u32>,
    pub statuses: Vec<u32>,
    pub last_status_ms: Vec<Option<u64>>,
}

pub struct StatusCounters {
    pub replies: Vec<u32>,
    pub reblogs: Vec<u32>,
    pub favourites: Vec<u32>,
}

pub fn count(graph: &Graph, activity: &Activity) -> (AccountCounters, StatusCounters) {
    let n = graph.following.len();
    let mut accounts = AccountCounters {
        followers: graph.followers_count.clone(),
        following: graph.following.iter().map(|f| f.len() as u32).collect(),
        statuses: vec![0; n],
        last_status_ms: vec![None; n],
    };
    let p = activity.posts.len();
    let mut statuses = StatusCounters {
        replies: vec![0; p],
        reblogs: vec![0; p],
        favourites: vec![0; p],
    };
    for post in &activity.posts {
        if post.visibility.counts_as_post() || matches!(post.kind, Kind::Reblog { .. }) {
            let a = post.author as usize;
            accounts.statuses[a] += 1;
            accounts.last_status_ms[a] =
                Some(accounts.last_status_ms[a].map_or(post.ms, |t| t.max(post.ms)));
        }
        match post.kind {
            Kind::Reply { parent } if post.visibility.is_open() => {
                statuses.replies[parent as usize] += 1
            }
            Kind::Reblog { of } => statuses.reblogs[of as usize] += 1,
            _ => {}
        }
    }
    for f in &activity.favourites {
        statuses.favourites[f.post as usize] += 1;
    }
    (accounts, statuses)
}
