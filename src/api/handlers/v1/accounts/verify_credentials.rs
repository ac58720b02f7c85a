//! GET /api/v1/accounts/verify_credentials: the signed-in account, with its editable source.

use actix_web::web::{Data, Json};

use crate::api::entities::account::CredentialAccount;
use crate::api::extract::auth::{ProfileOrReadAccounts, UserAuth};
use crate::api::state::AppState;
use crate::db::users;
use crate::error::ApiError;

pub async fn handle(
    state: Data<AppState>,
    auth: UserAuth<ProfileOrReadAccounts>,
) -> Result<Json<CredentialAccount>, ApiError> {
    let id = auth.account.id;
    let user = state
        .pool
        .run(move |conn| users::find(conn, id)?.ok_or_else(ApiError::not_found))
        .await?;
    Ok(Json(CredentialAccount::from_rows(
        &auth.account,
        &user,
        &state,
    )))
}
