//! The supervisory board's inspections (docs/domain.md §6): the board records what it inspected,
//! its findings and what the council must answer by when; the council responds; the board
//! closes the matter with its conclusion.

use crate::actor::Actor;
use crate::error::{or_not_found, AppError, AppResult};
use crate::unit::{Done, Event};
use crate::App;
use chrono::NaiveDate;
use huzhu_domain::field_rules::{required_paragraphs, required_text};
use huzhu_domain::plan::china_date;
use huzhu_domain::ErrorCode;
use huzhu_store::inspections::{self as store, NewInspection};
use huzhu_store::DbConn;

pub use huzhu_store::inspections::{Inspection, Response};

/// The longest title; scope; findings, request, response or conclusion.
pub const MAX_TITLE: usize = 200;
pub const MAX_SCOPE: usize = 2_000;
pub const MAX_TEXT: usize = 20_000;

/// An inspection with the council's responses.
#[derive(Debug, Clone)]
pub struct InspectionRecord {
    pub inspection: Inspection,
    pub responses: Vec<Response>,
}

/// An inspection to open, as given.
#[derive(Debug, Clone)]
pub struct Opening {
    pub title: String,
    pub scope: String,
    pub findings: String,
    pub request: String,
    pub respond_by: NaiveDate,
}

fn record(c: &mut DbConn, i: Inspection) -> AppResult<InspectionRecord> {
    Ok(InspectionRecord {
        responses: store::responses(c, i.id)?,
        inspection: i,
    })
}

fn not_found() -> impl Fn(huzhu_store::StoreError) -> AppError {
    or_not_found(ErrorCode::InspectionNotFound, "inspection")
}

/// A step with text on an inspection: the council's response or the board's conclusion.
type Step = fn(
    &mut DbConn,
    i64,
    &str,
    i64,
    chrono::DateTime<chrono::Utc>,
) -> huzhu_store::StoreResult<Inspection>;

impl App {
    /// Inspections, newest first, with the council's responses.
    pub fn inspections(&self) -> AppResult<Vec<InspectionRecord>> {
        self.store
            .read(|c| store::list(c)?.into_iter().map(|i| record(c, i)).collect())
    }

    pub fn inspection(&self, id: i64) -> AppResult<InspectionRecord> {
        self.store.read(|c| {
            let i = store::get(c, id).map_err(not_found())?;
            record(c, i)
        })
    }

    /// Opens an inspection that the council must answer by a day still to come.
    pub fn open_inspection(&self, actor: &Actor, o: Opening) -> AppResult<InspectionRecord> {
        let title = required_text("title", &o.title, MAX_TITLE)?;
        let scope = required_paragraphs("scope", &o.scope, MAX_SCOPE)?;
        let findings = required_paragraphs("findings", &o.findings, MAX_TEXT)?;
        let request = required_paragraphs("request", &o.request, MAX_TEXT)?;
        let now = self.now();
        if o.respond_by < china_date(now) {
            return Err(AppError::invalid_field(
                ErrorCode::InspectionRespondBy,
                "respond_by",
                "the council cannot be asked to answer by a day that has passed",
            ));
        }
        let by = actor.account_id()?;
        self.change(actor, |c| {
            let i = store::insert(
                c,
                NewInspection {
                    title: &title,
                    scope: &scope,
                    findings: &findings,
                    request: &request,
                    respond_by: o.respond_by,
                    opened_by: by,
                },
                now,
            )?;
            let event = Event::of("inspection.open", "inspection", i.id)
                .fact("title", &i.title)
                .fact("respond_by", i.respond_by)
                .fact("status", i.status);
            Ok(Done::new(record(c, i)?, event))
        })
    }

    /// The council answers an inspection.
    pub fn respond_to_inspection(
        &self,
        actor: &Actor,
        id: i64,
        text: &str,
    ) -> AppResult<InspectionRecord> {
        self.inspection_step(actor, "inspection.respond", id, text, store::respond)
    }

    /// The board closes an inspection with its conclusion.
    pub fn close_inspection(
        &self,
        actor: &Actor,
        id: i64,
        text: &str,
    ) -> AppResult<InspectionRecord> {
        self.inspection_step(actor, "inspection.close", id, text, store::close)
    }

    fn inspection_step(
        &self,
        actor: &Actor,
        use_case: &'static str,
        id: i64,
        text: &str,
        apply: Step,
    ) -> AppResult<InspectionRecord> {
        let text = required_paragraphs("text", text, MAX_TEXT)?;
        let by = actor.account_id()?;
        let now = self.now();
        self.change(actor, |c| {
            let before = store::get(c, id).map_err(not_found())?;
            let i = apply(c, id, &text, by, now)?;
            let mut event = Event::of(use_case, "inspection", id).moved(before.status, i.status);
            let r = record(c, i)?;
            if use_case == "inspection.respond" {
                if let Some(last) = r.responses.iter().map(|r| r.id).max() {
                    event = event.fact("response", last);
                }
                event = event.fact("responses", r.responses.len());
            }
            Ok(Done::new(r, event))
        })
    }
}
