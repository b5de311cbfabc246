//! Listing a registry: the catalog of repositories and each repository's
//! tags, paginated (`n` and the `Link: <...>; rel="next"` header), every
//! page within the response bound and the whole listing within a bound on
//! entries and pages.

use super::client::{next_link, Client};

/// Entries asked for per page by default.
pub const PAGE: usize = 100;
/// Pages followed in one listing.
const MAX_PAGES: usize = 10_000;

/// Follows a paginated list at `first`, collecting the strings of `field`
/// (at most `max`).
fn paginate(
    c: &Client,
    first: &str,
    field: &str,
    scope: &str,
    max: usize,
) -> Result<Vec<String>, String> {
    let cap = crate::collect::files::limit(crate::collect::files::InputKind::Response);
    let mut out = Vec::new();
    let mut next = Some(first.to_string());
    let mut pages = 0;
    while let Some(path) = next.take() {
        pages += 1;
        if pages > MAX_PAGES {
            return Err(format!("{first}: more than {MAX_PAGES} pages"));
        }
        let doc = c.document(&path, Some("application/json"), scope, cap)?;
        let v: serde_json::Value = serde_json::from_slice(&doc.bytes)
            .map_err(|e| format!("GET {path} on {}: not JSON: {e}", c.host))?;
        let items = match &v[field] {
            serde_json::Value::Null => Vec::new(),
            serde_json::Value::Array(a) => a.clone(),
            _ => return Err(format!("GET {path} on {}: `{field}` is not a list", c.host)),
        };
        let before = out.len();
        for i in items {
            let s = i.as_str().ok_or_else(|| {
                format!(
                    "GET {path} on {}: an entry of `{field}` is not a string",
                    c.host
                )
            })?;
            out.push(s.to_string());
            if out.len() > max {
                return Err(format!(
                    "{first} on {}: more than {max} entries (--max-entries)",
                    c.host
                ));
            }
        }
        next = doc.link.as_deref().and_then(next_link);
        // A page that adds nothing and points on would loop.
        if out.len() == before && next.is_some() {
            return Err(format!(
                "GET {path} on {}: an empty page with a next link",
                c.host
            ));
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// The repositories of the registry (`GET /v2/_catalog`).
pub fn catalog(c: &Client, page: usize, max: usize) -> Result<Vec<String>, String> {
    paginate(
        c,
        &format!("/v2/_catalog?n={page}"),
        "repositories",
        "registry:catalog:*",
        max,
    )
}

/// The tags of `repo` (`GET /v2/<repo>/tags/list`).
pub fn tags(c: &Client, repo: &str, page: usize, max: usize) -> Result<Vec<String>, String> {
    paginate(
        c,
        &format!("/v2/{repo}/tags/list?n={page}"),
        "tags",
        &format!("repository:{repo}:pull"),
        max,
    )
}
