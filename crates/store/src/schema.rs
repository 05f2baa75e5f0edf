//! Table definitions, written to match `migrations/{sqlite,postgres}` (both produce these types).

diesel::table! {
    org_units (id) {
        id -> BigInt,
        parent_id -> Nullable<BigInt>,
        kind -> Text,
        name -> Text,
        credit_code -> Nullable<Text>,
        path -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    members (id) {
        id -> BigInt,
        org_unit_id -> BigInt,
        name -> Text,
        id_number_hash -> Text,
        id_number_masked -> Text,
        gender -> Text,
        birth_date -> Date,
        created_at -> Timestamp,
        category -> Text,
        id_number_enc -> Text,
        mobile_enc -> Nullable<Text>,
        mobile_masked -> Nullable<Text>,
        bank_card_enc -> Nullable<Text>,
        bank_card_last4 -> Nullable<Text>,
        bank_card_luhn_override_by -> Nullable<BigInt>,
        health_consent_at -> Nullable<Timestamp>,
        updated_at -> Nullable<Timestamp>,
        roster_batch_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    roster_imports (batch_id) {
        batch_id -> BigInt,
        started_at -> Timestamp,
        policies_before -> BigInt,
    }
}

diesel::table! {
    member_units (id) {
        id -> BigInt,
        member_id -> BigInt,
        org_unit_id -> BigInt,
        joined_at -> Timestamp,
        left_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    sensitive_access_log (id) {
        id -> BigInt,
        account_id -> BigInt,
        member_id -> BigInt,
        fields -> Text,
        purpose -> Text,
        accessed_at -> Timestamp,
    }
}

diesel::table! {
    accounts (id) {
        id -> BigInt,
        kind -> Text,
        username -> Nullable<Text>,
        member_id -> Nullable<BigInt>,
        display_name -> Text,
        org_unit_id -> BigInt,
        password_hash -> Text,
        active -> Bool,
        failed_login_count -> Integer,
        failure_window_started_at -> Nullable<Timestamp>,
        locked_until -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    account_roles (account_id, role) {
        account_id -> BigInt,
        role -> Text,
    }
}

diesel::table! {
    session_families (id) {
        id -> BigInt,
        account_id -> BigInt,
        created_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
        revoked_reason -> Nullable<Text>,
    }
}

diesel::table! {
    refresh_tokens (id) {
        id -> BigInt,
        family_id -> BigInt,
        token_hash -> Text,
        issued_at -> Timestamp,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    api_clients (id) {
        id -> BigInt,
        client_id -> Text,
        name -> Text,
        secret_hash -> Text,
        scopes -> Text,
        active -> Bool,
        created_by -> BigInt,
        created_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    plans (id) {
        id -> BigInt,
        code -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    plan_versions (id) {
        id -> BigInt,
        plan_id -> BigInt,
        version -> Integer,
        state -> Text,
        terms -> Text,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        approved_by -> Nullable<BigInt>,
        approved_at -> Nullable<Timestamp>,
        activated_at -> Nullable<Timestamp>,
        retired_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    policies (id) {
        id -> BigInt,
        member_id -> BigInt,
        plan_version_id -> BigInt,
        plan_code -> Text,
        shares -> Integer,
        premium_fen -> BigInt,
        status -> Text,
        start_date -> Nullable<Date>,
        end_date -> Nullable<Date>,
        waiting_period_end -> Nullable<Date>,
        terminated_from -> Nullable<Date>,
        created_at -> Timestamp,
        paid_at -> Nullable<Timestamp>,
        batch_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    enrollment_batches (id) {
        id -> BigInt,
        org_unit_id -> BigInt,
        plan_version_id -> BigInt,
        plan_code -> Text,
        file_sha256 -> Text,
        member_count -> Integer,
        premium_fen -> BigInt,
        status -> Text,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        paid_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    batch_contributions (id) {
        id -> BigInt,
        batch_id -> BigInt,
        amount_fen -> BigInt,
        channel -> Text,
        reference -> Text,
        paid_on -> Date,
        recorded_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    contributions (id) {
        id -> BigInt,
        policy_id -> BigInt,
        amount_fen -> BigInt,
        channel -> Text,
        reference -> Text,
        paid_on -> Date,
        recorded_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    claims (id) {
        id -> BigInt,
        member_id -> BigInt,
        policy_id -> BigInt,
        org_unit_id -> BigInt,
        kind -> Text,
        facts -> Text,
        event_date -> Date,
        status -> Text,
        channel -> Text,
        adjudication -> Nullable<Text>,
        approved_fen -> Nullable<BigInt>,
        rejection_code -> Nullable<Text>,
        rejection_text -> Nullable<Text>,
        appealed -> Bool,
        settlement_number -> Nullable<Text>,
        filed_by -> Nullable<BigInt>,
        reviewed_by -> Nullable<BigInt>,
        first_approved_by -> Nullable<BigInt>,
        approved_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    claim_documents (id) {
        id -> BigInt,
        claim_id -> BigInt,
        kind -> Text,
        media_type -> Text,
        file_name -> Text,
        size_bytes -> BigInt,
        sha256 -> Text,
        uploaded_by -> Nullable<BigInt>,
        uploaded_at -> Timestamp,
    }
}

diesel::table! {
    claim_invoices (invoice_number) {
        invoice_number -> Text,
        claim_id -> BigInt,
    }
}

diesel::table! {
    claim_events (id) {
        id -> BigInt,
        claim_id -> BigInt,
        from_status -> Nullable<Text>,
        to_status -> Text,
        account_id -> Nullable<BigInt>,
        comment -> Nullable<Text>,
        at -> Timestamp,
    }
}

diesel::table! {
    policy_usage (policy_id) {
        policy_id -> BigInt,
        usage -> Text,
        version -> BigInt,
    }
}

diesel::table! {
    access_log (id) {
        id -> BigInt,
        at -> Timestamp,
        actor -> Text,
        action -> Text,
        member_id -> Nullable<BigInt>,
        detail -> Text,
        request_id -> Text,
    }
}

diesel::table! {
    outbox (id) {
        id -> BigInt,
        kind -> Text,
        payload -> Text,
        created_at -> Timestamp,
        delivered_at -> Nullable<Timestamp>,
        attempts -> Integer,
        last_error -> Nullable<Text>,
        next_attempt_at -> Nullable<Timestamp>,
        abandoned_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    leases (name) {
        name -> Text,
        holder -> Text,
        expires_at -> Timestamp,
    }
}

diesel::joinable!(accounts -> org_units (org_unit_id));
diesel::joinable!(claims -> policies (policy_id));
diesel::joinable!(claims -> members (member_id));
diesel::joinable!(claim_invoices -> claims (claim_id));
diesel::joinable!(claim_documents -> claims (claim_id));
diesel::joinable!(claim_events -> claims (claim_id));
diesel::joinable!(policy_usage -> policies (policy_id));
diesel::joinable!(enrollment_batches -> org_units (org_unit_id));
diesel::joinable!(batch_contributions -> enrollment_batches (batch_id));
diesel::joinable!(roster_imports -> enrollment_batches (batch_id));
diesel::joinable!(contributions -> policies (policy_id));
diesel::joinable!(plan_versions -> plans (plan_id));
diesel::joinable!(policies -> plan_versions (plan_version_id));
diesel::joinable!(policies -> members (member_id));
diesel::joinable!(account_roles -> accounts (account_id));
diesel::joinable!(members -> org_units (org_unit_id));
diesel::joinable!(member_units -> members (member_id));
diesel::joinable!(sensitive_access_log -> members (member_id));
diesel::joinable!(refresh_tokens -> session_families (family_id));
diesel::joinable!(session_families -> accounts (account_id));

diesel::table! {
    gov_terms (id) {
        id -> BigInt,
        body -> Text,
        number -> Integer,
        starts_on -> Date,
        ends_on -> Date,
        extended -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    gov_seats (id) {
        id -> BigInt,
        term_id -> BigInt,
        account_id -> BigInt,
        position -> Text,
        elected_by_motion -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    gov_meetings (id) {
        id -> BigInt,
        term_id -> BigInt,
        title -> Text,
        location -> Text,
        starts_at -> Timestamp,
        notice_given_on -> Date,
        status -> Text,
        minutes -> Nullable<Text>,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        closed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    gov_attendance (meeting_id, seat_id) {
        meeting_id -> BigInt,
        seat_id -> BigInt,
        recorded_at -> Timestamp,
    }
}

diesel::table! {
    gov_motions (id) {
        id -> BigInt,
        meeting_id -> BigInt,
        kind -> Text,
        title -> Text,
        text -> Text,
        plan_version_id -> Nullable<BigInt>,
        budget_year -> Nullable<Integer>,
        reserve_bp -> Nullable<Integer>,
        expense_cap_bp -> Nullable<Integer>,
        articles_text -> Nullable<Text>,
        elect_to -> Nullable<Text>,
        candidate_account_id -> Nullable<BigInt>,
        candidate_position -> Nullable<Text>,
        secret -> Bool,
        status -> Text,
        yes_count -> Integer,
        no_count -> Integer,
        abstain_count -> Integer,
        members_count -> Nullable<Integer>,
        present_count -> Nullable<Integer>,
        explanation_en -> Nullable<Text>,
        explanation_zh -> Nullable<Text>,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        closed_by -> Nullable<BigInt>,
        closed_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    gov_scrutineers (motion_id, seat_id) {
        motion_id -> BigInt,
        seat_id -> BigInt,
    }
}

diesel::table! {
    gov_votes (motion_id, seat_id) {
        motion_id -> BigInt,
        seat_id -> BigInt,
        choice -> Nullable<Text>,
    }
}

diesel::table! {
    gov_articles (version) {
        version -> Integer,
        text -> Text,
        motion_id -> Nullable<BigInt>,
        adopted_at -> Timestamp,
    }
}

diesel::table! {
    gov_budgets (year) {
        year -> Integer,
        reserve_bp -> Integer,
        expense_cap_bp -> Integer,
        motion_id -> BigInt,
        adopted_at -> Timestamp,
    }
}

diesel::table! {
    inspections (id) {
        id -> BigInt,
        title -> Text,
        scope -> Text,
        findings -> Text,
        request -> Text,
        respond_by -> Date,
        status -> Text,
        opened_by -> BigInt,
        opened_at -> Timestamp,
        closed_by -> Nullable<BigInt>,
        closed_at -> Nullable<Timestamp>,
        conclusion -> Nullable<Text>,
    }
}

diesel::table! {
    inspection_responses (id) {
        id -> BigInt,
        inspection_id -> BigInt,
        text -> Text,
        responded_by -> BigInt,
        responded_at -> Timestamp,
    }
}

diesel::table! {
    audit_log (seq) {
        seq -> BigInt,
        at -> Text,
        actor -> Text,
        action -> Text,
        subject -> Text,
        details -> Text,
        prev_hash -> Text,
        hash -> Text,
    }
}

diesel::table! {
    audit_head (id) {
        id -> Integer,
        seq -> BigInt,
        hash -> Text,
    }
}

diesel::joinable!(gov_seats -> gov_terms (term_id));
diesel::joinable!(gov_seats -> accounts (account_id));
diesel::joinable!(gov_meetings -> gov_terms (term_id));
diesel::joinable!(gov_motions -> gov_meetings (meeting_id));
diesel::joinable!(gov_attendance -> gov_seats (seat_id));
diesel::joinable!(gov_votes -> gov_seats (seat_id));
diesel::joinable!(gov_scrutineers -> gov_seats (seat_id));
diesel::joinable!(inspection_responses -> accounts (responded_by));

diesel::table! {
    ledger_periods (period) {
        period -> Text,
        closed_by -> Nullable<BigInt>,
        closed_at -> Timestamp,
    }
}

diesel::table! {
    journal_entries (id) {
        id -> BigInt,
        fund -> Text,
        entry_date -> Date,
        period -> Text,
        kind -> Text,
        memo -> Text,
        reference -> Nullable<Text>,
        reverses -> Nullable<BigInt>,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    postings (id) {
        id -> BigInt,
        entry_id -> BigInt,
        fund -> Text,
        entry_date -> Date,
        account -> Text,
        fen -> BigInt,
    }
}

diesel::table! {
    ledger_balances (fund, account) {
        fund -> Text,
        account -> Text,
        fen -> BigInt,
    }
}

diesel::table! {
    payment_batches (id) {
        id -> BigInt,
        status -> Text,
        item_count -> Integer,
        total_fen -> BigInt,
        created_by -> BigInt,
        created_at -> Timestamp,
        approved_by -> Nullable<BigInt>,
        approved_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    payments (id) {
        id -> BigInt,
        claim_id -> BigInt,
        batch_id -> Nullable<BigInt>,
        amount_fen -> BigInt,
        reference -> Text,
        status -> Text,
        failure_reason -> Nullable<Text>,
        bank_reference -> Nullable<Text>,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        settled_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    bank_results (sha256) {
        sha256 -> Text,
        batch_id -> BigInt,
        paid -> Integer,
        failed -> Integer,
        imported_by -> Nullable<BigInt>,
        imported_at -> Timestamp,
    }
}

diesel::table! {
    expenses (id) {
        id -> BigInt,
        fund -> Text,
        description -> Text,
        amount_fen -> BigInt,
        status -> Text,
        entered_by -> BigInt,
        entered_at -> Timestamp,
        approved_by -> Nullable<BigInt>,
        approved_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    idempotency_keys (caller, key) {
        caller -> Text,
        key -> Text,
        request_sha256 -> Text,
        status -> Integer,
        response -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(postings -> journal_entries (entry_id));
diesel::joinable!(payments -> claims (claim_id));
diesel::joinable!(payments -> payment_batches (batch_id));

diesel::allow_tables_to_appear_in_same_query!(
    claims,
    claim_events,
    claim_invoices,
    claim_documents,
    policy_usage,
    org_units,
    members,
    member_units,
    sensitive_access_log,
    accounts,
    account_roles,
    session_families,
    refresh_tokens,
    api_clients,
    plans,
    plan_versions,
    policies,
    contributions,
    enrollment_batches,
    batch_contributions,
    roster_imports,
    gov_terms,
    gov_seats,
    gov_meetings,
    gov_attendance,
    gov_motions,
    gov_scrutineers,
    gov_votes,
    gov_articles,
    gov_budgets,
    inspections,
    inspection_responses,
    audit_log,
    audit_head,
    ledger_periods,
    ledger_balances,
    journal_entries,
    postings,
    payment_batches,
    payments,
    bank_results,
    expenses,
    idempotency_keys,
    access_log,
    outbox,
    leases,
);
