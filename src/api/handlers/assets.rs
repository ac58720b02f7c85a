//! The default avatar, header and thumbnail image that account and instance URLs point at.

use actix_web::HttpResponse;

const PLACEHOLDER_PNG: &[u8] = include_bytes!("../assets/missing.png");

/// GET /avatars/original/missing.png, /headers/original/missing.png, /thumbnail.png
pub async fn placeholder() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("image/png")
        .insert_header(("Cache-Control", "public, max-age=86400"))
        .body(PLACEHOLDER_PNG)
}
