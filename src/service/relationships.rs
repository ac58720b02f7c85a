//! Follows, blocks and mutes between two accounts, and the Relationship each pair shows. Every change is
//! idempotent and keeps the follow counters true, also when the same request arrives twice at once.

use std::collections::HashSet;

use crate::db::accounts::{self, Account, FollowCounter};
use crate::db::blocks::{self, Block};
use crate::db::follow_requests::{self, FollowRequest};
use crate::db::follows::{self, Follow};
use crate::db::mutes::{self, Mute};
use crate::db::{insert_once, types, write_transaction, DbConnection, Id};
use crate::domain::notification_kind::NotificationKind;
use crate::error::ApiError;
use crate::service::interaction_graph;
use crate::service::notifications::{notify, withdraw};

/// How one account stands towards another.
#[derive(Debug, Clone, Default)]
pub struct Relationship {
    pub id: Id,
    pub following: bool,
    pub showing_reblogs: bool,
    pub followed_by: bool,
    pub blocking: bool,
    pub blocked_by: bool,
    pub muting: bool,
    pub muting_notifications: bool,
    /// `me` asked to follow a locked account that has not answered yet.
    pub requested: bool,
    /// The other account asked to follow `me`, which is locked.
    pub requested_by: bool,
}

/// Follows `target` (or updates the reblogs flag of an existing follow). A locked target gets a follow
/// request instead, which its owner authorizes or rejects (`service::follow_requests`).
pub fn follow(
    conn: &mut DbConnection,
    me: Id,
    target: Id,
    show_reblogs: Option<bool>,
) -> Result<Relationship, ApiError> {
    write_transaction(conn, |conn| {
        let target_account = lock_between(conn, me, target)?;
        if me == target {
            return Err(ApiError::forbidden("You cannot follow yourself"));
        }
        if blocks::exists(conn, target, me)? {
            // As in Mastodon; the Relationship shows `blocked_by` anyway.
            return Err(ApiError::forbidden("This action is not allowed"));
        }
        if blocks::exists(conn, me, target)? {
            return Err(ApiError::forbidden(
                "Unblock this account before following it",
            ));
        }
        if let Some(existing) = follows::find(conn, me, target)? {
            if let Some(show) = show_reblogs.filter(|s| *s != existing.show_reblogs) {
                follows::set_show_reblogs(conn, existing.id, show)?;
            }
        } else if target_account.locked {
            let row = FollowRequest {
                id: Id::new(),
                account_id: me,
                target_account_id: target,
                show_reblogs: show_reblogs.unwrap_or(true),
                created_at: types::now(),
            };
            if insert_once(conn, |conn| follow_requests::insert(conn, &row))? {
                notify(conn, target, me, NotificationKind::FollowRequest, None)?;
            }
        } else if start_following(conn, me, target, show_reblogs.unwrap_or(true))? {
            interaction_graph::followed(conn, me, target)?;
            notify(conn, target, me, NotificationKind::Follow, None)?;
        }
        relationship(conn, me, target)
    })
}

pub fn unfollow(conn: &mut DbConnection, me: Id, target: Id) -> Result<Relationship, ApiError> {
    write_transaction(conn, |conn| {
        lock_between(conn, me, target)?;
        drop_follow(conn, me, target)?;
        drop_request(conn, me, target)?;
        relationship(conn, me, target)
    })
}

/// Blocks `target`: follows end both ways and each disappears from the other's view.
pub fn block(conn: &mut DbConnection, me: Id, target: Id) -> Result<Relationship, ApiError> {
    write_transaction(conn, |conn| {
        lock_between(conn, me, target)?;
        if me == target {
            return Err(ApiError::forbidden("You cannot block yourself"));
        }
        let row = Block {
            id: Id::new(),
            account_id: me,
            target_account_id: target,
            created_at: types::now(),
        };
        insert_once(conn, |conn| blocks::insert(conn, &row))?;
        drop_follow(conn, me, target)?;
        drop_follow(conn, target, me)?;
        drop_request(conn, me, target)?;
        drop_request(conn, target, me)?;
        // Blocked either way: no walk passes between the two.
        interaction_graph::severed(conn, me, target, false)?;
        interaction_graph::severed(conn, target, me, false)?;
        relationship(conn, me, target)
    })
}

pub fn unblock(conn: &mut DbConnection, me: Id, target: Id) -> Result<Relationship, ApiError> {
    write_transaction(conn, |conn| {
        lock_between(conn, me, target)?;
        blocks::delete(conn, me, target)?;
        relationship(conn, me, target)
    })
}

/// Mutes `target`; `notifications` (default true) also silences its notifications.
pub fn mute(
    conn: &mut DbConnection,
    me: Id,
    target: Id,
    notifications: Option<bool>,
) -> Result<Relationship, ApiError> {
    write_transaction(conn, |conn| {
        existing_account(conn, target)?;
        if me == target {
            return Err(ApiError::forbidden("You cannot mute yourself"));
        }
        match mutes::find(conn, me, target)? {
            Some(existing) => {
                if let Some(hide) = notifications.filter(|h| *h != existing.hide_notifications) {
                    mutes::set_hide_notifications(conn, existing.id, hide)?;
                }
            }
            None => {
                let row = Mute {
                    id: Id::new(),
                    account_id: me,
                    target_account_id: target,
                    hide_notifications: notifications.unwrap_or(true),
                    created_at: types::now(),
                };
                insert_once(conn, |conn| mutes::insert(conn, &row))?;
            }
        }
        interaction_graph::severed(conn, me, target, true)?;
        relationship(conn, me, target)
    })
}

pub fn unmute(conn: &mut DbConnection, me: Id, target: Id) -> Result<Relationship, ApiError> {
    write_transaction(conn, |conn| {
        existing_account(conn, target)?;
        mutes::delete(conn, me, target)?;
        relationship(conn, me, target)
    })
}

/// How `me` stands towards `target`.
pub fn relationship(conn: &mut DbConnection, me: Id, target: Id) -> Result<Relationship, ApiError> {
    relationships(conn, me, &[target])?
        .pop()
        .ok_or_else(ApiError::not_found)
}

/// How `me` stands towards each of `ids` that names an account, in their order.
pub fn towards_existing(
    conn: &mut DbConnection,
    me: Id,
    ids: &[Id],
) -> Result<Vec<Relationship>, ApiError> {
    let known: Vec<Id> = accounts::find_many(conn, ids)?
        .iter()
        .map(|a| a.id)
        .collect();
    relationships(conn, me, &known)
}

/// How `me` stands towards each of `targets`, in their order.
pub fn relationships(
    conn: &mut DbConnection,
    me: Id,
    targets: &[Id],
) -> Result<Vec<Relationship>, ApiError> {
    let following = follows::followed_among(conn, me, targets)?;
    let followed_by: HashSet<Id> = follows::followers_among(conn, me, targets)?
        .into_iter()
        .collect();
    let blocking: HashSet<Id> = blocks::blocked_among(conn, me, targets)?
        .into_iter()
        .collect();
    let blocked_by: HashSet<Id> = blocks::blockers_among(conn, me, targets)?
        .into_iter()
        .collect();
    let muting = mutes::targets(conn, me)?;
    let requested: HashSet<Id> = follow_requests::requested_among(conn, me, targets)?
        .into_iter()
        .collect();
    let requested_by: HashSet<Id> = follow_requests::requesters_among(conn, me, targets)?
        .into_iter()
        .collect();
    Ok(targets
        .iter()
        .map(|&id| {
            let follow = following.iter().find(|f| f.target_account_id == id);
            let mute = muting.iter().find(|m| m.target_account_id == id);
            Relationship {
                id,
                following: follow.is_some(),
                showing_reblogs: follow.is_some_and(|f| f.show_reblogs),
                followed_by: followed_by.contains(&id),
                blocking: blocking.contains(&id),
                blocked_by: blocked_by.contains(&id),
                muting: mute.is_some(),
                muting_notifications: mute.is_some_and(|m| m.hide_notifications),
                requested: requested.contains(&id),
                requested_by: requested_by.contains(&id),
            }
        })
        .collect())
}

fn existing_account(conn: &mut DbConnection, id: Id) -> Result<Account, ApiError> {
    accounts::find(conn, id)?.ok_or_else(ApiError::not_found)
}

/// The start of every change between two accounts that touches follows or blocks: `target` must exist, and
/// both accounts are locked so such changes between the same pair run one after the other.
pub(crate) fn lock_between(
    conn: &mut DbConnection,
    me: Id,
    target: Id,
) -> Result<Account, ApiError> {
    // Lock first, read after: the target's `locked` flag is then the committed one.
    accounts::lock(conn, &[me, target])?;
    existing_account(conn, target)
}

/// Makes `follower` follow `target` now; counted only if this call made the follow, and then true.
pub(crate) fn start_following(
    conn: &mut DbConnection,
    follower: Id,
    target: Id,
    show_reblogs: bool,
) -> Result<bool, ApiError> {
    let row = Follow {
        id: Id::new(),
        account_id: follower,
        target_account_id: target,
        show_reblogs,
        created_at: types::now(),
    };
    let made = insert_once(conn, |conn| follows::insert(conn, &row))?;
    if made {
        count_follow(conn, follower, target, 1)?;
    }
    Ok(made)
}

fn drop_follow(conn: &mut DbConnection, follower: Id, target: Id) -> Result<(), ApiError> {
    if follows::delete(conn, follower, target)? {
        count_follow(conn, follower, target, -1)?;
        interaction_graph::unfollowed(conn, follower, target)?;
        withdraw(conn, target, follower, NotificationKind::Follow, None)?;
    }
    Ok(())
}

/// Removes `requester`'s request to follow `target`, and the notification it caused; false if there was
/// none.
pub(crate) fn drop_request(
    conn: &mut DbConnection,
    requester: Id,
    target: Id,
) -> Result<bool, ApiError> {
    let dropped = follow_requests::delete(conn, requester, target)?;
    if dropped {
        withdraw(
            conn,
            target,
            requester,
            NotificationKind::FollowRequest,
            None,
        )?;
    }
    Ok(dropped)
}

fn count_follow(
    conn: &mut DbConnection,
    follower: Id,
    target: Id,
    delta: i64,
) -> Result<(), ApiError> {
    accounts::bump_follows(conn, follower, FollowCounter::Following, delta)?;
    accounts::bump_follows(conn, target, FollowCounter::Followers, delta)?;
    Ok(())
}
