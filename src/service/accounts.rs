//! Account use cases: signing up (from the API or the CLI) and editing a profile.

use diesel::result::{DatabaseErrorKind, Error as DieselError};

use crate::db::accounts::{self, Account, ProfileChanges};
use crate::db::users::{self, User};
use crate::db::{types, write_transaction, DbConnection, Id, Pool};
use crate::domain::email::Email;
use crate::domain::password::NewPassword;
use crate::domain::profile::ProfileField;
use crate::domain::scopes::Scopes;
use crate::domain::username::Username;
use crate::domain::validation::{ErrorCode, Invalid};
use crate::error::ApiError;
use crate::service::oauth::{issue_token, IssuedToken};

pub struct SignUp {
    pub username: String,
    pub email: String,
    pub password: String,
    /// Whether the person accepted the instance's terms; the API requires it, the CLI does not ask.
    pub agreement: Option<bool>,
    pub locale: Option<String>,
}

/// A token to issue to the new account, for the application that signed it up.
pub struct TokenFor {
    pub application_id: Id,
    pub scopes: Scopes,
}

/// Validates, checks that the username and e-mail are free, hashes the password (off the async workers)
/// and stores the account, its credentials and, when asked, a token, all in one transaction.
pub async fn sign_up(
    pool: &Pool,
    form: SignUp,
    token_for: Option<TokenFor>,
) -> Result<(Account, Option<IssuedToken>), ApiError> {
    let mut invalid = Invalid::default();
    let username = invalid.check(Username::parse(form.username.trim()));
    let email = invalid.check(Email::parse(&form.email));
    let password = invalid.check(NewPassword::parse(form.password));
    if form.agreement == Some(false) {
        invalid.add("agreement", ErrorCode::Accepted, "must be accepted");
    }
    let locale = form
        .locale
        .filter(|l| {
            !l.is_empty()
                && l.len() <= 16
                && l.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
        .unwrap_or_else(|| "en".to_owned());

    let keys = (
        username.as_ref().map(Username::key),
        email.as_ref().map(Email::key),
    );
    let taken = pool
        .run(move |conn| Ok(taken(conn, keys.0.as_deref(), keys.1.as_deref())?))
        .await?;
    invalid.0.extend(taken);
    let (Some(username), Some(email), Some(password)) = (username, email, password) else {
        return Err(invalid.into());
    };
    invalid.into_result()?;

    let password_hash = crate::auth::password::hash_async(password.expose().to_owned())
        .await
        .map_err(ApiError::internal)?;

    pool.run(move |conn| {
        write_transaction(conn, |conn| {
            let now = types::now();
            let account = Account {
                id: Id::new(),
                username: username.as_str().to_owned(),
                username_key: username.key(),
                display_name: String::new(),
                note: String::new(),
                fields: "[]".into(),
                locked: false,
                bot: false,
                discoverable: true,
                followers_count: 0,
                following_count: 0,
                statuses_count: 0,
                last_status_at: None,
                created_at: now,
                updated_at: now,
                open_to_work: false,
                hiring: false,
            };
            accounts::insert(conn, &account).map_err(taken_race)?;
            crate::service::search::index_account(conn, &account)?;
            users::insert(
                conn,
                &User {
                    account_id: account.id,
                    email: email.as_str().to_owned(),
                    email_key: email.key(),
                    password_hash,
                    locale,
                    // Signing up through an app is activity; an account made with the CLI is not active
                    // until it is used.
                    last_active_at: token_for.as_ref().map(|_| now),
                    created_by_application_id: token_for.as_ref().map(|t| t.application_id),
                    created_at: now,
                },
            )
            .map_err(taken_race)?;
            let token = match token_for {
                Some(t) => {
                    Some(issue_token(conn, t.application_id, Some(account.id), &t.scopes)?.0)
                }
                None => None,
            };
            Ok((account, token))
        })
    })
    .await
}

/// Which of the username and e-mail are already in use.
fn taken(
    conn: &mut DbConnection,
    username_key: Option<&str>,
    email_key: Option<&str>,
) -> diesel::QueryResult<Vec<crate::domain::validation::FieldError>> {
    let mut invalid = Invalid::default();
    if let Some(key) = username_key {
        if accounts::username_taken(conn, key)? {
            invalid.add("username", ErrorCode::Taken, "has already been taken");
        }
    }
    if let Some(key) = email_key {
        if users::email_taken(conn, key)? {
            invalid.add("email", ErrorCode::Taken, "has already been taken");
        }
    }
    Ok(invalid.0)
}

/// Two sign-ups racing for one name: the loser learns it was taken, as if it had come second.
fn taken_race(e: DieselError) -> ApiError {
    match e {
        DieselError::DatabaseError(DatabaseErrorKind::UniqueViolation, ref info) => {
            let field = if info.message().contains("email")
                || info.constraint_name().is_some_and(|c| c.contains("email"))
            {
                "email"
            } else {
                "username"
            };
            Invalid::single(field, ErrorCode::Taken, "has already been taken").into()
        }
        other => other.into(),
    }
}

/// A checked profile edit; `None` leaves a part unchanged.
#[derive(Debug, Default)]
pub struct ProfileEdit {
    pub display_name: Option<String>,
    pub note: Option<String>,
    pub fields: Option<Vec<ProfileField>>,
    pub locked: Option<bool>,
    pub bot: Option<bool>,
    pub discoverable: Option<bool>,
    pub open_to_work: Option<bool>,
    pub hiring: Option<bool>,
}

pub fn update_profile(
    conn: &mut DbConnection,
    id: Id,
    edit: ProfileEdit,
) -> Result<Account, ApiError> {
    let fields = edit
        .fields
        .map(|f| serde_json::to_string(&f))
        .transpose()
        .map_err(ApiError::internal)?;
    let changes = ProfileChanges {
        display_name: edit.display_name,
        note: edit.note,
        fields,
        locked: edit.locked,
        bot: edit.bot,
        discoverable: edit.discoverable,
        open_to_work: edit.open_to_work,
        hiring: edit.hiring,
        updated_at: Some(types::now()),
    };
    write_transaction(conn, |conn| {
        if changes.locked == Some(false) {
            // An unlocked account needs no approval: whoever asked now follows, as in Mastodon.
            crate::service::follow_requests::accept_all(conn, id)?;
        }
        accounts::update_profile(conn, id, &changes)?;
        let account = accounts::find(conn, id)?.ok_or_else(ApiError::not_found)?;
        if changes.display_name.is_some() {
            crate::service::search::index_account(conn, &account)?;
        }
        Ok(account)
    })
}

/// What only the account's owner sees about it, beside the public profile.
pub struct Credentials {
    pub user: User,
    pub follow_requests: i64,
}

pub fn credentials(conn: &mut DbConnection, id: Id) -> Result<Credentials, ApiError> {
    Ok(Credentials {
        user: users::find(conn, id)?.ok_or_else(ApiError::not_found)?,
        follow_requests: crate::db::follow_requests::count_waiting_for(conn, id)?,
    })
}
