//! The HTML of `/oauth/authorize`: sign in and approve, show an out-of-band code, or explain an error.
//! Everything interpolated is escaped.

use crate::domain::text::escape_html as text;
use actix_web::http::StatusCode;
use actix_web::HttpResponse;

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#222}\
h1{font-size:1.4rem}label{display:block;margin:.8rem 0 .2rem}input[type=text],input[type=password]{width:100%;\
padding:.5rem;box-sizing:border-box}button{margin:1rem .5rem 0 0;padding:.5rem 1rem}.error{color:#a00}\
code{display:block;padding:.8rem;background:#f2f2f2;word-break:break-all;font-size:1.1rem}";

fn page(status: StatusCode, title: &str, body: &str) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header(("X-Frame-Options", "DENY"))
        .insert_header(("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"))
        .insert_header(("Cache-Control", "no-store"))
        .insert_header(("Referrer-Policy", "no-referrer"))
        .body(format!(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" \
             content=\"width=device-width\"><title>{} · weakties</title><style>{STYLE}</style></head><body>{body}</body></html>",
            text(title)
        ))
}

/// The fields of the authorization request, carried through the form unchanged.
pub struct Carried<'a> {
    pub pairs: Vec<(&'static str, &'a str)>,
}

pub fn sign_in(
    app_name: &str,
    scopes: &str,
    carried: &Carried<'_>,
    error: Option<&str>,
) -> HttpResponse {
    let hidden: String = carried
        .pairs
        .iter()
        .map(|(k, v)| format!("<input type=\"hidden\" name=\"{k}\" value=\"{}\">", text(v)))
        .collect();
    let error_html = error
        .map(|e| format!("<p class=\"error\" role=\"alert\">{}</p>", text(e)))
        .unwrap_or_default();
    let status = if error.is_some() {
        StatusCode::UNAUTHORIZED
    } else {
        StatusCode::OK
    };
    page(
        status,
        "Authorize",
        &format!(
            "<h1>Authorize {app}</h1><p><strong>{app}</strong> asks to use your weakties account with these \
             permissions: <code>{scopes}</code></p>{error_html}<form method=\"post\" action=\"/oauth/authorize\">\
             {hidden}<label for=\"login\">E-mail or username</label><input type=\"text\" id=\"login\" name=\"login\" \
             autocomplete=\"username\" required><label for=\"password\">Password</label><input type=\"password\" \
             id=\"password\" name=\"password\" autocomplete=\"current-password\" required>\
             <button type=\"submit\" name=\"decision\" value=\"approve\">Authorize</button>\
             <button type=\"submit\" name=\"decision\" value=\"deny\" formnovalidate>Deny</button></form>",
            app = text(app_name),
            scopes = text(scopes),
        ),
    )
}

pub fn show_code(app_name: &str, code: &str) -> HttpResponse {
    page(
        StatusCode::OK,
        "Authorization code",
        &format!(
            "<h1>Authorization code</h1><p>Copy this code and paste it into {}:</p><code id=\"code\">{}</code>",
            text(app_name),
            text(code)
        ),
    )
}

pub fn error(status: StatusCode, message: &str) -> HttpResponse {
    page(
        status,
        "Cannot authorize",
        &format!(
            "<h1>Cannot authorize</h1><p class=\"error\">{}</p>",
            text(message)
        ),
    )
}
