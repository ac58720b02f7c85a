//! PATCH /api/v1/accounts/update_credentials: display name, note, fields and account flags.

use std::collections::BTreeMap;

use actix_web::web::{Data, Json};
use serde::Deserialize;

use crate::api::entities::account::CredentialAccount;
use crate::api::extract::auth::{UserAuth, WriteAccounts};
use crate::api::extract::{lenient, Params};
use crate::api::state::AppState;
use crate::domain::profile::{self, ProfileField};
use crate::domain::validation::Invalid;
use crate::error::ApiError;
use crate::service::accounts::{credentials, update_profile, ProfileEdit};

#[derive(Deserialize)]
pub struct Form {
    #[serde(default, deserialize_with = "lenient::opt_string")]
    display_name: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    note: Option<String>,
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    locked: Option<bool>,
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    bot: Option<bool>,
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    discoverable: Option<bool>,
    /// Profile signals (this service's extension): looking for work, hiring.
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    open_to_work: Option<bool>,
    #[serde(default, deserialize_with = "lenient::opt_bool")]
    hiring: Option<bool>,
    #[serde(default)]
    fields_attributes: Option<FieldRows>,
}

/// Forms send `fields_attributes[0][name]=…` (an object keyed by position); JSON clients send a list.
#[derive(Deserialize)]
#[serde(untagged)]
enum FieldRows {
    List(Vec<FieldRow>),
    Keyed(BTreeMap<String, FieldRow>),
}

#[derive(Deserialize)]
struct FieldRow {
    #[serde(default)]
    name: String,
    #[serde(default)]
    value: String,
}

impl FieldRows {
    fn into_fields(self) -> Vec<ProfileField> {
        let rows: Vec<FieldRow> = match self {
            FieldRows::List(rows) => rows,
            FieldRows::Keyed(map) => {
                let mut keyed: Vec<(u64, FieldRow)> = map
                    .into_iter()
                    .map(|(k, v)| (k.parse().unwrap_or(u64::MAX), v))
                    .collect();
                keyed.sort_by_key(|(k, _)| *k);
                keyed.into_iter().map(|(_, v)| v).collect()
            }
        };
        rows.into_iter()
            .map(|r| ProfileField {
                name: r.name,
                value: r.value,
            })
            .collect()
    }
}

pub async fn handle(
    state: Data<AppState>,
    auth: UserAuth<WriteAccounts>,
    Params(form): Params<Form>,
) -> Result<Json<CredentialAccount>, ApiError> {
    let mut invalid = Invalid::default();
    if let Some(name) = &form.display_name {
        invalid.check(profile::check_display_name(name));
    }
    if let Some(note) = &form.note {
        invalid.check(profile::check_note(note));
    }
    let fields = form
        .fields_attributes
        .map(|rows| profile::check_fields(rows.into_fields(), &mut invalid));
    invalid.into_result()?;
    let edit = ProfileEdit {
        display_name: form.display_name.map(|s| s.trim().to_owned()),
        note: form.note,
        fields,
        locked: form.locked,
        bot: form.bot,
        discoverable: form.discoverable,
        open_to_work: form.open_to_work,
        hiring: form.hiring,
    };
    let id = auth.account.id;
    let (row, creds) = state
        .pool
        .run(move |conn| {
            let row = update_profile(conn, id, edit)?;
            Ok((row, credentials(conn, id)?))
        })
        .await?;
    Ok(Json(CredentialAccount::from_rows(&row, &creds, &state)))
}
