//! Documents of a claim (申请材料): PDF, JPEG or PNG scans, the type judged from the content and
//! checked against the name, at most the configured size (5 MB by default). Each is kept under
//! the documents directory named by its SHA-256, which is checked again whenever it is read.

use super::claims::{document_view, Whose};
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::roster_file::read_body;
use crate::state::AppState;
use actix_web::{get, post, web, HttpResponse};
use huzhu_api_types::{ClaimDocument, ErrorBody};
use huzhu_app::{Done, Event};
use huzhu_domain::claim_flow::ClaimStatus;
use huzhu_domain::document::MediaType;
use huzhu_domain::plan::DocumentKind;
use huzhu_domain::ErrorCode;
use huzhu_store::claims::{self, NewDocument};
use huzhu_store::DbConn;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::path::PathBuf;

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

struct Checked {
    kind: DocumentKind,
    name: String,
    media: MediaType,
    sha256: String,
}

fn checked(q: &UploadQuery, bytes: &[u8]) -> ApiResult<Checked> {
    let kind = DocumentKind::parse(q.kind.trim()).ok_or_else(|| {
        ApiError::invalid_field(
            ErrorCode::DocumentUnknownKind,
            "kind",
            format!("unknown kind of document `{}`", q.kind),
        )
    })?;
    let name: String = q
        .name
        .trim()
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '/' | '\\'))
        .collect();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(ApiError::invalid_field(
            ErrorCode::DocumentName,
            "name",
            "the file name must be 1 to 200 characters",
        ));
    }
    if bytes.is_empty() {
        return Err(ApiError::invalid(
            ErrorCode::DocumentEmpty,
            "the file is empty",
        ));
    }
    let media = MediaType::sniff(bytes).ok_or_else(|| {
        ApiError::invalid(
            ErrorCode::DocumentUnsupportedType,
            "only PDF, JPEG and PNG files are accepted, and this file is none of them",
        )
    })?;
    if !media.fits_name(&name) {
        return Err(ApiError::invalid_field(
            ErrorCode::DocumentNameMismatch,
            "name",
            format!(
                "the file is a {} but its name says otherwise; rename it or choose the right file",
                media.extension().to_uppercase()
            ),
        ));
    }
    Ok(Checked {
        kind,
        name,
        media,
        sha256: hex::encode(Sha256::digest(bytes)),
    })
}

fn path_of(state: &AppState, claim_id: i64, sha256: &str, media: &str) -> PathBuf {
    let ext = match media {
        "application/pdf" => "pdf",
        "image/jpeg" => "jpg",
        _ => "png",
    };
    state
        .config
        .documents_dir
        .join(claim_id.to_string())
        .join(format!("{sha256}.{ext}"))
}

/// Writes the file first (to a temporary name, then renamed): a crash leaves at worst an
/// unreferenced file, never a row without its file.
fn keep(state: &AppState, claim_id: i64, c: &Checked, bytes: &[u8]) -> ApiResult<()> {
    let path = path_of(state, claim_id, &c.sha256, c.media.as_str());
    let failed = |e: std::io::Error| {
        ApiError::Internal(format!("cannot keep a document at {}: {e}", path.display()))
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(failed)?;
    }
    let temp = path.with_extension("part");
    std::fs::write(&temp, bytes).map_err(failed)?;
    std::fs::rename(&temp, &path).map_err(failed)
}

fn store_document(
    c: &mut DbConn,
    state: &AppState,
    claim: &claims::Claim,
    checked: &Checked,
    bytes: &[u8],
    by: i64,
) -> ApiResult<ClaimDocument> {
    if !ClaimStatus::parse(&claim.status).is_some_and(ClaimStatus::accepts_documents) {
        return Err(ApiError::conflict(
            ErrorCode::ClaimClosed,
            format!(
                "documents cannot be added to a claim that is {}",
                claim.status
            ),
        ));
    }
    keep(state, claim.id, checked, bytes)?;
    let row = claims::add_document(
        c,
        NewDocument {
            claim_id: claim.id,
            kind: checked.kind.as_str(),
            media_type: checked.media.as_str(),
            file_name: &checked.name,
            size_bytes: i64::try_from(bytes.len())
                .map_err(|e| ApiError::Internal(e.to_string()))?,
            sha256: &checked.sha256,
            uploaded_by: Some(by),
        },
        state.now(),
    )?;
    Ok(document_view(row))
}

/// The document's bytes, checked against the checksum taken on upload.
fn read_document(state: &AppState, d: &claims::DocumentRow) -> ApiResult<HttpResponse> {
    let path = path_of(state, d.claim_id, &d.sha256, &d.media_type);
    let bytes = std::fs::read(&path).map_err(|e| {
        ApiError::Internal(format!(
            "document {} unreadable at {}: {e}",
            d.id,
            path.display()
        ))
    })?;
    if hex::encode(Sha256::digest(&bytes)) != d.sha256 {
        return Err(ApiError::Internal(format!(
            "document {} at {} no longer matches its checksum",
            d.id,
            path.display()
        )));
    }
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

fn document_of(c: &mut DbConn, claim_id: i64, id: i64) -> ApiResult<claims::DocumentRow> {
    claims::documents(c, claim_id)?
        .into_iter()
        .find(|d| d.id == id)
        .ok_or_else(|| ApiError::not_found(ErrorCode::DocumentNotFound, "document"))
}

/// Keeps an uploaded document of a claim the caller reaches.
async fn add(
    caller: &Caller,
    state: web::Data<AppState>,
    whose: Whose,
    id: i64,
    query: &UploadQuery,
    body: web::Payload,
) -> ApiResult<HttpResponse> {
    let bytes = read_body(body, state.config.max_document_bytes).await?;
    let checked = checked(query, &bytes)?;
    let st = state.get_ref().clone();
    let by = caller.id;
    let doc = state
        .change(caller, move |c| {
            let claim = whose.claim(c, id)?;
            let doc = store_document(c, &st, &claim, &checked, &bytes, by)?;
            let event = Event::of("claim_document.upload", "claim", claim.id)
                .fact("document", doc.id)
                .fact("kind", &doc.kind)
                .fact("media_type", &doc.media_type)
                .fact("size_bytes", doc.size_bytes)
                .fact("sha256", &doc.sha256);
            Ok(Done::new(doc, event))
        })
        .await?;
    Ok(HttpResponse::Created().json(doc))
}

/// One document of a claim the caller reaches, checked against its checksum.
async fn fetch(
    state: web::Data<AppState>,
    whose: Whose,
    (id, doc): (i64, i64),
) -> ApiResult<HttpResponse> {
    let row = state
        .db(move |store| {
            store.read(|c| {
                whose.claim(c, id)?;
                document_of(c, id, doc)
            })
        })
        .await?;
    read_document(&state, &row)
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
        (status = 422, description = "Not a PDF, JPEG or PNG, a name that says otherwise, or an unknown kind", body = ErrorBody),
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
    let whose = Whose::of(&caller, true)?;
    add(&caller, state, whose, id.into_inner(), &query, body).await
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
        (status = 422, description = "Not a PDF, JPEG or PNG, a name that says otherwise, or an unknown kind", body = ErrorBody),
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
    let whose = Whose::of(&caller, false)?;
    add(&caller, state, whose, id.into_inner(), &query, body).await
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
    fetch(state, Whose::of(&caller, true)?, path.into_inner()).await
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
    fetch(state, Whose::of(&caller, false)?, path.into_inner()).await
}
