"""Unit and ward status views."""

# --- status view -----------------------------------------------------------------------------

STATUS_TITLE = "📊 TÌNH HÌNH THI ĐUA — {unit} ({code})"
STATUS_DEADLINE = "Hạn nộp hồ sơ: {wording} — {left}."
STATUS_DAYS_LEFT = "còn {days} ngày"
STATUS_LAST_DAY = "hôm nay là ngày cuối"
STATUS_OVERDUE = "đã quá hạn {days} ngày"
STATUS_MEMBERS = "👥 Cán bộ ({count}) và báo cáo:"
STATUS_MEMBER_LINE = "{number}. {name}{head}: {counts}"
STATUS_HEAD_MARK = " (thủ trưởng)"
STATUS_NO_REPORT = "chưa báo cáo"
STATUS_COUNT_PART = "{count} {status}"
STATUS_UNIT_TOTAL = "Cộng: {total} báo cáo ({counts}). Chưa báo cáo: {silent}/{members} cán bộ."
STATUS_CRITERIA = "🎯 Tiêu chí đã có báo cáo được xác nhận: {covered}/{count}"
STATUS_CRITERION_COVERED = "✅ {label} — {counts}"
STATUS_CRITERION_PENDING = "⏳ {label} — {counts}, chưa có báo cáo được xác nhận"
STATUS_CRITERION_NONE = "❌ {label} — chưa có báo cáo"
STATUS_WAITING = "⏳ Báo cáo chờ xác nhận ({count}), cũ nhất trước:"
STATUS_WAITING_LINE = "• Số {number} — {name}, {time}: {title}"
STATUS_WAITING_MORE = "… và {count} báo cáo khác."
STATUS_WAITING_HINT = "Xác nhận hoặc trả lại bằng lệnh /xacnhan."
STATUS_WAITING_NONE = "⏳ Không có báo cáo nào chờ xác nhận."
STATUS_WAITING_NONE_YOURS = "⏳ Không có báo cáo nào chờ bạn xác nhận."
# A head's own and the unit's collective reports are confirmed above the unit.
STATUS_WAITING_ABOVE = (
    "⏳ {count} báo cáo của thủ trưởng hoặc của tập thể đơn vị đang chờ {confirmer} xác nhận."
)
STATUS_NOMINATIONS = "🏅 Đề xuất khen thưởng ({count}):"
STATUS_NOMINATIONS_NONE = "🏅 Chưa có đề xuất khen thưởng nào."
STATUS_NOMINATIONS_HINT = "Lập đề xuất bằng lệnh /dexuat."
STATUS_DOSSIER = "📁 Hồ sơ đề nghị khen thưởng: {state}"
STATUS_DOSSIER_NOT_STARTED = "chưa lập"
STATUS_DOSSIER_SENT = "{status}, gửi lúc {time}{late}"
STATUS_DOSSIER_LATE = " (nộp muộn)"
STATUS_DOSSIER_RETURNED = "{status} — lý do: {reason}"
STATUS_DOSSIER_MISSING = "Còn thiếu:"
STATUS_DOSSIER_COMPLETE = "Đã đủ các giấy tờ theo kế hoạch."
STATUS_CHART_TITLE = "Tình hình thi đua — {code}"
STATUS_CHART_MEMBERS = "Báo cáo của từng cán bộ"
STATUS_CHART_CRITERIA = "Báo cáo theo tiêu chí"
STATUS_PICK_UNIT = "Chọn đơn vị cần xem tình hình, hoặc gõ /tinhhinh kèm mã hay tên đơn vị:"
STATUS_NO_UNITS = "Chưa có đơn vị nào trong danh sách."
STATUS_UNIT_NOT_FOUND = "Không tìm thấy đơn vị «{query}». Chọn một đơn vị dưới đây:"
STATUS_UNIT_MANY = "Có {count} đơn vị khớp với «{query}». Chọn một đơn vị:"
STATUS_OWN_UNIT_ONLY = "Thủ trưởng chỉ xem được tình hình đơn vị mình; dưới đây là đơn vị của bạn."
STATUS_UNIT_GONE = "Không tìm thấy đơn vị này."
STATUS_OTHER_UNIT = "Thủ trưởng chỉ xem được tình hình đơn vị mình."
STATUS_NO_REPORTS = "chưa có"


# --- overview --------------------------------------------------------------------------------

OVERVIEW_TITLE = "📋 TỔNG HỢP THI ĐUA TOÀN PHƯỜNG — {time}"
OVERVIEW_WARD = (
    "Toàn phường: {members} cán bộ, {total} báo cáo ({counts}); "
    "{nominations} đề xuất khen thưởng; {sent}/{units} đơn vị đã gửi hồ sơ."
)
OVERVIEW_UNIT = (
    "{code} — {name}\n"
    "   Báo cáo: {counts}. Chưa báo cáo: {silent}/{members} cán bộ.\n"
    "   Đề xuất: {nominations}. Hồ sơ: {dossier}."
)
OVERVIEW_LATE = "⚠️ Chậm trễ"
OVERVIEW_DOSSIER_OVERDUE = "• Chưa gửi hồ sơ dù đã quá hạn: {units}"
OVERVIEW_DOSSIER_LATE = "• Gửi hồ sơ muộn: {units}"
OVERVIEW_SILENT = "• Còn cán bộ chưa báo cáo: {units}"
OVERVIEW_SILENT_UNIT = "{code} ({count})"
OVERVIEW_NOBODY_LATE = "• Không có đơn vị hay cán bộ nào chậm trễ."
OVERVIEW_HINT = "Xem chi tiết một đơn vị: /tinhhinh kèm mã đơn vị (ví dụ /tinhhinh {code})."
OVERVIEW_CHART_TITLE = "Báo cáo thi đua các đơn vị"
OVERVIEW_CHART_UNITS = "Số báo cáo theo trạng thái"


# --- the plan (/kehoach) -------------------------------------------------------------------

CMD_PLAN = "Xem kế hoạch thi đua: mục đích, tiêu chí, khen thưởng, hồ sơ, hạn nộp"
PLAN_HEADER = "{issuer}\nKế hoạch số {number}, {issued}\n{title}"
PLAN_PICK = "Chọn phần cần xem:"
PLAN_SECTIONS = {
    "purpose": "Mục đích, yêu cầu",
    "contents": "Đối tượng, nội dung",
    "criteria": "Tiêu chí thi đua",
    "awards": "Hình thức khen thưởng",
    "standards": "Tiêu chuẩn khen thưởng",
    "dossier": "Hồ sơ đề nghị",
    "deadline": "Hạn nộp hồ sơ",
    "duties": "Tổ chức thực hiện",
}
PLAN_CRITERIA_HEADING = "TIÊU CHÍ THI ĐUA (III.1)"
PLAN_MEASURED_ON = {
    "ward": "mục tiêu chung của toàn phường",
    "unit": "tính cho từng phòng, đơn vị",
    "officer": "tính cho từng cán bộ, công chức",
}
PLAN_TARGET = "; chỉ tiêu: {target}"
PLAN_AWARDS_HEADING = "HÌNH THỨC KHEN THƯỞNG (III.2)"
PLAN_AWARD_LINE = "{name} của {by}:"
PLAN_STANDARDS_HEADING = "TIÊU CHUẨN KHEN THƯỞNG (III.3)"
PLAN_STANDARD_LINE = "{award} — {subject}:"
PLAN_SUBJECTS = {"collective": "tập thể", "individual": "cá nhân", "both": "tập thể, cá nhân"}
PLAN_DOSSIER_HEADING = "THỦ TỤC, HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG (III.4)"
PLAN_DEADLINE_HEADING = "THỜI GIAN NỘP HỒ SƠ (III.5)"
PLAN_DEADLINE_CHANGED = "Hạn nộp nay đã được điều chỉnh: {deadline}."
PLAN_DUTIES_HEADING = "TỔ CHỨC THỰC HIỆN (V)"


# --- the ward's own results (/ketqua) ------------------------------------------------------

CMD_WARD_RESULTS = "Ghi nhận kết quả chung của phường theo tiêu chí"
WARD_RESULT_TITLE = "kết quả chung của phường"
WARD_RESULT_ASK_CRITERION = (
    "Các tiêu chí này là mục tiêu chung của toàn phường, không tính cho riêng đơn vị hay cán bộ "
    "nào. Chọn tiêu chí cần ghi nhận kết quả:"
)
WARD_RESULT_ASK = (
    "{text}\n{target}\n\nNhập kết quả phường đạt được (ví dụ: «Xếp loại Tốt, 92,5 điểm»)."
)
WARD_RESULT_ASK_EVIDENCE = (
    "Gửi một minh chứng cho kết quả này: tệp (PDF, Word, Excel, ảnh) hoặc đường liên kết "
    "tới văn bản công bố kết quả."
)
WARD_RESULT_EVIDENCE_EXPECTED = (
    "Ở bước này hãy gửi một tệp hoặc một đường liên kết (bắt đầu bằng http:// hoặc https://)."
)
WARD_RESULT_SUMMARY = (
    "Xem lại trước khi lưu:\nTiêu chí: {label}\nKết quả: {result}\nMinh chứng: {evidence}"
)
WARD_RESULT_SAVE = "✅ Lưu"
WARD_RESULT_SAVED = (
    "Đã ghi nhận kết quả chung của phường cho tiêu chí «{label}». Xem bằng /tonghop."
)
WARD_RESULT_NO_CRITERIA = "Kế hoạch không có tiêu chí nào tính chung cho toàn phường."
WARD_RESULTS_HEADER = "🏛 Kết quả chung của phường (thường trực ghi nhận bằng /ketqua):"
WARD_RESULT_LINE = "• {label}: {result} — minh chứng: {evidence}"
WARD_RESULT_NONE = "• {label}: chưa ghi nhận kết quả"
STATUS_WARD_CRITERIA = (
    "Các tiêu chí chung của toàn phường ({labels}) không tính cho riêng đơn vị; "
    "thường trực ghi nhận kết quả của phường."
)
