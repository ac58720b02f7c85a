//! Cross-cutting HTTP behaviour: JSON bodies on every error, the request id on every answer.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue, CONTENT_TYPE};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, HttpResponse};
use serde_json::json;
use tracing_actix_web::RequestId;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Errors that actix answers itself (no route, wrong method, …) come without a body; give them Mastodon's
/// `{"error": …}` so clients can always parse the answer.
pub async fn json_errors(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let res = next.call(req).await?;
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error())
        || res.headers().contains_key(CONTENT_TYPE)
    {
        return Ok(res.map_into_boxed_body());
    }
    let message = match status.as_u16() {
        404 => crate::error::NOT_FOUND.to_owned(),
        _ => status.canonical_reason().unwrap_or("Error").to_owned(),
    };
    let (req, _) = res.into_parts();
    let mut response = HttpResponse::build(status).json(json!({ "error": message }));
    if status == actix_web::http::StatusCode::METHOD_NOT_ALLOWED {
        response.headers_mut().remove(CONTENT_TYPE);
        response
            .headers_mut()
            .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    }
    Ok(ServiceResponse::new(req, response))
}

/// Echo the request id that the log lines carry, so a report from a client can be found in the logs.
pub async fn request_id_header(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let id = req.extensions().get::<RequestId>().copied();
    let mut res = next.call(req).await?;
    if let Some(value) = id.and_then(|id| HeaderValue::from_str(&id.to_string()).ok()) {
        res.headers_mut().insert(REQUEST_ID, value);
    }
    Ok(res)
}
