"""Every text a user sees, in Vietnamese, written in Unicode NFC (a test checks it)."""

from __future__ import annotations

# --- roles and statuses -------------------------------------------------------------------

ROLE_NAMES = {
    "officer": "Cán bộ, công chức",
    "unit_head": "Thủ trưởng đơn vị",
    "secretariat": "Thường trực thi đua (phòng Văn hóa – Xã hội)",
    "admin": "Quản trị",
}

REPORT_STATUS_NAMES = {
    "sent": "Chờ xác nhận",
    "confirmed": "Đã xác nhận",
    "returned": "Bị trả lại",
    "withdrawn": "Đã rút",
}

SCOPE_NAMES = {"individual": "Cá nhân", "collective": "Tập thể (đơn vị)"}

# --- commands (the menu) ------------------------------------------------------------------

CMD_REPORT = "Báo cáo thành tích, sáng kiến"
CMD_MINE = "Xem, sửa, rút báo cáo của tôi"
CMD_STATUS = "Tình hình thi đua của đơn vị"
CMD_CONFIRM = "Xác nhận hoặc trả lại báo cáo của cán bộ"
CMD_NOMINATE = "Đề xuất khen thưởng cá nhân, tập thể"
CMD_DOSSIER = "Hồ sơ đề nghị khen thưởng của đơn vị"
CMD_ANNOUNCE = "Gửi thông báo"
CMD_OVERVIEW = "Tổng hợp toàn phường"
CMD_INTAKE = "Tiếp nhận hồ sơ các đơn vị gửi"
CMD_EXPORT = "Xuất danh sách, hồ sơ (Excel, Word)"
CMD_DEADLINE = "Đặt hoặc gia hạn hạn nộp"
CMD_INVITE = "Cấp mã mời cho cán bộ"
CMD_ROSTER = "Sửa danh sách cán bộ"
CMD_PAUSE = "Tạm dừng nhắc việc, báo nghỉ phép"
CMD_CANCEL = "Hủy thao tác đang làm"
CMD_HELP = "Hướng dẫn sử dụng"
CMD_START = "Bắt đầu, liên kết tài khoản"

# --- general ------------------------------------------------------------------------------

UNKNOWN_COMMAND = "Lệnh /{name} không có. Các lệnh bạn dùng được:"
UNSUPPORTED_MESSAGE = (
    "Bot chưa dùng được loại tin nhắn này (nhãn dán, vị trí, danh bạ…). "
    "Hãy gửi chữ, ảnh, tệp hoặc bấm nút."
)
NOT_UNDERSTOOD = "Tôi chưa hiểu tin nhắn này. Gõ /trogiup để xem các lệnh."
FILE_WITHOUT_FLOW = (
    "Tôi đã nhận tệp nhưng chưa biết gắn vào báo cáo nào, nên chưa lưu. "
    "Để gửi minh chứng, hãy bắt đầu bằng /baocao, hoặc mở một báo cáo trong /cuatoi rồi chọn «Sửa»."
)
STALE_BUTTON = "Nút này thuộc một bước đã qua nên không còn dùng được."
CANCELLED = "Đã hủy «{title}». Bản nháp không được lưu."
NOTHING_TO_CANCEL = "Không có thao tác nào đang làm dở."
BUSY_WITH_FORM = (
    "Bạn đang làm dở «{title}». Hãy trả lời tiếp câu hỏi dưới đây, "
    "hoặc gửi /huy để hủy rồi dùng lệnh khác."
)
NOT_ALLOWED = "Lệnh /{name} dành cho {roles}. Bạn không dùng được lệnh này."
FLOOD = (
    "Bạn gửi nhanh quá nên tin nhắn này CHƯA được ghi nhận. "
    "Vui lòng đợi khoảng {seconds} giây rồi gửi lại."
)
INTERNAL_ERROR = (
    "Xin lỗi, hệ thống gặp lỗi khi xử lý tin nhắn này nên chưa ghi nhận gì. "
    "Vui lòng gửi lại sau ít phút; nếu vẫn lỗi, hãy báo quản trị."
)
HELP_HEADER = "Các lệnh của {role}:"
HELP_FOOTER = "Bạn có thể gửi /huy bất cứ lúc nào để dừng thao tác đang làm."
YES = "Có"
NO = "Không"
BACK = "Quay lại"
SKIP = "Bỏ qua"
DONE = "Xong"

# --- binding an account -------------------------------------------------------------------

NOT_BOUND = (
    "Tài khoản chat này chưa được liên kết với cán bộ nào. "
    "Hãy mở đường liên kết mời, hoặc gửi /start kèm mã mời do Thường trực thi đua cấp."
)
ASK_INVITE_CODE = (
    "Xin chào! Vui lòng nhập mã mời (gồm 10 ký tự) do Thường trực thi đua cấp cho bạn."
)
INVITE_UNKNOWN = "Mã mời không đúng. Vui lòng kiểm tra lại từng ký tự rồi nhập lại."
INVITE_USED = "Mã mời này đã được dùng. Nếu bạn cần liên kết lại, hãy xin mã mới."
INVITE_EXPIRED = "Mã mời này đã hết hạn ngày {date}. Vui lòng xin mã mới."
INVITE_OFFICER_INACTIVE = (
    "Cán bộ gắn với mã mời này không còn trong danh sách. Vui lòng liên hệ quản trị."
)
BIND_THROTTLED = "Bạn đã nhập sai mã quá nhiều lần. Vui lòng thử lại sau {time}."
ACCOUNT_INACTIVE = (
    "Tài khoản của bạn đã ngừng hoạt động trong danh sách cán bộ. "
    "Nếu có nhầm lẫn, vui lòng liên hệ quản trị."
)
WELCOME = (
    "Xin chào {name} ({position}{unit})!\nBạn đã liên kết tài khoản thành công với vai trò {role}."
)
WELCOME_BACK = "Xin chào {name} ({position}{unit})! Vai trò của bạn: {role}."
BIND_FORM_TITLE = "liên kết tài khoản"

# --- the report form ----------------------------------------------------------------------

REPORT_FORM_TITLE = "báo cáo thành tích"
ASK_CRITERION = "Bước 1. Thành tích của bạn thuộc tiêu chí thi đua nào?"
SHOW_FULL_CRITERIA = "📖 Xem đầy đủ các tiêu chí"
FULL_CRITERIA_HEADER = "Các tiêu chí thi đua của kế hoạch:"
CRITERION_TARGET = "Chỉ tiêu: {target}"
ASK_SCOPE = "Đây là thành tích của cá nhân bạn, hay của tập thể đơn vị (bạn báo cáo thay đơn vị)?"
ASK_INITIATIVE = (
    "Đây có phải là sáng kiến, giải pháp hoặc cách làm mới không?\n"
    "(Kế hoạch xét khen thưởng riêng cho sáng kiến.)"
)
ASK_TITLE = "Nhập tên ngắn gọn của thành tích (ví dụ: «Số hóa 100% hồ sơ hộ tịch năm 2026»)."
ASK_DESCRIPTION = "Mô tả việc đã làm: làm gì, làm như thế nào."
ASK_PERIOD = "Thời gian thực hiện (ví dụ: «Quý III/2026» hoặc «từ 01/3 đến 30/6/2026»)."
ASK_RESULT = "Kết quả đạt được là gì?"
ASK_FIGURE = (
    "Tiêu chí này có chỉ tiêu {target}. Nhập số liệu đạt được (ví dụ: «98% hồ sơ đúng hạn»), "
    "hoặc bấm «Bỏ qua»."
)
ASK_EVIDENCE = (
    "Gửi minh chứng: ảnh, tệp (PDF, Word, Excel, ảnh) hoặc đường liên kết, bao nhiêu cũng được. "
    "Gửi xong thì bấm «Xong»."
)
EVIDENCE_SO_FAR = "Minh chứng đã có:"
EVIDENCE_NONE = "(chưa có minh chứng)"
REMOVE_EVIDENCE = "Xóa bớt minh chứng"
ASK_EVIDENCE_TO_REMOVE = "Chọn minh chứng cần xóa:"
EVIDENCE_REMOVED = "Đã xóa minh chứng «{name}»."
EVIDENCE_ADDED = "Đã nhận «{name}» ({size})."
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
SUMMARY_HEADER = "Xem lại báo cáo trước khi gửi:"
SUMMARY_SEND = "✅ Gửi"
SUMMARY_EDIT = "✏️ Sửa"
SUMMARY_CANCEL = "❌ Hủy"
ASK_FIELD_TO_EDIT = "Bạn muốn sửa mục nào?"
FIELD_NAMES = {
    "criterion": "Tiêu chí",
    "scope": "Cá nhân / tập thể",
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
    "Đã gửi báo cáo số {number}. Báo cáo đang chờ thủ trưởng đơn vị xác nhận. "
    "Xem lại bằng lệnh /cuatoi."
)
REPORT_UPDATED = "Đã lưu thay đổi của báo cáo số {number}. Báo cáo đang chờ thủ trưởng xác nhận."
REPORT_LOCKED = "Báo cáo số {number} đã được xác nhận nên không sửa hoặc rút được nữa."
REPORT_NOT_EDITABLE = "Báo cáo số {number} đã rút nên không sửa được nữa."

# --- my reports ---------------------------------------------------------------------------

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
    "Hình thức: {scope}{initiative}\n"
    "Tên: {title}\n"
    "Việc đã làm: {description}\n"
    "Thời gian: {period}\n"
    "Kết quả: {result}{figure}\n"
    "Minh chứng:\n{evidence}"
)
INITIATIVE_MARK = " · sáng kiến, giải pháp, cách làm mới"
FIGURE_LINE = "\nSố liệu: {figure}"
SUBMITTED_AT = "Gửi lúc {time}"

# --- terminal console and command line ----------------------------------------------------

CONSOLE_PICK_USER = "Chọn người dùng thử (gõ số thứ tự):"
CONSOLE_PICK_INVALID = "Không có lựa chọn này. Gõ một số từ 1 đến {count}."
CONSOLE_NO_USERS = "Danh sách cán bộ trống. Hãy nạp danh sách bằng: python -m bot import-roster TỆP"
CONSOLE_UNKNOWN_USER = "Không có cán bộ mã {code} trong danh sách."
CONSOLE_BANNER = (
    "Bạn đang trò chuyện với bot với tư cách {name} ({role}, {unit}).\n"
    "Gõ tin nhắn rồi nhấn Enter. Gõ số để bấm nút. Để gửi tệp, gõ đường dẫn của tệp.\n"
    "Gõ /trogiup để xem lệnh; nhấn Ctrl+D (Ctrl+Z trên Windows) để thoát."
)
CONSOLE_BUTTON_HINT = "(hoặc gõ đúng tên nút)"
CONSOLE_FILE_SAVED = "[Tệp đính kèm: {name}, đã lưu tại {path}]"
CONSOLE_BYE = "Tạm biệt!"
NO_TOKEN_FALLBACK = (
    "Chưa cấu hình TELEGRAM_BOT_TOKEN nên bot chạy trên cửa sổ dòng lệnh "
    "với kế hoạch và danh sách cán bộ mẫu."
)
TOKEN_MISSING = (
    "Thiếu thiết lập TELEGRAM_BOT_TOKEN (mã của bot do @BotFather cấp).\n"
    "Hãy ghi nó vào tệp .env (xem .env.example), "
    "hoặc chạy thử không cần Telegram bằng: python -m bot console"
)
INVITE_ISSUED = "Mã mời cho {name} ({code}): {invite}\nHết hạn: {expires}"
INVITE_LINK = "Đường liên kết: {link}"
INVITE_NO_USERNAME = (
    "Chưa biết tên bot nên chưa tạo được đường liên kết: đặt TELEGRAM_BOT_USERNAME "
    "hoặc TELEGRAM_BOT_TOKEN. Người nhận có thể gửi cho bot: /start {invite}"
)
OFFICER_NOT_FOUND = "Không có cán bộ mã {code} trong danh sách."
ROSTER_SUMMARY = (
    "Đã nạp {file}: {units_created} đơn vị mới, {units_updated} đơn vị cập nhật; "
    "{officers_created} cán bộ mới, {officers_updated} cán bộ cập nhật; {errors} dòng lỗi."
)
ROSTER_ROW_ERROR = "Dòng {line}: {reason}"
CAMPAIGN_BROKEN = "Không đọc được tệp kế hoạch thi đua: {error}"
SETTINGS_BROKEN = "Thiết lập không hợp lệ: {error}"

# --- roster import ------------------------------------------------------------------------

ROSTER_COLUMN_NAMES = {
    "code": "Mã cán bộ",
    "full_name": "Họ và tên",
    "position": "Chức vụ",
    "unit_code": "Mã đơn vị",
    "unit_name": "Tên đơn vị",
    "role": "Vai trò",
    "phone": "Điện thoại",
    "email": "Email",
    "status": "Trạng thái",
}
ROSTER_FILE_NOT_FOUND = "Không tìm thấy tệp {name}."
ROSTER_FILE_TYPE = (
    "Không nạp được tệp {name}: chỉ nhận bảng tính Excel (.xlsx) hoặc tệp CSV (.csv)."
)
ROSTER_FILE_OLD_EXCEL = (
    "Tệp {name} là định dạng Excel cũ (.xls). Hãy mở bằng Excel, chọn «Lưu thành» "
    "(Save As) kiểu «Excel Workbook (.xlsx)» rồi nạp lại."
)
ROSTER_FILE_UNREADABLE = "Không đọc được tệp {name}: tệp bị hỏng hoặc không phải bảng tính Excel."
ROSTER_FILE_ENCODING = (
    "Tệp {name} không phải CSV mã UTF-8. Trong Excel, hãy lưu lại bằng kiểu "
    "«CSV UTF-8 (Comma delimited)» hoặc lưu thành .xlsx rồi nạp lại."
)
ROSTER_FILE_EMPTY = "Tệp {name} không có dữ liệu."
ROSTER_MISSING_COLUMNS = (
    "Tệp {name} thiếu cột: {columns}. Dòng tiêu đề phải có các cột: {required}."
)
ROSTER_DUPLICATE_COLUMN = "Tệp {name} có hai cột «{column}» ở dòng tiêu đề (dòng {line})."
ROSTER_REQUIRED = "thiếu {column}"
ROSTER_TOO_LONG = "{column} dài quá {limit} ký tự"
ROSTER_BAD_ROLE = (
    "vai trò «{value}» không hợp lệ (ghi một trong: Cán bộ, Thủ trưởng, Thường trực, Quản trị)"
)
ROSTER_BAD_STATUS = "trạng thái «{value}» không hợp lệ (ghi «Đang công tác» hoặc «Nghỉ việc»)"
ROSTER_DUPLICATE_CODE = "mã cán bộ {code} trùng với dòng {line}"
ROSTER_BAD_PHONE = "số điện thoại «{value}» chỉ được gồm chữ số"
ROSTER_BAD_EMAIL = "email «{value}» không hợp lệ"
ROSTER_UNIT_NAME_CONFLICT = "mã đơn vị {code} đã ghi tên «{name}» ở dòng {line}"
