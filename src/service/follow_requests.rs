//! The owner of a locked account answers follow requests: authorizing one makes the follow, rejecting
//! one drops it. Either way the request is gone.

use crate::db::{accounts, follow_requests};
use crate::db::{write_transaction, DbConnection, Id};
use crate::error::ApiError;
use crate::service::relationships::{
    self, drop_request, lock_between, start_following, Relationship,
};

/// `me` lets `requester` follow it; answers how `me` stands towards `requester`.
pub fn authorize(conn: &mut DbConnection, me: Id, requester: Id) -> Result<Relationship, ApiError> {
    write_transaction(conn, |conn| {
        lock_between(conn, me, requester)?;
        if !accept(conn, me, requester)? {
            return Err(ApiError::not_found());
        }
        relationships::relationship(conn, me, requester)
    })
}

pub fn reject(conn: &mut DbConnection, me: Id, requester: Id) -> Result<Relationship, ApiError> {
    write_transaction(conn, |conn| {
        lock_between(conn, me, requester)?;
        if !drop_request(conn, requester, me)? {
            return Err(ApiError::not_found());
        }
        relationships::relationship(conn, me, requester)
    })
}

/// Authorizes every waiting request, inside the caller's transaction, before the account is unlocked: the
/// owner and every requester are locked together, in id order, first.
pub(crate) fn accept_all(conn: &mut DbConnection, me: Id) -> Result<(), ApiError> {
    let requesters: Vec<Id> = follow_requests::waiting_for(conn, me)?
        .into_iter()
        .map(|(_, requester)| requester)
        .collect();
    let mut everyone = requesters.clone();
    everyone.push(me);
    accounts::lock(conn, &everyone)?;
    for requester in requesters {
        accept(conn, me, requester)?;
    }
    Ok(())
}

/// Turns `requester`'s request into a follow; false if there was none. The pair is locked by the caller.
fn accept(conn: &mut DbConnection, me: Id, requester: Id) -> Result<bool, ApiError> {
    let Some(request) = follow_requests::find(conn, requester, me)? else {
        return Ok(false);
    };
    drop_request(conn, requester, me)?;
    if start_following(conn, requester, me, request.show_reblogs)? {
        crate::service::interaction_graph::followed(conn, requester, me)?;
    }
    Ok(true)
}
