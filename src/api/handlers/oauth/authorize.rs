//! GET /oauth/authorize shows the sign-in-and-approve page; POST /oauth/authorize acts on it: redirects to
//! the application with a code (or `error=access_denied`), or shows the code for out-of-band clients.

use actix_web::http::header::LOCATION;
use actix_web::web::Data;
use actix_web::HttpResponse;
use serde::Deserialize;

use super::authorize_page::{self as page, Carried};
use crate::api::extract::{lenient, Params};
use crate::api::state::AppState;
use crate::domain::app_registration::OUT_OF_BAND;
use crate::error::ApiError;
use crate::service::oauth::{self, AuthorizationParams, AuthorizationRequest};

#[derive(Deserialize, Default)]
pub struct Request {
    #[serde(default, deserialize_with = "lenient::opt_string")]
    response_type: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    client_id: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    redirect_uri: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    scope: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    state: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    code_challenge: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    code_challenge_method: Option<String>,
    // Only in the POST from the page.
    #[serde(default, deserialize_with = "lenient::opt_string")]
    login: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    password: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    decision: Option<String>,
}

impl Request {
    fn carried(&self) -> Carried<'_> {
        let fields = [
            ("response_type", &self.response_type),
            ("client_id", &self.client_id),
            ("redirect_uri", &self.redirect_uri),
            ("scope", &self.scope),
            ("state", &self.state),
            ("code_challenge", &self.code_challenge),
            ("code_challenge_method", &self.code_challenge_method),
        ];
        Carried {
            pairs: fields
                .into_iter()
                .filter_map(|(k, v)| v.as_deref().map(|v| (k, v)))
                .collect(),
        }
    }

    async fn check(&self, state: &AppState) -> Result<AuthorizationRequest, ApiError> {
        let params = AuthorizationParams {
            client_id: self.client_id.clone().unwrap_or_default(),
            redirect_uri: self.redirect_uri.clone(),
            response_type: self.response_type.clone().unwrap_or_default(),
            scope: self.scope.clone(),
            code_challenge: self.code_challenge.clone(),
            code_challenge_method: self.code_challenge_method.clone(),
        };
        state
            .pool
            .run(move |conn| oauth::check_authorization(conn, &params))
            .await
    }
}

/// `uri` with `pairs` added to its query string.
fn redirect_to(uri: &str, pairs: &[(&str, &str)]) -> HttpResponse {
    let mut url = uri.to_owned();
    let query: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish();
    url.push(if url.contains('?') { '&' } else { '?' });
    url.push_str(&query);
    HttpResponse::Found()
        .insert_header((LOCATION, url))
        .finish()
}

pub async fn show(state: Data<AppState>, Params(req): Params<Request>) -> HttpResponse {
    match req.check(&state).await {
        Ok(checked) => page::sign_in(
            &checked.app.name,
            &checked.scopes.to_string(),
            &req.carried(),
            None,
        ),
        Err(e) => page::error(actix_web::ResponseError::status_code(&e), e.message()),
    }
}

pub async fn decide(state: Data<AppState>, Params(req): Params<Request>) -> HttpResponse {
    let checked = match req.check(&state).await {
        Ok(c) => c,
        Err(e) => return page::error(actix_web::ResponseError::status_code(&e), e.message()),
    };
    let client_state = req.state.as_deref();
    let with_state = |mut pairs: Vec<(&'static str, String)>| {
        if let Some(s) = client_state {
            pairs.push(("state", s.to_owned()));
        }
        pairs
    };
    if req.decision.as_deref() != Some("approve") {
        if checked.redirect_uri == OUT_OF_BAND {
            return page::error(
                actix_web::http::StatusCode::FORBIDDEN,
                "You denied the request.",
            );
        }
        let pairs = with_state(vec![("error", "access_denied".into())]);
        let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        return redirect_to(&checked.redirect_uri, &pairs);
    }
    let login = req.login.clone().unwrap_or_default();
    let password = req.password.clone().unwrap_or_default();
    let user = match oauth::sign_in(&state.pool, login, password).await {
        Ok(Some(user)) => user,
        Ok(None) => {
            return page::sign_in(
                &checked.app.name,
                &checked.scopes.to_string(),
                &req.carried(),
                Some("Wrong e-mail, username or password."),
            )
        }
        Err(e) => return page::error(actix_web::ResponseError::status_code(&e), e.message()),
    };
    let account_id = user.account_id;
    let request = checked.clone();
    let code = match state
        .pool
        .run(move |conn| oauth::create_code(conn, &request, account_id))
        .await
    {
        Ok(code) => code,
        Err(e) => return page::error(actix_web::ResponseError::status_code(&e), e.message()),
    };
    if checked.redirect_uri == OUT_OF_BAND {
        return page::show_code(&checked.app.name, &code);
    }
    let pairs = with_state(vec![("code", code)]);
    let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    redirect_to(&checked.redirect_uri, &pairs)
}
