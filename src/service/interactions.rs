//! Reblogs and favourites: one per account per status, idempotent, with the counters kept true. Acting on a
//! reblog acts on its original, as in Mastodon.

use crate::db::accounts;
use crate::db::favourites::{self, Favourite};
use crate::db::statuses::{self, Counter, Status};
use crate::db::{insert_once, types, write_transaction, DbConnection, Id};
use crate::domain::job_feed::{EdgeKind, JobFeedSettings};
use crate::domain::notification_kind::NotificationKind;
use crate::domain::visibility::Visibility;
use crate::error::ApiError;
use crate::service::audience::{self, Viewer};
use crate::service::interaction_graph;
use crate::service::notifications::{notify, withdraw};

/// The status `id` names as `me` may act on it: visible, and the original when `id` is a reblog.
fn target(conn: &mut DbConnection, me: Id, id: Id) -> Result<Status, ApiError> {
    let viewer = Viewer::load(conn, me)?;
    let shown = audience::find_visible(conn, Some(&viewer), id)?;
    match shown.reblog_of_id {
        Some(original) => audience::find_visible(conn, Some(&viewer), original),
        None => Ok(shown),
    }
}

/// Reblogs `id` with the wrapper's `visibility` (public by default); returns the wrapper's id.
pub fn reblog(
    conn: &mut DbConnection,
    graph: &JobFeedSettings,
    me: Id,
    id: Id,
    visibility: Visibility,
) -> Result<Id, ApiError> {
    if visibility == Visibility::Direct {
        return Err(ApiError::unprocessable(
            "Visibility of a reblog must be public, unlisted or private",
        ));
    }
    write_transaction(conn, |conn| {
        let original = target(conn, me, id)?;
        statuses::lock(conn, &[original.id])?;
        if !original.visibility().is_open() {
            return Err(ApiError::forbidden("This action is not allowed"));
        }
        if let Some(existing) = statuses::find_reblog(conn, me, original.id)? {
            return Ok(existing.id);
        }
        let now = types::now();
        let wrapper = Status {
            id: Id::new(),
            account_id: me,
            text: String::new(),
            content: String::new(),
            spoiler_text: String::new(),
            visibility: visibility.code(),
            sensitive: false,
            language: None,
            in_reply_to_id: None,
            in_reply_to_account_id: None,
            reblog_of_id: Some(original.id),
            replies_count: 0,
            reblogs_count: 0,
            favourites_count: 0,
            created_at: now,
            // A reblog has no text of its own to examine; its original carries the signals.
            job_kind: None,
            job_score: 0.0,
            job_signals: Some("[]".into()),
            passes_on_job: original.job_kind,
        };
        if insert_once(conn, |conn| statuses::insert(conn, &wrapper))? {
            // Accounts before statuses, the order every use case takes its counter locks in.
            accounts::bump_statuses(conn, me, 1, Some(now))?;
            statuses::bump(conn, original.id, Counter::Reblogs, 1)?;
            notify(
                conn,
                original.account_id,
                me,
                NotificationKind::Reblog,
                Some(original.id),
            )?;
            // A followers-only reblog is not something third parties may learn of through the job feed.
            if visibility.is_open() {
                interaction_graph::record(conn, graph, me, original.account_id, EdgeKind::Reblog)?;
            }
            return Ok(wrapper.id);
        }
        statuses::find_reblog(conn, me, original.id)?
            .map(|s| s.id)
            .ok_or_else(ApiError::not_found)
    })
}

/// The original `id` names (itself, or what it reblogs), whether or not `me` may still see it: undoing one's
/// own reblog or favourite works even after the author has blocked one.
fn own_target(conn: &mut DbConnection, id: Id) -> Result<Status, ApiError> {
    let row = statuses::find(conn, id)?.ok_or_else(ApiError::not_found)?;
    match row.reblog_of_id {
        Some(original) => statuses::find(conn, original)?.ok_or_else(ApiError::not_found),
        None => Ok(row),
    }
}

/// Undoes `me`'s reblog of `id` if there is one; returns the original's id. Without a reblog to undo, a
/// status `me` may not see is the usual 404.
pub fn unreblog(conn: &mut DbConnection, me: Id, id: Id) -> Result<Id, ApiError> {
    write_transaction(conn, |conn| {
        let original = own_target(conn, id)?;
        statuses::lock(conn, &[original.id])?;
        let Some(wrapper) = statuses::find_reblog(conn, me, original.id)? else {
            return target(conn, me, id).map(|s| s.id);
        };
        if statuses::delete(conn, wrapper.id)? {
            accounts::bump_statuses(conn, me, -1, None)?;
            statuses::bump(conn, original.id, Counter::Reblogs, -1)?;
            withdraw(
                conn,
                original.account_id,
                me,
                NotificationKind::Reblog,
                Some(original.id),
            )?;
        }
        Ok(original.id)
    })
}

/// Favourites `id`; returns the favourited status's id.
pub fn favourite(
    conn: &mut DbConnection,
    graph: &JobFeedSettings,
    me: Id,
    id: Id,
) -> Result<Id, ApiError> {
    write_transaction(conn, |conn| {
        let status = target(conn, me, id)?;
        let row = Favourite {
            id: Id::new(),
            account_id: me,
            status_id: status.id,
            created_at: types::now(),
        };
        if insert_once(conn, |conn| favourites::insert(conn, &row))? {
            statuses::bump(conn, status.id, Counter::Favourites, 1)?;
            notify(
                conn,
                status.account_id,
                me,
                NotificationKind::Favourite,
                Some(status.id),
            )?;
            // Only a favourite of an open post may be told to third parties (suggestions name who
            // favourited whom): one of a private or direct post makes no edge.
            if status.visibility().is_open() {
                interaction_graph::record(conn, graph, me, status.account_id, EdgeKind::Favourite)?;
            }
        }
        Ok(status.id)
    })
}

/// Undoes `me`'s favourite of `id`; like `unreblog`, it works on a status that has since been hidden.
pub fn unfavourite(conn: &mut DbConnection, me: Id, id: Id) -> Result<Id, ApiError> {
    write_transaction(conn, |conn| {
        let status = own_target(conn, id)?;
        if favourites::delete(conn, me, status.id)? {
            statuses::bump(conn, status.id, Counter::Favourites, -1)?;
            withdraw(
                conn,
                status.account_id,
                me,
                NotificationKind::Favourite,
                Some(status.id),
            )?;
            return Ok(status.id);
        }
        target(conn, me, id).map(|s| s.id)
    })
}
