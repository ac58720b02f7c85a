//! Collections this instance has none of, answered truthfully with an empty list so that apps which load
//! them at start-up (custom emojis, lists, filters, announcements) carry on: there are no custom emojis, and
//! lists, filters and announcements cannot be made here yet.

use actix_web::web::Json;

use crate::api::extract::auth::{AnyScope, ReadFilters, ReadLists, UserAuth};

type Nothing = Json<Vec<()>>;

/// GET /api/v1/custom_emojis (public, like Mastodon's).
pub async fn custom_emojis() -> Nothing {
    Json(Vec::new())
}

/// GET /api/v1/lists
pub async fn lists(_: UserAuth<ReadLists>) -> Nothing {
    Json(Vec::new())
}

/// GET /api/v1/filters and GET /api/v2/filters
pub async fn filters(_: UserAuth<ReadFilters>) -> Nothing {
    Json(Vec::new())
}

/// GET /api/v1/announcements
pub async fn announcements(_: UserAuth<AnyScope>) -> Nothing {
    Json(Vec::new())
}
