//! POST /api/v1/accounts/:id/{follow,unfollow,block,unblock,mute,unmute}: each is idempotent and answers
//! with the Relationship as it now stands.

use actix_web::web::{Data, Json};
use serde::Deserialize;

use crate::api::entities::relationship::Relationship;
use crate::api::extract::auth::{UserAuth, WriteBlocks, WriteFollows, WriteMutes};
use crate::api::extract::{lenient, Params, PathId};
use crate::api::state::AppState;
use crate::db::{DbConnection, Id};
use crate::error::ApiError;
use crate::service::relationships::{self, Relationship as Row};

#[derive(Deserialize)]
pub struct FollowForm {
    /// Whether the target's reblogs show in the home timeline.
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    reblogs: Option<bool>,
}

#[derive(Deserialize)]
pub struct MuteForm {
    /// Whether notifications from the target are muted too (default true).
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    notifications: Option<bool>,
}

pub async fn follow(
    state: Data<AppState>,
    auth: UserAuth<WriteFollows>,
    PathId(target): PathId,
    Params(form): Params<FollowForm>,
) -> Result<Json<Relationship>, ApiError> {
    change(state, auth.account.id, move |conn, me| {
        relationships::follow(conn, me, target, form.reblogs)
    })
    .await
}

pub async fn unfollow(
    state: Data<AppState>,
    auth: UserAuth<WriteFollows>,
    PathId(target): PathId,
) -> Result<Json<Relationship>, ApiError> {
    change(state, auth.account.id, move |conn, me| {
        relationships::unfollow(conn, me, target)
    })
    .await
}

pub async fn block(
    state: Data<AppState>,
    auth: UserAuth<WriteBlocks>,
    PathId(target): PathId,
) -> Result<Json<Relationship>, ApiError> {
    change(state, auth.account.id, move |conn, me| {
        relationships::block(conn, me, target)
    })
    .await
}

pub async fn unblock(
    state: Data<AppState>,
    auth: UserAuth<WriteBlocks>,
    PathId(target): PathId,
) -> Result<Json<Relationship>, ApiError> {
    change(state, auth.account.id, move |conn, me| {
        relationships::unblock(conn, me, target)
    })
    .await
}

pub async fn mute(
    state: Data<AppState>,
    auth: UserAuth<WriteMutes>,
    PathId(target): PathId,
    Params(form): Params<MuteForm>,
) -> Result<Json<Relationship>, ApiError> {
    change(state, auth.account.id, move |conn, me| {
        relationships::mute(conn, me, target, form.notifications)
    })
    .await
}

pub async fn unmute(
    state: Data<AppState>,
    auth: UserAuth<WriteMutes>,
    PathId(target): PathId,
) -> Result<Json<Relationship>, ApiError> {
    change(state, auth.account.id, move |conn, me| {
        relationships::unmute(conn, me, target)
    })
    .await
}

/// Runs one change of a relationship as `me` and answers with the Relationship it leaves.
pub(crate) async fn change<F>(
    state: Data<AppState>,
    me: Id,
    f: F,
) -> Result<Json<Relationship>, ApiError>
where
    F: FnOnce(&mut DbConnection, Id) -> Result<Row, ApiError> + Send + 'static,
{
    let row = state.pool.run(move |conn| f(conn, me)).await?;
    Ok(Json(Relationship::from(&row)))
}
