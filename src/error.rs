//! One error type for every handler: a status, a Mastodon-style body (`{"error": …}`, plus `details` for
//! validation and `error_description` for OAuth), and the cause, which is logged and never shown.

use std::borrow::Cow;

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use serde_json::{json, Map, Value};

use crate::domain::validation::Invalid;

#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    message: Cow<'static, str>,
    extra: Map<String, Value>,
    cause: Option<anyhow::Error>,
}

/// The one body for "no such thing" and "not yours to see", so private things cannot be probed.
pub const NOT_FOUND: &str = "Record not found";

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<Cow<'static, str>>) -> Self {
        ApiError {
            status,
            message: message.into(),
            extra: Map::new(),
            cause: None,
        }
    }

    pub fn bad_request(message: impl Into<Cow<'static, str>>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn unauthorized(message: impl Into<Cow<'static, str>>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, message)
    }

    pub fn forbidden(message: impl Into<Cow<'static, str>>) -> Self {
        Self::new(StatusCode::FORBIDDEN, message)
    }

    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, NOT_FOUND)
    }

    pub fn unprocessable(message: impl Into<Cow<'static, str>>) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, message)
    }

    pub fn payload_too_large() -> Self {
        Self::new(StatusCode::PAYLOAD_TOO_LARGE, "Request body is too large")
    }

    pub fn unavailable(cause: impl Into<anyhow::Error>) -> Self {
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "Service temporarily unavailable",
        )
        .with_cause(cause)
    }

    pub fn internal(cause: impl Into<anyhow::Error>) -> Self {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "Internal server error").with_cause(cause)
    }

    /// An OAuth 2 error (RFC 6749 §5.2): `error` is the code, `error_description` says why.
    pub fn oauth(status: StatusCode, code: &'static str, description: impl Into<String>) -> Self {
        let mut e = Self::new(status, code);
        e.extra.insert(
            "error_description".into(),
            Value::String(description.into()),
        );
        e
    }

    pub fn with_cause(mut self, cause: impl Into<anyhow::Error>) -> Self {
        self.cause = Some(cause.into());
        self
    }

    pub fn message(&self) -> &str {
        &self.message
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.status.as_u16(), self.message)?;
        if let Some(cause) = &self.cause {
            write!(f, ": {cause:#}")?;
        }
        Ok(())
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        self.status
    }

    fn error_response(&self) -> HttpResponse {
        if self.status.is_server_error() {
            tracing::error!(status = self.status.as_u16(), error = %self, "request failed");
        }
        let mut body = Map::new();
        body.insert("error".into(), Value::String(self.message.to_string()));
        body.extend(self.extra.clone());
        let mut response = HttpResponse::build(self.status);
        if self.status == StatusCode::UNAUTHORIZED {
            response.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
        }
        response.json(Value::Object(body))
    }
}

impl From<Invalid> for ApiError {
    fn from(invalid: Invalid) -> Self {
        let mut details = Map::new();
        for e in &invalid.0 {
            let entry = details
                .entry(e.field)
                .or_insert_with(|| Value::Array(vec![]));
            if let Value::Array(list) = entry {
                list.push(json!({"error": e.code.as_str(), "description": e.description}));
            }
        }
        let mut err = Self::unprocessable(invalid.to_string());
        err.extra.insert("details".into(), Value::Object(details));
        err
    }
}

impl From<diesel::result::Error> for ApiError {
    fn from(e: diesel::result::Error) -> Self {
        match e {
            diesel::result::Error::NotFound => Self::not_found(),
            // What a write referred to was deleted by a concurrent request.
            diesel::result::Error::DatabaseError(
                diesel::result::DatabaseErrorKind::ForeignKeyViolation,
                _,
            ) => Self::not_found(),
            // The request's time bound cancelled the statement (`db::deadline`).
            diesel::result::Error::DatabaseError(..) if crate::db::deadline::expired() => {
                Self::new(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "The request took too long; try again later",
                )
                .with_cause(e)
            }
            other => Self::internal(other),
        }
    }
}
