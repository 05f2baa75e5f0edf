//! Serves the built SPA: its files as they are, and `index.html` for every other path so that
//! client-side routes (`/account`, `/org-units`) load the app.

use crate::error::ApiError;
use crate::state::AppState;
use actix_files::NamedFile;
use actix_web::http::Method;
use actix_web::{web, HttpRequest, HttpResponse, Responder};
use huzhu_domain::ErrorCode;
use std::path::{Component, Path, PathBuf};

/// The file under `root` that `path` names, if it is a plain relative path to a file.
fn file_under(root: &Path, path: &str) -> Option<PathBuf> {
    let relative = Path::new(path.trim_start_matches('/'));
    if relative.as_os_str().is_empty()
        || !relative
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let full = root.join(relative);
    full.is_file().then_some(full)
}

pub async fn serve(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let path = req.path();
    let is_api = path == "/api" || path.starts_with("/api/");
    let readable = req.method() == Method::GET || req.method() == Method::HEAD;
    // A known path with another method is 405, with the methods it takes; the app's pages
    // take only GET and HEAD.
    let allow = match (is_api, readable) {
        (true, _) => crate::auth::policy::methods_at(path),
        (false, true) => Vec::new(),
        (false, false) => vec!["GET", "HEAD"],
    };
    if !allow.is_empty() {
        return actix_web::ResponseError::error_response(&ApiError::MethodNotAllowed {
            method: req.method().to_string(),
            allow,
        });
    }
    if is_api {
        return actix_web::ResponseError::error_response(&ApiError::not_found(
            ErrorCode::RouteNotFound,
            "this route",
        ));
    }
    let Some(root) = state.config.web_dir.clone() else {
        return actix_web::ResponseError::error_response(&ApiError::not_found(
            ErrorCode::WebNotBuilt,
            "the web interface (build it with `just web`)",
        ));
    };
    let target = file_under(&root, req.path()).unwrap_or_else(|| root.join("index.html"));
    match NamedFile::open_async(&target).await {
        Ok(file) => {
            // The shell must always be fresh; hashed assets could be cached, but ours are not
            // hashed, so everything revalidates.
            let mut res = file.use_etag(true).respond_to(&req).map_into_boxed_body();
            res.headers_mut().insert(
                actix_web::http::header::CACHE_CONTROL,
                actix_web::http::header::HeaderValue::from_static("no-cache"),
            );
            res
        }
        Err(_) => actix_web::ResponseError::error_response(&ApiError::not_found(
            ErrorCode::WebNotBuilt,
            "the web interface (build it with `just web`)",
        )),
    }
}
