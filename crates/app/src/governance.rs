//! The bodies of the association (member congress, council, standing council, executive
//! committee, supervisory board), their five-year terms and seats; what passed resolutions
//! adopted (articles of association, annual budgets). Meetings and motions are in `meetings`
//! (docs/domain.md §6).

use crate::actor::Actor;
use crate::error::{AppError, AppResult};
use crate::unit::{Done, Event};
use crate::App;
use chrono::NaiveDate;
use huzhu_domain::governance::{self as rules, Body, Position};
use huzhu_domain::plan::china_date;
use huzhu_domain::ErrorCode;
use huzhu_store::accounts::{self, AccountKind};
use huzhu_store::{governance as gov, DbConn, StoreError};

pub use huzhu_store::governance::{Articles, Budget, Seat, Term};

/// A term with its seats.
#[derive(Debug, Clone)]
pub struct TermRecord {
    pub term: Term,
    pub seats: Vec<Seat>,
}

pub(crate) fn term_record(c: &mut DbConn, t: Term) -> AppResult<TermRecord> {
    let seats = gov::seats_of_term(c, t.id)?;
    Ok(TermRecord { term: t, seats })
}

fn term_not_found(e: StoreError) -> AppError {
    match e {
        StoreError::NotFound => AppError::not_found(ErrorCode::GovernanceTermNotFound, "term"),
        other => other.into(),
    }
}

/// The account a seat or candidacy names: an active staff or member account.
pub fn seatable_account(
    c: &mut DbConn,
    account_id: Option<i64>,
    member_id: Option<i64>,
) -> AppResult<accounts::Account> {
    let account = match (account_id, member_id) {
        (Some(id), None) => match accounts::get(c, id) {
            Err(StoreError::NotFound) => None,
            other => Some(other?),
        },
        (None, Some(member)) => accounts::find_by_member(c, member)?,
        _ => {
            return Err(AppError::invalid(
                ErrorCode::GovernanceSeatHolder,
                "name the holder by account_id (staff) or by member_id (a member), not both",
            ))
        }
    };
    match account {
        Some(a) if a.active && matches!(a.kind, AccountKind::Staff | AccountKind::Member) => Ok(a),
        _ => Err(AppError::invalid(
            ErrorCode::GovernanceNoSuchAccount,
            "no active account matches; a member needs an account of their own to sit",
        )),
    }
}

impl App {
    /// Every term of every body, latest first within each body, with its seats.
    pub fn governance_terms(&self) -> AppResult<Vec<TermRecord>> {
        self.store.read(|c| {
            gov::terms(c)?
                .into_iter()
                .map(|t| term_record(c, t))
                .collect()
        })
    }

    /// Opens the next term of a body: five years from its first day.
    pub fn open_term(
        &self,
        actor: &Actor,
        which: Body,
        starts_on: NaiveDate,
    ) -> AppResult<TermRecord> {
        let now = self.now();
        self.change(actor, |c| {
            let req_starts_on = starts_on;
            let ends_on = rules::term_ends_on(req_starts_on);
            let t = gov::insert_term(c, which, req_starts_on, ends_on, now)?;
            let event = Event::of("governance.open_term", "term", t.id)
                .fact("body", t.body)
                .fact("number", t.number)
                .fact("starts_on", t.starts_on)
                .fact("ends_on", t.ends_on);
            Ok(Done::new(term_record(c, t)?, event))
        })
    }

    /// Extends a running term, once, by at most twelve months.
    pub fn extend_term(&self, actor: &Actor, id: i64, months: u32) -> AppResult<TermRecord> {
        let today = china_date(self.now());
        self.change(actor, |c| {
            let t = gov::term(c, id).map_err(term_not_found)?;
            let ends_on =
                rules::extend_term(t.ends_on, t.extended, months, today).map_err(|e| match e {
                    rules::TermError::ExtensionLength(_) => AppError::invalid_field(
                        ErrorCode::GovernanceTermExtension,
                        "months",
                        e.to_string(),
                    ),
                    _ => AppError::conflict(ErrorCode::GovernanceTermExtension, e.to_string()),
                })?;
            let was_ending = t.ends_on;
            let t = gov::extend_term(c, id, ends_on)?;
            let event = Event::of("governance.extend_term", "term", t.id)
                .fact("body", t.body)
                .fact("number", t.number)
                .fact("months", months)
                .fact("ends_on", format!("{was_ending} → {}", t.ends_on));
            Ok(Done::new(term_record(c, t)?, event))
        })
    }

    /// Seats a person in a term (constituting a body; later seats come from elections),
    /// named by their staff account or by the member they are.
    pub fn seat(
        &self,
        actor: &Actor,
        id: i64,
        account_id: Option<i64>,
        member_id: Option<i64>,
        position: Position,
    ) -> AppResult<Seat> {
        let now = self.now();
        self.change(actor, |c| {
            let term = gov::term(c, id).map_err(term_not_found)?;
            let account = seatable_account(c, account_id, member_id)?;
            let seat =
                gov::insert_seat(c, id, account.id, position, position.is_single(), None, now)?;
            let event = Event::of("governance.seat", "seat", seat.id)
                .fact("term", term.id)
                .fact("body", term.body)
                .fact("account", seat.account_id)
                .fact("holder", &seat.holder)
                .fact("position", seat.position);
            Ok(Done::new(seat, event))
        })
    }

    /// The versions of the articles of association, newest first.
    pub fn articles(&self) -> AppResult<Vec<Articles>> {
        Ok(self.store.read(gov::articles)?)
    }

    /// The annual budgets adopted: the risk-reserve share and the management-expense cap.
    pub fn budgets(&self) -> AppResult<Vec<Budget>> {
        Ok(self.store.read(gov::budgets)?)
    }
}
