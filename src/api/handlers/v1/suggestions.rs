//! GET /api/v1/suggestions (deprecated by Mastodon 3.4, still asked by older clients): the v2 suggestions'
//! accounts alone. DELETE /api/v1/suggestions/:account_id: never suggest this account to me again. `{}`; an
//! unknown account is 404.

use actix_web::web::{Data, Json};
use actix_web::HttpResponse;

use crate::api::entities::account::Account;
use crate::api::extract::auth::{ReadAccounts, UserAuth, WriteAccounts};
use crate::api::extract::{Params, PathId};
use crate::api::handlers::empty;
use crate::api::handlers::v2::suggestions::{suggested, Query};
use crate::api::state::AppState;
use crate::error::ApiError;
use crate::service::suggestions;

pub async fn list(
    state: Data<AppState>,
    auth: UserAuth<ReadAccounts>,
    Params(q): Params<Query>,
) -> Result<Json<Vec<Account>>, ApiError> {
    let items = suggested(&state, auth, q).await?;
    Ok(Json(
        items
            .iter()
            .map(|i| Account::from_row(&i.account, &state))
            .collect(),
    ))
}

pub async fn dismiss(
    state: Data<AppState>,
    auth: UserAuth<WriteAccounts>,
    PathId(target): PathId,
) -> Result<HttpResponse, ApiError> {
    let me = auth.account.id;
    state
        .pool
        .run(move |conn| suggestions::dismiss(conn, me, target))
        .await?;
    Ok(empty())
}
