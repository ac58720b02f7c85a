//! The Instance entity, in its v1 and v2 forms. Clients read `version` to decide which features to use, so
//! it starts with the Mastodon version whose API we follow.

use serde_json::{json, Value};

use crate::api::state::AppState;
use crate::domain::post_text;
use crate::domain::scopes;
use crate::service::instance::Stats;

/// The Mastodon API version this server is compatible with.
pub const MASTODON_VERSION: &str = "4.3.0";

/// `4.3.0 (compatible; weakties 0.1.0)`: Mastodon's version first, so version parsers read it.
pub fn version() -> String {
    format!(
        "{MASTODON_VERSION} (compatible; weakties {})",
        env!("CARGO_PKG_VERSION")
    )
}

fn source_url(state: &AppState) -> String {
    let configured = &state.settings.instance.source_url;
    if configured.is_empty() {
        state.url("/")
    } else {
        configured.clone()
    }
}

fn streaming_url(state: &AppState) -> String {
    let base = state.url("");
    base.replacen("https://", "wss://", 1)
        .replacen("http://", "ws://", 1)
}

/// Limits that both forms share. Media and polls are not offered, so their limits are zero.
fn configuration(state: &AppState) -> Value {
    json!({
        "urls": {"streaming": streaming_url(state)},
        "accounts": {"max_featured_tags": 0, "max_pinned_statuses": 0},
        "statuses": {
            "max_characters": post_text::MAX_CHARS,
            "max_media_attachments": 0,
            "characters_reserved_per_url": post_text::URL_WEIGHT
        },
        "media_attachments": {
            "supported_mime_types": [],
            "image_size_limit": 0,
            "image_matrix_limit": 0,
            "video_size_limit": 0,
            "video_frame_rate_limit": 0,
            "video_matrix_limit": 0
        },
        "polls": {
            "max_options": 0,
            "max_characters_per_option": 0,
            "min_expiration": 0,
            "max_expiration": 0
        },
        "translation": {"enabled": false}
    })
}

pub fn v1(state: &AppState, stats: Stats) -> Value {
    let s = &state.settings.instance;
    json!({
        "uri": state.domain(),
        "title": s.title,
        "short_description": s.description,
        "description": s.description,
        "email": s.contact_email,
        "version": version(),
        "urls": {"streaming_api": streaming_url(state)},
        "stats": {"user_count": stats.user_count, "status_count": stats.status_count, "domain_count": 0},
        "thumbnail": null,
        "languages": ["en"],
        "registrations": s.open_registrations,
        "approval_required": false,
        "invites_enabled": false,
        "configuration": configuration(state),
        "contact_account": null,
        "rules": []
    })
}

pub fn v2(state: &AppState, stats: Stats) -> Value {
    let s = &state.settings.instance;
    json!({
        "domain": state.domain(),
        "title": s.title,
        "version": version(),
        "source_url": source_url(state),
        "description": s.description,
        "usage": {"users": {"active_month": stats.active_month}},
        "thumbnail": {"url": state.url("/thumbnail.png")},
        "icon": [],
        "languages": ["en"],
        "configuration": configuration(state),
        "registrations": {"enabled": s.open_registrations, "approval_required": false, "message": null},
        "api_versions": {"mastodon": 2},
        "contact": {"email": s.contact_email, "account": null},
        "rules": []
    })
}

/// RFC 8414 metadata, which Mastodon serves so clients can discover the OAuth endpoints and grants.
pub fn oauth_metadata(state: &AppState) -> Value {
    json!({
        "issuer": state.url("/"),
        "service_documentation": "https://docs.joinmastodon.org/",
        "authorization_endpoint": state.url("/oauth/authorize"),
        "token_endpoint": state.url("/oauth/token"),
        "revocation_endpoint": state.url("/oauth/revoke"),
        "app_registration_endpoint": state.url("/api/v1/apps"),
        "scopes_supported": scopes::all().collect::<Vec<_>>(),
        "response_types_supported": ["code"],
        "response_modes_supported": ["query", "fragment", "form_post"],
        "grant_types_supported": ["authorization_code", "client_credentials", "password"],
        "code_challenge_methods_supported": ["S256", "plain"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post", "none"]
    })
}
