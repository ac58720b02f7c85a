//! The Application and CredentialApplication entities.

use serde::Serialize;

use crate::db::apps::App;

#[derive(Debug, Serialize)]
pub struct Application {
    pub id: String,
    pub name: String,
    pub website: Option<String>,
    pub scopes: Vec<String>,
    /// Deprecated by Mastodon in favour of `redirect_uris`, still read by older clients.
    pub redirect_uri: String,
    pub redirect_uris: Vec<String>,
    pub vapid_key: String,
}

#[derive(Debug, Serialize)]
pub struct CredentialApplication {
    #[serde(flatten)]
    pub application: Application,
    pub client_id: String,
    pub client_secret: String,
    pub client_secret_expires_at: i64,
}

impl Application {
    pub fn from_row(app: &App) -> Self {
        let uris: Vec<String> = app.redirect_uri_list().map(str::to_owned).collect();
        Application {
            id: app.id.to_string(),
            name: app.name.clone(),
            website: app.website.clone(),
            scopes: app.scopes.split_whitespace().map(str::to_owned).collect(),
            redirect_uri: uris.join("\n"),
            redirect_uris: uris,
            vapid_key: String::new(),
        }
    }
}

impl CredentialApplication {
    /// The secret exists in clear only here, in the answer to the registration.
    pub fn from_row(app: &App, client_secret: String) -> Self {
        CredentialApplication {
            application: Application::from_row(app),
            client_id: app.client_id.clone(),
            client_secret,
            client_secret_expires_at: 0,
        }
    }
}
