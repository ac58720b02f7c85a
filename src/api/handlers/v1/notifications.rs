//! GET /api/v1/notifications (`types[]`, `exclude_types[]`, `account_id`, paging), GET /api/v1/notifications/:id,
//! POST /api/v1/notifications/:id/dismiss and POST /api/v1/notifications/clear.

use actix_web::web::{Data, Json};
use actix_web::{HttpRequest, HttpResponse};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::api::entities::notification::Notification;
use crate::api::extract::auth::{ReadNotifications, UserAuth, WriteNotifications};
use crate::api::extract::id_list::optional_id;
use crate::api::extract::{lenient, Params, PathId};
use crate::api::paging::Paging;
use crate::api::state::AppState;
use crate::db::notifications::Filter;
use crate::domain::notification_kind::NotificationKind;
use crate::domain::paging::NOTIFICATION_LIMITS;
use crate::error::ApiError;
use crate::service::notifications;

#[derive(Deserialize)]
pub struct Query {
    #[serde(default, deserialize_with = "lenient::string_list")]
    types: Vec<String>,
    #[serde(default, deserialize_with = "lenient::string_list")]
    exclude_types: Vec<String>,
    #[serde(default)]
    account_id: Option<String>,
}

impl Query {
    /// Type names this service never produces are ignored; `types[]` naming only such types selects
    /// nothing, as on Mastodon.
    fn filter(&self) -> Result<Filter, ApiError> {
        let kinds = |names: &[String]| -> Vec<NotificationKind> {
            names
                .iter()
                .filter_map(|n| NotificationKind::parse(n))
                .collect()
        };
        Ok(Filter {
            kinds: (!self.types.is_empty()).then(|| kinds(&self.types)),
            excluded: kinds(&self.exclude_types),
            from: optional_id("account_id", self.account_id.as_deref())?,
        })
    }
}

pub async fn list(
    state: Data<AppState>,
    req: HttpRequest,
    auth: UserAuth<ReadNotifications>,
    Params(q): Params<Query>,
    paging: Paging,
) -> Result<HttpResponse, ApiError> {
    let me = auth.account.id;
    let filter = q.filter()?;
    let page = paging.page(NOTIFICATION_LIMITS);
    let listed = state
        .pool
        .run(move |conn| notifications::list(conn, me, &filter, &page))
        .await?;
    let items: Vec<Notification> = listed
        .items
        .iter()
        .map(|n| Notification::from_view(n, &state))
        .collect();
    Ok(paging.respond(&req, &state, items, listed.cursors))
}

pub async fn show(
    state: Data<AppState>,
    auth: UserAuth<ReadNotifications>,
    PathId(id): PathId,
) -> Result<Json<Notification>, ApiError> {
    let me = auth.account.id;
    let view = state
        .pool
        .run(move |conn| notifications::find(conn, me, id))
        .await?;
    Ok(Json(Notification::from_view(&view, &state)))
}

pub async fn dismiss(
    state: Data<AppState>,
    auth: UserAuth<WriteNotifications>,
    PathId(id): PathId,
) -> Result<Json<Value>, ApiError> {
    let me = auth.account.id;
    state
        .pool
        .run(move |conn| notifications::dismiss(conn, me, id))
        .await?;
    Ok(Json(json!({})))
}

pub async fn clear(
    state: Data<AppState>,
    auth: UserAuth<WriteNotifications>,
) -> Result<Json<Value>, ApiError> {
    let me = auth.account.id;
    state
        .pool
        .run(move |conn| notifications::clear(conn, me))
        .await?;
    Ok(Json(json!({})))
}
