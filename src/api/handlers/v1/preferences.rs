//! GET /api/v1/preferences: the defaults a client uses when composing and reading. Posts default to public
//! and not sensitive (there is no setting to change that yet); the language is the account's locale.

use actix_web::web::{Data, Json};
use serde_json::{json, Value};

use crate::api::extract::auth::{ReadAccounts, UserAuth};
use crate::api::state::AppState;
use crate::domain::visibility::Visibility;
use crate::error::ApiError;
use crate::service::accounts::credentials;

pub async fn handle(
    state: Data<AppState>,
    auth: UserAuth<ReadAccounts>,
) -> Result<Json<Value>, ApiError> {
    let id = auth.account.id;
    let creds = state.pool.run(move |conn| credentials(conn, id)).await?;
    Ok(Json(json!({
        "posting:default:visibility": Visibility::Public.as_str(),
        "posting:default:sensitive": false,
        "posting:default:language": creds.user.locale,
        "reading:expand:media": "default",
        "reading:expand:spoilers": false,
        "reading:autoplay:gifs": false,
    })))
}
