//! POST /oauth/revoke: a client revokes one of its tokens (RFC 7009). Always `{}` for a known client, so
//! the answer says nothing about whether the token existed.

use actix_web::web::Data;
use actix_web::{HttpRequest, HttpResponse};
use serde::Deserialize;

use crate::api::extract::client_auth::client_credentials;
use crate::api::extract::{lenient, Params};
use crate::api::handlers::empty;
use crate::api::state::AppState;
use crate::error::ApiError;
use crate::service::oauth;

#[derive(Deserialize)]
pub struct Form {
    #[serde(default, deserialize_with = "lenient::opt_string")]
    client_id: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    client_secret: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    token: Option<String>,
}

pub async fn handle(
    req: HttpRequest,
    state: Data<AppState>,
    Params(form): Params<Form>,
) -> Result<HttpResponse, ApiError> {
    let client = client_credentials(&req, form.client_id, form.client_secret);
    let token = form.token.unwrap_or_default();
    state
        .pool
        .run(move |conn| {
            let app = oauth::authenticate_client(
                conn,
                client.client_id.as_deref().unwrap_or(""),
                client.client_secret.as_deref(),
                false,
            )?;
            oauth::revoke(conn, &app, &token)
        })
        .await?;
    Ok(empty())
}
