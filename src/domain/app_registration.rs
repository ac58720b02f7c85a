//! Registering a client application: a name, redirect URIs, scopes, an optional website.

use url::Url;

use super::scopes::Scopes;
use super::validation::{ErrorCode, Invalid};

/// The redirect URI that asks the server to show the code instead of redirecting.
pub const OUT_OF_BAND: &str = "urn:ietf:wg:oauth:2.0:oob";
const MAX_NAME: usize = 60;
const MAX_URIS: usize = 10;
const MAX_URI_LEN: usize = 2000;

#[derive(Debug, Clone)]
pub struct AppRegistration {
    pub name: String,
    pub redirect_uris: Vec<String>,
    pub scopes: Scopes,
    pub website: Option<String>,
}

impl AppRegistration {
    pub fn parse(
        name: &str,
        redirect_uris: &[String],
        scopes: &str,
        website: Option<&str>,
    ) -> Result<Self, Invalid> {
        let mut invalid = Invalid::default();
        let name = name.trim();
        if name.is_empty() {
            invalid.add("client_name", ErrorCode::Blank, "can't be blank");
        } else if name.chars().count() > MAX_NAME || super::text::has_forbidden(name, false) {
            invalid.add(
                "client_name",
                ErrorCode::Invalid,
                "is too long or has characters that are not allowed",
            );
        }
        // Clients send one URI, several separated by newlines or spaces, or a list.
        let uris: Vec<String> = redirect_uris
            .iter()
            .flat_map(|u| u.split_whitespace())
            .map(str::to_owned)
            .collect();
        if uris.is_empty() {
            invalid.add("redirect_uris", ErrorCode::Blank, "can't be blank");
        } else if uris.len() > MAX_URIS || uris.iter().any(|u| !is_valid_redirect(u)) {
            invalid.add(
                "redirect_uris",
                ErrorCode::Invalid,
                "must be absolute URIs without fragments",
            );
        }
        let scopes = Scopes::parse(scopes).unwrap_or_else(|e| {
            invalid.add("scopes", ErrorCode::Invalid, e.to_string());
            Scopes::default()
        });
        let website = website
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .map(str::to_owned);
        if let Some(w) = &website {
            if !matches!(Url::parse(w), Ok(u) if matches!(u.scheme(), "http" | "https")) {
                invalid.add(
                    "website",
                    ErrorCode::Invalid,
                    "must be an http or https URL",
                );
            }
        }
        invalid.into_result()?;
        Ok(AppRegistration {
            name: name.to_owned(),
            redirect_uris: uris,
            scopes,
            website,
        })
    }
}

fn is_valid_redirect(uri: &str) -> bool {
    uri == OUT_OF_BAND
        || (uri.len() <= MAX_URI_LEN
            && matches!(Url::parse(uri), Ok(u) if u.fragment().is_none() && !u.cannot_be_a_base()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_what_clients_send() {
        let r = AppRegistration::parse("toot", &[OUT_OF_BAND.into()], "read write", None).unwrap();
        assert_eq!(r.redirect_uris, vec![OUT_OF_BAND]);
        let r = AppRegistration::parse(
            "app",
            &["https://a.example/cb\nmyapp://cb".into()],
            "",
            None,
        )
        .unwrap();
        assert_eq!(r.redirect_uris.len(), 2);
        assert_eq!(r.scopes.to_string(), "read");
    }

    #[test]
    fn refuses_bad_registrations() {
        assert!(AppRegistration::parse("", &[OUT_OF_BAND.into()], "read", None).is_err());
        assert!(AppRegistration::parse("x", &[], "read", None).is_err());
        assert!(AppRegistration::parse("x", &["not a uri".into()], "read", None).is_err());
        assert!(
            AppRegistration::parse("x", &["https://a.example/#frag".into()], "read", None).is_err()
        );
        let err =
            AppRegistration::parse("x", &[OUT_OF_BAND.into()], "read admin:all", None).unwrap_err();
        assert_eq!(err.0[0].field, "scopes");
        assert!(AppRegistration::parse(
            "x",
            &[OUT_OF_BAND.into()],
            "read",
            Some("javascript:alert(1)")
        )
        .is_err());
    }
}
