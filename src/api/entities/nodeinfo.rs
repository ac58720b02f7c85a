//! NodeInfo 2.0 (nodeinfo.diaspora.software): which software this is. `metadata.upstream` names Mastodon
//! so client libraries that pick an API flavour from NodeInfo treat us as Mastodon.

use serde_json::{json, Value};

use super::instance::MASTODON_VERSION;
use crate::api::state::AppState;
use crate::service::instance::Stats;

pub const SCHEMA_2_0: &str = "http://nodeinfo.diaspora.software/ns/schema/2.0";

pub fn links(state: &AppState) -> Value {
    json!({"links": [{"rel": SCHEMA_2_0, "href": state.url("/nodeinfo/2.0")}]})
}

pub fn document(state: &AppState, stats: Stats) -> Value {
    json!({
        "version": "2.0",
        "software": {"name": "weakties", "version": env!("CARGO_PKG_VERSION")},
        "protocols": [],
        "services": {"inbound": [], "outbound": []},
        "openRegistrations": state.settings.instance.open_registrations,
        "usage": {
            "users": {
                "total": stats.user_count,
                "activeMonth": stats.active_month,
                "activeHalfyear": stats.active_halfyear
            },
            "localPosts": stats.status_count
        },
        "metadata": {
            "nodeName": state.settings.instance.title,
            "upstream": {"name": "mastodon", "version": MASTODON_VERSION}
        }
    })
}
