//! POST /api/v1/apps: register a client application.

use actix_web::web::{Data, Json};
use serde::Deserialize;

use crate::api::entities::application::CredentialApplication;
use crate::api::extract::{lenient, Params};
use crate::api::state::AppState;
use crate::domain::app_registration::AppRegistration;
use crate::error::ApiError;
use crate::service::oauth;

#[derive(Deserialize)]
pub struct Form {
    #[serde(default, deserialize_with = "lenient::opt_string")]
    client_name: Option<String>,
    #[serde(default, deserialize_with = "lenient::string_list")]
    redirect_uris: Vec<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    scopes: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    website: Option<String>,
}

pub async fn handle(
    state: Data<AppState>,
    Params(form): Params<Form>,
) -> Result<Json<CredentialApplication>, ApiError> {
    let reg = AppRegistration::parse(
        form.client_name.as_deref().unwrap_or(""),
        &form.redirect_uris,
        form.scopes.as_deref().unwrap_or(""),
        form.website.as_deref(),
    )?;
    let created = state
        .pool
        .run(move |conn| oauth::create_app(conn, reg))
        .await?;
    Ok(Json(CredentialApplication::from_row(
        &created.app,
        created.client_secret,
    )))
}
