//! The owner of a locked account answers follow requests: authorizing one makes the follow, rejecting
//! one drops it. Either way the request is gone.

use crate::db::follow_requests;
use crate::db::{write_transaction, DbConnection, Id};
use crate::error::ApiError;
use crate::service::relationships::{self, existing_account, start_following, Relationship};

/// `me` lets `requester` follow it; answers how `me` stands towards `requester`.
pub fn authorize(conn: &mut DbConnection, me: Id, requester: Id) -> Result<Relationship, ApiError> {
    write_transaction(conn, |conn| {
        existing_account(conn, requester)?;
        let request =
            follow_requests::find(conn, requester, me)?.ok_or_else(ApiError::not_found)?;
        follow_requests::delete(conn, requester, me)?;
        start_following(conn, requester, me, request.show_reblogs)?;
        Ok(relationships::relationships(conn, me, &[requester])?.remove(0))
    })
}

pub fn reject(conn: &mut DbConnection, me: Id, requester: Id) -> Result<Relationship, ApiError> {
    write_transaction(conn, |conn| {
        existing_account(conn, requester)?;
        if !follow_requests::delete(conn, requester, me)? {
            return Err(ApiError::not_found());
        }
        Ok(relationships::relationships(conn, me, &[requester])?.remove(0))
    })
}
