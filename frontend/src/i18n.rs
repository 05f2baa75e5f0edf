//! Every user-visible string, in one catalogue per language: [`zh_cn`] (the default) and [`en`].
//! Both are exhaustive `match`es over [`Key`], so a key without a translation does not compile.
//! Placeholders are `{0}`, `{1}`, ... and filled in by [`tf`].

use huzhu_domain::accumulator::AccumulatorKind;
use huzhu_domain::credit_code::CreditCodeError;
use huzhu_domain::id_number::IdNumberError;
use huzhu_domain::plan::{DiseaseTier, DocumentKind, Exclusion};
use huzhu_domain::{Gender, MemberCategory, OrgUnitKind, Permission, Role, Scope};
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
    NavHome, NavAccount, NavOrgUnits, NavStaff, NavApiClients, NavCoverage, NavPlans, NavMembers,
    // Login
    LoginTabStaff, LoginTabMember, Username, IdNumber, IdNumberHint, Password, Login, LoggingIn,
    LoginMissing, MemberLoginHelp, SessionEnded, LoggedOutNotice,
    // Errors
    ErrNetwork, ErrBadResponse, ErrInvalidCredentials,
    ErrIdFormat, ErrIdBirthDate, ErrIdCheckDigit,
    ErrCreditFormat, ErrCreditCheckDigit, ErrCreditNotAUnion,
    FormIncomplete, PasswordTooShort, UsernameRule,
    ErrMobileFormat, ErrBankCardFormat, ErrBankCardLuhn, ErrDuplicateIdNumber, ErrUnitNotUnion,
    ErrPurposeRequired, ErrNoFields, ErrMemberNotFound, ErrUnitNotFound, ErrUnknownCategory,
    // Generic words
    None, ListSeparator, Save, Saved, Cancel, Create, Delete, Search, Status, Actions, CreatedAt,
    NothingFound, PagePrev, PageNext, PageRange, BackHome,
    // Pages
    NotFoundTitle, NotFoundText, ForbiddenTitle, ForbiddenText,
    WelcomeName, MemberUnion, MemberHomeNote, OrgUnit, Roles, Permissions, Scopes,
    CardOrgUnits, CardStaff, CardApiClients, CardAccount, CardCoverage, CardPlans, CardMembers,
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
    // Cover (我的保障) and the policy cards
    CoverageDate, CoverageToday, CoverageNoneMine, CoverageNoneMember, PolicyActive,
    PolicyPendingPayment, PolicyTerminated, Shares, Premium, CoverPeriod, PeriodRange,
    WaitingPeriod, IllnessCoveredFrom, WaitingDaysLeft, WaitingOneDayLeft, NoWaitingPeriod,
    CoveredToday, CoveredOn, ReasonNotPaid, ReasonNotYetEffective, ReasonLapsed,
    ReasonTerminated, ReasonWaiting, Limits, RemainingOf, QtyDays, QtyClaims,
    AccAllowanceDays, AccReimbursementCap, AccLumpSumClaims, AccAccidentSum,
    AccAccidentMedicalCap, AccAccidentAllowanceDays,
    // Plans (保障计划)
    PlansNone, PricePerShare, MaxShares, Term, TermOneYear, TermYears, Days, WhoMayJoin,
    AgeRange, FemaleAgeRange, WomenOnly, MenOnly, Enrollment, GroupEnrollment,
    IndividualEnrollment, MinParticipation, MinGroupSize, SameSharesPerUnit, EnrollmentWindow,
    FixedStart, Benefits, Yuan, BenDaily, BenNoPsychiatric, BenReimbursement,
    BenAccidentReimbursement, BenRatio, BenRatioStay, BenRatioStayAndLater, BenNoBasicInsurance,
    BenLumpSum, BenTier, BenMaxClaims, BenOneClaim, BenConsolation, BenAccident,
    BenAccidentMedical, BenAccidentDaily, TierMild, TierModerate, TierSevere, TierCommon,
    TierRare, AllVersions, PlanCode, PlanName, Version, ApprovedAt, ActivatedAt, RetiredAt,
    StateDraft, StateApproved, StateActive, StateRetired,
    // Members (会员)
    CatInService, CatRegisteredHardship, CatModelWorker, CatGigWorker, CatSpecialGroup,
    GenderMale, GenderFemale, SearchIdNumber, SearchName, Clear, Gender, Category, Union, Mobile,
    BankCard, BirthDate, HealthConsent, ConsentGiven, ConsentNotGiven, RegisteredAt, UpdatedAt,
    NotRecorded, LuhnOverridden, NewMember, BackToMembers, MemberCover,
    AccessLog, AccessLogEmpty, AccessedAt, AccessBy, AccessFields, Purpose, AccountRef,
    AccountMe, ShowInFull, UnmaskPurpose, UnmaskPurposeHint, UnmaskShow, Hide, UnmaskedNote,
    PurposeTooShort, Edit, EditMember, KeepIfEmpty, RemoveMobile, RemoveBankCard, UnionPicker,
    UnionPickerSearch, AcceptLuhn, LuhnWarning, HealthConsentLabel,
    // Rosters (参保名单) and enrollment batches
    NavRosters, CardRosters, RosterIntro, RosterUnion, RosterPlan, RosterChoosePlan,
    RosterNoGroupPlans, DefaultShares, DefaultSharesHint, Headcount, HeadcountNeeded,
    HeadcountOptional, RosterFile, RosterFileHint, DownloadTemplate, TemplateFileName,
    RosterCheck, RosterChecking, RosterEnroll, RosterEnrolling, RosterMissing, ErrHeadcount,
    ErrShares, ErrFileRead, CheckResult, ReportRows, ReportValidRows, ReportNewMembers,
    PremiumTotal, ReportOk, ReportProblems, ReportRefused, ReportStale, IssueLine, IssueColumn,
    IssueProblem, UnitProblems, ColName, ColIdNumber, ColCategory, ColShares, ColMobile, ColRow,
    IssueDuplicate, IssueDuplicateLine, IssueFormula, IssueCategory, IssueShares, IssueName,
    IssueOtherUnion, IssuePendingExists, IssueAge, IssueGender, IssueCategoryNotEligible,
    IssueSharesRange, IssueAlreadyCovered, IssueWindowClosed, IssueGroupNotAllowed,
    UnitParticipation, UnitGroupSize, UnitSameShares, UnitSize, UnitHeadcountRequired,
    ErrRosterEmpty, ErrNotARoster, ErrUnreadableXlsx, ErrRosterEncoding, ErrMissingColumn,
    ErrMalformedCsv, ErrPlanNotInForce, ErrTooLarge, ErrRosterInvalid,
    BatchTitle, BatchPendingPayment, BatchPaid, BatchMembers, BatchPaidAt, CoverStarts,
    RecordPayment, PayAmount, PayAmountHint, PayChannel, ChannelBankTransfer,
    ChannelUnionDues, ChannelOnline, ChannelCash, PayReference, PayReferenceHint, PaidOn,
    BatchPaidNotice, ErrAmountMismatch, ErrPayAmount, ErrPayReference, ErrPaidOnFuture,
    ErrPayChannel, ErrAlreadyPaid, ErrDuplicateReference, ErrBatchNotFound, NavBatches,
    CardBatches, NoBatches, AllStatuses, Batch, DownloadResult, Downloading, DownloadedNotice,
    BackToBatches, ErrUnknownBatchStatus, ErrDownload,
    // Plan editor (administrators)
    ErrWholeNumber, ErrDate, ErrPlanCode, ErrBothOrNeither, ErrBenefitsJson, PlanFixProblems,
    PlanProblemBenefit, PlanProblemNameZh, PlanProblemNameEn, PlanProblemPrice,
    PlanProblemMaxShares, PlanProblemNoCategories, PlanProblemRepeated, PlanProblemAgeRange,
    PlanProblemFemaleAgeRange, PlanProblemFemaleAgeMenOnly, PlanProblemTermYears,
    PlanProblemWaitingDays, PlanProblemEnrollmentMode, PlanProblemGroupRules,
    PlanProblemParticipation, PlanProblemGroupSize, PlanProblemWindow, PlanProblemFixedStart,
    PlanProblemNoBenefits, PlanProblemNoDocuments, BenefitProblemAmount, BenefitProblemRatio,
    BenefitProblemDays, BenefitProblemTiers, BenefitProblemDiseases, BenefitProblemMaxClaims,
    BenefitProblemConsolation, BenefitProblemDisability, EditDraftTitle, NewDraftTitle,
    PlanCodeHint, PlanNameZh, PlanNameEn, AgeMin, AgeMax, FemaleAgeMin, FemaleAgeMax,
    OptionalField, AnyGender, TermYearsLabel, WaitingDaysLabel, MinParticipationLabel,
    MinGroupSizeLabel, WindowFrom, WindowTo, FixedStartLabel, DocumentChecklist, Exclusions,
    BenefitsJson, BenefitsJsonHint, SaveDraft, CreateDraft, PlanActions, EditDraft,
    DraftFromThis, ApproveVersion, ActivateVersion, RetireVersion, PlanSavedNotice,
    DocApplicationForm, DocIdCard, DocBankCard, DocDischargeSummary, DocInvoices, DocCostList,
    DocSettlementSlip, DocPathologyReport, DocMedicalRecordAuthorisation, DocAccidentProof,
    DocDisabilityAssessment, DocDeathCertificate, ExclSelfHarm, ExclCrime, ExclDrunkDriving,
    ExclUnlicensedDriving, ExclWar, ExclPsychiatric, ExclPreExisting, ErrPlanInvalid,
    ErrPlanTransition, ErrPlanCodeChanged, ErrPlanVersionNotFound, ConfirmRetire, PermOwnClaim,
    PermClaimFile, PermClaimRead, PermClaimReview, PermClaimApprove,
    // Claims (互助金)
    LabelValue,
    AccidentCause, Injury, ClaimOffice, AllOffices, WaitingFor, AnyAge, OlderThanDays,
    Hospital, HospitalLevelLabel, LevelPrimary, LevelSecondary, LevelTertiary, DiagnosisText, ErrUnknownDisease, ErrTextTooLong, AllPlans,
    NavMyClaims, NavClaims, CardClaims, NewClaim, NoClaims, ClaimTitle, ClaimKind,
    KindInpatient, KindCriticalIllness, KindAccident, ClaimPolicy, ChoosePolicy, NoActiveCover,
    EventDate, Admission, Discharge, DiagnosisCode, TotalCost, PooledFundPaid,
    InCatalogueSelfPay, OutOfCatalogueSelfPay, InvoiceNumbers, PsychiatricStay,
    CausedByAccident, HasBasicInsurance, Disease, ChooseDisease, DiagnosedOn, AccidentDate,
    Death, DisabilityGrade, NoDisability, GradeN, MedicalSelfPay, HospitalDays, SaveAsDraft,
    SubmitClaim, Estimate, Working, ApprovedAmount, EstimatedAmount, NothingPayable, Documents,
    MissingDocuments, NoDocumentsMissing, DocumentKindLabel, ChooseFile, Upload, Uploading,
    Uploaded, Steps, Comment, ReviewClaim, ApproveClaim, RejectClaim, WithdrawClaim,
    AppealClaim, RejectionReason, RejectionText, Appealed, Notices, NoNotices,
    NoticeLine, BackToClaims, ClaimStepDone, Member, Amount, ClaimDraft, ClaimSubmitted,
    ClaimBranchReviewed, ClaimFirstApproved, ClaimApproved, ClaimRejected, ClaimWithdrawn,
    ClaimPaid, RuleDailyAllowance, RuleReimbursement, RuleLumpSum, RuleWaitingConsolation,
    RuleAccidentDeath, RuleAccidentDisability, RuleAccidentMedical, RuleAccidentAllowance,
    ReasonNotEnrolled, ReasonCoverEnded, ReasonBeforeEffective, ReasonWaitingPeriod,
    ReasonPreExisting, ReasonIneligible, ReasonExcludedCause, ReasonPsychiatric, ReasonLate,
    ReasonDocumentsMissing, ReasonDuplicateInvoice, ReasonDuplicateSettlement, ReasonCapUsedUp,
    ReasonDiseaseNotListed, ReasonDiseaseAlreadyPaid, ReasonMaxClaims, ReasonNoBenefit,
    ErrClaimWrongStatus, ErrMakerChecker, ErrAppealedBefore, ErrClaimDates, ErrClaimFuture,
    ErrClaimNegative, ErrClaimSelfPay, ErrClaimDiagnosis, ErrClaimGrade, ErrClaimNothing,
    ErrClaimInvoice, ErrClaimLateFiled, ErrPolicyNotFound, ErrClaimNotFound, ErrClaimClosed,
    ErrDocumentType, ErrDocumentName, ErrDocumentKind, ErrDocumentEmpty, ErrClaimMoved,
    ErrRejectionText, ErrAmount,
    // Roles (会员 ... 接口客户端)
    RoleMember, RoleBranchStaff, RoleClaimsReviewer, RoleProvincialApprover, RoleFinance,
    RoleCouncil, RoleSupervisor, RoleAdmin, RoleIntegrator,
    // Kinds of organisation unit
    KindProvince, KindCityOffice, KindCountyPoint, KindGrassrootsUnion,
    // Permissions
    PermOrgUnitRead, PermOrgUnitManage, PermStaffRead, PermStaffManage, PermApiClientManage,
    PermCoverageRead, PermSettlementSubmit, PermEnrollmentSubmit,
    PermMemberRead, PermMemberManage, PermMemberUnmask, PermPlanRead, PermPlanManage, PermOwnCoverageRead,
    PermOwnEnrollment, PermContributionRecord,
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
        NavCoverage => "我的保障",
        NavPlans => "保障计划",
        NavMembers => "会员",

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
        ErrMobileFormat => "手机号应为 11 位数字，以 13–19 开头（可带 +86）。",
        ErrBankCardFormat => "银行卡号应为 16–19 位数字。",
        ErrBankCardLuhn => "银行卡号校验位不符。请对照银行卡核对；如确认号码无误，请勾选“号码无误，仍然使用”后再次提交。",
        ErrDuplicateIdNumber => "该身份证号已登记为会员。",
        ErrUnitNotUnion => "会员只能登记在基层工会下，请选择一个基层工会。",
        ErrPurposeRequired => "请说明查看用途（4–200 个字），该用途将被记录。",
        ErrNoFields => "请选择要显示的信息。",
        ErrMemberNotFound => "没有找到该会员，或该会员不在您的管辖范围内。",
        ErrUnitNotFound => "没有找到该单位，或该单位不在您的管辖范围内。",
        ErrUnknownCategory => "未知的会员类别。",

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
        MemberHomeNote => "理赔等服务即将在此开放。",
        OrgUnit => "所属单位",
        Roles => "角色",
        Permissions => "权限",
        Scopes => "授权范围",
        CardOrgUnits => "浏览和维护本单位及下属单位。",
        CardStaff => "创建员工账户，分配角色，停用、解锁或重置密码。",
        CardApiClients => "为医保结算平台等外部系统发放和吊销接口凭据。",
        CardAccount => "查看您的账户信息和当前会话。",
        CardCoverage => "查看您参加的保障、等待期和剩余额度。",
        CardPlans => "了解可参加的保障计划和给付规则。",
        CardMembers => "查找、登记和维护会员信息。",
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

        CoverageDate => "查询日期",
        CoverageToday => "今天",
        CoverageNoneMine => "您目前没有保障。可在“保障计划”中了解可参加的计划，并向所在工会咨询参保。",
        CoverageNoneMember => "该会员目前没有保障。",
        PolicyActive => "有效",
        PolicyPendingPayment => "待缴费",
        PolicyTerminated => "已终止",
        Shares => "份数",
        Premium => "缴费金额",
        CoverPeriod => "保障期间",
        PeriodRange => "{0} 至 {1}",
        WaitingPeriod => "等待期",
        IllnessCoveredFrom => "疾病自 {0} 起保障",
        WaitingDaysLeft => "等待期还剩 {0} 天",
        WaitingOneDayLeft => "等待期还剩 1 天",
        NoWaitingPeriod => "无等待期",
        CoveredToday => "今日在保障中",
        CoveredOn => "{0} 在保障中",
        ReasonNotPaid => "尚未缴费，缴费后开始保障",
        ReasonNotYetEffective => "保障自 {0} 开始",
        ReasonLapsed => "保障已于 {0} 结束",
        ReasonTerminated => "保障已终止",
        ReasonWaiting => "等待期内，疾病自 {0} 起保障",
        Limits => "剩余额度",
        RemainingOf => "剩余 {0} / 共 {1}",
        QtyDays => "{0} 天",
        QtyClaims => "{0} 次",
        AccAllowanceDays => "住院津贴天数",
        AccReimbursementCap => "医疗报销额度",
        AccLumpSumClaims => "大病给付次数",
        AccAccidentSum => "意外身故伤残保额",
        AccAccidentMedicalCap => "意外医疗额度",
        AccAccidentAllowanceDays => "意外住院津贴天数",

        PlansNone => "目前没有可参加的保障计划。",
        PricePerShare => "每份价格",
        MaxShares => "最多份数",
        Term => "保障期限",
        TermOneYear => "1 年",
        TermYears => "{0} 年",
        Days => "{0} 天",
        WhoMayJoin => "参加条件",
        AgeRange => "{0}–{1} 周岁",
        FemaleAgeRange => "女性 {0}–{1} 周岁",
        WomenOnly => "仅限女性",
        MenOnly => "仅限男性",
        Enrollment => "参保方式",
        GroupEnrollment => "由基层工会集体参保",
        IndividualEnrollment => "个人自行参保",
        MinParticipation => "参保人数不少于本单位会员的 {0}%",
        MinGroupSize => "每个单位至少 {0} 人",
        SameSharesPerUnit => "同一单位参保份数须相同",
        EnrollmentWindow => "受理期 {0} 至 {1}",
        FixedStart => "统一自 {0} 起保障",
        Benefits => "保障内容",
        Yuan => "{0} 元",
        BenDaily => "住院津贴：每份每天 {0}，第 {1} 天起，每期最多 {2} 天",
        BenNoPsychiatric => "（精神疾病除外）",
        BenReimbursement => "住院医疗报销：每期免赔额 {0}，{1}，每份每期最高 {2}",
        BenAccidentReimbursement => "意外医疗报销：每期免赔额 {0}，{1}，每份每期最高 {2}",
        BenRatio => "报销 {0}",
        BenRatioStay => "第 {0} 次住院报销 {1}",
        BenRatioStayAndLater => "第 {0} 次及以后住院报销 {1}",
        BenNoBasicInsurance => "；未参加基本医疗保险的报销 {0}，每份最高 {1}",
        BenLumpSum => "大病一次性给付：{0}；{1}",
        BenTier => "{0}（{1} 种）每份 {2}",
        BenMaxClaims => "最多给付 {0} 次",
        BenOneClaim => "给付 1 次",
        BenConsolation => "；等待期内确诊给付慰问金每份 {0}，最高 {1}",
        BenAccident => "意外伤害：身故每份 {0}，伤残按 1–10 级给付身故保额的 {1}",
        BenAccidentMedical => "；意外医疗报销 {0}，每份最高 {1}",
        BenAccidentDaily => "；意外住院津贴每份每天 {0}，最多 {1} 天",
        TierMild => "轻症",
        TierModerate => "中症",
        TierSevere => "重症",
        TierCommon => "常见重大疾病",
        TierRare => "罕见重大疾病",
        AllVersions => "全部计划版本",
        PlanCode => "计划代码",
        PlanName => "计划名称",
        Version => "版本",
        ApprovedAt => "批准时间",
        ActivatedAt => "生效时间",
        RetiredAt => "停用时间",
        StateDraft => "草案",
        StateApproved => "已批准",
        StateActive => "生效中",
        StateRetired => "已停用",

        CatInService => "在职职工",
        CatRegisteredHardship => "在档困难职工",
        CatModelWorker => "劳动模范",
        CatGigWorker => "新就业形态劳动者",
        CatSpecialGroup => "特殊群体",
        GenderMale => "男",
        GenderFemale => "女",
        SearchIdNumber => "身份证号（精确查找）",
        SearchName => "姓名（可只填一部分）",
        Clear => "清除",
        Gender => "性别",
        Category => "会员类别",
        Union => "所属工会",
        Mobile => "手机号",
        BankCard => "银行卡号",
        BirthDate => "出生日期",
        HealthConsent => "健康信息授权",
        ConsentGiven => "已于 {0} 授权",
        ConsentNotGiven => "未授权",
        RegisteredAt => "登记时间",
        UpdatedAt => "最近修改",
        NotRecorded => "未登记",
        LuhnOverridden => "校验位不符，已由工作人员确认",
        NewMember => "登记会员",
        BackToMembers => "返回会员列表",
        MemberCover => "保障情况",
        AccessLog => "敏感信息查看记录",
        AccessLogEmpty => "尚无查看记录。",
        AccessedAt => "时间（北京时间）",
        AccessBy => "查看人",
        AccessFields => "查看内容",
        Purpose => "用途",
        AccountRef => "账户 #{0}",
        AccountMe => "我（账户 #{0}）",
        ShowInFull => "显示完整信息",
        UnmaskPurpose => "查看用途（将被记录）",
        UnmaskPurposeHint => "例如：核对理赔申请人身份。4–200 个字。",
        UnmaskShow => "显示",
        Hide => "隐藏",
        UnmaskedNote => "完整信息只在本页显示；本次查看已记录。",
        PurposeTooShort => "请填写用途，至少 4 个字。",
        Edit => "修改",
        EditMember => "修改会员信息",
        KeepIfEmpty => "留空则保持不变",
        RemoveMobile => "删除已登记的手机号",
        RemoveBankCard => "删除已登记的银行卡号",
        UnionPicker => "所属基层工会",
        UnionPickerSearch => "输入名称查找基层工会",
        AcceptLuhn => "号码无误，仍然使用（将记录您的账户）",
        LuhnWarning => "该银行卡号校验位不符，请对照银行卡核对。",
        HealthConsentLabel => "会员同意处理其健康信息（理赔需要）",

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

        NavRosters => "参保名单",
        CardRosters => "上传基层工会的参保名单，检查无误后集体参保并登记缴费。",
        RosterIntro => "先检查名单：检查不会写入任何数据。名单没有任何问题时才能确认参保，所有人一起参保或都不参保。",
        RosterUnion => "参保的基层工会",
        RosterPlan => "保障计划",
        RosterChoosePlan => "请选择计划",
        RosterNoGroupPlans => "目前没有可由工会集体参保的计划。",
        DefaultShares => "默认份数",
        DefaultSharesHint => "用于名单中未填“份数”的人；该计划每人 1–{0} 份",
        Headcount => "本单位会员总数",
        HeadcountNeeded => "必填：该计划要求参保人数不少于本单位会员的 {0}%，据此计算参保率。",
        HeadcountOptional => "该计划没有参保率要求，可不填。",
        RosterFile => "名单文件（CSV 或 Excel .xlsx）",
        RosterFileHint => "第一行为列名：姓名、身份证号，可选人员类别、份数、手机。CSV 可用 UTF-8 或 GBK 编码。",
        DownloadTemplate => "下载模板",
        TemplateFileName => "参保名单模板.csv",
        RosterCheck => "检查",
        RosterChecking => "正在检查…",
        RosterEnroll => "确认参保",
        RosterEnrolling => "正在参保…",
        RosterMissing => "请选择基层工会、保障计划和名单文件，并正确填写份数和会员总数。",
        ErrHeadcount => "请填写本单位会员总数（正整数）。",
        ErrShares => "份数应为 1–{0} 的整数。",
        ErrFileRead => "无法读取所选文件，请重新选择。",
        CheckResult => "检查结果",
        ReportRows => "名单人数",
        ReportValidRows => "无问题的人数",
        ReportNewMembers => "将新登记的会员",
        PremiumTotal => "缴费合计",
        ReportOk => "名单没有问题，可以确认参保。",
        ReportProblems => "名单有 {0} 处问题。请修改文件，重新选择后再检查；未写入任何数据。",
        ReportRefused => "未能参保：服务器复核时发现名单有问题，未写入任何数据。请修改文件后重新检查。",
        ReportStale => "检查后又修改了工会、计划、份数或会员总数，请重新检查。",
        IssueLine => "行号",
        IssueColumn => "列",
        IssueProblem => "问题",
        UnitProblems => "单位整体的问题",
        ColName => "姓名",
        ColIdNumber => "身份证号",
        ColCategory => "人员类别",
        ColShares => "份数",
        ColMobile => "手机",
        ColRow => "整行",
        IssueDuplicate => "身份证号在名单中重复出现。",
        IssueDuplicateLine => "与第 {0} 行的身份证号重复。",
        IssueFormula => "单元格不能以 = + - @ 开头（表格软件会把它当作公式执行）。",
        IssueCategory => "人员类别无法识别，应为在职职工、在档困难职工、劳动模范、新就业形态劳动者或特殊群体。",
        IssueShares => "份数应为正整数。",
        IssueName => "姓名为空或超过 50 个字。",
        IssueOtherUnion => "此人已登记在其他工会，请先办理会员转移。",
        IssuePendingExists => "此人已参加该计划，正在等待缴费。",
        IssueAge => "年龄不符合该计划的参保年龄。",
        IssueGender => "性别不符合该计划的参保条件。",
        IssueCategoryNotEligible => "该人员类别不能参加此计划。",
        IssueSharesRange => "份数超出该计划的范围（每人 1–{0} 份）。",
        IssueAlreadyCovered => "已参加该计划，保障期与新的保障期重叠。",
        IssueWindowClosed => "该计划目前不在受理期内。",
        IssueGroupNotAllowed => "该计划不接受工会集体参保。",
        UnitParticipation => "参保 {0} 人，本单位会员 {1} 人；该计划要求参保人数不少于会员的 {2}%，即至少 {3} 人。",
        UnitGroupSize => "参保 {0} 人；该计划要求每个单位至少 {1} 人参保。",
        UnitSameShares => "同一单位的参保份数须相同，请统一名单中的份数。",
        UnitSize => "参保人数超过了填写的本单位会员总数。",
        UnitHeadcountRequired => "该计划有参保率要求，请填写本单位会员总数。",
        ErrRosterEmpty => "名单为空：需要一行列名和至少一名会员。",
        ErrNotARoster => "该文件既不是 CSV 文本，也不是 Excel .xlsx 工作簿。",
        ErrUnreadableXlsx => "无法读取该 Excel 文件：文件已损坏或不完整，请重新保存后再上传。",
        ErrRosterEncoding => "CSV 文件既不是 UTF-8 也不是 GBK 编码，请另存为“CSV UTF-8”后再上传。",
        ErrMissingColumn => "名单缺少必需的列：第一行须写明列名“姓名”和“身份证号”，可选“人员类别”“份数”“手机”。",
        ErrMalformedCsv => "CSV 文件格式有误（例如引号不成对），请用表格软件重新另存为 CSV。",
        ErrPlanNotInForce => "该计划目前未生效，不能参保。",
        ErrTooLarge => "文件太大：名单文件最大 16 MB。",
        ErrRosterInvalid => "名单有问题，未参保，也未写入任何数据。",
        BatchTitle => "参保批次 #{0}",
        NavBatches => "参保批次",
        NavMyClaims => "我的互助金",
        LabelValue => "{0}：{1}",
        AccidentCause => "事故经过",
        Injury => "伤情",
        ClaimOffice => "经办机构",
        AllOffices => "全部机构",
        WaitingFor => "等待时间",
        AnyAge => "不限",
        OlderThanDays => "超过 {0} 天",
        Hospital => "医院",
        HospitalLevelLabel => "医院等级",
        LevelPrimary => "一级",
        LevelSecondary => "二级",
        LevelTertiary => "三级",
        DiagnosisText => "诊断名称",
        ErrUnknownDisease => "该疾病不在保障的疾病目录内。",
        ErrTextTooLong => "医院或诊断名称最多 200 个字。",
        AllPlans => "全部计划",
        NavClaims => "互助金审核",
        CardClaims => "待审核的互助金申请：初审、审批、拒付，查看材料和理算明细。",
        NewClaim => "申请互助金",
        NoClaims => "没有符合条件的互助金申请。",
        ClaimTitle => "互助金申请 #{0}",
        ClaimKind => "申请类型",
        KindInpatient => "住院",
        KindCriticalIllness => "重大疾病",
        KindAccident => "意外伤害",
        ClaimPolicy => "保障计划",
        ChoosePolicy => "选择要申请的保障",
        NoActiveCover => "您目前没有有效的保障，无法申请互助金。",
        EventDate => "事件日期",
        Admission => "入院日期",
        Discharge => "出院日期",
        DiagnosisCode => "诊断编码",
        TotalCost => "医疗费用总额（元）",
        PooledFundPaid => "统筹基金支付（元）",
        InCatalogueSelfPay => "目录内自付（元）",
        OutOfCatalogueSelfPay => "目录外自费（元）",
        InvoiceNumbers => "发票号（多个用逗号分隔）",
        PsychiatricStay => "精神科住院",
        CausedByAccident => "由意外伤害导致",
        HasBasicInsurance => "参加了基本医疗保险",
        Disease => "确诊疾病",
        ChooseDisease => "选择疾病",
        DiagnosedOn => "确诊日期",
        AccidentDate => "事故日期",
        Death => "身故",
        DisabilityGrade => "伤残等级",
        NoDisability => "无",
        GradeN => "{0} 级",
        MedicalSelfPay => "医疗自付费用（元）",
        HospitalDays => "住院天数",
        SaveAsDraft => "存为草稿",
        SubmitClaim => "提交申请",
        Estimate => "理算（预估）",
        Working => "理算明细",
        ApprovedAmount => "核定金额",
        EstimatedAmount => "预估金额",
        NothingPayable => "按保障条款，本次申请无可给付金额：",
        Documents => "申请材料",
        MissingDocuments => "尚缺材料",
        NoDocumentsMissing => "材料已齐全。",
        DocumentKindLabel => "材料类型",
        ChooseFile => "选择文件（PDF、JPG 或 PNG，不超过 5 MB）",
        Upload => "上传",
        Uploading => "正在上传…",
        Uploaded => "已上传 {0}",
        Steps => "处理记录",
        Comment => "备注",
        ReviewClaim => "初审通过",
        ApproveClaim => "审批通过",
        RejectClaim => "拒付",
        WithdrawClaim => "撤回申请",
        AppealClaim => "申诉",
        RejectionReason => "拒付原因",
        RejectionText => "给会员的说明",
        Appealed => "已申诉",
        Notices => "最近动态",
        NoNotices => "暂无动态。",
        NoticeLine => "申请 #{0}（{1}）：{2}",
        BackToClaims => "返回互助金列表",
        ClaimStepDone => "已处理：{0}",
        Member => "会员",
        Amount => "金额",
        ClaimDraft => "草稿",
        ClaimSubmitted => "已提交",
        ClaimBranchReviewed => "已初审",
        ClaimFirstApproved => "待复核审批",
        ClaimApproved => "已核准",
        ClaimRejected => "已拒付",
        ClaimWithdrawn => "已撤回",
        ClaimPaid => "已支付",
        RuleDailyAllowance => "住院津贴",
        RuleReimbursement => "医疗费用补助",
        RuleLumpSum => "重疾一次性给付",
        RuleWaitingConsolation => "等待期慰问金",
        RuleAccidentDeath => "意外身故",
        RuleAccidentDisability => "意外伤残",
        RuleAccidentMedical => "意外医疗",
        RuleAccidentAllowance => "意外住院津贴",
        ReasonNotEnrolled => "未参保或未缴费",
        ReasonCoverEnded => "保障已终止",
        ReasonBeforeEffective => "事件发生在保障生效之前",
        ReasonWaitingPeriod => "疾病发生在等待期内",
        ReasonPreExisting => "既往症",
        ReasonIneligible => "年龄或性别不符合条件",
        ReasonExcludedCause => "属于责任免除情形",
        ReasonPsychiatric => "精神科住院不给付住院津贴",
        ReasonLate => "超过申请时限",
        ReasonDocumentsMissing => "申请材料不全",
        ReasonDuplicateInvoice => "发票已报销过",
        ReasonDuplicateSettlement => "该医保结算已申请过",
        ReasonCapUsedUp => "本期额度已用完",
        ReasonDiseaseNotListed => "不在保障的疾病目录内",
        ReasonDiseaseAlreadyPaid => "该疾病已给付过",
        ReasonMaxClaims => "给付次数已用完",
        ReasonNoBenefit => "该保障不包含此类给付",
        ErrClaimWrongStatus => "申请当前的状态不允许这一步，请刷新后重试。",
        ErrMakerChecker => "提交、初审和审批须由三个不同的人完成。",
        ErrAppealedBefore => "每份申请只能申诉一次。",
        ErrClaimDates => "出院日期早于入院日期。",
        ErrClaimFuture => "日期不能晚于今天。",
        ErrClaimNegative => "金额不能为负数。",
        ErrClaimSelfPay => "统筹支付和自付合计超过了医疗费用总额。",
        ErrClaimDiagnosis => "请填写诊断编码或选择疾病。",
        ErrClaimGrade => "伤残等级须为 1 到 10 级。",
        ErrClaimNothing => "请填写身故、伤残、医疗费用或住院天数中的至少一项。",
        ErrClaimInvoice => "发票号不能为空、重复或超过 64 个字符。",
        ErrClaimLateFiled => "已超过申请时限（出院或事件后 2 年）。",
        ErrPolicyNotFound => "找不到该保障。",
        ErrClaimNotFound => "找不到该申请。",
        ErrClaimClosed => "申请已结束，不能再添加材料。",
        ErrDocumentType => "只接受 PDF、JPG 和 PNG 文件，所选文件不是其中之一。",
        ErrDocumentName => "文件内容与文件名的类型不符，请改名或选择正确的文件。",
        ErrDocumentKind => "未知的材料类型。",
        ErrDocumentEmpty => "文件是空的。",
        ErrClaimMoved => "他人刚处理了这份申请，请刷新后再看。",
        ErrRejectionText => "请用 2 到 500 个字向会员说明拒付原因。",
        ErrAmount => "金额须为数字，最多两位小数。",
        ErrWholeNumber => "请填写整数。",
        ErrDate => "请填写日期（YYYY-MM-DD）。",
        ErrPlanCode => "计划代码为 2–10 个大写字母或数字。",
        ErrBothOrNeither => "请同时填写起止两项，或都不填。",
        ErrBenefitsJson => "待遇规则不是有效的 JSON：{0}",
        PlanFixProblems => "请先改正标出的问题。",
        PlanProblemBenefit => "第 {0} 条待遇规则：{1}",
        PlanProblemNameZh => "中文名称须为 1–100 个字符。",
        PlanProblemNameEn => "英文名称须为 1–100 个字符。",
        PlanProblemPrice => "每份会费须大于 0。",
        PlanProblemMaxShares => "最多份数至少为 1。",
        PlanProblemNoCategories => "至少选择一类可参保人员。",
        PlanProblemRepeated => "同一项目不能重复列出。",
        PlanProblemAgeRange => "年龄范围无效：须最小 ≤ 最大 ≤ 100。",
        PlanProblemFemaleAgeRange => "女性年龄范围无效：须最小 ≤ 最大 ≤ 100。",
        PlanProblemFemaleAgeMenOnly => "仅限男性的计划不能设女性年龄范围。",
        PlanProblemTermYears => "保障期限须为 1、2 或 3 年。",
        PlanProblemWaitingDays => "等待期最长 365 天。",
        PlanProblemEnrollmentMode => "须允许团体参保、个人参保或两者。",
        PlanProblemGroupRules => "参保率、团体人数和统一份数只适用于团体参保，而本计划不允许团体参保。",
        PlanProblemParticipation => "最低参保率须为 1–100%。",
        PlanProblemGroupSize => "最低团体人数至少为 1。",
        PlanProblemWindow => "参保期结束日期早于开始日期。",
        PlanProblemFixedStart => "固定生效日早于参保期开始日。",
        PlanProblemNoBenefits => "计划至少需要一条待遇规则。",
        PlanProblemNoDocuments => "申请材料清单不能为空。",
        BenefitProblemAmount => "金额须大于 0（免赔额不能为负）。",
        BenefitProblemRatio => "比例须大于 0 且不超过 1（如 0.60），且至少有一个比例。",
        BenefitProblemDays => "天数至少为 1。",
        BenefitProblemTiers => "病种档次不能为空或重复。",
        BenefitProblemDiseases => "病种代码缺失、格式不对或重复。",
        BenefitProblemMaxClaims => "至少允许给付 1 次。",
        BenefitProblemConsolation => "等待期慰问金设置有误（需有等待期，最高额不低于每份金额）。",
        BenefitProblemDisability => "伤残比例须从 1 级到 10 级递减，且在 1–100 之间。",
        EditDraftTitle => "编辑草案：{0} 第 {1} 版",
        NewDraftTitle => "起草新版本（以 {0} 第 {1} 版为基础）",
        PlanCodeHint => "改用新的代码即新建一个计划。",
        PlanNameZh => "中文名称",
        PlanNameEn => "英文名称",
        AgeMin => "最低年龄",
        AgeMax => "最高年龄",
        FemaleAgeMin => "女性最低年龄",
        FemaleAgeMax => "女性最高年龄",
        OptionalField => "选填",
        AnyGender => "不限",
        TermYearsLabel => "保障期限（年）",
        WaitingDaysLabel => "等待期（天）",
        MinParticipationLabel => "最低参保率（%）",
        MinGroupSizeLabel => "最低团体人数",
        WindowFrom => "参保期开始",
        WindowTo => "参保期结束",
        FixedStartLabel => "固定生效日",
        DocumentChecklist => "申请材料清单",
        Exclusions => "责任免除",
        BenefitsJson => "待遇规则（JSON）",
        BenefitsJsonHint => "四类规则：daily_allowance（住院津贴）、reimbursement（医疗补助）、lump_sum（重疾一次性给付）、accident（意外）。保存前按与服务器相同的规则检查。",
        SaveDraft => "保存草案",
        CreateDraft => "创建草案",
        PlanActions => "操作",
        EditDraft => "编辑",
        DraftFromThis => "据此起草",
        ApproveVersion => "批准",
        ActivateVersion => "生效",
        RetireVersion => "停用",
        PlanSavedNotice => "已保存 {0} 第 {1} 版（{2}）。",
        DocApplicationForm => "互助金申请表",
        DocIdCard => "身份证",
        DocBankCard => "银行卡",
        DocDischargeSummary => "出院小结",
        DocInvoices => "医疗费用发票",
        DocCostList => "费用清单",
        DocSettlementSlip => "医保结算单",
        DocPathologyReport => "病理报告",
        DocMedicalRecordAuthorisation => "病历调阅授权书",
        DocAccidentProof => "意外事故证明",
        DocDisabilityAssessment => "伤残鉴定书",
        DocDeathCertificate => "死亡证明",
        ExclSelfHarm => "自杀、自残",
        ExclCrime => "违法犯罪",
        ExclDrunkDriving => "酒后驾驶",
        ExclUnlicensedDriving => "无证驾驶",
        ExclWar => "战争、军事行动",
        ExclPsychiatric => "精神疾病",
        ExclPreExisting => "既往症",
        PermOwnClaim => "申请和查看本人的互助金",
        PermClaimFile => "为会员申请互助金",
        PermClaimRead => "查看互助金申请",
        PermClaimReview => "初审互助金申请或拒付",
        PermClaimApprove => "审批互助金申请",
        ConfirmRetire => "停用后 {0} 第 {1} 版不再接受参保，已参保人员的保障不受影响。确定停用？",
        ErrPlanInvalid => "计划条款不符合规则，未保存。",
        ErrPlanTransition => "该版本当前的状态不允许这一步（草案 → 已批准 → 生效 → 停用）。",
        ErrPlanCodeChanged => "草案不能改用其他计划代码；请据此起草新计划。",
        ErrPlanVersionNotFound => "找不到该计划版本。",
        CardBatches => "已提交的参保名单：缴费状态、参保人员和参保结果下载。",
        NoBatches => "没有符合条件的参保批次。",
        AllStatuses => "全部状态",
        Batch => "批次",
        DownloadResult => "下载参保结果（Excel）",
        Downloading => "正在下载…",
        DownloadedNotice => "已下载 {0}",
        BackToBatches => "返回参保批次",
        ErrUnknownBatchStatus => "未知的批次状态。",
        ErrDownload => "浏览器未能保存文件：{0}",
        BatchPendingPayment => "待缴费",
        BatchPaid => "已缴费",
        BatchMembers => "参保人数",
        BatchPaidAt => "缴费登记时间（北京时间）",
        CoverStarts => "保障开始日期",
        RecordPayment => "登记缴费",
        PayAmount => "缴费金额（元）",
        PayAmountHint => "须等于缴费合计 {0}",
        PayChannel => "缴费方式",
        ChannelBankTransfer => "银行转账",
        ChannelUnionDues => "工会经费划拨",
        ChannelOnline => "线上支付",
        ChannelCash => "现金",
        PayReference => "凭证号",
        PayReferenceHint => "银行流水号或收据号，1–64 个字符，不能重复登记",
        PaidOn => "到账日期",
        BatchPaidNotice => "已登记缴费，批次中所有人的保障已生效。",
        ErrAmountMismatch => "缴费金额必须等于该批次的缴费合计。",
        ErrPayAmount => "金额应为大于 0 的数字，最多两位小数。",
        ErrPayReference => "请填写凭证号（1–64 个字符）。",
        ErrPaidOnFuture => "到账日期不能晚于今天。",
        ErrPayChannel => "请选择缴费方式。",
        ErrAlreadyPaid => "该批次已经缴费。",
        ErrDuplicateReference => "该凭证号已登记过，请核对。",
        ErrBatchNotFound => "没有找到该参保批次，或它不在您的管辖范围内。",

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
        PermOwnEnrollment => "本人在线参保",
        PermContributionRecord => "登记缴费",

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
        NavCoverage => "My cover",
        NavPlans => "Plans",
        NavMembers => "Members",

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
        ErrMobileFormat => "A mobile number has 11 digits and begins with 13 to 19 (+86 may precede it).",
        ErrBankCardFormat => "A bank card number has 16 to 19 digits.",
        ErrBankCardLuhn => "The bank card number fails its check digit. Check it against the card; if it is correct, tick “The number is correct, accept it” and send again.",
        ErrDuplicateIdNumber => "A member with this ID number is already registered.",
        ErrUnitNotUnion => "Members are registered with a grassroots union; please choose one.",
        ErrPurposeRequired => "Say why you need to see these details (4 to 200 characters); it is recorded.",
        ErrNoFields => "Choose what to show.",
        ErrMemberNotFound => "No such member, or not one in your part of the organisation.",
        ErrUnitNotFound => "No such unit, or not one in your part of the organisation.",
        ErrUnknownCategory => "Unknown member category.",

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
        MemberHomeNote => "Claims services will be available here soon.",
        OrgUnit => "Organisation",
        Roles => "Roles",
        Permissions => "Permissions",
        Scopes => "Scopes",
        CardOrgUnits => "Browse and maintain your unit and the units below it.",
        CardStaff => "Create staff accounts, assign roles, disable, unlock or reset passwords.",
        CardApiClients => "Issue and revoke credentials for external systems such as insurance settlement platforms.",
        CardAccount => "See your account details and current session.",
        CardCoverage => "See your cover, waiting periods and what is left of each benefit.",
        CardPlans => "See the plans on offer and what they pay.",
        CardMembers => "Find, register and update members.",
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

        CoverageDate => "Date",
        CoverageToday => "Today",
        CoverageNoneMine => "You have no cover yet. See Plans for what you can join, and ask your union about enrolling.",
        CoverageNoneMember => "This member has no cover.",
        PolicyActive => "Active",
        PolicyPendingPayment => "Awaiting payment",
        PolicyTerminated => "Terminated",
        Shares => "Shares",
        Premium => "Contribution",
        CoverPeriod => "Cover period",
        PeriodRange => "{0} to {1}",
        WaitingPeriod => "Waiting period",
        IllnessCoveredFrom => "Illness covered from {0}",
        WaitingDaysLeft => "{0} days of waiting period left",
        WaitingOneDayLeft => "1 day of waiting period left",
        NoWaitingPeriod => "No waiting period",
        CoveredToday => "Covered today",
        CoveredOn => "Covered on {0}",
        ReasonNotPaid => "Not paid yet: cover starts after payment",
        ReasonNotYetEffective => "Cover starts on {0}",
        ReasonLapsed => "Cover ended on {0}",
        ReasonTerminated => "Cover has been terminated",
        ReasonWaiting => "In the waiting period: illness covered from {0}",
        Limits => "What is left",
        RemainingOf => "{0} left of {1}",
        QtyDays => "{0} days",
        QtyClaims => "{0} claims",
        AccAllowanceDays => "Hospital allowance days",
        AccReimbursementCap => "Medical reimbursement",
        AccLumpSumClaims => "Critical illness payments",
        AccAccidentSum => "Accident death and disability sum",
        AccAccidentMedicalCap => "Accident medical costs",
        AccAccidentAllowanceDays => "Accident hospital allowance days",

        PlansNone => "No plans are on offer at the moment.",
        PricePerShare => "Price per share",
        MaxShares => "Maximum shares",
        Term => "Term",
        TermOneYear => "1 year",
        TermYears => "{0} years",
        Days => "{0} days",
        WhoMayJoin => "Who may join",
        AgeRange => "aged {0}–{1}",
        FemaleAgeRange => "women aged {0}–{1}",
        WomenOnly => "women only",
        MenOnly => "men only",
        Enrollment => "Enrollment",
        GroupEnrollment => "as a group, by a grassroots union",
        IndividualEnrollment => "individually",
        MinParticipation => "at least {0}% of the union's members",
        MinGroupSize => "at least {0} people per union",
        SameSharesPerUnit => "the same number of shares for everyone in a union",
        EnrollmentWindow => "applications from {0} to {1}",
        FixedStart => "cover starts on {0}",
        Benefits => "Benefits",
        Yuan => "¥{0}",
        BenDaily => "Daily allowance: {0} per share per day from day {1}, at most {2} days per period",
        BenNoPsychiatric => " (not for psychiatric illness)",
        BenReimbursement => "Inpatient reimbursement: deductible {0} per period, {1}, at most {2} per share per period",
        BenAccidentReimbursement => "Accident medical reimbursement: deductible {0} per period, {1}, at most {2} per share per period",
        BenRatio => "{0} of eligible costs",
        BenRatioStay => "{1} for stay {0}",
        BenRatioStayAndLater => "{1} for stay {0} and later",
        BenNoBasicInsurance => "; without basic medical insurance {0}, at most {1} per share",
        BenLumpSum => "Critical illness lump sum: {0}; {1}",
        BenTier => "{0} ({1} diseases) {2} per share",
        BenMaxClaims => "at most {0} payments",
        BenOneClaim => "paid once",
        BenConsolation => "; diagnosed in the waiting period: consolation of {0} per share, at most {1}",
        BenAccident => "Accident: death {0} per share; disability by grade 1–10, {1} of the death sum",
        BenAccidentMedical => "; accident medical costs {0}, at most {1} per share",
        BenAccidentDaily => "; accident hospital allowance {0} per share per day, at most {1} days",
        TierMild => "mild illness",
        TierModerate => "moderate illness",
        TierSevere => "severe illness",
        TierCommon => "common critical illness",
        TierRare => "rare critical illness",
        AllVersions => "All plan versions",
        PlanCode => "Code",
        PlanName => "Plan",
        Version => "Version",
        ApprovedAt => "Approved",
        ActivatedAt => "In force since",
        RetiredAt => "Retired",
        StateDraft => "Draft",
        StateApproved => "Approved",
        StateActive => "Active",
        StateRetired => "Retired",

        CatInService => "Employed worker",
        CatRegisteredHardship => "Registered hardship worker",
        CatModelWorker => "Model worker",
        CatGigWorker => "Gig worker",
        CatSpecialGroup => "Special group",
        GenderMale => "Male",
        GenderFemale => "Female",
        SearchIdNumber => "ID number (exact)",
        SearchName => "Name (or part of it)",
        Clear => "Clear",
        Gender => "Gender",
        Category => "Category",
        Union => "Union",
        Mobile => "Mobile",
        BankCard => "Bank card",
        BirthDate => "Date of birth",
        HealthConsent => "Health-data consent",
        ConsentGiven => "Given on {0}",
        ConsentNotGiven => "Not given",
        RegisteredAt => "Registered",
        UpdatedAt => "Last changed",
        NotRecorded => "Not recorded",
        LuhnOverridden => "fails its check digit; confirmed by staff",
        NewMember => "Register a member",
        BackToMembers => "Back to members",
        MemberCover => "Cover",
        AccessLog => "Who saw the sensitive details",
        AccessLogEmpty => "Nobody has seen them in full yet.",
        AccessedAt => "When (China Standard Time)",
        AccessBy => "By",
        AccessFields => "What",
        Purpose => "Purpose",
        AccountRef => "Account #{0}",
        AccountMe => "Me (account #{0})",
        ShowInFull => "Show in full",
        UnmaskPurpose => "Purpose (recorded)",
        UnmaskPurposeHint => "E.g. checking a claimant's identity. 4–200 characters.",
        UnmaskShow => "Show",
        Hide => "Hide",
        UnmaskedNote => "Shown on this page only; this access has been recorded.",
        PurposeTooShort => "Enter a purpose of at least 4 characters.",
        Edit => "Edit",
        EditMember => "Edit member",
        KeepIfEmpty => "Leave empty to keep the current one",
        RemoveMobile => "Remove the recorded mobile",
        RemoveBankCard => "Remove the recorded bank card",
        UnionPicker => "Grassroots union",
        UnionPickerSearch => "Type a name to find a grassroots union",
        AcceptLuhn => "The number is correct, accept it (your account is recorded)",
        LuhnWarning => "This card number fails its check digit; please check it against the card.",
        HealthConsentLabel => "The member consents to the processing of their health data (needed for claims)",

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

        NavRosters => "Rosters",
        CardRosters => "Upload a grassroots union's roster, check it, enroll the group and record its payment.",
        RosterIntro => "Check the roster first: checking writes nothing. Only a roster without any problem can be enrolled, everyone on it or nobody.",
        RosterUnion => "Grassroots union enrolling",
        RosterPlan => "Plan",
        RosterChoosePlan => "Choose a plan",
        RosterNoGroupPlans => "No plan takes group enrollment by unions at the moment.",
        DefaultShares => "Default shares",
        DefaultSharesHint => "For people whose shares are left empty; this plan allows 1 to {0} per person",
        Headcount => "Union's total membership",
        HeadcountNeeded => "Required: this plan needs at least {0}% of the union's members, and the rate is worked out from this number.",
        HeadcountOptional => "This plan has no participation rate; you may leave it empty.",
        RosterFile => "Roster file (CSV or Excel .xlsx)",
        RosterFileHint => "The first row names the columns: 姓名 (name), 身份证号 (ID number), optionally 人员类别 (category), 份数 (shares), 手机 (mobile). CSV in UTF-8 or GBK.",
        DownloadTemplate => "Download template",
        TemplateFileName => "roster-template.csv",
        RosterCheck => "Check",
        RosterChecking => "Checking…",
        RosterEnroll => "Enroll",
        RosterEnrolling => "Enrolling…",
        RosterMissing => "Choose the union, the plan and the roster file, and fill in the shares and the membership correctly.",
        ErrHeadcount => "Enter the union's total membership (a whole number above 0).",
        ErrShares => "Shares must be a whole number from 1 to {0}.",
        ErrFileRead => "The chosen file cannot be read; please choose it again.",
        CheckResult => "Check result",
        ReportRows => "People on the roster",
        ReportValidRows => "Without problems",
        ReportNewMembers => "New members to register",
        PremiumTotal => "Total contribution",
        ReportOk => "No problems: the roster can be enrolled.",
        ReportProblems => "The roster has {0} problem(s). Fix the file, choose it again and check it; nothing has been written.",
        ReportRefused => "Not enrolled: checking again, the server found problems in the roster; nothing has been written. Fix the file and check it again.",
        ReportStale => "The union, plan, shares or membership changed after the check; please check again.",
        IssueLine => "Line",
        IssueColumn => "Column",
        IssueProblem => "Problem",
        UnitProblems => "Problems of the union as a whole",
        ColName => "Name",
        ColIdNumber => "ID number",
        ColCategory => "Category",
        ColShares => "Shares",
        ColMobile => "Mobile",
        ColRow => "Whole row",
        IssueDuplicate => "This ID number appears more than once on the roster.",
        IssueDuplicateLine => "Same ID number as line {0}.",
        IssueFormula => "A cell may not begin with = + - or @ (a spreadsheet would run it as a formula).",
        IssueCategory => "Unknown category; use 在职职工, 在档困难职工, 劳动模范, 新就业形态劳动者 or 特殊群体.",
        IssueShares => "Shares must be a whole number above 0.",
        IssueName => "The name is missing or longer than 50 characters.",
        IssueOtherUnion => "Registered with another union; move the member first.",
        IssuePendingExists => "Already enrolled in this plan and awaiting payment.",
        IssueAge => "Outside the ages this plan takes.",
        IssueGender => "This plan is not open to this person's gender.",
        IssueCategoryNotEligible => "This member category may not join the plan.",
        IssueSharesRange => "More shares than the plan allows (1 to {0} per person).",
        IssueAlreadyCovered => "Already covered by this plan for a period that overlaps the new cover.",
        IssueWindowClosed => "The plan is not taking applications at the moment.",
        IssueGroupNotAllowed => "This plan does not take unions' rosters.",
        UnitParticipation => "{0} of the union's {1} members enrolled; this plan needs at least {2}%, i.e. {3} people.",
        UnitGroupSize => "{0} enrolled; this plan needs at least {1} people from one union.",
        UnitSameShares => "Everyone enrolled by one union must hold the same number of shares; make the shares the same for all.",
        UnitSize => "More people enrolled than the union's total membership given.",
        UnitHeadcountRequired => "This plan has a participation rate: give the union's total membership.",
        ErrRosterEmpty => "The roster is empty: it needs a row of column names and at least one member.",
        ErrNotARoster => "The file is neither CSV text nor an Excel .xlsx workbook.",
        ErrUnreadableXlsx => "The Excel file cannot be read: it is damaged or incomplete. Save it again and upload it.",
        ErrRosterEncoding => "The CSV file is neither UTF-8 nor GBK text. Save it as “CSV UTF-8” and upload it.",
        ErrMissingColumn => "A column is missing: the first row must name the columns 姓名 (name) and 身份证号 (ID number), optionally 人员类别, 份数, 手机.",
        ErrMalformedCsv => "The CSV file is malformed (e.g. unbalanced quotes). Save it again as CSV from the spreadsheet.",
        ErrPlanNotInForce => "This plan is not in force; nobody can enroll in it.",
        ErrTooLarge => "The file is too large: a roster may be at most 16 MB.",
        ErrRosterInvalid => "The roster has problems: nobody was enrolled and nothing was written.",
        BatchTitle => "Enrollment batch #{0}",
        NavBatches => "Enrollment batches",
        NavMyClaims => "My claims",
        LabelValue => "{0}: {1}",
        AccidentCause => "How it happened",
        Injury => "Injury",
        ClaimOffice => "Office",
        AllOffices => "All offices",
        WaitingFor => "Waiting",
        AnyAge => "Any time",
        OlderThanDays => "Over {0} days",
        Hospital => "Hospital",
        HospitalLevelLabel => "Hospital grade",
        LevelPrimary => "Grade 1 (primary)",
        LevelSecondary => "Grade 2 (secondary)",
        LevelTertiary => "Grade 3 (tertiary)",
        DiagnosisText => "Diagnosis",
        ErrUnknownDisease => "This disease is not on the plan's list.",
        ErrTextTooLong => "A hospital or diagnosis name has at most 200 characters.",
        AllPlans => "All plans",
        NavClaims => "Claims",
        CardClaims => "Claims to decide: review, approve or refuse, with their documents and working.",
        NewClaim => "Claim mutual aid",
        NoClaims => "No claims match.",
        ClaimTitle => "Claim #{0}",
        ClaimKind => "Kind of claim",
        KindInpatient => "Hospital stay",
        KindCriticalIllness => "Critical illness",
        KindAccident => "Accident",
        ClaimPolicy => "Cover",
        ChoosePolicy => "Choose the cover to claim under",
        NoActiveCover => "You have no cover in force, so there is nothing to claim under.",
        EventDate => "Event date",
        Admission => "Admitted on",
        Discharge => "Discharged on",
        DiagnosisCode => "Diagnosis code",
        TotalCost => "Total cost (yuan)",
        PooledFundPaid => "Paid by the pooled fund (yuan)",
        InCatalogueSelfPay => "Self-pay within the catalogue (yuan)",
        OutOfCatalogueSelfPay => "Self-pay outside the catalogue (yuan)",
        InvoiceNumbers => "Invoice numbers (separated by commas)",
        PsychiatricStay => "A psychiatric stay",
        CausedByAccident => "Caused by an accident",
        HasBasicInsurance => "Has basic medical insurance",
        Disease => "Disease diagnosed",
        ChooseDisease => "Choose the disease",
        DiagnosedOn => "Diagnosed on",
        AccidentDate => "Date of the accident",
        Death => "Death",
        DisabilityGrade => "Disability grade",
        NoDisability => "None",
        GradeN => "Grade {0}",
        MedicalSelfPay => "Medical self-pay (yuan)",
        HospitalDays => "Days in hospital",
        SaveAsDraft => "Save as a draft",
        SubmitClaim => "Submit the claim",
        Estimate => "Working (estimate)",
        Working => "Working",
        ApprovedAmount => "Amount approved",
        EstimatedAmount => "Estimated amount",
        NothingPayable => "Under the plan's terms nothing is payable for this claim:",
        Documents => "Documents",
        MissingDocuments => "Still missing",
        NoDocumentsMissing => "All documents are in.",
        DocumentKindLabel => "Kind of document",
        ChooseFile => "Choose a file (PDF, JPG or PNG, at most 5 MB)",
        Upload => "Upload",
        Uploading => "Uploading…",
        Uploaded => "Uploaded {0}",
        Steps => "Steps",
        Comment => "Remark",
        ReviewClaim => "Pass the review",
        ApproveClaim => "Approve",
        RejectClaim => "Refuse",
        WithdrawClaim => "Withdraw",
        AppealClaim => "Appeal",
        RejectionReason => "Reason",
        RejectionText => "Explanation for the member",
        Appealed => "Appealed",
        Notices => "Recent changes",
        NoNotices => "Nothing yet.",
        NoticeLine => "Claim #{0} ({1}): {2}",
        BackToClaims => "Back to the claims",
        ClaimStepDone => "Done: {0}",
        Member => "Member",
        Amount => "Amount",
        ClaimDraft => "Draft",
        ClaimSubmitted => "Submitted",
        ClaimBranchReviewed => "Reviewed",
        ClaimFirstApproved => "Awaiting a second approval",
        ClaimApproved => "Approved",
        ClaimRejected => "Refused",
        ClaimWithdrawn => "Withdrawn",
        ClaimPaid => "Paid",
        RuleDailyAllowance => "Daily allowance",
        RuleReimbursement => "Reimbursement",
        RuleLumpSum => "Lump sum",
        RuleWaitingConsolation => "Waiting-period consolation",
        RuleAccidentDeath => "Accident death",
        RuleAccidentDisability => "Accident disability",
        RuleAccidentMedical => "Accident medical",
        RuleAccidentAllowance => "Accident daily allowance",
        ReasonNotEnrolled => "Not enrolled or not paid",
        ReasonCoverEnded => "The cover had ended",
        ReasonBeforeEffective => "The event was before the cover started",
        ReasonWaitingPeriod => "The illness began in the waiting period",
        ReasonPreExisting => "A pre-existing condition",
        ReasonIneligible => "Age or gender not eligible",
        ReasonExcludedCause => "An excluded cause",
        ReasonPsychiatric => "Psychiatric stays get no daily allowance",
        ReasonLate => "Filed too late",
        ReasonDocumentsMissing => "Documents missing",
        ReasonDuplicateInvoice => "The invoice was claimed before",
        ReasonDuplicateSettlement => "The settlement was claimed before",
        ReasonCapUsedUp => "What the cover allows is used up",
        ReasonDiseaseNotListed => "Not a listed disease",
        ReasonDiseaseAlreadyPaid => "This disease was paid before",
        ReasonMaxClaims => "All claims of the cover are used",
        ReasonNoBenefit => "The cover pays nothing for this kind of claim",
        ErrClaimWrongStatus => "This step is not possible in the claim's current state; reload it.",
        ErrMakerChecker => "Submitting, reviewing and approving must be done by three different people.",
        ErrAppealedBefore => "A claim can be appealed once only.",
        ErrClaimDates => "The discharge date is before the admission date.",
        ErrClaimFuture => "A date cannot be later than today.",
        ErrClaimNegative => "Amounts cannot be negative.",
        ErrClaimSelfPay => "The pooled-fund payment and the self-pay together exceed the total cost.",
        ErrClaimDiagnosis => "Enter the diagnosis code or choose the disease.",
        ErrClaimGrade => "The disability grade must be 1 to 10.",
        ErrClaimNothing => "Give a death, a disability grade, medical costs or hospital days.",
        ErrClaimInvoice => "An invoice number is empty, repeated or longer than 64 characters.",
        ErrClaimLateFiled => "The time limit has passed (2 years after the discharge or the event).",
        ErrPolicyNotFound => "No such cover.",
        ErrClaimNotFound => "No such claim.",
        ErrClaimClosed => "The claim is closed; no more documents can be added.",
        ErrDocumentType => "Only PDF, JPG and PNG files are accepted; this file is none of them.",
        ErrDocumentName => "The file's content does not match its name; rename it or choose the right file.",
        ErrDocumentKind => "Unknown kind of document.",
        ErrDocumentEmpty => "The file is empty.",
        ErrClaimMoved => "Someone else acted on this claim meanwhile; reload it.",
        ErrRejectionText => "Explain the refusal to the member in 2 to 500 characters.",
        ErrAmount => "An amount is a number with at most two decimals.",
        ErrWholeNumber => "Enter a whole number.",
        ErrDate => "Enter a date (YYYY-MM-DD).",
        ErrPlanCode => "A plan code is 2 to 10 capital letters or digits.",
        ErrBothOrNeither => "Fill in both ends of the range, or neither.",
        ErrBenefitsJson => "The benefit rules are not valid JSON: {0}",
        PlanFixProblems => "Fix the problems shown first.",
        PlanProblemBenefit => "Benefit rule {0}: {1}",
        PlanProblemNameZh => "The Chinese name must be 1 to 100 characters.",
        PlanProblemNameEn => "The English name must be 1 to 100 characters.",
        PlanProblemPrice => "The price per share must be more than 0.",
        PlanProblemMaxShares => "The maximum number of shares must be at least 1.",
        PlanProblemNoCategories => "Choose at least one member category.",
        PlanProblemRepeated => "An item is listed twice.",
        PlanProblemAgeRange => "The age range is not valid: it needs min ≤ max ≤ 100.",
        PlanProblemFemaleAgeRange => "The women's age range is not valid: it needs min ≤ max ≤ 100.",
        PlanProblemFemaleAgeMenOnly => "A plan for men only cannot have a women's age range.",
        PlanProblemTermYears => "The term must be 1, 2 or 3 years.",
        PlanProblemWaitingDays => "The waiting period can be at most 365 days.",
        PlanProblemEnrollmentMode => "Allow group enrollment, individual enrollment or both.",
        PlanProblemGroupRules => "Participation rate, group size and same shares per unit apply to group enrollment, which this plan does not allow.",
        PlanProblemParticipation => "The minimum participation rate must be 1 to 100 %.",
        PlanProblemGroupSize => "The minimum group size must be at least 1.",
        PlanProblemWindow => "The enrollment window ends before it opens.",
        PlanProblemFixedStart => "The fixed start date is before the enrollment window opens.",
        PlanProblemNoBenefits => "A plan needs at least one benefit rule.",
        PlanProblemNoDocuments => "The claim document checklist is empty.",
        BenefitProblemAmount => "Amounts must be more than 0 (a deductible cannot be negative).",
        BenefitProblemRatio => "Ratios must be more than 0 and at most 1 (e.g. 0.60), with at least one ratio.",
        BenefitProblemDays => "Days must be at least 1.",
        BenefitProblemTiers => "Disease tiers must be present and not repeated.",
        BenefitProblemDiseases => "A disease code is missing, malformed or repeated.",
        BenefitProblemMaxClaims => "At least 1 claim must be allowed.",
        BenefitProblemConsolation => "The waiting-period consolation is wrong (it needs a waiting period and a maximum no lower than one share's amount).",
        BenefitProblemDisability => "Disability percentages must fall from grade 1 to grade 10 and lie between 1 and 100.",
        EditDraftTitle => "Edit draft: {0} version {1}",
        NewDraftTitle => "New draft (based on {0} version {1})",
        PlanCodeHint => "A new code creates a new plan.",
        PlanNameZh => "Chinese name",
        PlanNameEn => "English name",
        AgeMin => "Minimum age",
        AgeMax => "Maximum age",
        FemaleAgeMin => "Women's minimum age",
        FemaleAgeMax => "Women's maximum age",
        OptionalField => "Optional",
        AnyGender => "Anyone",
        TermYearsLabel => "Term (years)",
        WaitingDaysLabel => "Waiting period (days)",
        MinParticipationLabel => "Minimum participation rate (%)",
        MinGroupSizeLabel => "Minimum group size",
        WindowFrom => "Enrollment opens",
        WindowTo => "Enrollment closes",
        FixedStartLabel => "Fixed start date",
        DocumentChecklist => "Claim document checklist",
        Exclusions => "Exclusions",
        BenefitsJson => "Benefit rules (JSON)",
        BenefitsJsonHint => "Four kinds: daily_allowance, reimbursement, lump_sum and accident. Checked with the server's own rules before saving.",
        SaveDraft => "Save the draft",
        CreateDraft => "Create the draft",
        PlanActions => "Actions",
        EditDraft => "Edit",
        DraftFromThis => "Draft from this",
        ApproveVersion => "Approve",
        ActivateVersion => "Put in force",
        RetireVersion => "Retire",
        PlanSavedNotice => "Saved {0} version {1} ({2}).",
        DocApplicationForm => "Claim application form",
        DocIdCard => "Resident ID card",
        DocBankCard => "Bank card",
        DocDischargeSummary => "Discharge summary",
        DocInvoices => "Medical invoices",
        DocCostList => "Itemised cost list",
        DocSettlementSlip => "Medical-insurance settlement slip",
        DocPathologyReport => "Pathology report",
        DocMedicalRecordAuthorisation => "Medical-record authorisation",
        DocAccidentProof => "Proof of the accident",
        DocDisabilityAssessment => "Disability assessment",
        DocDeathCertificate => "Death certificate",
        ExclSelfHarm => "Suicide or self-harm",
        ExclCrime => "Crime",
        ExclDrunkDriving => "Drunk driving",
        ExclUnlicensedDriving => "Driving without a licence",
        ExclWar => "War or military action",
        ExclPsychiatric => "Psychiatric illness",
        ExclPreExisting => "Pre-existing condition",
        PermOwnClaim => "Claim mutual aid for oneself and follow the claims",
        PermClaimFile => "File claims for members",
        PermClaimRead => "Read claims",
        PermClaimReview => "Review claims or reject them",
        PermClaimApprove => "Approve claims",
        ConfirmRetire => "Once retired, {0} version {1} takes no new enrollments; existing cover is not affected. Retire it?",
        ErrPlanInvalid => "The plan terms break rules; nothing was saved.",
        ErrPlanTransition => "This step is not possible from the version's current state (draft → approved → in force → retired).",
        ErrPlanCodeChanged => "A draft cannot change its plan code; draft a new plan instead.",
        ErrPlanVersionNotFound => "No such plan version.",
        CardBatches => "Committed rosters: their payment, the people enrolled and the results to download.",
        NoBatches => "No enrollment batches match.",
        AllStatuses => "All statuses",
        Batch => "Batch",
        DownloadResult => "Download the results (Excel)",
        Downloading => "Downloading…",
        DownloadedNotice => "Downloaded {0}",
        BackToBatches => "Back to enrollment batches",
        ErrUnknownBatchStatus => "Unknown batch status.",
        ErrDownload => "The browser could not save the file: {0}",
        BatchPendingPayment => "Awaiting payment",
        BatchPaid => "Paid",
        BatchMembers => "Members",
        BatchPaidAt => "Payment recorded (China Standard Time)",
        CoverStarts => "Cover starts",
        RecordPayment => "Record the payment",
        PayAmount => "Amount (yuan)",
        PayAmountHint => "Must equal the total contribution, {0}",
        PayChannel => "Paid by",
        ChannelBankTransfer => "Bank transfer",
        ChannelUnionDues => "From union funds",
        ChannelOnline => "Online payment",
        ChannelCash => "Cash",
        PayReference => "Reference",
        PayReferenceHint => "Bank serial or receipt number, 1 to 64 characters, recorded only once",
        PaidOn => "Received on",
        BatchPaidNotice => "Payment recorded: everyone in the batch is now covered.",
        ErrAmountMismatch => "The amount must equal the batch's total contribution.",
        ErrPayAmount => "The amount must be a number above 0 with at most two decimals.",
        ErrPayReference => "Enter the reference (1 to 64 characters).",
        ErrPaidOnFuture => "The day received cannot be after today.",
        ErrPayChannel => "Choose how it was paid.",
        ErrAlreadyPaid => "This batch is paid already.",
        ErrDuplicateReference => "This reference has been recorded before; please check it.",
        ErrBatchNotFound => "No such enrollment batch, or not one in your part of the organisation.",

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
        PermOwnEnrollment => "Enroll myself online",
        PermContributionRecord => "Record contributions",

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
        Permission::OwnEnrollment => Key::PermOwnEnrollment,
        Permission::ContributionRecord => Key::PermContributionRecord,
        Permission::OwnClaim => Key::PermOwnClaim,
        Permission::ClaimFile => Key::PermClaimFile,
        Permission::ClaimRead => Key::PermClaimRead,
        Permission::ClaimReview => Key::PermClaimReview,
        Permission::ClaimApprove => Key::PermClaimApprove,
    }
}

pub fn scope_key(scope: Scope) -> Key {
    match scope {
        Scope::CoverageRead => Key::ScopeCoverageRead,
        Scope::SettlementsWrite => Key::ScopeSettlementsWrite,
        Scope::EnrollmentsWrite => Key::ScopeEnrollmentsWrite,
    }
}

pub fn category_key(category: MemberCategory) -> Key {
    match category {
        MemberCategory::InService => Key::CatInService,
        MemberCategory::RegisteredHardship => Key::CatRegisteredHardship,
        MemberCategory::ModelWorker => Key::CatModelWorker,
        MemberCategory::GigWorker => Key::CatGigWorker,
        MemberCategory::SpecialGroup => Key::CatSpecialGroup,
    }
}

pub fn gender_key(gender: Gender) -> Key {
    match gender {
        Gender::Male => Key::GenderMale,
        Gender::Female => Key::GenderFemale,
    }
}

pub fn accumulator_key(kind: AccumulatorKind) -> Key {
    match kind {
        AccumulatorKind::AllowanceDays => Key::AccAllowanceDays,
        AccumulatorKind::ReimbursementCap => Key::AccReimbursementCap,
        AccumulatorKind::LumpSumClaims => Key::AccLumpSumClaims,
        AccumulatorKind::AccidentSum => Key::AccAccidentSum,
        AccumulatorKind::AccidentMedicalCap => Key::AccAccidentMedicalCap,
        AccumulatorKind::AccidentAllowanceDays => Key::AccAccidentAllowanceDays,
    }
}

pub fn tier_key(tier: DiseaseTier) -> Key {
    match tier {
        DiseaseTier::Mild => Key::TierMild,
        DiseaseTier::Moderate => Key::TierModerate,
        DiseaseTier::Severe => Key::TierSevere,
        DiseaseTier::Common => Key::TierCommon,
        DiseaseTier::Rare => Key::TierRare,
    }
}

/// A policy's `status` as the API sends it.
pub fn policy_status_key(status: &str) -> Option<Key> {
    match status {
        "active" => Some(Key::PolicyActive),
        "pending_payment" => Some(Key::PolicyPendingPayment),
        "terminated" => Some(Key::PolicyTerminated),
        _ => Option::None,
    }
}

/// An enrollment batch's `status` as the API sends it.
pub fn batch_status_key(status: &str) -> Option<Key> {
    match status {
        "pending_payment" => Some(Key::BatchPendingPayment),
        "paid" => Some(Key::BatchPaid),
        _ => Option::None,
    }
}

/// The payment channels the API takes, in the order offered.
pub const CHANNELS: [(&str, Key); 4] = [
    ("bank_transfer", Key::ChannelBankTransfer),
    ("union_dues", Key::ChannelUnionDues),
    ("online", Key::ChannelOnline),
    ("cash", Key::ChannelCash),
];

/// A column of a roster as the API names it in a problem.
pub fn roster_column_key(column: &str) -> Option<Key> {
    match column {
        "name" => Some(Key::ColName),
        "id_number" => Some(Key::ColIdNumber),
        "category" => Some(Key::ColCategory),
        "shares" => Some(Key::ColShares),
        "mobile" => Some(Key::ColMobile),
        "row" => Some(Key::ColRow),
        _ => Option::None,
    }
}

/// A plan version's `state` as the API sends it.
pub fn document_key(d: DocumentKind) -> Key {
    match d {
        DocumentKind::ApplicationForm => Key::DocApplicationForm,
        DocumentKind::IdCard => Key::DocIdCard,
        DocumentKind::BankCard => Key::DocBankCard,
        DocumentKind::DischargeSummary => Key::DocDischargeSummary,
        DocumentKind::Invoices => Key::DocInvoices,
        DocumentKind::CostList => Key::DocCostList,
        DocumentKind::SettlementSlip => Key::DocSettlementSlip,
        DocumentKind::PathologyReport => Key::DocPathologyReport,
        DocumentKind::MedicalRecordAuthorisation => Key::DocMedicalRecordAuthorisation,
        DocumentKind::AccidentProof => Key::DocAccidentProof,
        DocumentKind::DisabilityAssessment => Key::DocDisabilityAssessment,
        DocumentKind::DeathCertificate => Key::DocDeathCertificate,
    }
}

pub fn exclusion_key(x: Exclusion) -> Key {
    match x {
        Exclusion::SelfHarm => Key::ExclSelfHarm,
        Exclusion::Crime => Key::ExclCrime,
        Exclusion::DrunkDriving => Key::ExclDrunkDriving,
        Exclusion::UnlicensedDriving => Key::ExclUnlicensedDriving,
        Exclusion::War => Key::ExclWar,
        Exclusion::Psychiatric => Key::ExclPsychiatric,
        Exclusion::PreExisting => Key::ExclPreExisting,
    }
}

pub fn claim_status_key(status: &str) -> Option<Key> {
    Some(match status {
        "draft" => Key::ClaimDraft,
        "submitted" => Key::ClaimSubmitted,
        "branch_reviewed" => Key::ClaimBranchReviewed,
        "first_approved" => Key::ClaimFirstApproved,
        "approved" => Key::ClaimApproved,
        "rejected" => Key::ClaimRejected,
        "withdrawn" => Key::ClaimWithdrawn,
        "paid" => Key::ClaimPaid,
        _ => return Option::None,
    })
}

pub fn claim_kind_key(kind: &str) -> Option<Key> {
    Some(match kind {
        "inpatient" => Key::KindInpatient,
        "critical_illness" => Key::KindCriticalIllness,
        "accident" => Key::KindAccident,
        _ => return Option::None,
    })
}

pub fn benefit_line_key(rule: &str) -> Option<Key> {
    Some(match rule {
        "daily_allowance" => Key::RuleDailyAllowance,
        "reimbursement" => Key::RuleReimbursement,
        "lump_sum" => Key::RuleLumpSum,
        "waiting_consolation" => Key::RuleWaitingConsolation,
        "accident_death" => Key::RuleAccidentDeath,
        "accident_disability" => Key::RuleAccidentDisability,
        "accident_medical" => Key::RuleAccidentMedical,
        "accident_allowance" => Key::RuleAccidentAllowance,
        _ => return Option::None,
    })
}

/// The reasons for refusing a claim, as people and the engine give them.
pub fn rejection_key(code: &str) -> Option<Key> {
    Some(match code {
        "claim.not_enrolled" => Key::ReasonNotEnrolled,
        "claim.lapsed" => Key::ReasonCoverEnded,
        "claim.before_effective_date" => Key::ReasonBeforeEffective,
        "claim.waiting_period" => Key::ReasonWaitingPeriod,
        "claim.pre_existing" => Key::ReasonPreExisting,
        "claim.ineligible" => Key::ReasonIneligible,
        "claim.excluded_cause" => Key::ReasonExcludedCause,
        "claim.psychiatric_stay" => Key::ReasonPsychiatric,
        "claim.late" => Key::ReasonLate,
        "claim.documents_missing" => Key::ReasonDocumentsMissing,
        "claim.duplicate_invoice" => Key::ReasonDuplicateInvoice,
        "claim.duplicate_settlement" => Key::ReasonDuplicateSettlement,
        "claim.cap_used_up" => Key::ReasonCapUsedUp,
        "claim.disease_not_listed" => Key::ReasonDiseaseNotListed,
        "claim.disease_already_paid" => Key::ReasonDiseaseAlreadyPaid,
        "claim.max_claims_used" => Key::ReasonMaxClaims,
        "claim.no_benefit" => Key::ReasonNoBenefit,
        _ => return Option::None,
    })
}

pub fn plan_state_key(state: &str) -> Option<Key> {
    match state {
        "draft" => Some(Key::StateDraft),
        "approved" => Some(Key::StateApproved),
        "active" => Some(Key::StateActive),
        "retired" => Some(Key::StateRetired),
        _ => Option::None,
    }
}

/// A sensitive field's name as the access log records it.
pub fn sensitive_field_key(field: &str) -> Option<Key> {
    match field {
        "id_number" => Some(Key::IdNumber),
        "mobile" => Some(Key::Mobile),
        "bank_card" => Some(Key::BankCard),
        _ => Option::None,
    }
}

/// Wording for the server's error codes that people meet in the forms; other errors show the
/// server's own message.
pub fn error_code_key(code: &str) -> Option<Key> {
    let key = match code {
        "auth.invalid_credentials" => Key::ErrInvalidCredentials,
        "id_number.format" => Key::ErrIdFormat,
        "id_number.birth_date" => Key::ErrIdBirthDate,
        "id_number.check_digit" => Key::ErrIdCheckDigit,
        "mobile.format" => Key::ErrMobileFormat,
        "bank_card.format" => Key::ErrBankCardFormat,
        "bank_card.luhn_failed" => Key::ErrBankCardLuhn,
        "member.duplicate_id_number" => Key::ErrDuplicateIdNumber,
        "member.unit_not_union" => Key::ErrUnitNotUnion,
        "member.not_found" => Key::ErrMemberNotFound,
        "member.unknown_category" => Key::ErrUnknownCategory,
        "org_unit.not_found" => Key::ErrUnitNotFound,
        "unmask.purpose_required" => Key::ErrPurposeRequired,
        "unmask.no_fields" => Key::ErrNoFields,
        "request.too_large" => Key::ErrTooLarge,
        "client.file_unreadable" => Key::ErrFileRead,
        "roster.empty" => Key::ErrRosterEmpty,
        "roster.not_a_roster" => Key::ErrNotARoster,
        "roster.unreadable_xlsx" => Key::ErrUnreadableXlsx,
        "roster.encoding" => Key::ErrRosterEncoding,
        "roster.missing_column" => Key::ErrMissingColumn,
        "roster.malformed_csv" => Key::ErrMalformedCsv,
        "roster.invalid" => Key::ErrRosterInvalid,
        "plan.not_in_force" => Key::ErrPlanNotInForce,
        "plan.invalid" => Key::ErrPlanInvalid,
        "plan.state_transition" => Key::ErrPlanTransition,
        "plan.code_changed" => Key::ErrPlanCodeChanged,
        "plan.version_not_found" => Key::ErrPlanVersionNotFound,
        "batch.not_found" => Key::ErrBatchNotFound,
        "batch.unknown_status" => Key::ErrUnknownBatchStatus,
        "claim.wrong_status" => Key::ErrClaimWrongStatus,
        "claim.unknown_disease" => Key::ErrUnknownDisease,
        "claim.text_too_long" => Key::ErrTextTooLong,
        "claim.maker_checker" => Key::ErrMakerChecker,
        "claim.appealed_before" => Key::ErrAppealedBefore,
        "claim.dates_out_of_order" => Key::ErrClaimDates,
        "claim.date_in_future" => Key::ErrClaimFuture,
        "claim.negative_amount" => Key::ErrClaimNegative,
        "claim.self_pay_above_total" => Key::ErrClaimSelfPay,
        "claim.diagnosis_missing" => Key::ErrClaimDiagnosis,
        "claim.disability_grade" => Key::ErrClaimGrade,
        "claim.nothing_claimed" => Key::ErrClaimNothing,
        "claim.invoice_number" => Key::ErrClaimInvoice,
        "claim.late" => Key::ErrClaimLateFiled,
        "policy.not_found" => Key::ErrPolicyNotFound,
        "claim.not_found" => Key::ErrClaimNotFound,
        "claim.closed" => Key::ErrClaimClosed,
        "document.unsupported_type" => Key::ErrDocumentType,
        "document.name_mismatch" => Key::ErrDocumentName,
        "document.unknown_kind" => Key::ErrDocumentKind,
        "document.empty" => Key::ErrDocumentEmpty,
        "claim.moved" => Key::ErrClaimMoved,
        "claim.rejection_text" => Key::ErrRejectionText,
        "claim.duplicate_invoice" => Key::ReasonDuplicateInvoice,
        "batch.already_paid" => Key::ErrAlreadyPaid,
        "contribution.duplicate_reference" => Key::ErrDuplicateReference,
        "contribution.amount_mismatch" => Key::ErrAmountMismatch,
        "contribution.amount" => Key::ErrPayAmount,
        "contribution.channel" => Key::ErrPayChannel,
        "contribution.reference" => Key::ErrPayReference,
        "contribution.paid_on" => Key::ErrPaidOnFuture,
        _ => return Option::None,
    };
    Some(key)
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

    pub fn category(&self, category: MemberCategory) -> &'static str {
        self.t(category_key(category))
    }

    pub fn gender(&self, gender: Gender) -> &'static str {
        self.t(gender_key(gender))
    }

    /// The translation of a code the API sends as a string, or the code itself when unknown.
    pub fn code_or(&self, key: Option<Key>, code: &str) -> String {
        key.map_or_else(|| code.to_owned(), |k| self.t(k).to_owned())
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
            Key::NavCoverage,
            Key::NavPlans,
            Key::NavMembers,
            Key::NavRosters,
            Key::NavBatches,
        ];
        let zh: Vec<_> = nav.iter().map(|k| t(Lang::Zh, *k)).collect();
        let en: Vec<_> = nav.iter().map(|k| t(Lang::En, *k)).collect();
        assert_eq!(
            zh,
            [
                "首页",
                "我的账户",
                "组织机构",
                "员工账户",
                "API 客户端",
                "我的保障",
                "保障计划",
                "会员",
                "参保名单",
                "参保批次"
            ]
        );
        assert_eq!(
            en,
            [
                "Home",
                "My account",
                "Organisations",
                "Staff accounts",
                "API clients",
                "My cover",
                "Plans",
                "Members",
                "Rosters",
                "Enrollment batches"
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
    fn member_categories_and_accumulators_use_the_association_terms() {
        let cats: Vec<_> = MemberCategory::ALL
            .iter()
            .map(|c| t(Lang::Zh, category_key(*c)))
            .collect();
        assert_eq!(
            cats,
            [
                "在职职工",
                "在档困难职工",
                "劳动模范",
                "新就业形态劳动者",
                "特殊群体"
            ]
        );
        use AccumulatorKind::*;
        let kinds = [
            AllowanceDays,
            ReimbursementCap,
            LumpSumClaims,
            AccidentSum,
            AccidentMedicalCap,
            AccidentAllowanceDays,
        ];
        let zh: Vec<_> = kinds
            .iter()
            .map(|k| t(Lang::Zh, accumulator_key(*k)))
            .collect();
        assert_eq!(
            zh,
            [
                "住院津贴天数",
                "医疗报销额度",
                "大病给付次数",
                "意外身故伤残保额",
                "意外医疗额度",
                "意外住院津贴天数"
            ]
        );
        assert_eq!(
            tf(Lang::Zh, Key::WaitingDaysLeft, &["12"]),
            "等待期还剩 12 天"
        );
        assert_eq!(
            tf(Lang::En, Key::WaitingDaysLeft, &["12"]),
            "12 days of waiting period left"
        );
    }

    #[test]
    fn error_codes_of_the_member_forms_have_wording() {
        for code in [
            "bank_card.luhn_failed",
            "member.duplicate_id_number",
            "member.unit_not_union",
            "unmask.purpose_required",
            "id_number.format",
            "id_number.birth_date",
            "id_number.check_digit",
            "mobile.format",
        ] {
            assert!(error_code_key(code).is_some(), "{code}");
        }
        assert_eq!(error_code_key("request.unknown_field"), Option::None);
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
