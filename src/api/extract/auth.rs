//! Bearer-token extractors. The scope an endpoint needs is part of its signature
//! (`UserAuth<WriteAccounts>`), so no handler can forget to check it.

use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header::AUTHORIZATION;
use actix_web::web::Data;
use actix_web::{FromRequest, HttpRequest};

use crate::api::state::AppState;
use crate::db::accounts::Account;
use crate::error::ApiError;
use crate::service::oauth::{self, Session, INVALID_TOKEN};

/// The scopes an endpoint accepts: any one of them will do; none listed means any valid token.
pub trait Need {
    const ANY_OF: &'static [&'static str];
}

macro_rules! need {
    ($($name:ident => [$($scope:literal),*];)*) => {
        $(
            pub struct $name;
            impl Need for $name {
                const ANY_OF: &'static [&'static str] = &[$($scope),*];
            }
        )*
    };
}

need! {
    AnyScope => [];
    ReadAccounts => ["read:accounts"];
    WriteAccounts => ["write:accounts"];
    ProfileOrReadAccounts => ["profile", "read:accounts"];
    ReadStatuses => ["read:statuses"];
    WriteStatuses => ["write:statuses"];
    ReadFollows => ["read:follows"];
    WriteFollows => ["write:follows"];
    ReadBlocks => ["read:blocks"];
    WriteBlocks => ["write:blocks"];
    ReadMutes => ["read:mutes"];
    WriteMutes => ["write:mutes"];
    WriteFavourites => ["write:favourites"];
    ReadLists => ["read:lists"];
    ReadFilters => ["read:filters"];
    ReadNotifications => ["read:notifications"];
    ReadSearch => ["read:search"];
    WriteNotifications => ["write:notifications"];
}

pub const OUTSIDE_SCOPES: &str = "This action is outside the authorized scopes";
pub const NEEDS_USER: &str = "This method requires an authenticated user";

/// Any valid token (application or user) holding a scope of `N`.
pub struct AppAuth<N: Need> {
    pub session: Session,
    need: PhantomData<N>,
}

/// A valid token of a signed-in user holding a scope of `N`.
pub struct UserAuth<N: Need> {
    pub account: Account,
    pub session: Session,
    need: PhantomData<N>,
}

/// A signed-in user when the request carries a token (which must then be valid and hold a scope of `N`),
/// or nobody, for endpoints that anonymous readers may use too.
pub struct MaybeUser<N: Need> {
    pub account: Option<Account>,
    need: PhantomData<N>,
}

impl<N: Need> MaybeUser<N> {
    pub fn id(&self) -> Option<crate::db::Id> {
        self.account.as_ref().map(|a| a.id)
    }
}

fn bearer(req: &HttpRequest) -> Option<String> {
    let value = req.headers().get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim().to_owned())
        .filter(|t| !t.is_empty())
}

async fn session<N: Need>(req: HttpRequest) -> Result<Session, ApiError> {
    let token = bearer(&req).ok_or_else(|| ApiError::unauthorized(INVALID_TOKEN))?;
    let state = req
        .app_data::<Data<AppState>>()
        .ok_or_else(|| ApiError::internal(anyhow::anyhow!("application state missing")))?
        .clone();
    let session = state
        .pool
        .run(move |conn| oauth::authenticate(conn, &token))
        .await?;
    if !N::ANY_OF.is_empty() && !session.scopes.allows_any(N::ANY_OF) {
        return Err(ApiError::forbidden(OUTSIDE_SCOPES));
    }
    Ok(session)
}

impl<N: Need + 'static> FromRequest for AppAuth<N> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            Ok(AppAuth {
                session: session::<N>(req).await?,
                need: PhantomData,
            })
        })
    }
}

impl<N: Need + 'static> FromRequest for UserAuth<N> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let mut session = session::<N>(req).await?;
            let account = session
                .account
                .take()
                .ok_or_else(|| ApiError::unprocessable(NEEDS_USER))?;
            Ok(UserAuth {
                account,
                session,
                need: PhantomData,
            })
        })
    }
}

impl<N: Need + 'static> FromRequest for MaybeUser<N> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let account = match req.headers().contains_key(AUTHORIZATION) {
                true => session::<N>(req).await?.account,
                false => None,
            };
            Ok(MaybeUser {
                account,
                need: PhantomData,
            })
        })
    }
}
