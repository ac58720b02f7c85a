//! DELETE /api/v1/suggestions/:account_id: never suggest this account to me again. `{}`; an unknown account is
//! 404.

use actix_web::web::Data;
use actix_web::HttpResponse;

use crate::api::extract::auth::{UserAuth, WriteAccounts};
use crate::api::extract::PathId;
use crate::api::handlers::empty;
use crate::api::state::AppState;
use crate::error::ApiError;
use crate::service::suggestions;

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
