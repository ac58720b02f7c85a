//! A status's thread: the replies above it and the replies below it that the viewer may see.

use std::collections::HashMap;

use crate::db::statuses::{self, Status};
use crate::db::{DbConnection, Id};
use crate::error::ApiError;
use crate::service::audience::{self, Viewer};

/// How far up a thread is followed.
const MAX_ANCESTORS: usize = 40;
/// How many replies below a status are gathered, and how deep.
const MAX_DESCENDANTS: usize = 200;
const MAX_DEPTH: usize = 20;

pub struct Thread {
    /// Oldest first.
    pub ancestors: Vec<Status>,
    /// Depth first, each branch in the order its replies were posted.
    pub descendants: Vec<Status>,
}

pub fn thread(
    conn: &mut DbConnection,
    viewer: Option<&Viewer>,
    id: Id,
) -> Result<Thread, ApiError> {
    let status = audience::find_visible(conn, viewer, id)?;

    let mut ancestors = Vec::new();
    let mut next = status.in_reply_to_id;
    while let Some(parent) = next.filter(|_| ancestors.len() < MAX_ANCESTORS) {
        let Some(row) = statuses::find(conn, parent)? else {
            break;
        };
        next = row.in_reply_to_id;
        ancestors.push(row);
    }
    ancestors.reverse();

    let mut children: HashMap<Id, Vec<Status>> = HashMap::new();
    let mut frontier = vec![status.id];
    let mut gathered = 0;
    for _ in 0..MAX_DEPTH {
        if frontier.is_empty() || gathered >= MAX_DESCENDANTS {
            break;
        }
        let replies = statuses::replies_to(conn, &frontier, MAX_DESCENDANTS - gathered)?;
        gathered += replies.len();
        frontier = replies.iter().map(|r| r.id).collect();
        for reply in replies {
            let parent = reply.in_reply_to_id.unwrap_or(status.id);
            children.entry(parent).or_default().push(reply);
        }
    }
    let mut descendants = Vec::new();
    let mut stack: Vec<Status> = children.remove(&status.id).unwrap_or_default();
    stack.reverse();
    while let Some(next) = stack.pop() {
        if let Some(mut below) = children.remove(&next.id) {
            below.reverse();
            stack.extend(below);
        }
        descendants.push(next);
        if descendants.len() >= MAX_DESCENDANTS {
            break;
        }
    }

    let ancestors = audience::visible(conn, viewer, ancestors)?;
    let descendants = audience::visible(conn, viewer, descendants)?
        .into_iter()
        .filter(|s| viewer.is_none_or(|v| !v.muted.contains(&s.account_id)))
        .collect();
    Ok(Thread {
        ancestors,
        descendants,
    })
}
