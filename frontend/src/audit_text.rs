//! The audit trail in the reader's language: each use case and the facts it records, named in
//! Chinese and English. An entry of a use case this table does not know shows its code.

use crate::i18n::Lang;

/// (code, Chinese, English) for every use case the server records.
const USE_CASES: &[(&str, &str, &str)] = &[
    ("api_client.create", "创建接入方", "API client created"),
    ("api_client.revoke", "吊销接入方", "API client revoked"),
    ("articles.adopt", "章程通过", "Articles adopted"),
    (
        "audit.checkpoint",
        "生成审计检查点",
        "Audit checkpoint taken",
    ),
    ("batch.pay", "参保批次缴费", "Enrollment batch paid"),
    ("budget.adopt", "预算通过", "Budget adopted"),
    ("claim.appeal", "申请复核", "Claim appealed"),
    ("claim.approve", "审批互助金", "Claim approved"),
    ("claim.file", "提交互助金申请", "Claim filed"),
    ("claim.pay_by_hand", "单笔支付互助金", "Claim paid by hand"),
    ("claim.reject", "拒付互助金", "Claim refused"),
    ("claim.review", "初审互助金", "Claim reviewed"),
    ("claim.submit", "提交申请", "Claim submitted"),
    ("claim.withdraw", "撤回申请", "Claim withdrawn"),
    ("claim_document.upload", "上传材料", "Document uploaded"),
    ("contribution.record", "登记缴费", "Contribution recorded"),
    ("demo.seed", "载入演示数据", "Demo data loaded"),
    ("enrollment.apply", "在线参保", "Applied online"),
    ("expense.approve", "审批管理费用", "Expense approved"),
    ("expense.enter", "登记管理费用", "Expense entered"),
    ("finance.close_period", "结账", "Period closed"),
    ("finance.earn", "结转已赚互助金", "Contributions earned"),
    ("finance.reverse", "冲销凭证", "Entry reversed"),
    ("governance.extend_term", "届期延长", "Term extended"),
    ("governance.open_term", "新一届开始", "Term opened"),
    ("governance.seat", "任命席位", "Seat filled"),
    ("inspection.close", "检查结束", "Inspection closed"),
    ("inspection.open", "发起监督检查", "Inspection opened"),
    ("inspection.respond", "答复监督检查", "Inspection answered"),
    ("meeting.attendance", "登记出席", "Attendance recorded"),
    ("meeting.close", "会议结束", "Meeting closed"),
    ("meeting.convene", "召集会议", "Meeting convened"),
    ("meeting.table_motion", "提出议案", "Motion tabled"),
    ("member.register", "登记会员", "Member registered"),
    ("member.unmask", "查看完整信息", "Details unmasked"),
    ("member.update", "修改会员信息", "Member updated"),
    ("motion.close_vote", "表决结束", "Vote closed"),
    ("motion.vote", "投票", "Ballot cast"),
    ("org_unit.create", "新建组织", "Unit created"),
    ("org_unit.remove", "删除组织", "Unit removed"),
    ("org_unit.rename", "组织更名", "Unit renamed"),
    ("org_unit.update", "修改组织", "Unit updated"),
    (
        "payment_batch.approve",
        "复核支付批次",
        "Payment batch approved",
    ),
    (
        "payment_batch.bank_result",
        "导入银行回盘",
        "Bank result imported",
    ),
    ("payment_batch.create", "生成支付批次", "Payment batch made"),
    ("plan.activate", "计划施行", "Plan in force"),
    ("plan.draft", "起草计划版本", "Plan version drafted"),
    ("plan.retire", "计划停办", "Plan retired"),
    ("plan.update_draft", "修改计划草案", "Plan draft edited"),
    ("roster.commit", "提交参保名单", "Roster committed"),
    (
        "session.ended_on_reuse",
        "令牌重用，会话终止",
        "Session ended: token reused",
    ),
    ("session.login", "登录", "Logged in"),
    (
        "session.login_attempt",
        "登录尝试（核验密码前计数）",
        "Login attempt (counted before the password is checked)",
    ),
    ("session.logout", "退出登录", "Logged out"),
    ("session.refresh", "续期会话", "Session refreshed"),
    ("settlement.post", "医保结算导入", "Settlements posted"),
    ("staff.create", "新建工作人员", "Staff created"),
    ("staff.create_admin", "创建管理员", "Administrator created"),
    ("staff.update", "修改工作人员", "Staff updated"),
];

/// (fact, Chinese, English) for the facts most entries carry.
const FACTS: &[(&str, &str, &str)] = &[
    ("amount", "金额", "amount"),
    ("status", "状态", "status"),
    ("reason_code", "原因", "reason"),
    ("refused", "被拒绝", "refused"),
    ("reason", "说明", "why"),
    ("comment", "意见", "remark"),
    ("member", "会员", "member"),
    ("policy", "保障", "policy"),
    ("claims", "申请", "claims"),
    ("total", "合计", "total"),
    ("name", "名称", "name"),
    ("code", "计划", "plan"),
    ("version", "版本", "version"),
    ("yes", "赞成", "yes"),
    ("no", "反对", "no"),
    ("abstain", "弃权", "abstaining"),
    ("present", "出席", "present"),
    ("seat", "席位", "seat"),
    ("paid", "已支付", "paid"),
    ("failed", "失败", "failed"),
    ("purpose", "用途", "purpose"),
    ("fields", "字段", "fields"),
];

fn pick(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// The use case's name in `lang`, or its code when unknown.
pub fn use_case(lang: Lang, code: &str) -> String {
    USE_CASES.iter().find(|(c, _, _)| *c == code).map_or_else(
        || code.to_owned(),
        |(_, zh, en)| pick(lang, zh, en).to_owned(),
    )
}

fn fact_name(lang: Lang, name: &str) -> String {
    FACTS.iter().find(|(c, _, _)| *c == name).map_or_else(
        || name.replace('_', " "),
        |(_, zh, en)| pick(lang, zh, en).to_owned(),
    )
}

fn value_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => "—".to_owned(),
        serde_json::Value::Array(items) if items.len() > 6 => {
            format!("{} …", items.len())
        }
        other => other.to_string(),
    }
}

/// The facts of an entry's details, one `name: value` after another.
pub fn facts(lang: Lang, details: &str) -> String {
    let parsed: serde_json::Value = serde_json::from_str(details).unwrap_or_default();
    let Some(facts) = parsed.get("facts").and_then(|f| f.as_object()) else {
        return String::new();
    };
    let sep = pick(lang, "；", "; ");
    let colon = pick(lang, "：", ": ");
    facts
        .iter()
        .map(|(k, v)| format!("{}{colon}{}", fact_name(lang, k), value_text(v)))
        .collect::<Vec<_>>()
        .join(sep)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_facts_read_in_both_languages() {
        assert_eq!(use_case(Lang::Zh, "claim.approve"), "审批互助金");
        assert_eq!(use_case(Lang::En, "claim.approve"), "Claim approved");
        assert_eq!(use_case(Lang::En, "something.new"), "something.new");
        let d =
            r#"{"name":"x","facts":{"amount":"6000.00","status":"branch_reviewed → approved"}}"#;
        assert_eq!(
            facts(Lang::Zh, d),
            "金额：6000.00；状态：branch_reviewed → approved"
        );
        assert_eq!(facts(Lang::En, "{}"), "");
        let codes: std::collections::BTreeSet<_> = USE_CASES.iter().map(|u| u.0).collect();
        assert_eq!(codes.len(), USE_CASES.len(), "each use case once");
    }
}
