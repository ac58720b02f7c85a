//! GET / (and HEAD /): a short page for people who open the instance in a browser. Clients also use it:
//! Mastodon.py reads the `Date` header of `HEAD /` to estimate the server's clock.

use actix_web::web::Data;
use actix_web::HttpResponse;

use crate::api::entities::instance::version;
use crate::api::state::AppState;
use crate::domain::text::escape_html;

pub async fn handle(state: Data<AppState>) -> HttpResponse {
    let s = &state.settings.instance;
    HttpResponse::Ok().content_type("text/html; charset=utf-8").body(format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title></head><body>\
         <h1>{title}</h1><p>{description}</p><p>Use any Mastodon app with the server address <strong>{domain}\
         </strong>.</p><p><small>{version}</small></p></body></html>",
        title = escape_html(&s.title),
        description = escape_html(&s.description),
        domain = escape_html(state.domain()),
        version = escape_html(&version()),
    ))
}
