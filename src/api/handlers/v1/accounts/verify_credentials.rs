//! GET /api/v1/accounts/verify_credentials: the signed-in account, with its editable source.

use actix_web::web::{Data, Json};

use crate::api::entities::account::CredentialAccount;
use crate::api::extract::auth::{ProfileOrReadAccounts, UserAuth};
use crate::api::state::AppState;
use crate::error::ApiError;
use crate::service::accounts::credentials;

pub async fn handle(
    state: Data<AppState>,
    auth: UserAuth<ProfileOrReadAccounts>,
) -> Result<Json<CredentialAccount>, ApiError> {
    let id = auth.account.id;
    let creds = state.pool.run(move |conn| credentials(conn, id)).await?;
    Ok(Json(CredentialAccount::from_rows(
        &auth.account,
        &creds,
        &state,
    )))
}
