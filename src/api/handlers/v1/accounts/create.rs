//! POST /api/v1/accounts: sign up through an application; answers with a token for the new account.

use actix_web::web::{Data, Json};
use serde::Deserialize;

use crate::api::entities::token::Token;
use crate::api::extract::auth::{AppAuth, WriteAccounts};
use crate::api::extract::{lenient, Params};
use crate::api::state::AppState;
use crate::error::ApiError;
use crate::service::accounts::{sign_up, SignUp, TokenFor};

#[derive(Deserialize)]
pub struct Form {
    #[serde(default, deserialize_with = "lenient::opt_string")]
    username: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    email: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    password: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    agreement: Option<bool>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    locale: Option<String>,
}

pub async fn handle(
    state: Data<AppState>,
    auth: AppAuth<WriteAccounts>,
    Params(form): Params<Form>,
) -> Result<Json<Token>, ApiError> {
    if !state.settings.instance.open_registrations {
        return Err(ApiError::forbidden(
            "Registrations are closed on this instance",
        ));
    }
    let signup = SignUp {
        username: form.username.unwrap_or_default(),
        email: form.email.unwrap_or_default(),
        password: form.password.unwrap_or_default(),
        // Not sending `agreement` is refusing it.
        agreement: Some(form.agreement.unwrap_or(false)),
        locale: form.locale,
    };
    let token_for = TokenFor {
        application_id: auth.session.token.application_id,
        scopes: auth.session.scopes,
    };
    let (_, token) = sign_up(&state.pool, signup, Some(token_for)).await?;
    let token =
        token.ok_or_else(|| ApiError::internal(anyhow::anyhow!("sign-up issued no token")))?;
    Ok(Json(token.into()))
}
