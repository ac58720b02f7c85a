//! GET /api/v1/accounts/lookup?acct=: an account by `user`, `@user` or `user@this-domain`.

use actix_web::web::{Data, Json};
use serde::Deserialize;

use crate::api::entities::account::Account;
use crate::api::extract::{lenient, Params};
use crate::api::state::AppState;
use crate::db::accounts;
use crate::domain::instance_domain::names_this_instance;
use crate::domain::username;
use crate::error::ApiError;

#[derive(Deserialize)]
pub struct Query {
    #[serde(default, deserialize_with = "lenient::opt_string")]
    acct: Option<String>,
}

pub async fn handle(
    state: Data<AppState>,
    Params(q): Params<Query>,
) -> Result<Json<Account>, ApiError> {
    let acct = q.acct.unwrap_or_default();
    let acct = acct.trim().trim_start_matches('@');
    let name = match acct.split_once('@') {
        Some((name, domain)) if names_this_instance(domain, state.domain()) => name,
        Some(_) => return Err(ApiError::not_found()),
        None => acct,
    };
    let key = username::key(name);
    let row = state
        .pool
        .run(move |conn| accounts::find_by_username(conn, &key)?.ok_or_else(ApiError::not_found))
        .await?;
    Ok(Json(Account::from_row(&row, &state)))
}
