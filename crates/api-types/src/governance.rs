//! Governance (docs/domain.md §6): bodies and their terms and seats, meetings, motions and
//! ballots, what resolutions adopt (articles, budgets), the supervisory board's inspections, and
//! the audit trail.

use chrono::{DateTime, NaiveDate, Utc};
use huzhu_domain::governance::{
    Body, InspectionStatus, MeetingStatus, MotionStatus, MotionType, Position,
};
use serde::{Deserialize, Serialize};

/// A seat in a body, and who holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Seat {
    pub id: i64,
    pub account_id: i64,
    pub holder: String,
    pub position: Position,
    /// The election that gave the seat, if it came from one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elected_by_motion: Option<i64>,
}

/// A term of office of one body, with its seats.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Term {
    pub id: i64,
    pub body: Body,
    /// 第 N 届
    pub number: i32,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub extended: bool,
    pub seats: Vec<Seat>,
}

/// Opens the next term of a body: five years from `starts_on`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TermRequest {
    pub body: Body,
    pub starts_on: NaiveDate,
}

/// Extends a running term once, by 1 to 12 months.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TermExtension {
    pub months: u32,
}

/// Seats a staff account (`account_id`) or a member (`member_id`, e.g. a congress
/// representative): exactly one of the two.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SeatRequest {
    #[serde(default)]
    pub account_id: Option<i64>,
    #[serde(default)]
    pub member_id: Option<i64>,
    pub position: Position,
}

/// Convenes a meeting of the body's running term. Written notice must have gone out at least
/// the configured number of days (default 10) before the day of the meeting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MeetingRequest {
    pub body: Body,
    pub title: String,
    pub location: String,
    pub starts_at: DateTime<Utc>,
    /// The day written notice went out (today or earlier).
    pub notice_given_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeetingSummary {
    pub id: i64,
    pub body: Body,
    pub term_id: i64,
    pub title: String,
    pub location: String,
    pub starts_at: DateTime<Utc>,
    pub notice_given_on: NaiveDate,
    pub status: MeetingStatus,
}

/// Who is there: quorum is two thirds of the body's members present.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Quorum {
    pub members: u32,
    pub present: u32,
    /// The fewest present for a quorum.
    pub needed: u32,
    pub quorate: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Meeting {
    #[serde(flatten)]
    pub summary: MeetingSummary,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<String>,
    /// The seats of the body in this term.
    pub seats: Vec<Seat>,
    /// Seats recorded present.
    pub present: Vec<i64>,
    pub quorum: Quorum,
    pub motions: Vec<Motion>,
    /// The caller's own seat in this body, if they hold one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub my_seat: Option<i64>,
}

pub use huzhu_domain::governance::motion::{BudgetTerms, MotionRequest};

/// A ballot on record. For a secret ballot only that the seat voted is kept, not how.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Ballot {
    pub seat_id: i64,
    pub holder: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choice: Option<huzhu_domain::governance::Choice>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Motion {
    pub id: i64,
    pub meeting_id: i64,
    pub body: Body,
    pub kind: MotionType,
    pub title: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan_version_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<BudgetTerms>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub articles_text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub elect_to: Option<Body>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub candidate_account_id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub candidate_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub candidate_position: Option<Position>,
    /// Elections are by secret ballot.
    pub secret: bool,
    pub threshold: huzhu_domain::governance::Threshold,
    pub status: MotionStatus,
    pub ballots_cast: u32,
    /// The count: shown for an open ballot as it goes, for a secret ballot once voting closed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub yes: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub no: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abstain: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation_en: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation_zh: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_at: Option<DateTime<Utc>>,
    pub scrutineers: Vec<Seat>,
    pub ballots: Vec<Ballot>,
    /// Whether the caller's seat has voted on this motion.
    pub voted: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AttendanceRequest {
    pub seat_ids: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct VoteRequest {
    pub choice: huzhu_domain::governance::Choice,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MeetingClose {
    pub minutes: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Budget {
    #[serde(flatten)]
    pub terms: BudgetTerms,
    pub motion_id: i64,
    pub adopted_at: DateTime<Utc>,
}

/// A version of the articles of association (章程).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Articles {
    pub version: i32,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub motion_id: Option<i64>,
    pub adopted_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct InspectionRequest {
    pub title: String,
    /// What was inspected: e.g. claims paid in a quarter, a fund's accounts.
    pub scope: String,
    pub findings: String,
    /// What the council is asked to answer.
    pub request: String,
    pub respond_by: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InspectionResponse {
    pub id: i64,
    pub text: String,
    pub responded_by: i64,
    pub responder: String,
    pub responded_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Inspection {
    pub id: i64,
    pub title: String,
    pub scope: String,
    pub findings: String,
    pub request: String,
    pub respond_by: NaiveDate,
    pub status: InspectionStatus,
    pub opened_by: i64,
    pub opened_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conclusion: Option<String>,
    pub responses: Vec<InspectionResponse>,
}

/// Text kept with a step: the council's response, or the board's conclusion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct InspectionText {
    pub text: String,
}

/// One entry of the audit trail.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub seq: i64,
    pub at: String,
    /// `staff:12`, `member:5`, `client:3`, or empty for the system.
    pub actor: String,
    /// The use case, e.g. `claim.approve`, `governance.close_vote`.
    pub action: String,
    /// What it changed, e.g. `claim:12`, `motion:7`.
    pub subject: String,
    /// JSON: the actor's name (`name`), where the action came from (`via`), the request id
    /// (`request_id`) and the business facts that changed (`facts`, e.g. `{"amount":"6000.00",
    /// "status":"branch_reviewed → approved"}`).
    pub details: String,
    pub prev_hash: String,
    pub hash: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    /// The number of the last entry written.
    pub head_seq: i64,
}

/// Where the chain breaks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditBreak {
    /// The first entry that no longer fits.
    pub seq: i64,
    /// `missing`, `unlinked` or `changed`.
    pub kind: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditVerification {
    pub intact: bool,
    /// Entries found in order before any break.
    pub checked: u64,
    pub head_seq: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub broken: Option<AuditBreak>,
}

/// A signed statement of the trail's head (how many entries, the last one's hash, when), for
/// the supervisory board to keep outside the system and verify the trail against later.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AuditCheckpoint {
    pub seq: i64,
    pub hash: String,
    /// RFC 3339.
    pub at: String,
    /// HMAC-SHA-256 under the audit key, hex.
    pub signature: String,
}

/// The trail verified on its own and against a checkpoint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditCheckpointVerification {
    pub verification: AuditVerification,
    /// Whether every entry the checkpoint vouches for still stands as it was.
    pub checkpoint_holds: bool,
    /// `not_genuine`, `cut` or `rewritten` when it does not hold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}
