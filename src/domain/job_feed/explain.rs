//! Why a post is in the feed, in words: "Reposted by @sam, whom you mentioned 3 times this month · 6 mutual
//! contacts". Accounts are named only when the caller's `visible_name` names them; anyone else is "someone" and
//! left out of the path. Only the viewer's own actions are described; what others did to each other is not
//! (it may have been in a post the viewer cannot see), beyond the touch the caller passed as visible.

use std::collections::HashMap;

use super::candidate::{Action, Touch};
use super::edges::{Edge, EdgeKind};
use super::settings::JobFeedSettings;
use super::walks::CircleMember;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    pub text: String,
    /// Visible accounts from the viewer's side to the post: the intermediary, the member who touched the post,
    /// then the author (each once, the viewer left out).
    pub path: Vec<u32>,
}

/// The explanation of a post through its strongest circle touch (`touch` by `member`), with `others` further
/// circle members who touched it.
#[allow(clippy::too_many_arguments)]
pub fn explain(
    author: u32,
    touch: Touch,
    member: &CircleMember,
    others: usize,
    viewer: u32,
    own_edges: &HashMap<u32, Edge>,
    visible_name: &dyn Fn(u32) -> Option<String>,
    s: &JobFeedSettings,
    now: i64,
) -> Explanation {
    let name = |a: u32| visible_name(a).map(|n| format!("@{n}"));
    let lead = match touch.action {
        Action::Authored => "Posted by",
        Action::Reposted => "Reposted by",
        Action::Replied => "Replied to by",
    };
    // The account the viewer knows directly: the member itself, or its intermediary.
    let known = if member.hop == 1 {
        Some(member.account)
    } else {
        member.via
    };
    let relation = known
        .and_then(|k| own_edges.get(&k))
        .map(|e| relation(e, s, now));
    let describe = |who: Option<String>| match (who, &relation) {
        (Some(n), Some(r)) => format!("{n}, {}", r.after_name()),
        (Some(n), None) => n,
        (None, Some(r)) => format!("someone {}", r.after_someone()),
        (None, None) => "someone in your network".to_owned(),
    };
    let mut text = if member.hop == 1 {
        format!("{lead} {}", describe(name(member.account)))
    } else {
        let who = name(member.account).unwrap_or_else(|| "someone".to_owned());
        format!("{lead} {who} via {}", describe(known.and_then(name)))
    };
    match member.mutual {
        0 => {}
        1 => text.push_str(" · 1 mutual contact"),
        n => text.push_str(&format!(" · {n} mutual contacts")),
    }
    match others {
        0 => {}
        1 => text.push_str(" · and 1 other in your circle"),
        n => text.push_str(&format!(" · and {n} others in your circle")),
    }

    let mut path: Vec<u32> = Vec::new();
    for a in [member.via, Some(member.account), Some(author)]
        .into_iter()
        .flatten()
    {
        if a != viewer && !path.contains(&a) && visible_name(a).is_some() {
            path.push(a);
        }
    }
    Explanation { text, path }
}

/// What the viewer did to an account, as a clause.
struct Relation {
    whose_posts: bool,
    rest: String,
}

impl Relation {
    fn after_name(&self) -> String {
        if self.whose_posts {
            format!("whose posts {}", self.rest)
        } else {
            format!("whom {}", self.rest)
        }
    }

    fn after_someone(&self) -> String {
        if self.whose_posts {
            format!("whose posts {}", self.rest)
        } else {
            self.rest.clone()
        }
    }
}

/// The strongest thing the viewer did on `e` this month, with its count; else the strongest recent one;
/// else the follow.
fn relation(e: &Edge, s: &JobFeedSettings, now: i64) -> Relation {
    let verb = |k: EdgeKind| match k {
        EdgeKind::Mention => (false, "you mentioned"),
        EdgeKind::Reply => (false, "you replied to"),
        EdgeKind::Reblog => (true, "you reposted"),
        EdgeKind::Favourite => (true, "you favourited"),
        EdgeKind::Follow => (false, "you follow"),
    };
    let this_month = EdgeKind::DECAYED
        .iter()
        .map(|k| (*k, e.this_month(*k, now)))
        .fold(None, |best: Option<(EdgeKind, u16)>, (k, n)| match best {
            Some((_, m)) if m >= n => best,
            _ if n > 0 => Some((k, n)),
            _ => best,
        });
    if let Some((k, n)) = this_month {
        let (whose_posts, v) = verb(k);
        let times = match n {
            1 => "once".to_owned(),
            2 => "twice".to_owned(),
            n => format!("{n} times"),
        };
        return Relation {
            whose_posts,
            rest: format!("{v} {times} this month"),
        };
    }
    let recent = EdgeKind::DECAYED
        .iter()
        .map(|k| (*k, e.count_at(*k, now, s)))
        .filter(|(_, c)| *c > 0.0)
        .max_by(|a, b| a.1.total_cmp(&b.1));
    match recent {
        Some((k, _)) => {
            let (whose_posts, v) = verb(k);
            Relation {
                whose_posts,
                rest: format!("{v} recently"),
            }
        }
        None => {
            let (whose_posts, v) = verb(EdgeKind::Follow);
            Relation {
                whose_posts,
                rest: v.to_owned(),
            }
        }
    }
}
