//! POST /api/v1/statuses: post a status (an `Idempotency-Key` header makes retries safe).

use actix_web::web::{Data, Json};
use actix_web::HttpRequest;
use serde::Deserialize;

use crate::api::entities::status::Status;
use crate::api::extract::auth::{UserAuth, WriteStatuses};
use crate::api::extract::{lenient, Params};
use crate::api::state::AppState;
use crate::db::Id;
use crate::domain::visibility::Visibility;
use crate::error::ApiError;
use crate::service::posting::{self, NewPost, Site};
use crate::service::recent_jobs::Change;
use crate::service::status_views;

#[derive(Deserialize)]
pub struct Form {
    #[serde(default, deserialize_with = "lenient::opt_string")]
    status: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    spoiler_text: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    visibility: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    in_reply_to_id: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    language: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    sensitive: Option<bool>,
    #[serde(default, deserialize_with = "lenient::string_list")]
    media_ids: Vec<String>,
    #[serde(default)]
    poll: Option<serde_json::Value>,
}

pub async fn handle(
    state: Data<AppState>,
    auth: UserAuth<WriteStatuses>,
    req: HttpRequest,
    Params(form): Params<Form>,
) -> Result<Json<Status>, ApiError> {
    if !form.media_ids.is_empty() || form.poll.as_ref().is_some_and(|p| !p.is_null()) {
        return Err(ApiError::unprocessable(
            "Media attachments and polls are not supported",
        ));
    }
    let visibility = match form.visibility.as_deref().filter(|v| !v.is_empty()) {
        None => Visibility::Public,
        Some(v) => Visibility::parse(v)
            .ok_or_else(|| ApiError::unprocessable(format!("Unknown visibility: {v}")))?,
    };
    let in_reply_to_id = match form.in_reply_to_id.as_deref().filter(|v| !v.is_empty()) {
        None => None,
        Some(id) => Some(id.parse::<Id>().map_err(|_| ApiError::not_found())?),
    };
    let language = form.language.filter(|l| !l.is_empty());
    if language.as_deref().is_some_and(|l| !is_language_code(l)) {
        return Err(ApiError::unprocessable(
            "Language must be an ISO 639 code such as en or fil",
        ));
    }
    let idempotency_key = req
        .headers()
        .get("Idempotency-Key")
        .map(|v| v.to_str().map(str::to_owned))
        .transpose()
        .map_err(|_| ApiError::unprocessable("Idempotency-Key must be plain text"))?;
    let post = NewPost {
        text: form.status.unwrap_or_default(),
        spoiler_text: form.spoiler_text.unwrap_or_default(),
        visibility,
        sensitive: form.sensitive.unwrap_or(false),
        language,
        in_reply_to_id,
        idempotency_key,
    };
    let me = auth.account.id;
    let app = state.clone();
    let view = state
        .pool
        .run(move |conn| {
            let site = Site {
                base_url: &app.url(""),
                domain: app.domain(),
                jobs: &app.settings.jobs,
                graph: &app.settings.job_feed,
            };
            let id = posting::post(conn, &site, me, post)?;
            let view = status_views::load_visible(conn, Some(me), id)?;
            app.job_graph.acted_on(me, &view.status, Change::Written);
            Ok(view)
        })
        .await?;
    Ok(Json(Status::from_view(&view, &state)))
}

/// Two or three ASCII letters, optionally with a region (`en`, `fil`, `pt-BR`).
fn is_language_code(code: &str) -> bool {
    let (lang, region) = code.split_once(['-', '_']).unwrap_or((code, ""));
    (2..=3).contains(&lang.len())
        && lang.chars().all(|c| c.is_ascii_alphabetic())
        && region.len() <= 8
        && region.chars().all(|c| c.is_ascii_alphanumeric())
}
