//! Documents of a claim (申请材料): the routes of huzhu_app::claim_documents. PDF, JPEG or PNG
//! scans of at most the configured size (5 MB by default), read bounded before anything else.

use crate::auth::Caller;
use crate::error::ApiResult;
use crate::roster_file::read_body;
use crate::state::AppState;
use crate::views;
use actix_web::{get, post, web, HttpResponse};
use huzhu_api_types::{ClaimDocument, ErrorBody};
use huzhu_app::claim_documents::Upload;
use huzhu_app::claims::Side;
use serde::Deserialize;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct UploadQuery {
    /// The kind of document, from the plan's checklist, e.g. `discharge_summary`.
    #[param(example = "discharge_summary")]
    pub kind: String,
    /// The file's name as the person chose it.
    #[param(example = "出院小结.pdf")]
    pub name: String,
}

/// Keeps an uploaded document of a claim the caller reaches.
async fn add(
    caller: &Caller,
    state: web::Data<AppState>,
    side: Side,
    id: i64,
    query: web::Query<UploadQuery>,
    body: web::Payload,
) -> ApiResult<HttpResponse> {
    let bytes = read_body(body, state.config.max_document_bytes).await?;
    let q = query.into_inner();
    let file = Upload {
        kind: q.kind,
        name: q.name,
        bytes,
    };
    let doc = state
        .act(caller, move |app, actor| {
            app.add_claim_document(actor, side, id, file)
        })
        .await?;
    Ok(HttpResponse::Created().json(views::claim_document(doc)))
}

/// One document of a claim the caller reaches, checked against its checksum.
async fn fetch(
    caller: &Caller,
    state: web::Data<AppState>,
    side: Side,
    (id, doc): (i64, i64),
) -> ApiResult<HttpResponse> {
    let (d, bytes) = state
        .act(caller, move |app, actor| {
            app.claim_document(actor, side, id, doc)
        })
        .await?;
    Ok(HttpResponse::Ok()
        .content_type(d.media_type.as_str())
        .insert_header((
            "content-disposition",
            format!(
                "attachment; filename*=UTF-8''{}",
                percent_encoded(&d.file_name)
            ),
        ))
        .body(bytes))
}

fn percent_encoded(name: &str) -> String {
    name.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_') {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// Add a document to one's own claim. The body is the file itself.
#[utoipa::path(
    tag = "claims",
    params(("id" = i64, Path, description = "Claim id"), UploadQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The file: PDF, JPEG or PNG"),
    responses(
        (status = 201, description = "Kept", body = ClaimDocument),
        (status = 404, description = "No such claim of the caller", body = ErrorBody),
        (status = 409, description = "The claim is closed", body = ErrorBody),
        (status = 413, description = "Larger than the limit (5 MB by default)", body = ErrorBody),
        (status = 422, description = "Not a whole PDF, JPEG or PNG (`document.malformed`, `document.unsupported_type`, `document.active_content`), a picture larger than the limits (`document.picture_too_large`, with `details.limit`), a name that says otherwise, or an unknown kind", body = ErrorBody),
        (status = 429, description = "Too many pictures being decoded at once (`document.busy`); `Retry-After` gives the seconds to wait", body = ErrorBody),
    )
)]
#[post("/me/claims/{id}/documents")]
pub async fn upload_own(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    query: web::Query<UploadQuery>,
    body: web::Payload,
) -> ApiResult<HttpResponse> {
    add(&caller, state, Side::Own, id.into_inner(), query, body).await
}

/// Add a document to a claim of the caller's part of the organisation.
#[utoipa::path(
    tag = "claims",
    params(("id" = i64, Path, description = "Claim id"), UploadQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream", description = "The file: PDF, JPEG or PNG"),
    responses(
        (status = 201, description = "Kept", body = ClaimDocument),
        (status = 404, description = "No such claim in the caller's subtree", body = ErrorBody),
        (status = 409, description = "The claim is closed", body = ErrorBody),
        (status = 413, description = "Larger than the limit (5 MB by default)", body = ErrorBody),
        (status = 422, description = "Not a whole PDF, JPEG or PNG (`document.malformed`, `document.unsupported_type`, `document.active_content`), a picture larger than the limits (`document.picture_too_large`, with `details.limit`), a name that says otherwise, or an unknown kind", body = ErrorBody),
        (status = 429, description = "Too many pictures being decoded at once (`document.busy`); `Retry-After` gives the seconds to wait", body = ErrorBody),
    )
)]
#[post("/claims/{id}/documents")]
pub async fn upload(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    query: web::Query<UploadQuery>,
    body: web::Payload,
) -> ApiResult<HttpResponse> {
    add(&caller, state, Side::Office, id.into_inner(), query, body).await
}

/// One document of one's own claim, as uploaded.
#[utoipa::path(
    tag = "claims",
    params(("id" = i64, Path, description = "Claim id"), ("doc" = i64, Path, description = "Document id")),
    responses(
        (status = 200, description = "The file", content_type = "application/octet-stream", body = Vec<u8>),
        (status = 404, description = "No such document of the caller's claim", body = ErrorBody),
    )
)]
#[get("/me/claims/{id}/documents/{doc}")]
pub async fn download_own(
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
) -> ApiResult<HttpResponse> {
    fetch(&caller, state, Side::Own, path.into_inner()).await
}

/// One document of a claim of the caller's part of the organisation.
#[utoipa::path(
    tag = "claims",
    params(("id" = i64, Path, description = "Claim id"), ("doc" = i64, Path, description = "Document id")),
    responses(
        (status = 200, description = "The file", content_type = "application/octet-stream", body = Vec<u8>),
        (status = 404, description = "No such document of a claim in the caller's subtree", body = ErrorBody),
    )
)]
#[get("/claims/{id}/documents/{doc}")]
pub async fn download(
    caller: Caller,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
) -> ApiResult<HttpResponse> {
    fetch(&caller, state, Side::Office, path.into_inner()).await
}
