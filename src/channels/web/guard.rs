//! Browser-facing protections: security headers on every response, and refusal of
//! state-changing requests that come from another site.

use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::ApiError;
use crate::server::AppState;

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
                   frame-ancestors 'none'";

/// Adds the security headers every page and API answer carries.
pub async fn security_headers(request: Request, next: Next) -> Response {
    let api = request.uri().path().starts_with("/api/");
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    if api {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// Refuses POST, PUT, PATCH and DELETE from another origin (on top of SameSite=Strict
/// cookies and JSON-only bodies).
pub async fn same_origin_writes(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let writes = matches!(
        *request.method(),
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    );
    if writes && !same_origin(&state, &request) {
        metrics::counter!("billbot_http_cross_site_refused_total").increment(1);
        return ApiError::new(
            StatusCode::FORBIDDEN,
            "Cross-site requests are not allowed.",
        )
        .into_response();
    }
    next.run(request).await
}

/// Whether the request comes from billbot's own pages (or from a non-browser client that
/// sends no origin at all).
pub fn same_origin(state: &AppState, request: &Request) -> bool {
    let headers = request.headers();
    if let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        let host = headers
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let own = [format!("http://{host}"), format!("https://{host}")];
        return own.iter().any(|o| o == origin)
            || state
                .web
                .public_url
                .as_deref()
                .is_some_and(|p| origin_of(p) == origin);
    }
    match headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        None | Some("same-origin") | Some("none") => true,
        Some(_) => false,
    }
}

/// `https://example.org` from `https://example.org/path`.
fn origin_of(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    match url[after_scheme..].find('/') {
        Some(i) => &url[..after_scheme + i],
        None => url,
    }
}

#[cfg(test)]
mod tests {
    use super::origin_of;

    #[test]
    fn origins_drop_the_path() {
        assert_eq!(
            origin_of("https://billbot.example/app/"),
            "https://billbot.example"
        );
        assert_eq!(origin_of("http://127.0.0.1:8080"), "http://127.0.0.1:8080");
    }
}
