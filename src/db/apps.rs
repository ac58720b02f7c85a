//! The `oauth_applications` table: registered client applications.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::connection::DbConnection;
use super::schema::oauth_applications;
use super::types::Id;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = oauth_applications)]
pub struct App {
    pub id: Id,
    pub name: String,
    pub website: Option<String>,
    pub redirect_uris: String,
    pub scopes: String,
    pub client_id: String,
    pub client_secret_hash: String,
    pub created_at: NaiveDateTime,
}

impl App {
    pub fn redirect_uri_list(&self) -> impl Iterator<Item = &str> {
        self.redirect_uris.lines().filter(|l| !l.is_empty())
    }
}

pub fn insert(conn: &mut DbConnection, app: &App) -> QueryResult<()> {
    diesel::insert_into(oauth_applications::table)
        .values(app)
        .execute(conn)
        .map(drop)
}

pub fn find(conn: &mut DbConnection, id: Id) -> QueryResult<Option<App>> {
    oauth_applications::table
        .find(id)
        .select(App::as_select())
        .first(conn)
        .optional()
}

pub fn find_by_client_id(conn: &mut DbConnection, client_id: &str) -> QueryResult<Option<App>> {
    oauth_applications::table
        .filter(oauth_applications::client_id.eq(client_id))
        .select(App::as_select())
        .first(conn)
        .optional()
}
