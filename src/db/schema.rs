// Hand-kept: one schema for both backends. `Uuid` is our own type (native uuid on PostgreSQL, text on SQLite).

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::Uuid;

    accounts (id) {
        id -> Uuid,
        username -> Text,
        username_key -> Text,
        display_name -> Text,
        note -> Text,
        fields -> Text,
        locked -> Bool,
        bot -> Bool,
        discoverable -> Bool,
        followers_count -> BigInt,
        following_count -> BigInt,
        statuses_count -> BigInt,
        last_status_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::Uuid;

    users (account_id) {
        account_id -> Uuid,
        email -> Text,
        email_key -> Text,
        password_hash -> Text,
        locale -> Text,
        last_active_at -> Nullable<Timestamp>,
        created_by_application_id -> Nullable<Uuid>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::Uuid;

    oauth_applications (id) {
        id -> Uuid,
        name -> Text,
        website -> Nullable<Text>,
        redirect_uris -> Text,
        scopes -> Text,
        client_id -> Text,
        client_secret_hash -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::Uuid;

    oauth_access_tokens (id) {
        id -> Uuid,
        token_hash -> Text,
        application_id -> Uuid,
        account_id -> Nullable<Uuid>,
        scopes -> Text,
        created_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::Uuid;

    oauth_authorization_codes (id) {
        id -> Uuid,
        code_hash -> Text,
        application_id -> Uuid,
        account_id -> Uuid,
        redirect_uri -> Text,
        scopes -> Text,
        code_challenge -> Nullable<Text>,
        code_challenge_method -> Nullable<Text>,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        access_token_id -> Nullable<Uuid>,
    }
}

diesel::joinable!(users -> accounts (account_id));
diesel::joinable!(oauth_access_tokens -> oauth_applications (application_id));
diesel::allow_tables_to_appear_in_same_query!(
    accounts,
    users,
    oauth_applications,
    oauth_access_tokens,
    oauth_authorization_codes,
);
