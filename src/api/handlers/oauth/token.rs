//! POST /oauth/token: the authorization_code, client_credentials and password grants.

use actix_web::http::StatusCode;
use actix_web::web::{Data, Json};
use actix_web::HttpRequest;
use serde::Deserialize;

use crate::api::entities::token::Token;
use crate::api::extract::client_auth::client_credentials;
use crate::api::extract::{lenient, Params};
use crate::api::state::AppState;
use crate::error::ApiError;
use crate::service::oauth::{self, CodeExchange};

#[derive(Deserialize)]
pub struct Form {
    #[serde(default, deserialize_with = "lenient::opt_string")]
    grant_type: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    client_id: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    client_secret: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    code: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    redirect_uri: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    code_verifier: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    scope: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    username: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    password: Option<String>,
}

pub async fn handle(
    req: HttpRequest,
    state: Data<AppState>,
    Params(form): Params<Form>,
) -> Result<Json<Token>, ApiError> {
    let client = client_credentials(&req, form.client_id, form.client_secret);
    let client_id = client.client_id.unwrap_or_default();
    let secret = client.client_secret;
    let issued = match form.grant_type.as_deref() {
        Some("client_credentials") => {
            let scope = form.scope;
            state
                .pool
                .run(move |conn| {
                    let app =
                        oauth::authenticate_client(conn, &client_id, secret.as_deref(), false)?;
                    let scopes = oauth::requested_scopes(&app, scope.as_deref())?;
                    Ok(oauth::issue_token(conn, app.id, None, &scopes)?.0)
                })
                .await?
        }
        Some("password") => {
            let scope = form.scope;
            let (app, scopes) = state
                .pool
                .run(move |conn| {
                    let app =
                        oauth::authenticate_client(conn, &client_id, secret.as_deref(), false)?;
                    let scopes = oauth::requested_scopes(&app, scope.as_deref())?;
                    Ok((app, scopes))
                })
                .await?;
            let login = form.username.unwrap_or_default();
            let password = form.password.unwrap_or_default();
            let user = oauth::sign_in(&state.pool, login, password)
                .await?
                .ok_or_else(|| oauth::invalid_grant("Invalid username or password."))?;
            state
                .pool
                .run(move |conn| {
                    Ok(oauth::issue_token(conn, app.id, Some(user.account_id), &scopes)?.0)
                })
                .await?
        }
        Some("authorization_code") => {
            let (code, redirect_uri, verifier) = (form.code, form.redirect_uri, form.code_verifier);
            state
                .pool
                .run(move |conn| {
                    oauth::exchange_code(
                        conn,
                        CodeExchange {
                            client_id: &client_id,
                            client_secret: secret.as_deref(),
                            code: code.as_deref().unwrap_or(""),
                            redirect_uri: redirect_uri.as_deref(),
                            code_verifier: verifier.as_deref(),
                        },
                    )
                })
                .await?
        }
        _ => {
            return Err(ApiError::oauth(
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                "The authorization grant type is not supported by the authorization server.",
            ))
        }
    };
    Ok(Json(issued.into()))
}
