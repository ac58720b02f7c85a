//! One small file per endpoint, in a tree that mirrors the URL. Handlers parse, call a service, map.

pub mod assets;
pub mod health;
pub mod nodeinfo;
pub mod oauth;
pub mod root;
pub mod v1;
pub mod v2;
pub mod well_known;

/// `{}`: Mastodon's answer when there is nothing to return.
pub fn empty() -> actix_web::HttpResponse {
    actix_web::HttpResponse::Ok().json(serde_json::json!({}))
}
