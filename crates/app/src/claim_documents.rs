//! Documents of a claim (申请材料): PDF, JPEG or PNG scans, judged from the whole content
//! (`document::judge`: structure to the end, no markup or script) and checked against the
//! name. Each is kept under the documents directory, named by its SHA-256 and sealed with
//! AES-256-GCM under the data key (docs/architecture.md, "Uploads"); when read it is opened
//! (a changed file fails its tag) and its SHA-256 is checked again.

use crate::actor::Actor;
use crate::claims::{Side, Whose};
use crate::error::{AppError, AppResult};
use crate::pictures::Decoders;
use crate::records::DocumentRow;
use crate::unit::{Done, Event};
use crate::App;
use huzhu_domain::document::MediaType;
use huzhu_domain::plan::DocumentKind;
use huzhu_domain::ErrorCode;
use huzhu_store::claims::{self, NewDocument};
use sha2::{Digest, Sha256};
use std::path::PathBuf;

/// A file as uploaded: the kind of document from the plan's checklist, the name the person
/// chose, and its bytes (already bounded by the upload limit).
#[derive(Debug, Clone)]
pub struct Upload {
    pub kind: String,
    pub name: String,
    pub bytes: Vec<u8>,
}

struct Checked {
    kind: DocumentKind,
    name: String,
    media: MediaType,
    sha256: String,
}

fn checked(u: &Upload, pictures: &Decoders) -> AppResult<Checked> {
    let kind = DocumentKind::parse(u.kind.trim()).ok_or_else(|| {
        AppError::invalid_field(
            ErrorCode::DocumentUnknownKind,
            "kind",
            format!("unknown kind of document `{}`", u.kind),
        )
    })?;
    let name: String = u
        .name
        .trim()
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '/' | '\\'))
        .collect();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(AppError::invalid_field(
            ErrorCode::DocumentName,
            "name",
            "the file name must be 1 to 200 characters",
        ));
    }
    if u.bytes.is_empty() {
        return Err(AppError::invalid(
            ErrorCode::DocumentEmpty,
            "the file is empty",
        ));
    }
    let media = huzhu_domain::document::judge(&u.bytes)
        .map_err(|problem| AppError::invalid(problem.code(), problem.to_string()))?;
    if !media.fits_name(&name) {
        return Err(AppError::invalid_field(
            ErrorCode::DocumentNameMismatch,
            "name",
            format!(
                "the file is a {} but its name says otherwise; rename it or choose the right file",
                media.extension().to_uppercase()
            ),
        ));
    }
    pictures.check(media, &u.bytes)?;
    Ok(Checked {
        kind,
        name,
        media,
        sha256: hex::encode(Sha256::digest(&u.bytes)),
    })
}

impl App {
    /// Where a document is kept, sealed.
    fn document_path(&self, claim_id: i64, sha256: &str) -> PathBuf {
        self.config
            .documents_dir
            .join(claim_id.to_string())
            .join(format!("{sha256}.sealed"))
    }

    /// Where an earlier version kept a document in clear (named by its type); such files are
    /// still read, and sealed when read.
    fn clear_document_path(&self, claim_id: i64, sha256: &str, media: &str) -> PathBuf {
        let ext = match media {
            "application/pdf" => "pdf",
            "image/jpeg" => "jpg",
            _ => "png",
        };
        self.config
            .documents_dir
            .join(claim_id.to_string())
            .join(format!("{sha256}.{ext}"))
    }

    /// Writes the file first (to a temporary name, then renamed): a crash leaves at worst an
    /// unreferenced file, never a row without its file.
    fn keep(&self, claim_id: i64, sha256: &str, bytes: &[u8]) -> AppResult<()> {
        let path = self.document_path(claim_id, sha256);
        let sealed = self.keys()?.sealer.seal_bytes(bytes)?;
        let failed = |e: std::io::Error| {
            AppError::corrupt(format!("cannot keep a document at {}: {e}", path.display()))
        };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(failed)?;
        }
        let temp = path.with_extension("part");
        std::fs::write(&temp, sealed).map_err(failed)?;
        std::fs::rename(&temp, &path).map_err(failed)
    }

    /// Keeps an uploaded document of a claim the actor reaches, while the claim still takes
    /// documents.
    pub fn add_claim_document(
        &self,
        actor: &Actor,
        side: Side,
        claim_id: i64,
        upload: Upload,
    ) -> AppResult<DocumentRow> {
        let whose = Whose::of(actor, side)?;
        let by = actor.account_id()?;
        let checked = checked(&upload, &self.pictures)?;
        let now = self.now();
        self.change(actor, |c| {
            let claim = whose.claim(c, claim_id)?;
            if !claim.status.accepts_documents() {
                return Err(AppError::conflict(
                    ErrorCode::ClaimClosed,
                    format!(
                        "documents cannot be added to a claim that is {}",
                        claim.status
                    ),
                ));
            }
            self.keep(claim.id, &checked.sha256, &upload.bytes)?;
            let doc = claims::add_document(
                c,
                NewDocument {
                    claim_id: claim.id,
                    kind: checked.kind,
                    media_type: checked.media.as_str(),
                    file_name: &checked.name,
                    size_bytes: i64::try_from(upload.bytes.len())
                        .map_err(|e| AppError::corrupt(e.to_string()))?,
                    sha256: &checked.sha256,
                    uploaded_by: Some(by),
                },
                now,
            )?;
            let event = Event::of("claim_document.upload", "claim", claim.id)
                .fact("document", doc.id)
                .fact("kind", doc.kind)
                .fact("media_type", &doc.media_type)
                .fact("size_bytes", doc.size_bytes)
                .fact("sha256", &doc.sha256);
            Ok(Done::new(doc, event))
        })
    }

    /// One document of a claim the actor reaches, with its bytes, checked against the
    /// checksum taken on upload.
    pub fn claim_document(
        &self,
        actor: &Actor,
        side: Side,
        claim_id: i64,
        doc_id: i64,
    ) -> AppResult<(DocumentRow, Vec<u8>)> {
        let whose = Whose::of(actor, side)?;
        let d = self.store.read(|c| {
            whose.claim(c, claim_id)?;
            claims::documents(c, claim_id)?
                .into_iter()
                .find(|d| d.id == doc_id)
                .ok_or_else(|| AppError::not_found(ErrorCode::DocumentNotFound, "document"))
        })?;
        let path = self.document_path(d.claim_id, &d.sha256);
        let clear = self.clear_document_path(d.claim_id, &d.sha256, &d.media_type);
        let unreadable = |path: &std::path::Path, e: &dyn std::fmt::Display| {
            AppError::corrupt(format!(
                "document {} unreadable at {}: {e}",
                d.id,
                path.display()
            ))
        };
        let bytes = if !path.exists() && clear.exists() {
            let bytes = std::fs::read(&clear).map_err(|e| unreadable(&clear, &e))?;
            if hex::encode(Sha256::digest(&bytes)) == d.sha256 {
                self.keep(d.claim_id, &d.sha256, &bytes)?;
                std::fs::remove_file(&clear).map_err(|e| unreadable(&clear, &e))?;
            }
            bytes
        } else {
            let sealed = std::fs::read(&path).map_err(|e| unreadable(&path, &e))?;
            self.keys()?
                .sealer
                .open_bytes(&sealed)
                .map_err(|e| unreadable(&path, &e))?
        };
        if hex::encode(Sha256::digest(&bytes)) != d.sha256 {
            return Err(AppError::corrupt(format!(
                "document {} at {} no longer matches its checksum",
                d.id,
                path.display()
            )));
        }
        Ok((d, bytes))
    }
}
