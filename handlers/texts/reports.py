"""The report form and the officer's own list of reports."""

# --- the report form ----------------------------------------------------------------------

REPORT_FORM_TITLE = "báo cáo thành tích"
ASK_CRITERION = "Thành tích của bạn thuộc tiêu chí thi đua nào?"
SHOW_FULL_CRITERIA = "📖 Xem đầy đủ các tiêu chí"
FULL_CRITERIA_HEADER = "Các tiêu chí thi đua của kế hoạch:"
CRITERION_TARGET = "Chỉ tiêu: {target}"
ASK_SCOPE = "Đây là thành tích của cá nhân bạn, hay của tập thể đơn vị (bạn báo cáo thay đơn vị)?"
ASK_INITIATIVE = (
    "Đây có phải là sáng kiến, giải pháp hoặc cách làm mới không?\n"
    "(Có sáng kiến là một trong các tiêu chuẩn khen thưởng của kế hoạch.)"
)
ASK_TITLE = "Nhập tên ngắn gọn của thành tích (ví dụ: «Số hóa 100% hồ sơ hộ tịch năm 2026»)."
ASK_DESCRIPTION = "Mô tả việc đã làm: làm gì, làm như thế nào."
ASK_PERIOD = "Thời gian thực hiện (ví dụ: «Quý III/2026» hoặc «từ 01/3 đến 30/6/2026»)."
ASK_RESULT = "Kết quả đạt được là gì?"
ASK_FIGURE = (
    "Tiêu chí này có chỉ tiêu {target}. Nhập số liệu đạt được "
    "(ví dụ: «98% hồ sơ đúng hạn»), hoặc bấm «Bỏ qua»."
)
ASK_FIGURE_NO_TARGET = (
    "Kế hoạch không đặt con số cho tiêu chí này. Nếu có số liệu đạt được "
    "(ví dụ: «tăng 15% hồ sơ trực tuyến»), hãy nhập; nếu không, bấm «Bỏ qua»."
)
ASK_EVIDENCE = (
    "Gửi minh chứng: ảnh, tệp (PDF, Word, Excel, ảnh) hoặc đường liên kết, "
    "bao nhiêu cũng được; lời ghi kèm ảnh, tệp được giữ làm mô tả minh chứng. "
    "Gửi xong thì bấm «Xong»."
)
EVIDENCE_SO_FAR = "Minh chứng đã có:"
EVIDENCE_NONE = "(chưa có minh chứng)"
REMOVE_EVIDENCE = "Xóa bớt minh chứng"
ASK_EVIDENCE_TO_REMOVE = "Chọn minh chứng cần xóa:"
EVIDENCE_REMOVED = "Đã xóa minh chứng «{name}»."
EVIDENCE_ADDED = "Đã nhận «{name}» ({size})."
EVIDENCE_ADDED_WITH_NOTE = "Đã nhận «{name}» ({size}), kèm mô tả: «{note}»."
EVIDENCE_DUPLICATE = "Tệp «{name}» đã có trong báo cáo này, không thêm lần nữa."
LINK_ADDED = "Đã nhận đường liên kết."
EVIDENCE_TOO_LARGE = (
    "Tệp «{name}» nặng {size}, vượt giới hạn {limit}. Hãy nén lại hoặc gửi đường liên kết."
)
EVIDENCE_BAD_TYPE = (
    "Tệp «{name}» không phải loại được nhận. "
    "Chỉ nhận PDF, Word (DOC, DOCX), Excel (XLS, XLSX) và ảnh (JPG, PNG, WEBP, HEIC)."
)
EVIDENCE_NOT_FETCHED = "Chưa tải được tệp «{name}» từ máy chủ tin nhắn. Vui lòng gửi lại tệp."
EVIDENCE_EMPTY = "Tệp «{name}» rỗng, không có nội dung."
EVIDENCE_EXPECTED = "Ở bước này hãy gửi ảnh, tệp hoặc đường liên kết (bắt đầu bằng http:// hoặc https://), rồi bấm «Xong»."
REPORT_NEW_NUMBER = "(mới)"
REPORT_DRAFT_STATUS = "Bản nháp"
REPORT_EDITING_STATUS = "Đang sửa, chưa gửi lại (trạng thái hiện tại: {status})"
SUMMARY_HEADER = "Xem lại báo cáo trước khi gửi:"
SUMMARY_SEND = "✅ Gửi"
SUMMARY_EDIT = "✏️ Sửa"
SUMMARY_CANCEL = "❌ Hủy"
ASK_FIELD_TO_EDIT = "Bạn muốn sửa mục nào?"
FIELD_NAMES = {
    "criterion": "Tiêu chí",
    "scope": "Thành tích của",
    "initiative": "Sáng kiến",
    "title": "Tên thành tích",
    "description": "Việc đã làm",
    "period": "Thời gian",
    "result": "Kết quả",
    "figure": "Số liệu",
    "evidence": "Minh chứng",
}
TEXT_TOO_SHORT = "Nội dung quá ngắn (cần ít nhất {minimum} ký tự). Vui lòng nhập lại."
TEXT_TOO_LONG = "Nội dung quá dài ({length} ký tự, tối đa {maximum}). Vui lòng rút gọn."
TEXT_EXPECTED = "Ở bước này cần nhập chữ, không phải tệp. Vui lòng nhập lại."
CHOICE_EXPECTED = "Vui lòng chọn một trong các nút bên dưới (hoặc gõ số thứ tự)."
FIGURE_NEEDS_NUMBER = (
    "Số liệu cần có con số (ví dụ: «98% hồ sơ đúng hạn»). Nhập lại hoặc bấm «Bỏ qua»."
)
REPORT_SENT = (
    "Đã gửi báo cáo số {number}. Báo cáo đang chờ {confirmer} xác nhận. Xem lại bằng lệnh /cuatoi."
)
REPORT_UPDATED = "Đã lưu thay đổi của báo cáo số {number}. Báo cáo đang chờ {confirmer} xác nhận."
REPORT_NO_CONFIRMER = (
    "⚠️ Danh sách cán bộ hiện chưa có ai (ngoài bạn) giữ vai trò «{confirmer}» để xác nhận "
    "báo cáo này; hãy báo quản trị bổ sung bằng /canbo."
)
REPORT_LOCKED = "Báo cáo số {number} đã được xác nhận nên không sửa hoặc rút được nữa."
REPORT_NOT_EDITABLE = "Báo cáo số {number} đã rút nên không sửa được nữa."


# --- my reports ---------------------------------------------------------------------------

MINE_LINE = "• Số {number} — {title} ({status})"
MINE_EMPTY = "Bạn chưa có báo cáo nào. Gửi /baocao để báo cáo thành tích đầu tiên."
MINE_HEADER = "Báo cáo của bạn ({count}):"
MINE_MORE = "… và {count} báo cáo cũ hơn."
OPEN_REPORT = "Mở số {number}"
REPORT_NOT_FOUND = "Không tìm thấy báo cáo này trong các báo cáo của bạn."
EDIT_REPORT = "✏️ Sửa"
WITHDRAW_REPORT = "↩️ Rút báo cáo"
BACK_TO_LIST = "⬅️ Danh sách"
ASK_WITHDRAW = (
    "Rút báo cáo số {number} «{title}»? Báo cáo đã rút sẽ không được xét và không khôi phục được."
)
CONFIRM_WITHDRAW = "Đồng ý rút"
KEEP_REPORT = "Không rút"
WITHDRAWN = "Đã rút báo cáo số {number}."
WITHDRAW_KEPT = "Báo cáo số {number} được giữ nguyên."
RETURN_REASON = "Lý do trả lại: {reason}"
REPORT_DETAIL = (
    "Báo cáo số {number} — {status}\n"
    "Tiêu chí: {criterion}\n"
    "Thành tích của: {scope}{initiative}\n"
    "Tên: {title}\n"
    "Việc đã làm: {description}\n"
    "Thời gian: {period}\n"
    "Kết quả: {result}{figure}\n"
    "Minh chứng:\n{evidence}"
)
INITIATIVE_MARK = " · sáng kiến, giải pháp, cách làm mới"
FIGURE_LINE = "\nSố liệu: {figure}"
SUBMITTED_AT = "Gửi lúc {time}"
LINK_DUPLICATE = "Đường liên kết này đã có trong báo cáo, không thêm lần nữa."
LINK_TOO_LONG = (
    "Đường liên kết quá dài ({length} ký tự, tối đa {maximum}). "
    "Hãy gửi đường liên kết ngắn hơn hoặc gửi tệp."
)
