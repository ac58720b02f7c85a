//! The Status entity (with its Mention and Tag parts), mapped from a loaded `StatusView`.

use serde::Serialize;

use super::account::Account;
use super::datetime;
use crate::api::state::AppState;
use crate::domain::jobs::JobKind;
use crate::domain::paths;
use crate::service::status_views::StatusView;

#[derive(Debug, Serialize)]
pub struct Mention {
    pub id: String,
    pub username: String,
    pub url: String,
    pub acct: String,
}

#[derive(Debug, Serialize)]
pub struct Tag {
    pub name: String,
    pub url: String,
}

/// `{"kind": "offer" | "seeking" | null, "score": 0.0–1.0, "signals": [...]}`; the job feed adds an
/// `explanation`.
#[derive(Debug, Serialize)]
pub struct Job {
    pub kind: Option<&'static str>,
    pub score: f32,
    pub signals: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<Explanation>,
}

/// Why a post is in the viewer's job feed: a sentence, and the accounts on the path from the viewer.
#[derive(Debug, Serialize)]
pub struct Explanation {
    pub text: String,
    pub path: Vec<Account>,
}

impl Explanation {
    /// The sentence and the accounts it names, as entities.
    pub fn new(text: &str, path: &[crate::db::accounts::Account], state: &AppState) -> Self {
        Explanation {
            text: text.to_owned(),
            path: path.iter().map(|a| Account::from_row(a, state)).collect(),
        }
    }
}

impl Status {
    /// A job feed item: the status, its `job` object holding why it is in the viewer's feed.
    pub fn from_feed_item(item: &crate::service::job_feed::FeedItem, state: &AppState) -> Self {
        let mut status = Status::from_view(&item.view, state);
        status.job.explanation = Some(Explanation::new(&item.explanation, &item.path, state));
        status
    }
}

impl Job {
    fn from_row(s: &crate::db::statuses::Status) -> Self {
        let kind = s.job_kind.and_then(JobKind::from_code);
        Job {
            kind: kind.map(JobKind::as_str),
            score: s.job_score,
            signals: s
                .job_signals
                .as_deref()
                .and_then(|j| serde_json::from_str(j).ok())
                .unwrap_or_default(),
            explanation: None,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct Status {
    pub id: String,
    pub uri: String,
    pub url: Option<String>,
    pub created_at: String,
    pub edited_at: Option<String>,
    pub account: Account,
    pub content: String,
    /// The source text: only in the answer to a delete, so a client can offer "delete and redraft".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    pub visibility: &'static str,
    pub sensitive: bool,
    pub spoiler_text: String,
    pub language: Option<String>,
    pub in_reply_to_id: Option<String>,
    pub in_reply_to_account_id: Option<String>,
    pub reblog: Option<Box<Status>>,
    pub replies_count: i64,
    pub reblogs_count: i64,
    pub favourites_count: i64,
    pub media_attachments: Vec<()>,
    pub mentions: Vec<Mention>,
    pub tags: Vec<Tag>,
    pub emojis: Vec<()>,
    pub card: Option<()>,
    pub poll: Option<()>,
    /// This service's extension: what job detection found in the post.
    pub job: Job,
    // The viewer's own flags, present only when a user is signed in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub favourited: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reblogged: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub muted: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bookmarked: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pinned: Option<bool>,
}

impl Status {
    pub fn from_view(view: &StatusView, state: &AppState) -> Self {
        let s = &view.status;
        let username = &view.account.username;
        let signed_in = view.favourited.is_some();
        let uri = state.url(&paths::status_uri(username, s.id));
        Status {
            id: s.id.to_string(),
            uri: match s.reblog_of_id {
                Some(_) => format!("{uri}/activity"),
                None => uri,
            },
            url: Some(state.url(&paths::status(username, s.id))),
            created_at: datetime(s.created_at),
            edited_at: None,
            account: Account::from_row(&view.account, state),
            content: s.content.clone(),
            text: None,
            visibility: s.visibility().as_str(),
            sensitive: s.sensitive,
            spoiler_text: s.spoiler_text.clone(),
            language: s.language.clone(),
            in_reply_to_id: s.in_reply_to_id.map(|id| id.to_string()),
            in_reply_to_account_id: s.in_reply_to_account_id.map(|id| id.to_string()),
            reblog: view
                .reblog
                .as_ref()
                .map(|original| Box::new(Status::from_view(original, state))),
            replies_count: s.replies_count,
            reblogs_count: s.reblogs_count,
            favourites_count: s.favourites_count,
            media_attachments: vec![],
            mentions: view
                .mentions
                .iter()
                .map(|a| Mention {
                    id: a.id.to_string(),
                    username: a.username.clone(),
                    url: state.url(&paths::profile(&a.username)),
                    acct: a.username.clone(),
                })
                .collect(),
            tags: view
                .tags
                .iter()
                .map(|t| Tag {
                    name: t.name_key.clone(),
                    url: state.url(&paths::tag(&t.name_key)),
                })
                .collect(),
            emojis: vec![],
            card: None,
            poll: None,
            job: Job::from_row(s),
            favourited: view.favourited,
            reblogged: view.reblogged,
            muted: signed_in.then_some(false),
            bookmarked: signed_in.then_some(false),
            pinned: signed_in.then_some(false),
        }
    }

    /// Many views, in order.
    pub fn from_views(views: &[StatusView], state: &AppState) -> Vec<Self> {
        views.iter().map(|v| Status::from_view(v, state)).collect()
    }
}

#[derive(Debug, Serialize)]
pub struct Context {
    pub ancestors: Vec<Status>,
    pub descendants: Vec<Status>,
}
