//! OAuth use cases: registering applications, authenticating bearer tokens, issuing and revoking tokens,
//! and the three grants of the token endpoint.

use actix_web::http::StatusCode;
use chrono::{Duration, NaiveDateTime};

use crate::auth::{pkce, secret};
use crate::db::accounts::Account;
use crate::db::apps::{self, App};
use crate::db::codes::{self, AuthorizationCode};
use crate::db::tokens::{self, AccessToken};
use crate::db::users::{self, User};
use crate::db::{types, write_transaction, DbConnection, Id, Pool};
use crate::domain::app_registration::AppRegistration;
use crate::domain::scopes::Scopes;
use crate::error::ApiError;

/// The answer to a missing, unknown or revoked bearer token.
pub const INVALID_TOKEN: &str = "The access token is invalid";

/// How long an authorization code may wait to be exchanged.
const CODE_LIFETIME_MINUTES: i64 = 10;

/// Who a bearer token speaks for.
#[derive(Debug)]
pub struct Session {
    pub token: AccessToken,
    pub scopes: Scopes,
    pub account: Option<Account>,
}

/// A token just issued: the only moment the secret exists outside the client.
#[derive(Debug)]
pub struct IssuedToken {
    pub access_token: String,
    pub scopes: Scopes,
    pub created_at: NaiveDateTime,
}

/// An application just registered, with its secret (shown once).
pub struct CreatedApp {
    pub app: App,
    pub client_secret: String,
}

pub fn create_app(conn: &mut DbConnection, reg: AppRegistration) -> Result<CreatedApp, ApiError> {
    let client_secret = secret::generate();
    let app = App {
        id: Id::new(),
        name: reg.name,
        website: reg.website,
        redirect_uris: reg.redirect_uris.join("\n"),
        scopes: reg.scopes.to_string(),
        client_id: secret::generate(),
        client_secret_hash: secret::digest(&client_secret),
        created_at: types::now(),
    };
    apps::insert(conn, &app)?;
    Ok(CreatedApp { app, client_secret })
}

/// The session behind a bearer token; a missing, unknown or revoked token is 401.
pub fn authenticate(conn: &mut DbConnection, bearer: &str) -> Result<Session, ApiError> {
    let invalid = || ApiError::unauthorized(INVALID_TOKEN);
    let (token, account) =
        tokens::find_active_with_account(conn, &secret::digest(bearer))?.ok_or_else(invalid)?;
    let scopes = Scopes::parse(&token.scopes)
        .map_err(|e| ApiError::internal(anyhow::anyhow!("stored scopes: {e}")))?;
    let account = match token.account_id {
        Some(id) => {
            let account = account.ok_or_else(invalid)?;
            super::activity::record(conn, id)?;
            Some(account)
        }
        None => None,
    };
    Ok(Session {
        token,
        scopes,
        account,
    })
}

pub fn issue_token(
    conn: &mut DbConnection,
    application_id: Id,
    account_id: Option<Id>,
    scopes: &Scopes,
) -> Result<(IssuedToken, Id), ApiError> {
    let access_token = secret::generate();
    let row = AccessToken {
        id: Id::new(),
        token_hash: secret::digest(&access_token),
        application_id,
        account_id,
        scopes: scopes.to_string(),
        created_at: types::now(),
        revoked_at: None,
    };
    tokens::insert(conn, &row)?;
    let issued = IssuedToken {
        access_token,
        scopes: scopes.clone(),
        created_at: row.created_at,
    };
    Ok((issued, row.id))
}

fn invalid_client() -> ApiError {
    ApiError::oauth(
        StatusCode::UNAUTHORIZED,
        "invalid_client",
        "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.",
    )
}

pub fn invalid_grant(description: &str) -> ApiError {
    ApiError::oauth(StatusCode::BAD_REQUEST, "invalid_grant", description)
}

pub fn invalid_scope() -> ApiError {
    ApiError::oauth(
        StatusCode::BAD_REQUEST,
        "invalid_scope",
        "The requested scope is invalid, unknown, or malformed.",
    )
}

/// The application named by `client_id`, proven by its secret. `secret` may be absent only where the
/// caller allows a public client (a PKCE-protected code exchange).
pub fn authenticate_client(
    conn: &mut DbConnection,
    client_id: &str,
    client_secret: Option<&str>,
    secret_optional: bool,
) -> Result<App, ApiError> {
    let app = apps::find_by_client_id(conn, client_id)?.ok_or_else(invalid_client)?;
    match client_secret {
        Some(s) if secret::matches(s, &app.client_secret_hash) => Ok(app),
        None if secret_optional => Ok(app),
        _ => Err(invalid_client()),
    }
}

/// The scopes a token asks for, which must lie within its application's; none asked means `read`.
pub fn requested_scopes(app: &App, requested: Option<&str>) -> Result<Scopes, ApiError> {
    let app_scopes = Scopes::parse(&app.scopes)
        .map_err(|e| ApiError::internal(anyhow::anyhow!("stored scopes: {e}")))?;
    let wanted = Scopes::parse(requested.unwrap_or("")).map_err(|_| invalid_scope())?;
    if app_scopes.covers(&wanted) {
        Ok(wanted)
    } else {
        Err(invalid_scope())
    }
}

/// Checks a login and password. Unknown logins cost the same time as wrong passwords.
pub async fn sign_in(
    pool: &Pool,
    login: String,
    password: String,
) -> Result<Option<User>, ApiError> {
    let user = pool
        .run(move |conn| Ok(users::find_by_login(conn, &login)?))
        .await?;
    let stored = user.as_ref().map(|u| u.password_hash.clone());
    let ok = crate::auth::password::verify_async(password, stored)
        .await
        .map_err(ApiError::internal)?;
    Ok(user.filter(|_| ok))
}

/// What `/oauth/authorize` was asked to do, once checked against the application.
#[derive(Debug, Clone)]
pub struct AuthorizationRequest {
    pub app: App,
    pub redirect_uri: String,
    pub scopes: Scopes,
    pub challenge: Option<(pkce::Method, String)>,
}

/// The parameters of an authorization request, as the client sent them.
#[derive(Debug, Clone, Default)]
pub struct AuthorizationParams {
    pub client_id: String,
    pub redirect_uri: Option<String>,
    pub response_type: String,
    pub scope: Option<String>,
    pub code_challenge: Option<String>,
    pub code_challenge_method: Option<String>,
}

/// Checks an authorization request. Errors here are shown to the person, never sent to the redirect URI,
/// because the URI itself may be what is wrong.
pub fn check_authorization(
    conn: &mut DbConnection,
    params: &AuthorizationParams,
) -> Result<AuthorizationRequest, ApiError> {
    let app = apps::find_by_client_id(conn, &params.client_id)?
        .ok_or_else(|| ApiError::bad_request("Unknown client_id"))?;
    // Without a redirect_uri, an application with exactly one registered URI means that one (RFC 6749 §3.1.2.3).
    let registered: Vec<&str> = app.redirect_uri_list().collect();
    let redirect_uri = match (params.redirect_uri.as_deref(), registered.as_slice()) {
        (Some(uri), _) if registered.contains(&uri) => uri.to_owned(),
        (None, [only]) => (*only).to_owned(),
        _ => {
            return Err(ApiError::bad_request(
                "The redirect_uri is not registered for this application",
            ))
        }
    };
    if params.response_type != "code" {
        return Err(ApiError::bad_request(
            "Only response_type=code is supported",
        ));
    }
    let scopes = requested_scopes(&app, params.scope.as_deref())?;
    let challenge = match params.code_challenge.as_deref().filter(|c| !c.is_empty()) {
        None => None,
        Some(c) => {
            let method =
                pkce::Method::parse(params.code_challenge_method.as_deref()).ok_or_else(|| {
                    ApiError::bad_request("code_challenge_method must be S256 or plain")
                })?;
            if !pkce::is_well_formed(c) {
                return Err(ApiError::bad_request(
                    "code_challenge must be 43 to 128 URL-safe characters",
                ));
            }
            Some((method, c.to_owned()))
        }
    };
    Ok(AuthorizationRequest {
        app,
        redirect_uri,
        scopes,
        challenge,
    })
}

/// Creates a single-use code for an approved request; returns the code (shown once).
pub fn create_code(
    conn: &mut DbConnection,
    request: &AuthorizationRequest,
    account_id: Id,
) -> Result<String, ApiError> {
    let code = secret::generate();
    let now = types::now();
    let (method, challenge) = match &request.challenge {
        Some((m, c)) => (Some(m.as_str().to_owned()), Some(c.clone())),
        None => (None, None),
    };
    codes::insert(
        conn,
        &AuthorizationCode {
            id: Id::new(),
            code_hash: secret::digest(&code),
            application_id: request.app.id,
            account_id,
            redirect_uri: request.redirect_uri.clone(),
            scopes: request.scopes.to_string(),
            code_challenge: challenge,
            code_challenge_method: method,
            created_at: now,
            expires_at: now + Duration::minutes(CODE_LIFETIME_MINUTES),
            used_at: None,
            access_token_id: None,
        },
    )?;
    Ok(code)
}

/// The token-endpoint side of the authorization-code grant.
pub struct CodeExchange<'a> {
    pub client_id: &'a str,
    pub client_secret: Option<&'a str>,
    pub code: &'a str,
    pub redirect_uri: Option<&'a str>,
    pub code_verifier: Option<&'a str>,
}

pub fn exchange_code(
    conn: &mut DbConnection,
    ex: CodeExchange<'_>,
) -> Result<IssuedToken, ApiError> {
    let code = codes::find(conn, &secret::digest(ex.code))?;
    // A public client (no secret) may exchange only a PKCE-protected code.
    let public_ok = code.as_ref().is_some_and(|c| c.code_challenge.is_some());
    let app = authenticate_client(conn, ex.client_id, ex.client_secret, public_ok)?;
    let bad = || {
        invalid_grant("The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.")
    };
    let code = code
        .filter(|c| c.application_id == app.id)
        .ok_or_else(bad)?;
    if code.used_at.is_some() {
        // A code presented twice may have been stolen: revoke what it already bought (RFC 6749 §4.1.2).
        if let Some(token_id) = code.access_token_id {
            tokens::revoke(conn, token_id, types::now())?;
        }
        return Err(bad());
    }
    if code.expires_at < types::now() || ex.redirect_uri.is_some_and(|u| u != code.redirect_uri) {
        return Err(bad());
    }
    if let Some(challenge) = &code.code_challenge {
        let method = pkce::Method::parse(code.code_challenge_method.as_deref()).ok_or_else(bad)?;
        let verifier = ex.code_verifier.ok_or_else(bad)?;
        if !pkce::verify(method, challenge, verifier) {
            return Err(bad());
        }
    }
    let scopes = Scopes::parse(&code.scopes).map_err(|_| bad())?;
    write_transaction(conn, |conn| {
        let (issued, token_id) = issue_token(conn, app.id, Some(code.account_id), &scopes)?;
        if !codes::redeem(conn, code.id, token_id, issued.created_at)? {
            return Err(bad());
        }
        Ok(issued)
    })
}

/// Revokes `token` if `app` issued it. Unknown tokens are not an error (RFC 7009 §2.2).
pub fn revoke(conn: &mut DbConnection, app: &App, token: &str) -> Result<(), ApiError> {
    tokens::revoke_for_app(conn, &secret::digest(token), app.id, types::now())?;
    Ok(())
}
