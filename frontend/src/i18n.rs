//! Every user-visible string, in one catalogue per language: [`zh_cn`] (the default) and [`en`].
//! Both are exhaustive `match`es over [`Key`], so a key without a translation does not compile.
//! Placeholders are `{0}`, `{1}`, ... and filled in by [`tf`].

use huzhu_domain::credit_code::CreditCodeError;
use huzhu_domain::id_number::IdNumberError;
use huzhu_domain::{OrgUnitKind, Permission, Role, Scope};
use yew::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// Simplified Chinese, the default.
    Zh,
    En,
}

impl Lang {
    /// BCP 47 tag, for `<html lang>` and storage.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Lang> {
        match tag {
            "zh-CN" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }
}

/// Declares the keys and the list of all of them (for the completeness tests).
macro_rules! keys {
    ($($key:ident),* $(,)?) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Key { $($key),* }
        impl Key {
            pub const ALL: &'static [Key] = &[$(Key::$key),*];
        }
    };
}

keys! {
    // Shell
    DocumentTitle, ProductSubtitle, LangToggle, Logout, Loading, NavLabel,
    NavHome, NavAccount, NavOrgUnits, NavStaff, NavApiClients,
    // Login
    LoginTabStaff, LoginTabMember, Username, IdNumber, IdNumberHint, Password, Login, LoggingIn,
    LoginMissing, MemberLoginHelp, SessionEnded, LoggedOutNotice,
    // Errors
    ErrNetwork, ErrBadResponse, ErrInvalidCredentials,
    ErrIdFormat, ErrIdBirthDate, ErrIdCheckDigit,
    ErrCreditFormat, ErrCreditCheckDigit, ErrCreditNotAUnion,
    FormIncomplete, PasswordTooShort, UsernameRule,
    // Generic words
    None, ListSeparator, Save, Saved, Cancel, Create, Delete, Search, Status, Actions, CreatedAt,
    NothingFound, PagePrev, PageNext, PageRange, BackHome,
    // Pages
    NotFoundTitle, NotFoundText, ForbiddenTitle, ForbiddenText,
    WelcomeName, MemberUnion, MemberHomeNote, OrgUnit, Roles, Permissions, Scopes,
    CardOrgUnits, CardStaff, CardApiClients, CardAccount,
    AccountKind, KindStaff, KindMember, KindIntegrator, DisplayName, SessionStarted,
    // Organisation units
    SearchByName, SearchNothing, ShowTree, Expand, Collapse, ChildCount, ShowMore,
    AddChild, Rename, ConfirmDeleteUnit, NewUnitUnder, UnitKind, UnitName, CreditCode,
    CreditCodeHint, UnitCreated, UnitPickerSearch, UnitPickerNone,
    // Staff accounts
    NewStaff, SearchStaff, StaffCreated, InitialPassword, NewPasswordFor, ResetPassword,
    PasswordReset, Disable, Enable, Unlock, StaffDisabled, StaffEnabled, StaffUnlocked,
    StatusActive, StatusDisabled, StatusLockedUntil, StatusRevoked,
    // API clients
    NewApiClient, NoApiClients, ClientName, ClientId, ClientSecret, ClientCreated, SecretOnce,
    SecretStored, Revoke, ConfirmRevoke, ClientFormIncomplete,
    // Roles (会员 ... 接口客户端)
    RoleMember, RoleBranchStaff, RoleClaimsReviewer, RoleProvincialApprover, RoleFinance,
    RoleCouncil, RoleSupervisor, RoleAdmin, RoleIntegrator,
    // Kinds of organisation unit
    KindProvince, KindCityOffice, KindCountyPoint, KindGrassrootsUnion,
    // Permissions
    PermOrgUnitRead, PermOrgUnitManage, PermStaffRead, PermStaffManage, PermApiClientManage,
    PermCoverageRead, PermSettlementSubmit, PermEnrollmentSubmit,
    PermMemberRead, PermMemberManage, PermMemberUnmask, PermPlanRead, PermPlanManage, PermOwnCoverageRead,
    // Integrator scopes
    ScopeCoverageRead, ScopeSettlementsWrite, ScopeEnrollmentsWrite,
}

/// 简体中文
fn zh_cn(key: Key) -> &'static str {
    use Key::*;
    match key {
        DocumentTitle => "互助 · 职工互助保障",
        ProductSubtitle => "职工互助保障管理系统",
        LangToggle => "English",
        Logout => "退出登录",
        Loading => "正在加载…",
        NavLabel => "主导航",
        NavHome => "首页",
        NavAccount => "我的账户",
        NavOrgUnits => "组织机构",
        NavStaff => "员工账户",
        NavApiClients => "API 客户端",

        LoginTabStaff => "工作人员登录",
        LoginTabMember => "会员登录",
        Username => "用户名",
        IdNumber => "居民身份证号",
        IdNumberHint => "18 位，最后一位可能是 X",
        Password => "密码",
        Login => "登录",
        LoggingIn => "正在登录…",
        LoginMissing => "请填写完整的登录信息。",
        MemberLoginHelp => "初始密码由所在基层工会或代办处提供。",
        SessionEnded => "会话已结束，请重新登录。",
        LoggedOutNotice => "您已安全退出。",

        ErrNetwork => "无法连接服务器，请检查网络后重试。",
        ErrBadResponse => "服务器出现问题（HTTP {0}），请稍后重试。",
        ErrInvalidCredentials => "用户名/身份证号或密码不正确。",
        ErrIdFormat => "身份证号应为 18 位：17 位数字加 1 位校验码（0–9 或 X）。",
        ErrIdBirthDate => "身份证号第 7–14 位不是有效的出生日期。",
        ErrIdCheckDigit => "身份证号校验码不正确，请核对。",
        ErrCreditFormat => "统一社会信用代码应为 18 位（数字和除 I、O、S、V、Z 外的大写字母）。",
        ErrCreditCheckDigit => "统一社会信用代码校验码不正确，请核对。",
        ErrCreditNotAUnion => "基层工会的统一社会信用代码应以 81 开头。",
        FormIncomplete => "请完整、正确地填写表单。",
        PasswordTooShort => "密码至少需要 {0} 个字符。",
        UsernameRule => "3–32 位小写字母、数字或 _ - .",

        None => "无",
        ListSeparator => "、",
        Save => "保存",
        Saved => "已保存。",
        Cancel => "取消",
        Create => "创建",
        Delete => "删除",
        Search => "搜索",
        Status => "状态",
        Actions => "操作",
        CreatedAt => "创建时间",
        NothingFound => "没有找到记录。",
        PagePrev => "上一页",
        PageNext => "下一页",
        PageRange => "第 {0}–{1} 条，共 {2} 条",
        BackHome => "返回首页",

        NotFoundTitle => "页面不存在",
        NotFoundText => "您访问的页面不存在或已被移动。",
        ForbiddenTitle => "无权访问",
        ForbiddenText => "您的账户没有查看此页面的权限。",
        WelcomeName => "您好，{0}",
        MemberUnion => "所在工会",
        MemberHomeNote => "参保、理赔等服务即将在此开放。",
        OrgUnit => "所属单位",
        Roles => "角色",
        Permissions => "权限",
        Scopes => "授权范围",
        CardOrgUnits => "浏览和维护本单位及下属单位。",
        CardStaff => "创建员工账户，分配角色，停用、解锁或重置密码。",
        CardApiClients => "为医保结算平台等外部系统发放和吊销接口凭据。",
        CardAccount => "查看您的账户信息和当前会话。",
        AccountKind => "账户类型",
        KindStaff => "工作人员",
        KindMember => "会员",
        KindIntegrator => "接口客户端",
        DisplayName => "姓名",
        SessionStarted => "本次登录时间（北京时间）",

        SearchByName => "按名称搜索单位",
        SearchNothing => "没有名称包含“{0}”的单位。",
        ShowTree => "返回树形视图",
        Expand => "展开",
        Collapse => "收起",
        ChildCount => "下属 {0} 个",
        ShowMore => "显示更多（还有 {0} 个）",
        AddChild => "添加下级",
        Rename => "修改",
        ConfirmDeleteUnit => "确定删除“{0}”吗？此操作无法撤销。",
        NewUnitUnder => "在“{0}”下添加单位",
        UnitKind => "单位类型",
        UnitName => "单位名称",
        CreditCode => "统一社会信用代码",
        CreditCodeHint => "18 位，基层工会以 81 开头",
        UnitCreated => "已创建“{0}”。",
        UnitPickerSearch => "输入名称查找单位",
        UnitPickerNone => "尚未选择单位",

        NewStaff => "新建员工账户",
        SearchStaff => "按用户名或姓名搜索",
        StaffCreated => "已创建账户 {0}。",
        InitialPassword => "初始密码",
        NewPasswordFor => "{0} 的新密码",
        ResetPassword => "重置密码",
        PasswordReset => "密码已重置，该账户的会话已全部结束。",
        Disable => "停用",
        Enable => "启用",
        Unlock => "解除锁定",
        StaffDisabled => "账户已停用。",
        StaffEnabled => "账户已启用。",
        StaffUnlocked => "账户已解除锁定。",
        StatusActive => "正常",
        StatusDisabled => "已停用",
        StatusLockedUntil => "锁定至 {0}",
        StatusRevoked => "已吊销",

        NewApiClient => "新建 API 客户端",
        NoApiClients => "还没有 API 客户端。",
        ClientName => "名称",
        ClientId => "客户端 ID",
        ClientSecret => "客户端密钥",
        ClientCreated => "已创建 API 客户端“{0}”",
        SecretOnce => "请立即复制并妥善保存密钥：它只显示这一次，之后无法再次查看。",
        SecretStored => "我已保存密钥",
        Revoke => "吊销",
        ConfirmRevoke => "确定吊销？使用它的系统将无法再访问接口。",
        ClientFormIncomplete => "请填写名称并至少选择一项授权范围。",

        RoleMember => "会员",
        RoleBranchStaff => "代办处工作人员",
        RoleClaimsReviewer => "理赔审核员",
        RoleProvincialApprover => "省级审批人",
        RoleFinance => "财务",
        RoleCouncil => "理事",
        RoleSupervisor => "监事",
        RoleAdmin => "系统管理员",
        RoleIntegrator => "接口客户端",

        KindProvince => "省互助会",
        KindCityOffice => "代办处",
        KindCountyPoint => "代办点",
        KindGrassrootsUnion => "基层工会",

        PermOrgUnitRead => "查看组织机构",
        PermOrgUnitManage => "管理组织机构",
        PermStaffRead => "查看员工账户",
        PermStaffManage => "管理员工账户",
        PermApiClientManage => "管理 API 客户端",
        PermCoverageRead => "查询保障",
        PermSettlementSubmit => "提交结算记录",
        PermEnrollmentSubmit => "提交参保名单",
        PermMemberRead => "查看会员名册",
        PermMemberManage => "登记和修改会员",
        PermMemberUnmask => "查看会员完整敏感信息（需说明用途）",
        PermPlanRead => "查看保障计划各版本",
        PermPlanManage => "管理保障计划版本",
        PermOwnCoverageRead => "查看本人保障",

        ScopeCoverageRead => "保障查询",
        ScopeSettlementsWrite => "提交医保结算",
        ScopeEnrollmentsWrite => "提交参保名单",
    }
}

/// English
fn en(key: Key) -> &'static str {
    use Key::*;
    match key {
        DocumentTitle => "Huzhu · Workers' mutual aid",
        ProductSubtitle => "Workers' mutual-aid insurance management",
        LangToggle => "中文",
        Logout => "Log out",
        Loading => "Loading…",
        NavLabel => "Main navigation",
        NavHome => "Home",
        NavAccount => "My account",
        NavOrgUnits => "Organisations",
        NavStaff => "Staff accounts",
        NavApiClients => "API clients",

        LoginTabStaff => "Staff",
        LoginTabMember => "Member",
        Username => "Username",
        IdNumber => "Resident ID number",
        IdNumberHint => "18 characters; the last may be X",
        Password => "Password",
        Login => "Log in",
        LoggingIn => "Logging in…",
        LoginMissing => "Please fill in all login details.",
        MemberLoginHelp => "Your initial password comes from your grassroots union or branch office.",
        SessionEnded => "Your session has ended. Please log in again.",
        LoggedOutNotice => "You have been logged out.",

        ErrNetwork => "Cannot reach the server. Check the connection and try again.",
        ErrBadResponse => "The server ran into a problem (HTTP {0}). Please try again later.",
        ErrInvalidCredentials => "Wrong username, ID number or password.",
        ErrIdFormat => "An ID number has 18 characters: 17 digits and a check character (0–9 or X).",
        ErrIdBirthDate => "Characters 7–14 of the ID number are not a valid date of birth.",
        ErrIdCheckDigit => "The check character of the ID number is wrong; please check the number.",
        ErrCreditFormat => "A unified social credit code has 18 characters: digits and capital letters except I, O, S, V, Z.",
        ErrCreditCheckDigit => "The check character of the credit code is wrong; please check the code.",
        ErrCreditNotAUnion => "A grassroots union's credit code begins with 81.",
        FormIncomplete => "Please complete the form correctly.",
        PasswordTooShort => "A password needs at least {0} characters.",
        UsernameRule => "3–32 lower-case letters, digits or _ - .",

        None => "None",
        ListSeparator => ", ",
        Save => "Save",
        Saved => "Saved.",
        Cancel => "Cancel",
        Create => "Create",
        Delete => "Delete",
        Search => "Search",
        Status => "Status",
        Actions => "Actions",
        CreatedAt => "Created",
        NothingFound => "Nothing found.",
        PagePrev => "Previous",
        PageNext => "Next",
        PageRange => "{0}–{1} of {2}",
        BackHome => "Back to the home page",

        NotFoundTitle => "Page not found",
        NotFoundText => "The page you asked for does not exist or has moved.",
        ForbiddenTitle => "Not allowed",
        ForbiddenText => "Your account may not see this page.",
        WelcomeName => "Welcome, {0}",
        MemberUnion => "Your union",
        MemberHomeNote => "Coverage and claims services will be available here soon.",
        OrgUnit => "Organisation",
        Roles => "Roles",
        Permissions => "Permissions",
        Scopes => "Scopes",
        CardOrgUnits => "Browse and maintain your unit and the units below it.",
        CardStaff => "Create staff accounts, assign roles, disable, unlock or reset passwords.",
        CardApiClients => "Issue and revoke credentials for external systems such as insurance settlement platforms.",
        CardAccount => "See your account details and current session.",
        AccountKind => "Account type",
        KindStaff => "Staff",
        KindMember => "Member",
        KindIntegrator => "API client",
        DisplayName => "Name",
        SessionStarted => "Logged in at (China Standard Time)",

        SearchByName => "Search units by name",
        SearchNothing => "No unit's name contains “{0}”.",
        ShowTree => "Back to the tree",
        Expand => "Expand",
        Collapse => "Collapse",
        ChildCount => "{0} below",
        ShowMore => "Show more ({0} left)",
        AddChild => "Add unit below",
        Rename => "Edit",
        ConfirmDeleteUnit => "Delete “{0}”? This cannot be undone.",
        NewUnitUnder => "New unit under “{0}”",
        UnitKind => "Kind of unit",
        UnitName => "Name",
        CreditCode => "Unified social credit code",
        CreditCodeHint => "18 characters; a grassroots union's begins with 81",
        UnitCreated => "Created “{0}”.",
        UnitPickerSearch => "Type a name to find a unit",
        UnitPickerNone => "No unit chosen yet",

        NewStaff => "New staff account",
        SearchStaff => "Search by username or name",
        StaffCreated => "Created account {0}.",
        InitialPassword => "Initial password",
        NewPasswordFor => "New password for {0}",
        ResetPassword => "Reset password",
        PasswordReset => "Password reset; all of the account's sessions have ended.",
        Disable => "Disable",
        Enable => "Enable",
        Unlock => "Unlock",
        StaffDisabled => "Account disabled.",
        StaffEnabled => "Account enabled.",
        StaffUnlocked => "Account unlocked.",
        StatusActive => "Active",
        StatusDisabled => "Disabled",
        StatusLockedUntil => "Locked until {0}",
        StatusRevoked => "Revoked",

        NewApiClient => "New API client",
        NoApiClients => "No API clients yet.",
        ClientName => "Name",
        ClientId => "Client ID",
        ClientSecret => "Client secret",
        ClientCreated => "API client “{0}” created",
        SecretOnce => "Copy the secret now and keep it safe: it is shown only this once and cannot be retrieved later.",
        SecretStored => "I have stored the secret",
        Revoke => "Revoke",
        ConfirmRevoke => "Revoke? Systems using it will lose access.",
        ClientFormIncomplete => "Enter a name and choose at least one scope.",

        RoleMember => "Member",
        RoleBranchStaff => "Branch office staff",
        RoleClaimsReviewer => "Claims reviewer",
        RoleProvincialApprover => "Provincial approver",
        RoleFinance => "Finance",
        RoleCouncil => "Council member",
        RoleSupervisor => "Supervisor",
        RoleAdmin => "System administrator",
        RoleIntegrator => "API client",

        KindProvince => "Provincial association",
        KindCityOffice => "Branch office",
        KindCountyPoint => "County service point",
        KindGrassrootsUnion => "Grassroots union",

        PermOrgUnitRead => "View organisations",
        PermOrgUnitManage => "Manage organisations",
        PermStaffRead => "View staff accounts",
        PermStaffManage => "Manage staff accounts",
        PermApiClientManage => "Manage API clients",
        PermCoverageRead => "Coverage enquiries",
        PermSettlementSubmit => "Submit settlements",
        PermEnrollmentSubmit => "Submit enrollments",
        PermMemberRead => "Read the member register",
        PermMemberManage => "Register and edit members",
        PermMemberUnmask => "See members' sensitive details in full (with a purpose)",
        PermPlanRead => "Read all plan versions",
        PermPlanManage => "Manage plan versions",
        PermOwnCoverageRead => "See my own cover",

        ScopeCoverageRead => "Coverage enquiries",
        ScopeSettlementsWrite => "Submit insurance settlements",
        ScopeEnrollmentsWrite => "Submit enrollment rosters",
    }
}

pub fn t(lang: Lang, key: Key) -> &'static str {
    match lang {
        Lang::Zh => zh_cn(key),
        Lang::En => en(key),
    }
}

/// The text with `{0}`, `{1}`, ... replaced by `args`.
pub fn tf(lang: Lang, key: Key, args: &[&str]) -> String {
    let mut out = t(lang, key).to_owned();
    for (i, arg) in args.iter().enumerate() {
        out = out.replace(&format!("{{{i}}}"), arg);
    }
    out
}

pub fn role_key(role: Role) -> Key {
    match role {
        Role::Member => Key::RoleMember,
        Role::BranchStaff => Key::RoleBranchStaff,
        Role::ClaimsReviewer => Key::RoleClaimsReviewer,
        Role::ProvincialApprover => Key::RoleProvincialApprover,
        Role::Finance => Key::RoleFinance,
        Role::Council => Key::RoleCouncil,
        Role::Supervisor => Key::RoleSupervisor,
        Role::Admin => Key::RoleAdmin,
        Role::Integrator => Key::RoleIntegrator,
    }
}

pub fn kind_key(kind: OrgUnitKind) -> Key {
    match kind {
        OrgUnitKind::Province => Key::KindProvince,
        OrgUnitKind::CityOffice => Key::KindCityOffice,
        OrgUnitKind::CountyPoint => Key::KindCountyPoint,
        OrgUnitKind::GrassrootsUnion => Key::KindGrassrootsUnion,
    }
}

pub fn permission_key(permission: Permission) -> Key {
    match permission {
        Permission::OrgUnitRead => Key::PermOrgUnitRead,
        Permission::OrgUnitManage => Key::PermOrgUnitManage,
        Permission::StaffRead => Key::PermStaffRead,
        Permission::StaffManage => Key::PermStaffManage,
        Permission::ApiClientManage => Key::PermApiClientManage,
        Permission::CoverageRead => Key::PermCoverageRead,
        Permission::SettlementSubmit => Key::PermSettlementSubmit,
        Permission::EnrollmentSubmit => Key::PermEnrollmentSubmit,
        Permission::MemberRead => Key::PermMemberRead,
        Permission::MemberManage => Key::PermMemberManage,
        Permission::MemberUnmask => Key::PermMemberUnmask,
        Permission::PlanRead => Key::PermPlanRead,
        Permission::PlanManage => Key::PermPlanManage,
        Permission::OwnCoverageRead => Key::PermOwnCoverageRead,
    }
}

pub fn scope_key(scope: Scope) -> Key {
    match scope {
        Scope::CoverageRead => Key::ScopeCoverageRead,
        Scope::SettlementsWrite => Key::ScopeSettlementsWrite,
        Scope::EnrollmentsWrite => Key::ScopeEnrollmentsWrite,
    }
}

pub fn id_number_error_key(e: &IdNumberError) -> Key {
    match e {
        IdNumberError::Format => Key::ErrIdFormat,
        IdNumberError::BirthDate => Key::ErrIdBirthDate,
        IdNumberError::CheckDigit => Key::ErrIdCheckDigit,
    }
}

pub fn credit_code_error_key(e: &CreditCodeError) -> Key {
    match e {
        CreditCodeError::Format => Key::ErrCreditFormat,
        CreditCodeError::CheckDigit => Key::ErrCreditCheckDigit,
        CreditCodeError::NotAUnion => Key::ErrCreditNotAUnion,
    }
}

/// The current language and the way to change it, provided by the app root.
#[derive(Clone, PartialEq)]
pub struct I18n {
    pub lang: Lang,
    pub set_lang: Callback<Lang>,
}

impl I18n {
    pub fn t(&self, key: Key) -> &'static str {
        t(self.lang, key)
    }

    pub fn tf(&self, key: Key, args: &[&str]) -> String {
        tf(self.lang, key, args)
    }

    pub fn role(&self, role: Role) -> &'static str {
        self.t(role_key(role))
    }

    /// The names of `roles`, as a list in a sentence.
    pub fn roles(&self, roles: &[Role]) -> String {
        roles
            .iter()
            .map(|r| self.role(*r))
            .collect::<Vec<_>>()
            .join(self.t(Key::ListSeparator))
    }

    pub fn kind(&self, kind: OrgUnitKind) -> &'static str {
        self.t(kind_key(kind))
    }

    pub fn permission(&self, permission: Permission) -> &'static str {
        self.t(permission_key(permission))
    }

    pub fn scope(&self, scope: Scope) -> &'static str {
        self.t(scope_key(scope))
    }

    pub fn id_number_error(&self, e: &IdNumberError) -> String {
        self.t(id_number_error_key(e)).to_owned()
    }

    pub fn credit_code_error(&self, e: &CreditCodeError) -> String {
        self.t(credit_code_error_key(e)).to_owned()
    }
}

#[hook]
pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or_else(|| I18n {
        lang: Lang::Zh,
        set_lang: Callback::noop(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(s: &str) -> Vec<usize> {
        (0..10)
            .filter(|i| s.contains(&format!("{{{i}}}")))
            .collect()
    }

    #[test]
    fn every_key_has_text_in_both_languages_with_the_same_placeholders() {
        for &key in Key::ALL {
            let (zh, en) = (zh_cn(key), en(key));
            assert!(
                !zh.trim().is_empty() || key == Key::ListSeparator,
                "{key:?} zh"
            );
            assert!(
                !en.trim().is_empty() || key == Key::ListSeparator,
                "{key:?} en"
            );
            assert_eq!(placeholders(zh), placeholders(en), "{key:?}");
        }
    }

    #[test]
    fn navigation_texts_are_the_agreed_ones() {
        let nav = [
            Key::NavHome,
            Key::NavAccount,
            Key::NavOrgUnits,
            Key::NavStaff,
            Key::NavApiClients,
        ];
        let zh: Vec<_> = nav.iter().map(|k| t(Lang::Zh, *k)).collect();
        let en: Vec<_> = nav.iter().map(|k| t(Lang::En, *k)).collect();
        assert_eq!(
            zh,
            ["首页", "我的账户", "组织机构", "员工账户", "API 客户端"]
        );
        assert_eq!(
            en,
            [
                "Home",
                "My account",
                "Organisations",
                "Staff accounts",
                "API clients"
            ]
        );
        assert_eq!(t(Lang::Zh, Key::LangToggle), "English");
        assert_eq!(t(Lang::En, Key::LangToggle), "中文");
    }

    #[test]
    fn roles_and_unit_kinds_use_the_association_terms() {
        let zh: Vec<_> = Role::ALL
            .iter()
            .map(|r| t(Lang::Zh, role_key(*r)))
            .collect();
        assert_eq!(
            zh,
            [
                "会员",
                "代办处工作人员",
                "理赔审核员",
                "省级审批人",
                "财务",
                "理事",
                "监事",
                "系统管理员",
                "接口客户端"
            ]
        );
        let kinds: Vec<_> = OrgUnitKind::ALL
            .iter()
            .map(|k| t(Lang::Zh, kind_key(*k)))
            .collect();
        assert_eq!(kinds, ["省互助会", "代办处", "代办点", "基层工会"]);
    }

    #[test]
    fn placeholders_are_filled() {
        assert_eq!(
            tf(Lang::En, Key::PageRange, &["1", "20", "93"]),
            "1–20 of 93"
        );
        assert_eq!(tf(Lang::Zh, Key::WelcomeName, &["李明"]), "您好，李明");
    }

    #[test]
    fn role_lists_use_the_language_separator() {
        let i18n = |lang| I18n {
            lang,
            set_lang: Callback::noop(),
        };
        let roles = [Role::Admin, Role::Finance];
        assert_eq!(i18n(Lang::Zh).roles(&roles), "系统管理员、财务");
        assert_eq!(
            i18n(Lang::En).roles(&roles),
            "System administrator, Finance"
        );
        assert_eq!(i18n(Lang::En).roles(&[]), "");
    }

    #[test]
    fn language_tags_round_trip() {
        for lang in [Lang::Zh, Lang::En] {
            assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
            assert_eq!(lang.other().other(), lang);
        }
    }
}
