// The error catalogue: `Variant = "code" { en: ..., zh: ... }`, grouped by area, alphabetical.
// Add a code here (both texts), then regenerate docs/errors.md.

error_codes! {
    AccountDuplicate = "account.duplicate" {
        en: "An account with this username, or for this member, already exists.",
        zh: "该用户名已被使用，或该会员已有账户。"
    }

    ApiClientNoScope = "api_client.no_scope" {
        en: "An API client needs at least one scope.",
        zh: "API 客户端至少需要一项授权范围。"
    }
    ApiClientNotFound = "api_client.not_found" {
        en: "No such API client.",
        zh: "找不到该 API 客户端。"
    }

    AuthClientRevoked = "auth.client_revoked" {
        en: "This API client has been revoked; ask the association for a new one.",
        zh: "该 API 客户端已被撤销，请向协会申请新的客户端。"
    }
    AuthCsrfHeaderMissing = "auth.csrf_header_missing" {
        en: "Renewing a session needs the X-Huzhu-Csrf header; the app sends it, other sites' pages cannot.",
        zh: "续期会话须带 X-Huzhu-Csrf 请求头；本系统页面会自动发送，其他网站的页面无法发送。"
    }
    AuthForbidden = "auth.forbidden" {
        en: "You are not allowed to do this.",
        zh: "您没有执行此操作的权限。"
    }
    AuthInvalidClient = "auth.invalid_client" {
        en: "The client ID or secret is wrong, or the client has been revoked.",
        zh: "客户端 ID 或密钥不正确，或该客户端已被撤销。"
    }
    AuthInvalidCredentials = "auth.invalid_credentials" {
        en: "Wrong username, ID number or password. After repeated failures the account is locked for 15 minutes.",
        zh: "用户名/身份证号或密码不正确。连续多次输错后，账户将被锁定 15 分钟。"
    }
    AuthInvalidScope = "auth.invalid_scope" {
        en: "A scope asked for is unknown, or not granted to this client.",
        zh: "所申请的授权范围不存在，或未授予该客户端。"
    }
    AuthLoginBusy = "auth.login_busy" {
        en: "Too many logins are being checked right now; try again in a moment (the Retry-After header says when).",
        zh: "当前登录人数过多，请稍后再试（Retry-After 响应头给出等待秒数）。"
    }
    AuthLoginShape = "auth.login_shape" {
        en: "Log in with a username (staff) or an ID number (members), and a password.",
        zh: "请填写用户名（工作人员）或身份证号（会员），以及密码。"
    }
    AuthNoPolicy = "auth.no_policy" {
        en: "This operation is not open to anyone at present; please tell the association.",
        zh: "该操作目前未向任何用户开放，请联系协会。"
    }
    AuthProvinceOnly = "auth.province_only" {
        en: "Only staff of the provincial association may do this.",
        zh: "只有省互助会的工作人员可以办理此项操作。"
    }
    AuthRefreshInvalid = "auth.refresh_invalid" {
        en: "The session could not be renewed: it is no longer valid or has expired. Log in again.",
        zh: "会话无法续期：登录凭据无效或已过期，请重新登录。"
    }
    AuthRefreshReused = "auth.refresh_reused" {
        en: "The session's renewal was used twice, so the session has been ended for safety; log in again.",
        zh: "该会话的续期凭据被重复使用，为安全起见会话已结束，请重新登录。"
    }
    AuthSessionEnded = "auth.session_ended" {
        en: "This session has ended; log in again.",
        zh: "会话已结束，请重新登录。"
    }
    AuthTokenExpired = "auth.token_expired" {
        en: "The login has expired; renew it or log in again.",
        zh: "登录已过期，请续期或重新登录。"
    }
    AuthTokenInvalid = "auth.token_invalid" {
        en: "The login is not valid; log in again.",
        zh: "登录凭据无效，请重新登录。"
    }
    AuthTokenMissing = "auth.token_missing" {
        en: "Log in first to do this.",
        zh: "请先登录，再进行此操作。"
    }
    AuthTooManyAttempts = "auth.too_many_attempts" {
        en: "Too many login attempts from this address or for this account; wait as long as the Retry-After header says and try again.",
        zh: "该地址或该账户的登录尝试过于频繁，请按 Retry-After 响应头给出的秒数等待后再试。"
    }
    AuthUnsupportedGrantType = "auth.unsupported_grant_type" {
        en: "Only the client_credentials grant is supported.",
        zh: "仅支持客户端凭据（client_credentials）授权方式。"
    }

    BankCardFormat = "bank_card.format" {
        en: "A bank card number has 16 to 19 digits.",
        zh: "银行卡号应为 16–19 位数字。"
    }
    BankCardLuhnFailed = "bank_card.luhn_failed" {
        en: "The bank card number fails its check digit. Check it against the card; if it is correct, tick 'The number is correct, accept it' and send again.",
        zh: "银行卡号校验位不符。请对照银行卡核对；如确认号码无误，请勾选「号码无误，仍然使用」后再次提交。"
    }

    BatchAlreadyPaid = "batch.already_paid" {
        en: "This batch is paid already.",
        zh: "该批次已经缴费。"
    }
    BatchNotFound = "batch.not_found" {
        en: "No such enrollment batch, or not one in your part of the organisation.",
        zh: "没有找到该参保批次，或它不在您的管辖范围内。"
    }
    BatchUnknownStatus = "batch.unknown_status" {
        en: "Unknown batch status; a batch is either awaiting payment or paid.",
        zh: "未知的批次状态，批次只有待缴费和已缴费两种状态。"
    }

    ClaimAmount = "claim.amount" {
        en: "An amount in the settlement is not valid; it must be a number in yuan with at most two decimals.",
        zh: "结算数据中的金额无效，金额须为以元为单位的数字，最多两位小数。"
    }
    ClaimAppealedBefore = "claim.appealed_before" {
        en: "A claim can be appealed once only.",
        zh: "每份申请只能申诉一次。"
    }
    ClaimBeforeEffectiveDate = "claim.before_effective_date" {
        en: "The event was before the cover started, so it is not covered.",
        zh: "事件发生在保障生效之前，不在保障范围内。"
    }
    ClaimBusyPolicy = "claim.busy_policy" {
        en: "Other claims on the same cover were being approved at the same moment; try again.",
        zh: "同一保障下的其他申请正在同时审批，请稍后重试。"
    }
    ClaimCapUsedUp = "claim.cap_used_up" {
        en: "What the cover allows for this period is used up.",
        zh: "本期额度已用完。"
    }
    ClaimClosed = "claim.closed" {
        en: "The claim is closed; no more documents can be added.",
        zh: "申请已结束，不能再添加材料。"
    }
    ClaimComment = "claim.comment" {
        en: "A comment has at most 500 characters.",
        zh: "备注最多 500 个字。"
    }
    ClaimDateInFuture = "claim.date_in_future" {
        en: "A date cannot be later than today.",
        zh: "日期不能晚于今天。"
    }
    ClaimDatesOutOfOrder = "claim.dates_out_of_order" {
        en: "The discharge date is before the admission date; please check the dates.",
        zh: "出院日期早于入院日期，请核对。"
    }
    ClaimDiagnosisMissing = "claim.diagnosis_missing" {
        en: "Enter the diagnosis code or choose the disease.",
        zh: "请填写诊断编码或选择疾病。"
    }
    ClaimDisabilityGrade = "claim.disability_grade" {
        en: "The disability grade must be 1 to 10.",
        zh: "伤残等级须为 1 到 10 级。"
    }
    ClaimDischargeBeforeAdmission = "claim.discharge_before_admission" {
        en: "The discharge date is before the admission date; please check the dates.",
        zh: "出院日期早于入院日期，请核对。"
    }
    ClaimDiseaseAlreadyPaid = "claim.disease_already_paid" {
        en: "This disease was paid before; each disease is paid once only.",
        zh: "该疾病已给付过，同一疾病只给付一次。"
    }
    ClaimDiseaseNotListed = "claim.disease_not_listed" {
        en: "The disease is not on the plan's list of covered diseases.",
        zh: "该疾病不在保障的疾病目录内。"
    }
    ClaimDocumentsMissing = "claim.documents_missing" {
        en: "Documents are missing; add the documents the plan asks for.",
        zh: "申请材料不全，请按要求补齐材料。"
    }
    ClaimDuplicateInvoice = "claim.duplicate_invoice" {
        en: "The invoice was claimed before; an invoice can be claimed only once.",
        zh: "发票已报销过，同一张发票不能重复申请。"
    }
    ClaimDuplicateSettlement = "claim.duplicate_settlement" {
        en: "The settlement was claimed before; a settlement can be claimed only once.",
        zh: "该医保结算已申请过，不能重复申请。"
    }
    ClaimExcludedCause = "claim.excluded_cause" {
        en: "The event has an excluded cause, which the plan does not pay for.",
        zh: "属于责任免除情形，不予给付。"
    }
    ClaimIneligible = "claim.ineligible" {
        en: "The person's age or gender does not meet the plan's conditions.",
        zh: "年龄或性别不符合该计划的条件。"
    }
    ClaimInvoiceNumber = "claim.invoice_number" {
        en: "An invoice number is empty, repeated or longer than 64 characters.",
        zh: "发票号不能为空、重复或超过 64 个字符。"
    }
    ClaimLapsed = "claim.lapsed" {
        en: "The cover had ended when the event happened.",
        zh: "事件发生时保障已终止。"
    }
    ClaimLate = "claim.late" {
        en: "The time limit for claiming has passed (it runs from the discharge or the event).",
        zh: "已超过申请时限（自出院或事件发生之日起计算）。"
    }
    ClaimMakerChecker = "claim.maker_checker" {
        en: "Submitting, reviewing and approving must be done by three different people.",
        zh: "提交、初审和审批须由三个不同的人完成。"
    }
    ClaimMaxClaimsUsed = "claim.max_claims_used" {
        en: "All claims the cover allows have been used.",
        zh: "给付次数已用完。"
    }
    ClaimMoved = "claim.moved" {
        en: "Someone else acted on this claim meanwhile; reload it.",
        zh: "他人刚处理了这份申请，请刷新后再看。"
    }
    ClaimNegativeAmount = "claim.negative_amount" {
        en: "Amounts cannot be negative.",
        zh: "金额不能为负数。"
    }
    ClaimNoBenefit = "claim.no_benefit" {
        en: "The cover pays nothing for this kind of claim.",
        zh: "该保障不包含此类给付。"
    }
    ClaimNotEnrolled = "claim.not_enrolled" {
        en: "Not enrolled or not paid, so there is no cover for this claim.",
        zh: "未参保或未缴费，不在保障范围内。"
    }
    ClaimNotFound = "claim.not_found" {
        en: "No such claim.",
        zh: "找不到该申请。"
    }
    ClaimNothingClaimed = "claim.nothing_claimed" {
        en: "Give a death, a disability grade, medical costs or hospital days.",
        zh: "请填写身故、伤残、医疗费用或住院天数中的至少一项。"
    }
    ClaimOfficeFilter = "claim.office_filter" {
        en: "Your own claims cannot be filtered by office; leave the office out.",
        zh: "查询本人的申请时不能按经办机构筛选，请去掉该条件。"
    }
    ClaimOlderThanDays = "claim.older_than_days" {
        en: "Claims can be filtered by how long ago they were filed up to 36,500 days (a hundred years).",
        zh: "按提交天数筛选时，天数最多为 36500 天（一百年）。"
    }
    ClaimPreExisting = "claim.pre_existing" {
        en: "The illness existed before the cover started (a pre-existing condition), which the plan does not pay for.",
        zh: "属于既往症（参保前已患有的疾病），不予给付。"
    }
    ClaimPsychiatricStay = "claim.psychiatric_stay" {
        en: "Psychiatric stays get no daily allowance.",
        zh: "精神科住院不给付住院津贴。"
    }
    ClaimRejectionCode = "claim.rejection_code" {
        en: "Unknown reason for refusal; choose one of the listed reasons.",
        zh: "未知的拒付原因，请从所列原因中选择。"
    }
    ClaimRejectionText = "claim.rejection_text" {
        en: "Explain the refusal to the member in 2 to 500 characters.",
        zh: "请用 2 到 500 个字向会员说明拒付原因。"
    }
    ClaimSelfPayAboveTotal = "claim.self_pay_above_total" {
        en: "The pooled-fund payment and the self-pay together exceed the total cost.",
        zh: "统筹支付和自付合计超过了医疗费用总额。"
    }
    ClaimTextTooLong = "claim.text_too_long" {
        en: "A hospital, diagnosis, accident cause or injury description has at most 200 characters.",
        zh: "医院、诊断、事故原因或伤情描述最多 200 个字。"
    }
    ClaimUnknownDisease = "claim.unknown_disease" {
        en: "This disease is not on the plan's list; choose one from the list.",
        zh: "该疾病不在保障的疾病目录内，请从目录中选择。"
    }
    ClaimUnknownStatus = "claim.unknown_status" {
        en: "Unknown claim status.",
        zh: "未知的申请状态。"
    }
    ClaimWaitingPeriod = "claim.waiting_period" {
        en: "The illness began in the waiting period, so it is not covered.",
        zh: "疾病发生在等待期内，不在保障范围内。"
    }
    ClaimWrongStatus = "claim.wrong_status" {
        en: "This step is not possible in the claim's current state; reload it.",
        zh: "申请当前的状态不允许这一步，请刷新后重试。"
    }

    ConflictDuplicate = "conflict.duplicate" {
        en: "This already exists and cannot be recorded twice.",
        zh: "该记录已存在，不能重复登记。"
    }

    ContributionAmount = "contribution.amount" {
        en: "The amount must be a number above 0 with at most two decimals.",
        zh: "金额应为大于 0 的数字，最多两位小数。"
    }
    ContributionAmountMismatch = "contribution.amount_mismatch" {
        en: "The amount must equal the batch's total contribution.",
        zh: "缴费金额必须等于该批次的缴费合计。"
    }
    ContributionDuplicateReference = "contribution.duplicate_reference" {
        en: "This reference has been recorded before; please check it.",
        zh: "该凭证号已登记过，请核对。"
    }
    ContributionNotPending = "contribution.not_pending" {
        en: "This cover is no longer awaiting payment; reload it to see where it stands.",
        zh: "该保障已不在待缴费状态，请刷新后查看。"
    }
    ContributionOverpaid = "contribution.overpaid" {
        en: "The amount is more than is still due on this cover; record only what is still owed.",
        zh: "缴费金额超过该保障尚欠的金额，请按剩余应缴金额登记。"
    }
    ContributionPaidOn = "contribution.paid_on" {
        en: "The day received cannot be after today.",
        zh: "到账日期不能晚于今天。"
    }
    ContributionReference = "contribution.reference" {
        en: "Enter the reference (1 to 64 characters).",
        zh: "请填写凭证号（1–64 个字符）。"
    }

    CoverageLapsed = "coverage.lapsed" {
        en: "The cover had ended by this date.",
        zh: "该日期保障已结束。"
    }
    CoverageNotPaid = "coverage.not_paid" {
        en: "Not paid yet: cover starts after payment.",
        zh: "尚未缴费，缴费后开始保障。"
    }
    CoverageNotYetEffective = "coverage.not_yet_effective" {
        en: "The cover had not yet started on this date.",
        zh: "该日期保障尚未生效。"
    }
    CoverageTerminated = "coverage.terminated" {
        en: "The cover had been terminated by this date.",
        zh: "该日期保障已终止。"
    }
    CoverageWaitingPeriod = "coverage.waiting_period" {
        en: "This date is in the waiting period: illness is not yet covered (accidents are).",
        zh: "该日期处于等待期内，疾病尚不在保障范围内（意外不受等待期限制）。"
    }

    CreditCodeCheckDigit = "credit_code.check_digit" {
        en: "The check character of the credit code is wrong; please check the code.",
        zh: "统一社会信用代码校验码不正确，请核对。"
    }
    CreditCodeFormat = "credit_code.format" {
        en: "A unified social credit code has 18 characters: digits and capital letters except I, O, S, V, Z.",
        zh: "统一社会信用代码应为 18 位（数字和除 I、O、S、V、Z 外的大写字母）。"
    }
    CreditCodeNotAUnion = "credit_code.not_a_union" {
        en: "A grassroots union's credit code begins with 81.",
        zh: "基层工会的统一社会信用代码应以 81 开头。"
    }

    DocumentActiveContent = "document.active_content" {
        en: "The file carries web content or script; upload a plain scan or photo.",
        zh: "该文件含有网页内容或脚本，请上传普通的扫描件或照片。"
    }
    DocumentBusy = "document.busy" {
        en: "Too many pictures are being checked right now; upload the file again in a few seconds.",
        zh: "当前正在检查的图片过多，请几秒后重新上传。"
    }
    DocumentEmpty = "document.empty" {
        en: "The file is empty.",
        zh: "文件是空的。"
    }
    DocumentMalformed = "document.malformed" {
        en: "The file is not a whole, well-formed PDF, JPEG or PNG (cut short, damaged, or something else after its end); save or scan it again.",
        zh: "该文件不是完整、规范的 PDF、JPEG 或 PNG 文件（不完整、已损坏或结尾后另有内容），请重新保存或扫描。"
    }
    DocumentName = "document.name" {
        en: "The file name must be 1 to 200 characters.",
        zh: "文件名须为 1–200 个字符。"
    }
    DocumentNameMismatch = "document.name_mismatch" {
        en: "The file's content does not match its name; rename it or choose the right file.",
        zh: "文件内容与文件名的类型不符，请改名或选择正确的文件。"
    }
    DocumentNotFound = "document.not_found" {
        en: "No such document.",
        zh: "找不到该材料。"
    }
    DocumentPictureTooLarge = "document.picture_too_large" {
        en: "The picture is larger than allowed (too many pixels, or too much memory to check); scan or save it at a lower resolution.",
        zh: "图片超出允许的大小（像素过多，或检查所需内存过大），请以较低分辨率重新扫描或保存。"
    }
    DocumentUnknownKind = "document.unknown_kind" {
        en: "Unknown kind of document.",
        zh: "未知的材料类型。"
    }
    DocumentUnsupportedType = "document.unsupported_type" {
        en: "Only PDF, JPG and PNG files are accepted; this file is none of them.",
        zh: "只接受 PDF、JPG 和 PNG 文件，所选文件不是其中之一。"
    }

    EnrollmentAge = "enrollment.age" {
        en: "The person's age is outside the ages this plan takes.",
        zh: "年龄不符合该计划的参保年龄。"
    }
    EnrollmentAlreadyCovered = "enrollment.already_covered" {
        en: "Already covered by this plan for a period that overlaps the new cover.",
        zh: "已参加该计划，保障期与新的保障期重叠。"
    }
    EnrollmentCategory = "enrollment.category" {
        en: "This member category may not join the plan.",
        zh: "该人员类别不能参加此计划。"
    }
    EnrollmentGender = "enrollment.gender" {
        en: "This plan is not open to this person's gender.",
        zh: "性别不符合该计划的参保条件。"
    }
    EnrollmentGroupNotAllowed = "enrollment.group_not_allowed" {
        en: "This plan does not take unions' rosters; members apply individually.",
        zh: "该计划不接受工会集体参保，须由会员个人参保。"
    }
    EnrollmentGroupSize = "enrollment.group_size" {
        en: "Too few people enrolled: this plan needs a minimum number from one union.",
        zh: "参保人数不足：该计划要求每个单位达到最低参保人数。"
    }
    EnrollmentIndividualNotAllowed = "enrollment.individual_not_allowed" {
        en: "This plan takes group enrollment through a grassroots union only, not individual applications.",
        zh: "该计划只接受基层工会集体参保，不接受个人参保。"
    }
    EnrollmentIneligible = "enrollment.ineligible" {
        en: "This person does not meet the plan's conditions for enrollment.",
        zh: "此人不符合该计划的参保条件。"
    }
    EnrollmentParticipation = "enrollment.participation" {
        en: "Too few of the union's members enrolled: this plan needs a minimum share of them.",
        zh: "参保人数未达到该计划要求的本单位会员参保比例。"
    }
    EnrollmentPendingExists = "enrollment.pending_exists" {
        en: "You have already applied for this plan; the application is awaiting its contribution.",
        zh: "您已申请参加该计划，正在等待缴费。"
    }
    EnrollmentSameShares = "enrollment.same_shares" {
        en: "Everyone enrolled by one union must hold the same number of shares; make the shares the same for all.",
        zh: "同一单位的参保份数须相同，请统一名单中的份数。"
    }
    EnrollmentShares = "enrollment.shares" {
        en: "The number of shares is outside what the plan allows.",
        zh: "份数超出该计划允许的范围。"
    }
    EnrollmentUnitSize = "enrollment.unit_size" {
        en: "More people enrolled than the union's total membership given; check the total.",
        zh: "参保人数超过了填写的本单位会员总数，请核对。"
    }
    EnrollmentWindowClosed = "enrollment.window_closed" {
        en: "The plan is not taking applications at the moment.",
        zh: "该计划目前不在受理期内。"
    }

    ExpenseMakerChecker = "expense.maker_checker" {
        en: "The person who entered an expense cannot approve it; a second person approves.",
        zh: "录入人不能审批自己录入的费用，须由另一人审批。"
    }
    ExpenseNotPending = "expense.not_pending" {
        en: "This expense has already been approved.",
        zh: "该笔费用已审批。"
    }

    FinanceAmount = "finance.amount" {
        en: "An amount is in yuan and above zero, e.g. 1200.00.",
        zh: "金额须以元为单位且大于 0，例如 1200.00。"
    }
    FinanceEntryNotFound = "finance.entry_not_found" {
        en: "No such entry.",
        zh: "找不到该凭证。"
    }
    FinanceExpenseNotFound = "finance.expense_not_found" {
        en: "No such expense.",
        zh: "找不到该笔费用。"
    }
    FinanceFund = "finance.fund" {
        en: "A fund is a plan code and a year, e.g. ZY-2026.",
        zh: "基金以计划代码加年度表示，例如 ZY-2026。"
    }
    FinanceFuture = "finance.future" {
        en: "Contributions are earned up to today at the latest; choose today or an earlier day.",
        zh: "已赚互助金最多只能确认到今天，请选择今天或更早的日期。"
    }
    FinancePeriod = "finance.period" {
        en: "A period is a month, written YYYY-MM.",
        zh: "期间为月份，格式为 YYYY-MM。"
    }
    FinancePeriodOpen = "finance.period_open" {
        en: "This month has not ended yet; a month is closed once it is over.",
        zh: "该月尚未结束，月份结束后方可结账。"
    }
    FinanceRange = "finance.range" {
        en: "The start date is after the end date.",
        zh: "起始日期晚于结束日期。"
    }

    GovernanceAlreadySeated = "governance.already_seated" {
        en: "This person already holds a seat in this body's current term.",
        zh: "此人已是该机构本届成员。"
    }
    GovernanceAlreadyVoted = "governance.already_voted" {
        en: "This seat has already voted on this motion; a vote cannot be cast twice or changed.",
        zh: "本席位已就此议案投票，不能重复或更改。"
    }
    GovernanceChoice = "governance.choice" {
        en: "Vote yes, no or abstain.",
        zh: "请选择赞成、反对或弃权。"
    }
    GovernanceMeetingClosed = "governance.meeting_closed" {
        en: "The meeting is closed.",
        zh: "会议已闭会。"
    }
    GovernanceMeetingNotFound = "governance.meeting_not_found" {
        en: "No such meeting.",
        zh: "找不到该会议。"
    }
    GovernanceMotionField = "governance.motion_field" {
        en: "The motion does not match its kind: give what that kind of motion needs, and nothing else.",
        zh: "议案内容与议案类型不符：请只填写该类议案所需的事项。"
    }
    GovernanceMotionNotFound = "governance.motion_not_found" {
        en: "No such motion.",
        zh: "找不到该议案。"
    }
    GovernanceMotionPending = "governance.motion_pending" {
        en: "A motion on this plan version is open; the version cannot change or be put to another motion now.",
        zh: "该计划版本正在表决中，不能修改，也不能再次提交表决。"
    }
    GovernanceMotionsOpen = "governance.motions_open" {
        en: "Motions on the agenda are still open; close their votes first.",
        zh: "仍有议案未结束表决，请先结束表决。"
    }
    GovernanceNoSeat = "governance.no_seat" {
        en: "You hold no seat in this body and cannot vote.",
        zh: "您不是该机构成员，不能表决。"
    }
    GovernanceNoSuchAccount = "governance.no_such_account" {
        en: "No active account matches; a member needs an account of their own to hold a seat.",
        zh: "没有匹配的有效账户；会员须开通本人账户后方可任职。"
    }
    GovernanceNoTerm = "governance.no_term" {
        en: "This body has no term running on that day; open a term first.",
        zh: "该机构在当日没有在任届次，请先设立届次。"
    }
    GovernanceNotForThisBody = "governance.not_for_this_body" {
        en: "This body does not decide this kind of motion.",
        zh: "该机构不能表决此类议案。"
    }
    GovernanceNotPresent = "governance.not_present" {
        en: "Your attendance has not been recorded; ask the secretariat to record it, then vote.",
        zh: "您的出席尚未登记，请先请秘书处登记出席，再行表决。"
    }
    GovernanceNotStarted = "governance.not_started" {
        en: "The meeting has not begun; voting opens then.",
        zh: "会议尚未开始，开会后方可表决。"
    }
    GovernanceNotice = "governance.notice" {
        en: "Too short a notice: move the meeting or give notice again.",
        zh: "书面通知期不足，请改期或补发通知。"
    }
    GovernancePositionTaken = "governance.position_taken" {
        en: "This term already has someone in that position; a term has only one.",
        zh: "本届已有人担任该职务，每届只设一人。"
    }
    GovernanceScrutineer = "governance.scrutineer" {
        en: "Scrutineers are supervisors, and not the candidate.",
        zh: "监票人须为监事，且不得为候选人。"
    }
    GovernanceSeatHolder = "governance.seat_holder" {
        en: "Name the seat holder either as a staff account or as a member, not both.",
        zh: "请指定席位人选：员工账户或会员，二者只能填其一。"
    }
    GovernanceSeatNotInBody = "governance.seat_not_in_body" {
        en: "Only seats of this body's term can be recorded at its meeting.",
        zh: "只能登记本机构本届成员的席位。"
    }
    GovernanceTermExtended = "governance.term_extended" {
        en: "This term has already been extended; a term is extended only once.",
        zh: "该届次已延期过，每届只能延期一次。"
    }
    GovernanceTermExtension = "governance.term_extension" {
        en: "A term is extended once, by 1 to 12 months, and only before it ends.",
        zh: "届次只能在届满前延期一次，延期 1–12 个月。"
    }
    GovernanceTermNotFound = "governance.term_not_found" {
        en: "No such term of office.",
        zh: "找不到该届次。"
    }
    GovernanceTermOverlaps = "governance.term_overlaps" {
        en: "The new term overlaps the body's previous term; it must start after that term ends.",
        zh: "新届次与该机构上一届重叠，须在上一届届满后开始。"
    }
    GovernanceVotingClosed = "governance.voting_closed" {
        en: "Voting on this motion has closed.",
        zh: "该议案表决已结束。"
    }

    IdNumberBirthDate = "id_number.birth_date" {
        en: "Characters 7–14 of the ID number are not a valid date of birth.",
        zh: "身份证号第 7–14 位不是有效的出生日期。"
    }
    IdNumberCheckDigit = "id_number.check_digit" {
        en: "The check character of the ID number is wrong; please check the number.",
        zh: "身份证号校验码不正确，请核对。"
    }
    IdNumberFormat = "id_number.format" {
        en: "An ID number has 18 characters: 17 digits and a check character (0–9 or X).",
        zh: "身份证号应为 18 位：17 位数字加 1 位校验码（0–9 或 X）。"
    }

    IdempotencyKeyInvalid = "idempotency.key_invalid" {
        en: "The Idempotency-Key must be 1 to 200 visible characters.",
        zh: "Idempotency-Key 须为 1–200 个可见字符。"
    }
    IdempotencyKeyReused = "idempotency.key_reused" {
        en: "This Idempotency-Key was already used for a different request; use a new key for each new request.",
        zh: "该 Idempotency-Key 已用于另一个不同的请求，每个新请求须使用新的键。"
    }

    InspectionClosed = "inspection.closed" {
        en: "This inspection is closed; the supervisory board opens a new one to take the matter further.",
        zh: "该监督检查已结案；如需继续跟进，请由监事会另行发起检查。"
    }
    InspectionNotFound = "inspection.not_found" {
        en: "No such inspection.",
        zh: "找不到该监督检查。"
    }
    InspectionRespondBy = "inspection.respond_by" {
        en: "The answer-by date cannot be in the past.",
        zh: "答复期限不能早于今天。"
    }

    Internal = "internal" {
        en: "Something went wrong on the server; it has been logged. Try again later, and tell the association if it keeps happening.",
        zh: "服务器内部出错，已记录在案。请稍后重试；如反复出现，请联系协会。"
    }

    LedgerAlreadyReversed = "ledger.already_reversed" {
        en: "This entry has already been reversed.",
        zh: "该凭证已冲销过，不能重复冲销。"
    }
    LedgerNotReversible = "ledger.not_reversible" {
        en: "Entries for claims and their payments follow the claim; correct the claim instead.",
        zh: "互助金申请及其付款的凭证随申请而定，不能直接冲销，请更正该申请。"
    }
    LedgerPeriodAlreadyClosed = "ledger.period_already_closed" {
        en: "This period is already closed.",
        zh: "该期间已结账。"
    }
    LedgerPeriodClosed = "ledger.period_closed" {
        en: "That period is closed; nothing more posts into it.",
        zh: "该期间已结账，不能再记账。"
    }
    LedgerReversalOfReversal = "ledger.reversal_of_reversal" {
        en: "This entry is itself a reversal and cannot be reversed; post the original entry again instead.",
        zh: "该凭证本身就是冲销凭证，不能再冲销；请重新录入原凭证。"
    }
    LedgerUnbalanced = "ledger.unbalanced" {
        en: "The entry does not balance: it needs at least two lines, positive amounts, and debits equal to credits.",
        zh: "凭证借贷不平衡：至少需要两行分录，金额须为正数，且借方合计等于贷方合计。"
    }
    LedgerWouldGoNegative = "ledger.would_go_negative" {
        en: "This would leave a fund account below zero, so nothing was booked; reverse the entries that rest on this one first.",
        zh: "此操作会使基金账户余额为负，未记账；请先冲销依赖该凭证的后续凭证。"
    }

    MemberDuplicateIdNumber = "member.duplicate_id_number" {
        en: "A member with this ID number is already registered.",
        zh: "该身份证号已登记为会员。"
    }
    MemberNotFound = "member.not_found" {
        en: "No such member, or not one in your part of the organisation.",
        zh: "没有找到该会员，或该会员不在您的管辖范围内。"
    }
    MemberUnitNotUnion = "member.unit_not_union" {
        en: "Members are registered with a grassroots union; please choose one.",
        zh: "会员只能登记在基层工会下，请选择一个基层工会。"
    }
    MemberUnknownCategory = "member.unknown_category" {
        en: "Unknown member category.",
        zh: "未知的会员类别。"
    }

    MobileFormat = "mobile.format" {
        en: "A mobile number has 11 digits and begins with 13 to 19 (+86 may precede it).",
        zh: "手机号应为 11 位数字，以 13–19 开头（可带 +86）。"
    }

    NotFound = "not_found" {
        en: "The item asked for does not exist, or is not within your reach.",
        zh: "所请求的内容不存在，或不在您的权限范围内。"
    }

    OrgUnitCreditCodeNotApplicable = "org_unit.credit_code_not_applicable" {
        en: "Only a grassroots union has a unified social credit code here; leave it empty for other units.",
        zh: "只有基层工会需要填写统一社会信用代码，其他单位请留空。"
    }
    OrgUnitCreditCodeRequired = "org_unit.credit_code_required" {
        en: "A grassroots union needs its unified social credit code.",
        zh: "基层工会须填写统一社会信用代码。"
    }
    OrgUnitDuplicateCreditCode = "org_unit.duplicate_credit_code" {
        en: "Another unit already has this unified social credit code.",
        zh: "已有其他单位使用该统一社会信用代码。"
    }
    OrgUnitHasChildren = "org_unit.has_children" {
        en: "This unit still has subordinate units; remove or move them first.",
        zh: "该单位下仍有下级单位，请先删除或转移。"
    }
    OrgUnitInUse = "org_unit.in_use" {
        en: "Staff accounts or members still belong to this unit; move them first.",
        zh: "该单位下仍有员工账户或会员，请先转移。"
    }
    OrgUnitNotFound = "org_unit.not_found" {
        en: "No such unit, or not one in your part of the organisation.",
        zh: "没有找到该单位，或该单位不在您的管辖范围内。"
    }
    OrgUnitOwnUnit = "org_unit.own_unit" {
        en: "You cannot remove the unit you belong to.",
        zh: "不能删除您本人所在的单位。"
    }
    OrgUnitParentNotFound = "org_unit.parent_not_found" {
        en: "The parent unit does not exist, or is not in your part of the organisation.",
        zh: "上级单位不存在，或不在您的管辖范围内。"
    }
    OrgUnitUnknownKind = "org_unit.unknown_kind" {
        en: "Unknown kind of unit.",
        zh: "未知的单位类型。"
    }
    OrgUnitWrongParent = "org_unit.wrong_parent" {
        en: "This unit cannot sit under that parent: branch offices come under the provincial association, county service points under a branch office, and grassroots unions under a branch office or county service point.",
        zh: "上级单位类型不符：代办处隶属省互助会，代办点隶属代办处，基层工会隶属代办处或代办点。"
    }

    OutboxLeaseLost = "outbox.lease_lost" {
        en: "Notices are being sent by another server at the moment; nothing needs to be done.",
        zh: "通知目前由另一台服务器发送，无需处理。"
    }

    PasswordTooShort = "password.too_short" {
        en: "A password needs at least 10 characters.",
        zh: "密码至少需要 10 个字符。"
    }

    PaymentAlreadyPaid = "payment.already_paid" {
        en: "This claim is already paid or in a payment awaiting the bank.",
        zh: "该申请已付款或正在付款中。"
    }
    PaymentBankResultEncoding = "payment.bank_result_encoding" {
        en: "The bank's result file must be CSV text in UTF-8; save it again as UTF-8 CSV and import it.",
        zh: "银行回盘文件须为 UTF-8 编码的 CSV 文件，请另存为 UTF-8 CSV 后再导入。"
    }
    PaymentBankResultRejected = "payment.bank_result_rejected" {
        en: "The bank's file has wrong lines; nothing was imported.",
        zh: "回盘文件有错误行，未导入任何内容。"
    }
    PaymentBatchNotApproved = "payment.batch_not_approved" {
        en: "This payment batch has not been approved yet; a second person approves it before its file goes to the bank.",
        zh: "该付款批次尚未复核，须由另一人复核通过后才能生成银行文件。"
    }
    PaymentBatchNotDraft = "payment.batch_not_draft" {
        en: "Only a payment batch awaiting approval can be approved; this one has been dealt with already.",
        zh: "只有待复核的付款批次才能复核，该批次已处理过。"
    }
    PaymentBatchNotFound = "payment.batch_not_found" {
        en: "No such payment batch.",
        zh: "找不到该付款批次。"
    }
    PaymentClaimNotPayable = "payment.claim_not_payable" {
        en: "Only an approved claim that has not yet been paid can be paid.",
        zh: "只有已审核通过且尚未付款的申请才能付款。"
    }
    PaymentFileFormat = "payment.file_format" {
        en: "The bank file can be produced as CSV or XLSX.",
        zh: "银行文件只能生成 CSV 或 XLSX 格式。"
    }
    PaymentMakerChecker = "payment.maker_checker" {
        en: "The maker of a batch cannot approve it; a second person approves.",
        zh: "制单人不能复核自己的批次，须由另一人复核。"
    }
    PaymentNoBankAccount = "payment.no_bank_account" {
        en: "A member in this batch has no bank card on file; record the member's bank card first.",
        zh: "批次中有会员尚未登记银行卡，请先登记银行卡号。"
    }
    PaymentNoSuchClaim = "payment.no_such_claim" {
        en: "A claim named for payment does not exist.",
        zh: "要付款的申请不存在。"
    }
    PaymentNothingToPay = "payment.nothing_to_pay" {
        en: "No approved claim is waiting for payment.",
        zh: "没有待付款的已审核申请。"
    }
    PaymentSettledMeanwhile = "payment.settled_meanwhile" {
        en: "Another import settled this batch in the meantime; nothing was changed.",
        zh: "该批次已由另一次回盘导入结清，本次未作任何更改。"
    }
    PaymentTooMany = "payment.too_many" {
        en: "A payment batch holds at most 1,000 claims.",
        zh: "每个付款批次最多包含 1000 笔申请。"
    }

    PlanAgeRange = "plan.age_range" {
        en: "The age range is not valid: it needs min ≤ max ≤ 100.",
        zh: "年龄范围无效：须最小 ≤ 最大 ≤ 100。"
    }
    PlanBenefitAmount = "plan.benefit.amount" {
        en: "Amounts must be more than 0 (a deductible cannot be negative).",
        zh: "金额须大于 0（免赔额不能为负）。"
    }
    PlanBenefitDays = "plan.benefit.days" {
        en: "Days must be at least 1.",
        zh: "天数至少为 1。"
    }
    PlanBenefitDisabilityGrades = "plan.benefit.disability_grades" {
        en: "Disability percentages must fall from grade 1 to grade 10 and lie between 1 and 100.",
        zh: "伤残比例须从 1 级到 10 级递减，且在 1–100 之间。"
    }
    PlanBenefitDiseases = "plan.benefit.diseases" {
        en: "A disease code is missing, malformed or repeated.",
        zh: "病种代码缺失、格式不对或重复。"
    }
    PlanBenefitMaxClaims = "plan.benefit.max_claims" {
        en: "At least 1 claim must be allowed.",
        zh: "至少允许给付 1 次。"
    }
    PlanBenefitRatio = "plan.benefit.ratio" {
        en: "Ratios must be more than 0 and at most 1 (e.g. 0.60), with at least one ratio.",
        zh: "比例须大于 0 且不超过 1（如 0.60），且至少有一个比例。"
    }
    PlanBenefitTiers = "plan.benefit.tiers" {
        en: "Disease tiers must be present and not repeated.",
        zh: "病种档次不能为空或重复。"
    }
    PlanBenefitWaitingConsolation = "plan.benefit.waiting_consolation" {
        en: "The waiting-period consolation is wrong (it needs a waiting period and a maximum no lower than one share's amount).",
        zh: "等待期慰问金设置有误（需有等待期，最高额不低于每份金额）。"
    }
    PlanBenefits = "plan.benefits" {
        en: "A plan needs at least one benefit rule.",
        zh: "计划至少需要一条待遇规则。"
    }
    PlanCategories = "plan.categories" {
        en: "Choose at least one member category, and list each only once.",
        zh: "至少选择一类可参保人员，且不能重复。"
    }
    PlanCode = "plan.code" {
        en: "The plan code is not valid; check it against the plan catalogue.",
        zh: "计划代码无效，请对照保障计划目录核对。"
    }
    PlanCodeChanged = "plan.code_changed" {
        en: "A draft cannot change its plan code; draft a new plan instead.",
        zh: "草案不能改用其他计划代码；请据此起草新计划。"
    }
    PlanDocuments = "plan.documents" {
        en: "The claim document checklist must not be empty, and lists each document only once.",
        zh: "申请材料清单不能为空，且同一材料不能重复列出。"
    }
    PlanEnrollmentMode = "plan.enrollment_mode" {
        en: "Allow group enrollment, individual enrollment or both.",
        zh: "须允许团体参保、个人参保或两者。"
    }
    PlanEnrollmentWindow = "plan.enrollment_window" {
        en: "The enrollment window ends before it opens.",
        zh: "参保期结束日期早于开始日期。"
    }
    PlanExclusions = "plan.exclusions" {
        en: "An exclusion is listed twice.",
        zh: "同一免责条款不能重复列出。"
    }
    PlanFemaleAgeRange = "plan.female_age_range" {
        en: "The women's age range is not valid: it needs min ≤ max ≤ 100, and a plan for men only cannot have one.",
        zh: "女性年龄范围无效：须最小 ≤ 最大 ≤ 100，且仅限男性的计划不能设女性年龄范围。"
    }
    PlanFixedStartDate = "plan.fixed_start_date" {
        en: "The fixed start date is before the enrollment window opens.",
        zh: "固定生效日早于参保期开始日。"
    }
    PlanGroupRules = "plan.group_rules" {
        en: "Participation rate, group size and same shares per unit apply to group enrollment, which this plan does not allow.",
        zh: "参保率、团体人数和统一份数只适用于团体参保，而本计划不允许团体参保。"
    }
    PlanInvalid = "plan.invalid" {
        en: "The plan terms break rules; nothing was saved.",
        zh: "计划条款不符合规则，未保存。"
    }
    PlanMaxShares = "plan.max_shares" {
        en: "The maximum number of shares must be at least 1.",
        zh: "最多份数至少为 1。"
    }
    PlanMinGroupSize = "plan.min_group_size" {
        en: "The minimum group size must be at least 1.",
        zh: "最低团体人数至少为 1。"
    }
    PlanMinParticipationPercent = "plan.min_participation_percent" {
        en: "The minimum participation rate must be 1 to 100 %.",
        zh: "最低参保率须为 1–100%。"
    }
    PlanNameEn = "plan.name_en" {
        en: "The English name must be 1 to 100 characters.",
        zh: "英文名称须为 1–100 个字符。"
    }
    PlanNameZh = "plan.name_zh" {
        en: "The Chinese name must be 1 to 100 characters.",
        zh: "中文名称须为 1–100 个字符。"
    }
    PlanNotDraft = "plan.not_draft" {
        en: "Only a draft plan version can be edited or put to the council.",
        zh: "只有草案状态的计划版本才能修改或提交理事会表决。"
    }
    PlanNotInForce = "plan.not_in_force" {
        en: "This plan is not in force; nobody can enroll in it.",
        zh: "该计划目前未生效，不能参保。"
    }
    PlanPricePerShare = "plan.price_per_share" {
        en: "The price per share must be more than 0.",
        zh: "每份会费须大于 0。"
    }
    PlanResolutionRequired = "plan.resolution_required" {
        en: "A plan version goes into force only by a council resolution; table a motion at a council meeting.",
        zh: "保障计划版本须经理事会决议批准后施行，请在理事会会议上提交议案。"
    }
    PlanStateChanged = "plan.state_changed" {
        en: "This plan version was changed by someone else in the meantime; reload it and try again.",
        zh: "该计划版本已被他人更改，请刷新后重试。"
    }
    PlanStateTransition = "plan.state_transition" {
        en: "This step is not possible from the version's current state (draft → approved → in force → retired).",
        zh: "该版本当前的状态不允许这一步（草案 → 已批准 → 生效 → 停用）。"
    }
    PlanTermYears = "plan.term_years" {
        en: "The term must be 1, 2 or 3 years.",
        zh: "保障期限须为 1、2 或 3 年。"
    }
    PlanVersionNotFound = "plan.version_not_found" {
        en: "No such plan version.",
        zh: "找不到该计划版本。"
    }
    PlanWaitingDays = "plan.waiting_days" {
        en: "The waiting period can be at most 365 days.",
        zh: "等待期最长 365 天。"
    }

    PolicyNotFound = "policy.not_found" {
        en: "No such cover.",
        zh: "找不到该保障。"
    }

    RequestInvalidCharacter = "request.invalid_character" {
        en: "This text holds a control or invisible character (such as NUL or a text-direction override); type it again without it.",
        zh: "该文字含有控制字符或不可见字符（如空字符、文字方向覆盖符），请删除后重新输入。"
    }
    RequestInvalidField = "request.invalid_field" {
        en: "A field of the request has a value that is not valid for this operation.",
        zh: "请求中有字段的值不符合要求。"
    }
    RequestInvalidPath = "request.invalid_path" {
        en: "The address names an item in a form that is not valid.",
        zh: "请求地址中的参数无效。"
    }
    RequestInvalidQuery = "request.invalid_query" {
        en: "A search or filter parameter is not valid.",
        zh: "查询参数无效。"
    }
    RequestInvalidText = "request.invalid_text" {
        en: "This text must not be empty and must not exceed its maximum length.",
        zh: "该文字不能为空，也不能超过规定的长度。"
    }
    RequestMalformedJson = "request.malformed_json" {
        en: "The request body is not valid JSON.",
        zh: "请求内容不是有效的 JSON。"
    }
    RequestMissingField = "request.missing_field" {
        en: "A required field is missing from the request.",
        zh: "请求缺少必填字段。"
    }
    RequestTooLarge = "request.too_large" {
        en: "The file or request is too large: a roster may be at most 16 MB.",
        zh: "文件或请求内容太大：名单文件最大 16 MB。"
    }
    RequestUnknownField = "request.unknown_field" {
        en: "The request contains a field this operation does not know; remove it.",
        zh: "请求中含有本操作不接受的字段，请删除。"
    }
    RequestUnreadableBody = "request.unreadable_body" {
        en: "The request could not be read in full; please send it again.",
        zh: "无法完整读取请求内容，请重新提交。"
    }
    RequestUnsupportedMediaType = "request.unsupported_media_type" {
        en: "The request is not in a format this operation accepts; send JSON, or the file type it asks for.",
        zh: "请求内容格式不受支持，请以 JSON 或本操作要求的文件格式提交。"
    }

    RosterChangedMeanwhile = "roster.changed_meanwhile" {
        en: "While the roster was being enrolled, some of its members were enrolled or registered elsewhere; nothing of it was kept. Upload it again to see them.",
        zh: "名单参保过程中，其中部分人员已通过其他途径参保或登记，本次名单未保留任何数据。请重新上传以查看具体人员。"
    }
    RosterCategory = "roster.category" {
        en: "Unknown category; use 在职职工, 在档困难职工, 劳动模范, 新就业形态劳动者 or 特殊群体.",
        zh: "人员类别无法识别，应为在职职工、在档困难职工、劳动模范、新就业形态劳动者或特殊群体。"
    }
    RosterDuplicate = "roster.duplicate" {
        en: "This ID number appears more than once on the roster.",
        zh: "身份证号在名单中重复出现。"
    }
    RosterEmpty = "roster.empty" {
        en: "The roster is empty: it needs a row of column names and at least one member.",
        zh: "名单为空：需要一行列名和至少一名会员。"
    }
    RosterEncoding = "roster.encoding" {
        en: "The CSV file is neither UTF-8 nor GBK text. Save it as 'CSV UTF-8' and upload it.",
        zh: "CSV 文件既不是 UTF-8 也不是 GBK 编码，请另存为「CSV UTF-8」后再上传。"
    }
    RosterFormula = "roster.formula" {
        en: "A cell may not begin with = + - or @ (a spreadsheet would run it as a formula).",
        zh: "单元格不能以 = + - @ 开头（表格软件会把它当作公式执行）。"
    }
    RosterHeadcountRequired = "roster.headcount_required" {
        en: "This plan has a participation rate: give the union's total membership.",
        zh: "该计划有参保率要求，请填写本单位会员总数。"
    }
    RosterImportInProgress = "roster.import_in_progress" {
        en: "This file is being enrolled for this union right now; look at its batch in a moment.",
        zh: "该文件正在为本单位办理参保，请稍后查看其批次。"
    }
    RosterInvalid = "roster.invalid" {
        en: "The roster has problems: nobody was enrolled and nothing was written.",
        zh: "名单有问题，未参保，也未写入任何数据。"
    }
    RosterMalformedCsv = "roster.malformed_csv" {
        en: "The CSV file is malformed (e.g. unbalanced quotes). Save it again as CSV from the spreadsheet.",
        zh: "CSV 文件格式有误（例如引号不成对），请用表格软件重新另存为 CSV。"
    }
    RosterMissingColumn = "roster.missing_column" {
        en: "A column is missing: the first row must name the columns 姓名 (name) and 身份证号 (ID number), optionally 人员类别, 份数, 手机.",
        zh: "名单缺少必需的列：第一行须写明列名「姓名」和「身份证号」，可选「人员类别」「份数」「手机」。"
    }
    RosterName = "roster.name" {
        en: "The name is missing or longer than 50 characters.",
        zh: "姓名为空或超过 50 个字。"
    }
    RosterNotARoster = "roster.not_a_roster" {
        en: "The file is neither CSV text nor an Excel .xlsx workbook.",
        zh: "该文件既不是 CSV 文本，也不是 Excel .xlsx 工作簿。"
    }
    RosterOtherUnion = "roster.other_union" {
        en: "Registered with another union; move the member first.",
        zh: "此人已登记在其他工会，请先办理会员转移。"
    }
    RosterPendingExists = "roster.pending_exists" {
        en: "Already enrolled in this plan and awaiting payment.",
        zh: "此人已参加该计划，正在等待缴费。"
    }
    RosterShares = "roster.shares" {
        en: "Shares must be a whole number above 0.",
        zh: "份数应为正整数。"
    }
    RosterTooManyColumns = "roster.too_many_columns" {
        en: "The roster uses more columns than allowed; keep only 姓名, 身份证号, 人员类别, 份数 and 手机.",
        zh: "名单使用的列数超出上限，请只保留姓名、身份证号、人员类别、份数、手机这几列。"
    }
    RosterTooManyRows = "roster.too_many_rows" {
        en: "The roster has more rows than allowed; split it into several files.",
        zh: "名单行数超出上限，请拆分为多个文件上传。"
    }
    RosterUnreadableXlsx = "roster.unreadable_xlsx" {
        en: "The Excel file cannot be read: it is damaged or incomplete. Save it again and upload it.",
        zh: "无法读取该 Excel 文件：文件已损坏或不完整，请重新保存后再上传。"
    }
    RosterWorkbookTooLarge = "roster.workbook_too_large" {
        en: "The Excel file holds more than a roster may: save the roster alone in a new workbook, or split it.",
        zh: "该 Excel 文件内容超出名单的上限，请将名单单独另存为新工作簿，或拆分后上传。"
    }

    RouteMethodNotAllowed = "route.method_not_allowed" {
        en: "This address does not take this kind of request; the Allow header lists the ones it takes.",
        zh: "该地址不接受此类请求，可用的请求方式见响应头 Allow。"
    }
    RouteNotFound = "route.not_found" {
        en: "There is no such address; check it.",
        zh: "没有这个访问地址，请核对。"
    }

    ServiceUnavailable = "service.unavailable" {
        en: "The service is temporarily unavailable; please try again shortly.",
        zh: "服务暂时不可用，请稍后重试。"
    }

    SettlementBatchSize = "settlement.batch_size" {
        en: "Send 1 to 1,000 settlement records at a time.",
        zh: "每次须提交 1–1000 条结算记录。"
    }
    SettlementNumber = "settlement.number" {
        en: "The settlement number must be 1 to 64 characters.",
        zh: "结算单号须为 1–64 个字符。"
    }

    StaffInvalidUsername = "staff.invalid_username" {
        en: "A username has 3 to 32 characters: lower-case letters, digits, _, - and dot.",
        zh: "用户名须为 3–32 个字符，只能使用小写字母、数字、下划线、连字符和点。"
    }
    StaffLastAdmin = "staff.last_admin" {
        en: "This would leave no active administrator; keep at least one.",
        zh: "此操作会导致没有可用的管理员，须至少保留一名。"
    }
    StaffNoRole = "staff.no_role" {
        en: "A staff account needs at least one role.",
        zh: "员工账户至少需要一个角色。"
    }
    StaffNotAStaffRole = "staff.not_a_staff_role" {
        en: "That role is not for staff accounts.",
        zh: "该角色不适用于员工账户。"
    }
    StaffNotFound = "staff.not_found" {
        en: "No such staff account.",
        zh: "找不到该员工账户。"
    }
    StaffRoleLevel = "staff.role_level" {
        en: "Some of these roles may be held only by staff of the provincial association.",
        zh: "所选角色中有只能由省互助会工作人员担任的角色。"
    }
    StaffSelfLockout = "staff.self_lockout" {
        en: "You cannot disable your own account or remove your own administrator role.",
        zh: "不能停用您本人的账户，也不能取消您本人的管理员角色。"
    }

    UnmaskNoFields = "unmask.no_fields" {
        en: "Choose what to show.",
        zh: "请选择要显示的信息。"
    }
    UnmaskPurposeRequired = "unmask.purpose_required" {
        en: "Say why you need to see these details (4 to 200 characters); it is recorded.",
        zh: "请说明查看用途（4–200 个字），该用途将被记录。"
    }

    WebNotBuilt = "web.not_built" {
        en: "The web interface is not available on this server; please contact the association.",
        zh: "本服务器暂未提供网页界面，请联系协会。"
    }
}
