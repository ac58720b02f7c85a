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
        open_to_work -> Bool,
        hiring -> Bool,
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

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::Uuid;

    statuses (id) {
        id -> Uuid,
        account_id -> Uuid,
        text -> Text,
        content -> Text,
        spoiler_text -> Text,
        visibility -> SmallInt,
        sensitive -> Bool,
        language -> Nullable<Text>,
        in_reply_to_id -> Nullable<Uuid>,
        in_reply_to_account_id -> Nullable<Uuid>,
        reblog_of_id -> Nullable<Uuid>,
        replies_count -> BigInt,
        reblogs_count -> BigInt,
        favourites_count -> BigInt,
        created_at -> Timestamp,
        job_kind -> Nullable<SmallInt>,
        job_score -> Float,
        job_signals -> Nullable<Text>,
        passes_on_job -> Nullable<SmallInt>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::Uuid;

    mentions (status_id, account_id) {
        status_id -> Uuid,
        account_id -> Uuid,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::Uuid;

    tags (id) {
        id -> Uuid,
        name -> Text,
        name_key -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::Uuid;

    status_tags (tag_id, status_id) {
        status_id -> Uuid,
        tag_id -> Uuid,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::Uuid;

    follows (id) {
        id -> Uuid,
        account_id -> Uuid,
        target_account_id -> Uuid,
        show_reblogs -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::Uuid;

    follow_requests (id) {
        id -> Uuid,
        account_id -> Uuid,
        target_account_id -> Uuid,
        show_reblogs -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::Uuid;

    blocks (id) {
        id -> Uuid,
        account_id -> Uuid,
        target_account_id -> Uuid,
        created_at -> Timestamp,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::Uuid;

    mutes (id) {
        id -> Uuid,
        account_id -> Uuid,
        target_account_id -> Uuid,
        hide_notifications -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::Uuid;

    favourites (id) {
        id -> Uuid,
        account_id -> Uuid,
        status_id -> Uuid,
        created_at -> Timestamp,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::Uuid;

    idempotency_keys (account_id, key) {
        account_id -> Uuid,
        key -> Text,
        status_id -> Uuid,
        created_at -> Timestamp,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::Uuid;

    notifications (id) {
        id -> Uuid,
        account_id -> Uuid,
        from_account_id -> Uuid,
        kind -> Text,
        status_id -> Nullable<Uuid>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    account_search_terms (term, account_id) {
        term -> Text,
        account_id -> crate::db::types::Uuid,
    }
}

diesel::table! {
    status_words (word, status_id) {
        word -> Text,
        status_id -> crate::db::types::Uuid,
    }
}

diesel::table! {
    backfills (name) {
        name -> Text,
        finished_at -> Timestamp,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::Uuid;

    interaction_edges (account_id, target_account_id) {
        account_id -> Uuid,
        target_account_id -> Uuid,
        mentions -> Float,
        replies -> Float,
        reblogs -> Float,
        favourites -> Float,
        follows -> Bool,
        last_at -> BigInt,
        month -> Integer,
        month_mentions -> Integer,
        month_replies -> Integer,
        month_reblogs -> Integer,
        month_favourites -> Integer,
        updated_at -> Timestamp,
    }
}

diesel::joinable!(users -> accounts (account_id));
diesel::joinable!(mentions -> statuses (status_id));
diesel::joinable!(status_tags -> statuses (status_id));
diesel::joinable!(status_tags -> tags (tag_id));

diesel::joinable!(oauth_access_tokens -> oauth_applications (application_id));
diesel::table! {
    use diesel::sql_types::*;
    use crate::db::types::Uuid;

    suggestion_dismissals (account_id, target_account_id) {
        account_id -> Uuid,
        target_account_id -> Uuid,
        created_at -> Timestamp,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    accounts,
    users,
    oauth_applications,
    oauth_access_tokens,
    oauth_authorization_codes,
    statuses,
    mentions,
    tags,
    status_tags,
    follows,
    follow_requests,
    blocks,
    mutes,
    favourites,
    idempotency_keys,
    notifications,
    account_search_terms,
    status_words,
    backfills,
    interaction_edges,
    suggestion_dismissals,
);
