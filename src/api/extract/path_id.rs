//! `PathId`: the `{id}` of a URL as an `Id`; anything that is not one is a 404 like an unknown id.

use std::future::{ready, Ready};

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};

use crate::db::Id;
use crate::error::ApiError;

pub struct PathId(pub Id);

impl FromRequest for PathId {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(
            req.match_info()
                .get("id")
                .and_then(|s| s.parse().ok())
                .map(PathId)
                .ok_or_else(ApiError::not_found),
        )
    }
}
