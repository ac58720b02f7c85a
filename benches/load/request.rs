//! One request of the mix: what is sent for each endpoint, as whom, and what of the answer is kept.

use std::sync::Arc;

use rand::Rng;
use serde::Deserialize;
use weakties::seed::credentials;
use weakties::seed::text::{compose, Plan, Voice};
use weakties::seed::vocabulary::TAGS;

use crate::mix::Endpoint;
use crate::population::Population;

/// What the scheduler decided, fixed before the request is sent so the draw does not depend on timing.
pub struct Planned {
    builder: reqwest::RequestBuilder,
    keep_id: bool,
}

#[derive(Deserialize)]
struct Created {
    id: String,
}

/// The outcome: HTTP status, or 0 when no answer came (connection error or time-out).
pub type Outcome = u16;

pub fn plan(
    client: &reqwest::Client,
    base: &str,
    population: &Population,
    endpoint: Endpoint,
    k: u64,
    rng: &mut impl Rng,
) -> Planned {
    let me = population.user(rng);
    let get = |path: String| client.get(format!("{base}{path}")).bearer_auth(&me.token);
    let post = |path: String| client.post(format!("{base}{path}")).bearer_auth(&me.token);
    let mut keep_id = false;
    let builder = match endpoint {
        Endpoint::Home => get("/api/v1/timelines/home?limit=20".into()),
        Endpoint::JobFeed => get("/api/v1/timelines/jobs?limit=20".into()),
        Endpoint::Suggestions => get("/api/v2/suggestions".into()),
        Endpoint::AccountTimeline => {
            let other = population.other(me, rng);
            get(format!("/api/v1/accounts/{}/statuses?limit=20", other.id))
        }
        Endpoint::Status => get(format!("/api/v1/statuses/{}", population.status(rng))),
        Endpoint::Notifications => get("/api/v1/notifications?limit=20".into()),
        Endpoint::Search => {
            let q = match rng.gen_range(0..3) {
                0 => format!("#{}", TAGS[rng.gen_range(0..TAGS.len())]),
                1 => credentials::username(population.other(me, rng).index),
                _ => ["engineer", "remote", "interview", "hiring", "Berlin"][rng.gen_range(0..5)]
                    .to_owned(),
            };
            get("/api/v2/search".into()).query(&[("q", q.as_str()), ("limit", "5")])
        }
        Endpoint::Post => {
            keep_id = true;
            let mention = rng
                .gen_bool(0.3)
                .then(|| credentials::username(population.other(me, rng).index));
            let mentions: Vec<String> = mention.into_iter().collect();
            let tags: Vec<u16> = if rng.gen_bool(0.25) {
                vec![rng.gen_range(0..TAGS.len() as u16)]
            } else {
                Vec::new()
            };
            let text = compose(
                rng.gen(),
                k,
                &Plan {
                    voice: Voice::Plain,
                    mentions: &mentions,
                    tags: &tags,
                },
            );
            post("/api/v1/statuses".into())
                .form(&[("status", text.as_str()), ("visibility", "public")])
        }
        Endpoint::Reblog => post(format!(
            "/api/v1/statuses/{}/reblog",
            population.status(rng)
        )),
        Endpoint::Favourite => post(format!(
            "/api/v1/statuses/{}/favourite",
            population.status(rng)
        )),
        Endpoint::FollowUnfollow => {
            let other = population.other(me, rng);
            let verb = if rng.gen_bool(0.5) {
                "follow"
            } else {
                "unfollow"
            };
            post(format!("/api/v1/accounts/{}/{verb}", other.id))
        }
        Endpoint::Login => {
            let who = credentials::username(me.index);
            client.post(format!("{base}/oauth/token")).form(&[
                ("grant_type", "password"),
                ("client_id", credentials::CLIENT_ID),
                ("client_secret", credentials::CLIENT_SECRET),
                ("username", who.as_str()),
                ("password", credentials::PASSWORD),
                ("scope", "read"),
            ])
        }
        Endpoint::Ceiling => client.get(format!("{base}/api/v1/custom_emojis")),
    };
    Planned { builder, keep_id }
}

/// Sends the request and reads the whole answer (a client would), keeping new status ids for later reads.
pub async fn send(planned: Planned, population: Arc<Population>) -> Outcome {
    let Ok(response) = planned.builder.send().await else {
        return 0;
    };
    let status = response.status().as_u16();
    let Ok(body) = response.bytes().await else {
        return 0;
    };
    if planned.keep_id && status == 200 {
        if let Ok(created) = serde_json::from_slice::<Created>(&body) {
            population.add_status(created.id);
        }
    }
    status
}
