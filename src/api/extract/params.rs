//! `Params<T>`: a request's parameters from the query string and the body, whatever the body's type
//! (JSON, `application/x-www-form-urlencoded` or `multipart/form-data`), merged as Rails merges them, so
//! every Mastodon client's way of sending a request reaches the handler the same way.
//!
//! Form-style keys are folded into JSON: `id[]=1&id[]=2` becomes `{"id": ["1", "2"]}` and
//! `source[privacy]=public` becomes `{"source": {"privacy": "public"}}`. Values from forms are strings, so
//! request types read booleans and numbers through [`super::lenient`].

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header::CONTENT_TYPE;
use actix_web::web::{Bytes, BytesMut, Data};
use actix_web::{FromRequest, HttpRequest};
use futures_util::StreamExt;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::api::state::AppState;
use crate::error::ApiError;

/// Most nesting a form key may ask for (`a[b][c][d]`); deeper keys are refused.
const MAX_DEPTH: usize = 4;

/// Whether any key or string holds U+0000, which no parameter needs and PostgreSQL refuses in text.
fn holds_nul(map: &Map<String, Value>) -> bool {
    fn value(v: &Value) -> bool {
        match v {
            Value::String(s) => s.contains('\0'),
            Value::Array(items) => items.iter().any(value),
            Value::Object(map) => holds_nul(map),
            _ => false,
        }
    }
    map.iter().any(|(k, v)| k.contains('\0') || value(v))
}

pub struct Params<T>(pub T);

impl<T: DeserializeOwned + 'static> FromRequest for Params<T> {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let payload = payload.take();
        Box::pin(async move {
            let limit = req
                .app_data::<Data<AppState>>()
                .map(|s| s.settings.server.max_body_bytes)
                .unwrap_or(1 << 20);
            let mut merged = Map::new();
            fold_pairs(
                &mut merged,
                form_urlencoded::parse(req.query_string().as_bytes()),
            )?;
            let content_type = req
                .headers()
                .get(CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_ascii_lowercase();
            if content_type.starts_with("multipart/form-data") {
                read_multipart(&req, payload, limit, &mut merged).await?;
            } else {
                let body = read_body(payload, limit).await?;
                merge_body(&content_type, &body, &mut merged)?;
            }
            if holds_nul(&merged) {
                return Err(ApiError::unprocessable(
                    "Parameters must not contain NUL characters",
                ));
            }
            serde_json::from_value(Value::Object(merged))
                .map(Params)
                .map_err(|e| ApiError::unprocessable(format!("Invalid parameters: {e}")))
        })
    }
}

async fn read_body(mut payload: Payload, limit: usize) -> Result<Bytes, ApiError> {
    let mut body = BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk
            .map_err(|e| ApiError::bad_request(format!("Could not read the request body: {e}")))?;
        if body.len() + chunk.len() > limit {
            return Err(ApiError::payload_too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

fn merge_body(
    content_type: &str,
    body: &[u8],
    merged: &mut Map<String, Value>,
) -> Result<(), ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(());
    }
    if content_type.starts_with("application/json") || content_type.contains("+json") {
        let value: Value = serde_json::from_slice(body).map_err(|e| {
            ApiError::bad_request(format!("The request body is not valid JSON: {e}"))
        })?;
        match value {
            Value::Object(map) => merged.extend(map),
            _ => {
                return Err(ApiError::bad_request(
                    "The request body must be a JSON object",
                ))
            }
        }
        Ok(())
    } else {
        // Form-encoded, or no content type at all (curl -d sends form encoding).
        fold_pairs(merged, form_urlencoded::parse(body))
    }
}

async fn read_multipart(
    req: &HttpRequest,
    payload: Payload,
    limit: usize,
    merged: &mut Map<String, Value>,
) -> Result<(), ApiError> {
    let mut multipart = actix_multipart::Multipart::new(req.headers(), payload);
    let mut total = 0usize;
    let mut pairs = Vec::new();
    while let Some(field) = multipart.next().await {
        let mut field =
            field.map_err(|e| ApiError::bad_request(format!("Malformed multipart body: {e}")))?;
        let name = field.name().unwrap_or_default().to_owned();
        let is_file = field
            .content_disposition()
            .and_then(|d| d.get_filename())
            .is_some();
        let mut value = Vec::new();
        while let Some(chunk) = field.next().await {
            let chunk = chunk
                .map_err(|e| ApiError::bad_request(format!("Malformed multipart body: {e}")))?;
            total += chunk.len();
            if total > limit {
                return Err(ApiError::payload_too_large());
            }
            value.extend_from_slice(&chunk);
        }
        // Media uploads are not supported yet; file parts are read (to honour the limit) and set aside.
        if !is_file {
            let text = String::from_utf8(value)
                .map_err(|_| ApiError::bad_request(format!("Field `{name}` is not valid UTF-8")))?;
            pairs.push((name, text));
        }
    }
    fold_pairs(
        merged,
        pairs
            .iter()
            .map(|(k, v)| (k.as_str().into(), v.as_str().into())),
    )
}

/// Folds `key`, `key[]` and `key[sub]` pairs into a JSON object.
fn fold_pairs<'a, I>(target: &mut Map<String, Value>, pairs: I) -> Result<(), ApiError>
where
    I: IntoIterator<Item = (std::borrow::Cow<'a, str>, std::borrow::Cow<'a, str>)>,
{
    for (key, value) in pairs {
        let path = split_key(&key)?;
        insert(target, &path, Value::String(value.into_owned()));
    }
    Ok(())
}

/// `a[b][]` → `["a", "b", ""]`; an empty segment means "append to a list".
fn split_key(key: &str) -> Result<Vec<&str>, ApiError> {
    let Some(open) = key.find('[') else {
        return Ok(vec![key]);
    };
    let mut path = vec![&key[..open]];
    let mut rest = &key[open..];
    while let Some(stripped) = rest.strip_prefix('[') {
        let Some(close) = stripped.find(']') else {
            break;
        };
        path.push(&stripped[..close]);
        rest = &stripped[close + 1..];
    }
    if path.len() > MAX_DEPTH + 1 {
        return Err(ApiError::bad_request(format!(
            "Parameter `{key}` is nested too deeply"
        )));
    }
    Ok(path)
}

fn insert(target: &mut Map<String, Value>, path: &[&str], value: Value) {
    let (head, rest) = (path[0], &path[1..]);
    match rest.first() {
        None => {
            target.insert(head.to_owned(), value);
        }
        Some(&"") => {
            let slot = target.entry(head).or_insert_with(|| Value::Array(vec![]));
            if !slot.is_array() {
                *slot = Value::Array(vec![]);
            }
            if let Value::Array(list) = slot {
                list.push(value);
            }
        }
        Some(_) => {
            let slot = target
                .entry(head)
                .or_insert_with(|| Value::Object(Map::new()));
            if !slot.is_object() {
                *slot = Value::Object(Map::new());
            }
            if let Value::Object(map) = slot {
                insert(map, rest, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fold(query: &str) -> Value {
        let mut map = Map::new();
        fold_pairs(&mut map, form_urlencoded::parse(query.as_bytes())).unwrap();
        Value::Object(map)
    }

    #[test]
    fn folds_rails_style_keys() {
        assert_eq!(fold("a=1&b=x+y"), json!({"a": "1", "b": "x y"}));
        assert_eq!(fold("id[]=1&id[]=2"), json!({"id": ["1", "2"]}));
        assert_eq!(
            fold("source[privacy]=public"),
            json!({"source": {"privacy": "public"}})
        );
        assert_eq!(
            fold("fields_attributes[0][name]=Site&fields_attributes[0][value]=x.org"),
            json!({"fields_attributes": {"0": {"name": "Site", "value": "x.org"}}})
        );
    }

    #[test]
    fn refuses_deep_nesting() {
        assert!(split_key("a[b][c][d][e][f]").is_err());
    }
}
