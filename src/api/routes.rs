//! Every route of the service, in one place.

use actix_web::guard;
use actix_web::web::{self, get, patch, post, resource, route};

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
        .service(resource("/api/v1/accounts/lookup").route(get().to(v1::accounts::lookup::handle)))
        .service(resource("/api/v1/accounts/{id}").route(get().to(v1::accounts::show::handle)))
        // Placeholder images that account and instance entities link to
        .service(resource("/avatars/original/missing.png").route(get().to(assets::placeholder)))
        .service(resource("/headers/original/missing.png").route(get().to(assets::placeholder)))
        .service(resource("/thumbnail.png").route(get().to(assets::placeholder)));
}
