//! The page and its static files, embedded from `web/`.

use axum::Router;
use axum::extract::Path;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use include_dir::{Dir, include_dir};

use super::ApiError;
use crate::server::AppState;

static WEB: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/web");

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(|| async { file("index.html") }))
        .route("/methods/new", get(|| async { file("methods.html") }))
        .route(
            "/static/{name}",
            get(|Path(name): Path<String>| async move { file(&name) }),
        )
}

fn file(name: &str) -> Response {
    // Only plain file names of the folder: no paths, so nothing outside `web/` is served.
    let Some(f) = (!name.contains('/')).then(|| WEB.get_file(name)).flatten() else {
        return ApiError::not_found().into_response();
    };
    let kind = match name.rsplit('.').next() {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    };
    (
        [(header::CONTENT_TYPE, HeaderValue::from_static(kind))],
        f.contents(),
    )
        .into_response()
}
