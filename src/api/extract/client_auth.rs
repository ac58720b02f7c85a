//! Client credentials at the token and revocation endpoints: HTTP Basic (`client_secret_basic`) or form
//! fields (`client_secret_post`), RFC 6749 §2.3.1.

use actix_web::http::header::AUTHORIZATION;
use actix_web::HttpRequest;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;

pub struct ClientCredentials {
    pub client_id: Option<String>,
    pub client_secret: Option<String>,
}

pub fn client_credentials(
    req: &HttpRequest,
    form_id: Option<String>,
    form_secret: Option<String>,
) -> ClientCredentials {
    if let Some((id, secret)) = basic(req) {
        return ClientCredentials {
            client_id: Some(id),
            client_secret: Some(secret),
        };
    }
    ClientCredentials {
        client_id: form_id.filter(|s| !s.is_empty()),
        client_secret: form_secret.filter(|s| !s.is_empty()),
    }
}

fn basic(req: &HttpRequest) -> Option<(String, String)> {
    let value = req.headers().get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, encoded) = value.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = String::from_utf8(STANDARD.decode(encoded.trim()).ok()?).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    let unescape = |s: &str| {
        form_urlencoded::parse(format!("x={s}").as_bytes())
            .next()
            .map(|(_, v)| v.into_owned())
    };
    Some((unescape(id)?, unescape(secret)?))
}
