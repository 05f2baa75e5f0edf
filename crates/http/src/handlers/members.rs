//! The member register, within the caller's subtree. Every response masks ID numbers, mobiles
//! and bank cards; `unmask` shows them in full to those allowed, for a stated purpose, and logs it.

use super::{page, required_text};
use crate::auth::lookup_hash::id_number_hash;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::sealing::{protect_id_number, Sealer};
use crate::state::AppState;
use actix_web::{get, patch, post, web, HttpResponse};
use huzhu_api_types as api;
use huzhu_api_types::{ErrorBody, Page, SensitiveField, UnmaskRequest, Unmasked};
use huzhu_app::{Done, Event};
use huzhu_domain::field_rules::max_chars;
use huzhu_domain::ErrorCode;
use huzhu_domain::{BankCard, IdNumber, MemberCategory, Mobile, OrgUnitKind};
use huzhu_store::members::{self, MemberChanges, MemberFilter, Protected, SensitiveAccess};
use huzhu_store::org_units::{self, Scope};
use huzhu_store::{DbConn, Paging, StoreError};
use serde::Deserialize;

pub(crate) fn to_dto(m: members::Member) -> api::Member {
    api::Member {
        id: m.id,
        name: m.name,
        id_number_masked: m.id_number.masked,
        gender: m.gender,
        birth_date: m.birth_date,
        category: m.category,
        mobile_masked: m.mobile.map(|p| p.masked),
        bank_card_masked: m.bank_card.map(|p| format!("**** {}", p.masked)),
        bank_card_luhn_overridden: m.bank_card_luhn_override_by.is_some(),
        org_unit_id: m.org_unit_id,
        health_consent_at: m.health_consent_at,
        created_at: m.created_at,
        updated_at: m.updated_at,
    }
}

fn member_not_found() -> ApiError {
    ApiError::not_found(ErrorCode::MemberNotFound, "member")
}

fn not_found_as_member(e: StoreError) -> ApiError {
    match e {
        StoreError::NotFound => member_not_found(),
        other => other.into(),
    }
}

/// The union a member is registered with (or a roster comes from): a grassroots union in the
/// caller's subtree.
pub(crate) fn union_in_scope(
    c: &mut DbConn,
    scope: &Scope<'_>,
    id: i64,
) -> ApiResult<org_units::OrgUnit> {
    let unit = org_units::get_within(c, scope, id).map_err(|e| match e {
        StoreError::NotFound => ApiError::invalid_field(
            ErrorCode::OrgUnitNotFound,
            "org_unit_id",
            "the organisation unit does not exist in your part of the organisation",
        ),
        other => other.into(),
    })?;
    if unit.kind != OrgUnitKind::GrassrootsUnion {
        return Err(ApiError::invalid_field(
            ErrorCode::MemberUnitNotUnion,
            "org_unit_id",
            "members are registered with a grassroots union (基层工会), not with an office",
        ));
    }
    Ok(unit)
}

fn seal_mobile(sealer: &Sealer, raw: &str) -> ApiResult<Option<Protected>> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    let m = Mobile::parse(raw)
        .map_err(|e| ApiError::invalid_field(e.code(), "mobile", e.to_string()))?;
    Ok(Some(Protected {
        ciphertext: sealer.seal(m.as_str())?,
        masked: m.masked(),
    }))
}

/// A sealed card (masked as its last four digits) and whether a Luhn failure was accepted.
fn seal_card(
    sealer: &Sealer,
    raw: &str,
    accept_luhn_failure: bool,
) -> ApiResult<(Option<Protected>, bool)> {
    if raw.trim().is_empty() {
        return Ok((None, false));
    }
    let card = BankCard::parse(raw)
        .map_err(|e| ApiError::invalid_field(e.code(), "bank_card", e.to_string()))?;
    if !card.passes_luhn() && !accept_luhn_failure {
        return Err(ApiError::invalid_field(
            ErrorCode::BankCardLuhnFailed,
            "bank_card",
            "the card number fails its check digit: check it against the card, or confirm it with \
             `accept_bank_card_luhn_failure: true` (your account is recorded)",
        ));
    }
    Ok((
        Some(Protected {
            ciphertext: sealer.seal(card.as_str())?,
            masked: card.last4().to_string(),
        }),
        !card.passes_luhn(),
    ))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct MemberQuery {
    /// Exact resident ID number.
    pub id_number: Option<String>,
    /// Part of the name.
    pub name: Option<String>,
    /// Members of this grassroots union.
    pub org_unit_id: Option<i64>,
    pub category: Option<String>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

/// Search the register of the caller's subtree, by exact ID number or by name.
#[utoipa::path(
    tag = "members",
    params(MemberQuery),
    responses(
        (status = 200, description = "Members, masked", body = Page<api::Member>),
        (status = 422, description = "Invalid ID number or category", body = ErrorBody),
    )
)]
#[get("/members")]
pub async fn list(
    caller: Caller,
    state: web::Data<AppState>,
    query: web::Query<MemberQuery>,
) -> ApiResult<HttpResponse> {
    let q = query.into_inner();
    let paging = Paging::new(q.limit, q.offset);
    let id_number_hash = match q
        .id_number
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => None,
        Some(raw) => {
            let id = IdNumber::parse(raw)
                .map_err(|e| ApiError::invalid_field(e.code(), "id_number", e.to_string()))?;
            Some(id_number_hash(&state.config.lookup_key.0, &id))
        }
    };
    let category = match q.category.as_deref() {
        None => None,
        Some(c) => Some(MemberCategory::parse(c).ok_or_else(|| {
            ApiError::invalid_field(
                ErrorCode::MemberUnknownCategory,
                "category",
                format!("unknown member category `{c}`"),
            )
        })?),
    };
    let filter = MemberFilter {
        id_number_hash,
        name_contains: q
            .name
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty()),
        org_unit_id: q.org_unit_id,
        category,
    };
    let scope_path = caller.org_scope()?.0.to_string();
    // What was searched by, never the searched text itself.
    let by: Vec<&str> = [
        filter.id_number_hash.is_some().then_some("id number"),
        filter.name_contains.is_some().then_some("name"),
        filter.org_unit_id.is_some().then_some("unit"),
        filter.category.is_some().then_some("category"),
    ]
    .into_iter()
    .flatten()
    .collect();
    let by = if by.is_empty() {
        "list".to_string()
    } else {
        format!("by {}", by.join(", "))
    };
    let (items, total) = state
        .db(move |store| {
            store.read(|c| Ok(members::list(c, &Scope(&scope_path), &filter, paging)?))
        })
        .await?;
    let one = match items.as_slice() {
        [m] => Some(m.id),
        _ => None,
    };
    state
        .accessed(
            &caller,
            "member.search",
            one,
            format!("{by}: {} of {total} shown", items.len()),
        )
        .await;
    Ok(HttpResponse::Ok().json(page(items, total, paging, to_dto)))
}

/// One member of the caller's subtree, masked.
#[utoipa::path(
    tag = "members",
    params(("id" = i64, Path, description = "Member id")),
    responses(
        (status = 200, description = "The member, masked", body = api::Member),
        (status = 404, description = "No such member in the caller's subtree", body = ErrorBody),
    )
)]
#[get("/members/{id}")]
pub async fn get(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let scope_path = caller.org_scope()?.0.to_string();
    let id = id.into_inner();
    let member = state
        .db(move |store| {
            store.read(|c| {
                members::get_within(c, &Scope(&scope_path), id).map_err(not_found_as_member)
            })
        })
        .await?;
    state
        .accessed(&caller, "member.read", Some(id), "masked")
        .await;
    Ok(HttpResponse::Ok().json(to_dto(member)))
}

/// Register a member with a grassroots union of the caller's subtree.
#[utoipa::path(
    tag = "members",
    request_body = api::NewMember,
    responses(
        (status = 201, description = "Registered", body = api::Member),
        (status = 409, description = "A member with this ID number is already registered", body = ErrorBody),
        (status = 422, description = "Invalid ID number, name, mobile, bank card or union", body = ErrorBody),
    )
)]
#[post("/members")]
pub async fn create(
    caller: Caller,
    state: web::Data<AppState>,
    body: web::Json<api::NewMember>,
) -> ApiResult<HttpResponse> {
    let new = body.into_inner();
    let name = required_text("name", &new.name, max_chars::MEMBER_NAME)?;
    let id = IdNumber::parse(&new.id_number)
        .map_err(|e| ApiError::invalid_field(e.code(), "id_number", e.to_string()))?;
    let sealer = &state.sealer;
    let mobile = seal_mobile(sealer, new.mobile.as_deref().unwrap_or(""))?;
    let (bank_card, luhn_overridden) = seal_card(
        sealer,
        new.bank_card.as_deref().unwrap_or(""),
        new.accept_bank_card_luhn_failure,
    )?;
    let (hash, id_number) = protect_id_number(sealer, &state.config.lookup_key.0, &id)?;
    let scope_path = caller.org_scope()?.0.to_string();
    let staff_id = caller.id;
    let now = state.now();
    let member = state
        .change(&caller, move |c| {
            union_in_scope(c, &Scope(&scope_path), new.org_unit_id)?;
            let member = members::insert(
                c,
                members::NewMember {
                    org_unit_id: new.org_unit_id,
                    name: &name,
                    id_number_hash: &hash,
                    id_number,
                    gender: id.gender(),
                    birth_date: id.birth_date(),
                    category: new.category,
                    mobile,
                    bank_card,
                    bank_card_luhn_override_by: luhn_overridden.then_some(staff_id),
                    health_consent: new.health_consent,
                },
                now,
            )?;
            let mut event = Event::of("member.register", "member", member.id)
                .fact("id_number_masked", &member.id_number.masked)
                .fact("org_unit", member.org_unit_id)
                .fact("category", member.category)
                .fact("health_consent", member.health_consent_at.is_some());
            if luhn_overridden {
                event = event.fact("bank_card_luhn_overridden", true);
            }
            Ok(Done::new(member, event))
        })
        .await?;
    Ok(HttpResponse::Created().json(to_dto(member)))
}

/// Change a member's details or move them to another union of the caller's subtree.
#[utoipa::path(
    tag = "members",
    params(("id" = i64, Path, description = "Member id")),
    request_body = api::MemberChanges,
    responses(
        (status = 200, description = "Changed", body = api::Member),
        (status = 404, description = "No such member in the caller's subtree", body = ErrorBody),
        (status = 422, description = "Invalid name, mobile, bank card or union", body = ErrorBody),
    )
)]
#[patch("/members/{id}")]
pub async fn update(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: web::Json<api::MemberChanges>,
) -> ApiResult<HttpResponse> {
    let ch = body.into_inner();
    let id = id.into_inner();
    let name = ch
        .name
        .as_deref()
        .map(|n| required_text("name", n, max_chars::MEMBER_NAME))
        .transpose()?;
    let sealer = &state.sealer;
    let mobile = ch
        .mobile
        .as_deref()
        .map(|m| seal_mobile(sealer, m))
        .transpose()?;
    let card = ch
        .bank_card
        .as_deref()
        .map(|b| seal_card(sealer, b, ch.accept_bank_card_luhn_failure))
        .transpose()?;
    let scope_path = caller.org_scope()?.0.to_string();
    let staff_id = caller.id;
    let now = state.now();
    let member = state
        .change(&caller, move |c| {
            let scope = Scope(&scope_path);
            let before = members::get_within(c, &scope, id).map_err(not_found_as_member)?;
            if let Some(unit) = ch.org_unit_id {
                union_in_scope(c, &scope, unit)?;
            }
            let mobile_changed = mobile.is_some();
            let card_changed = card.is_some();
            let luhn_overridden = card.as_ref().is_some_and(|(_, overridden)| *overridden);
            let (bank_card, override_by) = match card {
                None => (None, None),
                Some((card, overridden)) => (Some(card), Some(overridden.then_some(staff_id))),
            };
            let changes = MemberChanges {
                name: name.as_deref(),
                category: ch.category,
                org_unit_id: ch.org_unit_id,
                mobile,
                bank_card,
                bank_card_luhn_override_by: override_by,
                health_consent: ch.health_consent,
            };
            let after = members::update(c, id, changes, now)?;
            let mut event = Event::of("member.update", "member", after.id);
            if name.is_some() {
                event = event.fact("name_changed", true);
            }
            if ch.category.is_some() {
                event = event.fact(
                    "category",
                    format!("{} → {}", before.category.as_str(), after.category.as_str()),
                );
            }
            if ch.org_unit_id.is_some() {
                event = event.fact(
                    "org_unit",
                    format!("{} → {}", before.org_unit_id, after.org_unit_id),
                );
            }
            if mobile_changed {
                event = event.fact(
                    "mobile_masked",
                    after.mobile.as_ref().map(|p| p.masked.clone()),
                );
            }
            if card_changed {
                event = event.fact(
                    "bank_card_masked",
                    after
                        .bank_card
                        .as_ref()
                        .map(|p| format!("**** {}", p.masked)),
                );
                if luhn_overridden {
                    event = event.fact("bank_card_luhn_overridden", true);
                }
            }
            if let Some(consent) = ch.health_consent {
                event = event.fact("health_consent", consent);
            }
            Ok(Done::new(after, event))
        })
        .await?;
    Ok(HttpResponse::Ok().json(to_dto(member)))
}

/// Show sensitive fields in full. Needs a purpose; who saw what, when and why is recorded.
#[utoipa::path(
    tag = "members",
    params(("id" = i64, Path, description = "Member id")),
    request_body = UnmaskRequest,
    responses(
        (status = 200, description = "The requested fields in full", body = Unmasked),
        (status = 404, description = "No such member in the caller's subtree", body = ErrorBody),
        (status = 422, description = "No fields, or no purpose given", body = ErrorBody),
    )
)]
#[post("/members/{id}/unmask")]
pub async fn unmask(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: web::Json<UnmaskRequest>,
) -> ApiResult<HttpResponse> {
    let req = body.into_inner();
    let purpose = huzhu_domain::field_rules::unmask_purpose(&req.purpose)?;
    let mut fields = req.fields;
    fields.sort();
    fields.dedup();
    if fields.is_empty() {
        return Err(ApiError::invalid_field(
            ErrorCode::UnmaskNoFields,
            "fields",
            "name at least one field to show",
        ));
    }
    let id = id.into_inner();
    let scope_path = caller.org_scope()?.0.to_string();
    let account_id = caller.id;
    let now = state.now();
    let logged: Vec<String> = fields.iter().map(|f| f.as_str().to_string()).collect();
    let member = state
        .change(&caller, move |c| {
            let member =
                members::get_within(c, &Scope(&scope_path), id).map_err(not_found_as_member)?;
            // What was shown and why; never the values shown.
            let event = Event::of("member.unmask", "member", member.id)
                .fact("fields", &logged)
                .fact("purpose", &purpose);
            members::log_sensitive_access(
                c,
                &SensitiveAccess {
                    account_id,
                    member_id: id,
                    fields: logged,
                    purpose,
                    accessed_at: now,
                },
            )?;
            Ok(Done::new(member, event))
        })
        .await?;
    let sealer = &state.sealer;
    let open = |p: &Option<Protected>| p.as_ref().map(|p| sealer.open(&p.ciphertext)).transpose();
    let want = |f: SensitiveField| fields.contains(&f);
    Ok(HttpResponse::Ok().json(Unmasked {
        id_number: if want(SensitiveField::IdNumber) {
            Some(sealer.open(&member.id_number.ciphertext)?)
        } else {
            None
        },
        mobile: if want(SensitiveField::Mobile) {
            open(&member.mobile)?
        } else {
            None
        },
        bank_card: if want(SensitiveField::BankCard) {
            open(&member.bank_card)?
        } else {
            None
        },
    }))
}

/// Who has seen this member's details unmasked, when and why.
#[utoipa::path(
    tag = "members",
    params(("id" = i64, Path, description = "Member id")),
    responses(
        (status = 200, description = "The access log, oldest first", body = Vec<api::SensitiveAccess>),
        (status = 404, description = "No such member in the caller's subtree", body = ErrorBody),
    )
)]
#[get("/members/{id}/access-log")]
pub async fn access_log(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let scope_path = caller.org_scope()?.0.to_string();
    let id = id.into_inner();
    let log = state
        .db(move |store| {
            store.read(|c| {
                members::get_within(c, &Scope(&scope_path), id).map_err(not_found_as_member)?;
                Ok(members::sensitive_access_of(c, id)?)
            })
        })
        .await?;
    let items: Vec<api::SensitiveAccess> = log
        .into_iter()
        .map(|a| api::SensitiveAccess {
            account_id: a.account_id,
            fields: a.fields,
            purpose: a.purpose,
            accessed_at: a.accessed_at,
        })
        .collect();
    Ok(HttpResponse::Ok().json(items))
}

/// Who has looked this member up — coverage enquiries, reads and searches that found them —
/// newest first, the latest 1,000 (the access log; reads reach it within a fraction of a
/// second).
#[utoipa::path(
    tag = "members",
    params(("id" = i64, Path, description = "Member id")),
    responses(
        (status = 200, description = "The reads, newest first", body = Vec<api::PersonalDataRead>),
        (status = 404, description = "No such member in the caller's subtree", body = ErrorBody),
    )
)]
#[get("/members/{id}/reads")]
pub async fn reads(
    caller: Caller,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> ApiResult<HttpResponse> {
    let scope_path = caller.org_scope()?.0.to_string();
    let id = id.into_inner();
    state
        .db(move |store| {
            store.read(|c| {
                members::get_within(c, &Scope(&scope_path), id).map_err(not_found_as_member)
            })
        })
        .await?;
    let log = state
        .run(move |app| {
            Ok(app
                .access_store()
                .read(|c| huzhu_store::access_log::of_member(c, id, 1_000))?)
        })
        .await?;
    let items: Vec<api::PersonalDataRead> = log
        .into_iter()
        .map(|a| api::PersonalDataRead {
            at: a.at,
            actor: a.actor,
            action: a.action,
            detail: a.detail,
            request_id: a.request_id,
        })
        .collect();
    Ok(HttpResponse::Ok().json(items))
}
