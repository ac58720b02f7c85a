//! Keyset paging at the HTTP edge: the cursor parameters read from the query string, and the `Link` header
//! (`rel="next"` for older items, `rel="prev"` for newer) written on the answer, as Mastodon clients expect.

use std::future::{ready, Ready};

use actix_web::dev::Payload;
use actix_web::http::header::LINK;
use actix_web::{FromRequest, HttpRequest, HttpResponse};
use serde::Serialize;
use uuid::Uuid;

use crate::api::entities::account::Account;
use crate::api::entities::status::Status;
use crate::api::state::AppState;
use crate::db::Id;
use crate::domain::paging::{Limits, Page};
use crate::error::ApiError;
use crate::service::account_lists::AccountPage;
use crate::service::status_views::ViewPage;

const CURSORS: [&str; 4] = ["max_id", "since_id", "min_id", "limit"];

/// The paging parameters of a request, plus the other query parameters to carry into the links.
pub struct Paging {
    max_id: Option<Uuid>,
    since_id: Option<Uuid>,
    min_id: Option<Uuid>,
    limit: Option<u64>,
    rest: Vec<(String, String)>,
}

impl Paging {
    pub fn page(&self, limits: Limits) -> Page {
        Page::new(self.max_id, self.since_id, self.min_id, self.limit, limits)
    }

    fn parse(query: &str) -> Result<Self, ApiError> {
        let mut paging = Paging {
            max_id: None,
            since_id: None,
            min_id: None,
            limit: None,
            rest: Vec::new(),
        };
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            let cursor = |v: &str| -> Result<Option<Uuid>, ApiError> {
                if v.is_empty() {
                    return Ok(None);
                }
                Uuid::try_parse(v)
                    .map(Some)
                    .map_err(|_| ApiError::unprocessable(format!("Invalid {key}: {v}")))
            };
            match key.as_ref() {
                "max_id" => paging.max_id = cursor(&value)?,
                "since_id" => paging.since_id = cursor(&value)?,
                "min_id" => paging.min_id = cursor(&value)?,
                "limit" if !value.is_empty() => {
                    paging.limit =
                        Some(value.parse().map_err(|_| {
                            ApiError::unprocessable(format!("Invalid limit: {value}"))
                        })?)
                }
                _ if CURSORS.contains(&key.as_ref()) => {}
                _ => paging.rest.push((key.into_owned(), value.into_owned())),
            }
        }
        Ok(paging)
    }

    fn link(&self, req: &HttpRequest, state: &AppState, cursor: &str, id: Id) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (k, v) in &self.rest {
            query.append_pair(k, v);
        }
        if let Some(limit) = self.limit {
            query.append_pair("limit", &limit.to_string());
        }
        query.append_pair(cursor, &id.to_string());
        format!("{}?{}", state.url(req.path()), query.finish())
    }

    /// A JSON list answer with its `Link` header; `cursors` are the newest and oldest cursor of the page
    /// (none for an empty page, which then has no links).
    pub fn respond<T: Serialize>(
        &self,
        req: &HttpRequest,
        state: &AppState,
        items: Vec<T>,
        cursors: Option<(Id, Id)>,
    ) -> HttpResponse {
        let mut response = HttpResponse::Ok();
        if let Some((newest, oldest)) = cursors {
            let next = self.link(req, state, "max_id", oldest);
            let prev = self.link(req, state, "min_id", newest);
            response.insert_header((
                LINK,
                format!("<{next}>; rel=\"next\", <{prev}>; rel=\"prev\""),
            ));
        }
        response.json(items)
    }
}

impl Paging {
    /// A page of statuses, with the cursors of what the timeline read.
    pub fn respond_statuses(
        &self,
        req: &HttpRequest,
        state: &AppState,
        page: &ViewPage,
    ) -> HttpResponse {
        self.respond(
            req,
            state,
            Status::from_views(&page.views, state),
            page.cursors,
        )
    }

    /// A page of accounts, its cursors taken from the rows that linked them.
    pub fn respond_accounts(
        &self,
        req: &HttpRequest,
        state: &AppState,
        listed: &AccountPage,
    ) -> HttpResponse {
        let accounts: Vec<Account> = listed
            .accounts
            .iter()
            .map(|a| Account::from_row(a, state))
            .collect();
        self.respond(req, state, accounts, listed.cursors)
    }
}

impl FromRequest for Paging {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Paging::parse(req.query_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cursors_and_keeps_the_rest() {
        let id = Uuid::now_v7();
        let p = Paging::parse(&format!("max_id={id}&limit=5&types[]=mention&local=true")).unwrap();
        assert_eq!(p.max_id, Some(id));
        assert_eq!(p.limit, Some(5));
        assert_eq!(p.rest.len(), 2);
        assert!(Paging::parse("max_id=12").is_err());
        assert!(Paging::parse("limit=many").is_err());
        assert!(Paging::parse("max_id=&limit=").unwrap().max_id.is_none());
    }
}
