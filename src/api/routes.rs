//! Every route of the service, in one place.

use actix_web::guard;
use actix_web::web::{self, delete, get, patch, post, resource, route};

use super::handlers::v1::accounts::relationship_actions as relationship;
use super::handlers::v1::statuses::interactions;
use super::handlers::{assets, health, nodeinfo, oauth, root, v1, v2, well_known};

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg
        // Discovery and operations
        .service(
            resource("/").route(
                route()
                    .guard(guard::Any(guard::Get()).or(guard::Head()))
                    .to(root::handle),
            ),
        )
        .service(resource("/health").route(get().to(health::handle)))
        .service(resource("/.well-known/nodeinfo").route(get().to(well_known::nodeinfo::handle)))
        .service(
            resource("/.well-known/oauth-authorization-server")
                .route(get().to(well_known::oauth_authorization_server::handle)),
        )
        .service(resource("/nodeinfo/2.0").route(get().to(nodeinfo::handle)))
        // OAuth
        .service(
            resource("/oauth/authorize")
                .route(get().to(oauth::authorize::show))
                .route(post().to(oauth::authorize::decide)),
        )
        .service(resource("/oauth/token").route(post().to(oauth::token::handle)))
        .service(resource("/oauth/revoke").route(post().to(oauth::revoke::handle)))
        // Instance
        .service(resource("/api/v1/instance").route(get().to(v1::instance::handle)))
        .service(resource("/api/v2/instance").route(get().to(v2::instance::handle)))
        // Applications
        .service(resource("/api/v1/apps").route(post().to(v1::apps::create::handle)))
        .service(
            resource("/api/v1/apps/verify_credentials")
                .route(get().to(v1::apps::verify_credentials::handle)),
        )
        // Accounts (fixed paths before `{id}`)
        .service(
            resource("/api/v1/accounts")
                .route(get().to(v1::accounts::index::handle))
                .route(post().to(v1::accounts::create::handle)),
        )
        .service(
            resource("/api/v1/accounts/verify_credentials")
                .route(get().to(v1::accounts::verify_credentials::handle)),
        )
        .service(
            resource("/api/v1/accounts/update_credentials")
                .route(patch().to(v1::accounts::update_credentials::handle)),
        )
        .service(resource("/api/v1/accounts/circle").route(get().to(v1::accounts::circle::handle)))
        .service(resource("/api/v1/accounts/lookup").route(get().to(v1::accounts::lookup::handle)))
        .service(resource("/api/v1/accounts/search").route(get().to(v1::accounts::search::handle)))
        .service(
            resource("/api/v1/accounts/relationships")
                .route(get().to(v1::accounts::relationships::handle)),
        )
        .service(resource("/api/v1/accounts/{id}").route(get().to(v1::accounts::show::handle)))
        .service(
            resource("/api/v1/accounts/{id}/statuses")
                .route(get().to(v1::accounts::statuses::handle)),
        )
        .service(
            resource("/api/v1/accounts/{id}/followers")
                .route(get().to(v1::accounts::follow_lists::followers)),
        )
        .service(
            resource("/api/v1/accounts/{id}/following")
                .route(get().to(v1::accounts::follow_lists::following)),
        )
        // Follows, blocks and mutes
        .service(resource("/api/v1/accounts/{id}/follow").route(post().to(relationship::follow)))
        .service(
            resource("/api/v1/accounts/{id}/unfollow").route(post().to(relationship::unfollow)),
        )
        .service(resource("/api/v1/accounts/{id}/block").route(post().to(relationship::block)))
        .service(resource("/api/v1/accounts/{id}/unblock").route(post().to(relationship::unblock)))
        .service(resource("/api/v1/accounts/{id}/mute").route(post().to(relationship::mute)))
        .service(resource("/api/v1/accounts/{id}/unmute").route(post().to(relationship::unmute)))
        .service(resource("/api/v1/follow_requests").route(get().to(v1::follow_requests::list)))
        .service(
            resource("/api/v1/follow_requests/{id}/authorize")
                .route(post().to(v1::follow_requests::authorize)),
        )
        .service(
            resource("/api/v1/follow_requests/{id}/reject")
                .route(post().to(v1::follow_requests::reject)),
        )
        .service(resource("/api/v1/blocks").route(get().to(v1::blocked_and_muted::blocks)))
        .service(resource("/api/v1/mutes").route(get().to(v1::blocked_and_muted::mutes)))
        // Statuses
        .service(resource("/api/v1/statuses").route(post().to(v1::statuses::create::handle)))
        .service(
            resource("/api/v1/statuses/{id}")
                .route(get().to(v1::statuses::show::show))
                .route(delete().to(v1::statuses::show::delete)),
        )
        .service(
            resource("/api/v1/statuses/{id}/context")
                .route(get().to(v1::statuses::context::handle)),
        )
        .service(resource("/api/v1/statuses/{id}/reblog").route(post().to(interactions::reblog)))
        .service(
            resource("/api/v1/statuses/{id}/unreblog").route(post().to(interactions::unreblog)),
        )
        .service(
            resource("/api/v1/statuses/{id}/favourite").route(post().to(interactions::favourite)),
        )
        .service(
            resource("/api/v1/statuses/{id}/unfavourite")
                .route(post().to(interactions::unfavourite)),
        )
        .service(
            resource("/api/v1/statuses/{id}/reblogged_by")
                .route(get().to(v1::statuses::interacted_by::reblogged_by)),
        )
        .service(
            resource("/api/v1/statuses/{id}/favourited_by")
                .route(get().to(v1::statuses::interacted_by::favourited_by)),
        )
        // Timelines
        .service(resource("/api/v1/timelines/home").route(get().to(v1::timelines::home::handle)))
        .service(resource("/api/v1/timelines/jobs").route(get().to(v1::timelines::jobs::handle)))
        .service(
            resource("/api/v1/timelines/public").route(get().to(v1::timelines::public::handle)),
        )
        .service(
            resource("/api/v1/timelines/tag/{hashtag}").route(get().to(v1::timelines::tag::handle)),
        )
        // Search
        .service(resource("/api/v2/search").route(get().to(v2::search::v2)))
        // Who to follow
        .service(resource("/api/v1/suggestions").route(get().to(v1::suggestions::list)))
        .service(resource("/api/v2/suggestions").route(get().to(v2::suggestions::handle)))
        .service(resource("/api/v1/suggestions/{id}").route(delete().to(v1::suggestions::dismiss)))
        // Notifications (fixed paths before `{id}`)
        .service(resource("/api/v1/notifications").route(get().to(v1::notifications::list)))
        .service(resource("/api/v1/notifications/clear").route(post().to(v1::notifications::clear)))
        .service(resource("/api/v1/notifications/{id}").route(get().to(v1::notifications::show)))
        .service(
            resource("/api/v1/notifications/{id}/dismiss")
                .route(post().to(v1::notifications::dismiss)),
        )
        // Start-up reads of Mastodon apps
        .service(resource("/api/v1/preferences").route(get().to(v1::preferences::handle)))
        .service(resource("/api/v1/custom_emojis").route(get().to(v1::none_here::custom_emojis)))
        .service(resource("/api/v1/lists").route(get().to(v1::none_here::lists)))
        .service(resource("/api/v1/filters").route(get().to(v1::none_here::filters)))
        .service(resource("/api/v2/filters").route(get().to(v1::none_here::filters)))
        .service(resource("/api/v1/announcements").route(get().to(v1::none_here::announcements)))
        // Placeholder images that account and instance entities link to
        .service(resource("/avatars/original/missing.png").route(get().to(assets::placeholder)))
        .service(resource("/headers/original/missing.png").route(get().to(assets::placeholder)))
        .service(resource("/thumbnail.png").route(get().to(assets::placeholder)));
}
