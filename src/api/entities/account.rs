//! The Account and CredentialAccount entities.

use serde::Serialize;

use super::{date, datetime};
use crate::api::state::AppState;
use crate::db::accounts::Account as AccountRow;
use crate::domain::paths;
use crate::domain::profile::ProfileField;
use crate::domain::text::{escape_html, plain_to_html};
use crate::service::accounts::Credentials;

#[derive(Debug, Serialize)]
pub struct Field {
    pub name: String,
    pub value: String,
    pub verified_at: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Account {
    pub id: String,
    pub username: String,
    pub acct: String,
    pub display_name: String,
    pub locked: bool,
    pub bot: bool,
    pub discoverable: bool,
    pub indexable: bool,
    pub group: bool,
    pub hide_collections: bool,
    pub noindex: bool,
    pub created_at: String,
    pub note: String,
    pub url: String,
    pub uri: String,
    pub avatar: String,
    pub avatar_static: String,
    pub header: String,
    pub header_static: String,
    pub followers_count: i64,
    pub following_count: i64,
    pub statuses_count: i64,
    pub last_status_at: Option<String>,
    pub emojis: Vec<()>,
    pub fields: Vec<Field>,
    pub roles: Vec<()>,
    /// This service's extension (one namespaced object, as on Status): the profile signals the job feed
    /// reads.
    pub job: JobProfile,
}

#[derive(Debug, Serialize)]
pub struct JobProfile {
    pub open_to_work: bool,
    pub hiring: bool,
}

#[derive(Debug, Serialize)]
pub struct Source {
    pub privacy: &'static str,
    pub sensitive: bool,
    pub language: String,
    pub note: String,
    pub fields: Vec<Field>,
    pub follow_requests_count: i64,
    pub hide_collections: bool,
    pub discoverable: bool,
    pub indexable: bool,
}

#[derive(Debug, Serialize)]
pub struct Role {
    pub id: &'static str,
    pub name: &'static str,
    pub permissions: &'static str,
    pub color: &'static str,
    pub highlighted: bool,
}

#[derive(Debug, Serialize)]
pub struct CredentialAccount {
    #[serde(flatten)]
    pub account: Account,
    pub source: Source,
    pub role: Role,
}

fn profile_fields(row: &AccountRow) -> Vec<ProfileField> {
    // Written only by our own code; an unreadable value shows as no fields rather than failing the page.
    serde_json::from_str(&row.fields).unwrap_or_default()
}

impl Account {
    pub fn from_row(row: &AccountRow, state: &AppState) -> Self {
        let missing = state.url("/avatars/original/missing.png");
        let header = state.url("/headers/original/missing.png");
        Account {
            id: row.id.to_string(),
            username: row.username.clone(),
            acct: row.username.clone(),
            display_name: row.display_name.clone(),
            locked: row.locked,
            bot: row.bot,
            discoverable: row.discoverable,
            indexable: row.discoverable,
            group: false,
            hide_collections: false,
            noindex: false,
            // Mastodon shows only the day an account was made.
            created_at: datetime(
                row.created_at
                    .date()
                    .and_hms_opt(0, 0, 0)
                    .unwrap_or(row.created_at),
            ),
            note: plain_to_html(&row.note),
            url: state.url(&paths::profile(&row.username)),
            uri: state.url(&paths::actor(&row.username)),
            avatar: missing.clone(),
            avatar_static: missing,
            header: header.clone(),
            header_static: header,
            followers_count: row.followers_count,
            following_count: row.following_count,
            statuses_count: row.statuses_count,
            last_status_at: row.last_status_at.map(date),
            emojis: vec![],
            fields: profile_fields(row)
                .into_iter()
                .map(|f| Field {
                    name: f.name,
                    value: escape_html(&f.value),
                    verified_at: None,
                })
                .collect(),
            roles: vec![],
            job: JobProfile {
                open_to_work: row.open_to_work,
                hiring: row.hiring,
            },
        }
    }
}

impl CredentialAccount {
    pub fn from_rows(row: &AccountRow, credentials: &Credentials, state: &AppState) -> Self {
        let user = &credentials.user;
        CredentialAccount {
            account: Account::from_row(row, state),
            source: Source {
                privacy: "public",
                sensitive: false,
                language: user.locale.clone(),
                note: row.note.clone(),
                fields: profile_fields(row)
                    .into_iter()
                    .map(|f| Field {
                        name: f.name,
                        value: f.value,
                        verified_at: None,
                    })
                    .collect(),
                follow_requests_count: credentials.follow_requests,
                hide_collections: false,
                discoverable: row.discoverable,
                indexable: row.discoverable,
            },
            role: Role {
                id: "-99",
                name: "",
                permissions: "0",
                color: "",
                highlighted: false,
            },
        }
    }
}
