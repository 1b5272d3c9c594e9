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
# A moment as Vietnamese offices write it: 08:00 ngày 25/11/2026.
MOMENT_FORMAT = "%H:%M ngày %d/%m/%Y"
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
WELCOME_MISSED_ANNOUNCEMENTS = (
    "Có {count} thông báo của thường trực thi đua gửi trước khi bạn liên kết; "
    "bot gửi lại ngay sau đây."
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
REPORT_NEW_NUMBER = "(mới)"
REPORT_DRAFT_STATUS = "Bản nháp"
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
ROSTER_KEPT_CHAT_EDIT = (
    "Dòng {line}: giữ {columns} của {code} như quản trị đã sửa bằng /canbo (tệp ghi khác)."
)
ROSTER_KEPT_HINT = (
    "Nếu tệp mới là đúng, nạp lại để tệp được ưu tiên, cho một cán bộ: "
    "python -m bot import-roster --overwrite-officer {code} {file}\n"
    "hoặc cho tất cả: python -m bot import-roster --overwrite {file}"
)
ROSTER_MANY_HEADS = (
    "Lưu ý: {unit} đang có {count} thủ trưởng: {heads}. Mỗi đơn vị chỉ một thủ trưởng; "
    "hãy sửa tệp hoặc dùng /canbo."
)
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

# --- admin -----------------------------------------------------------------------------------

ADMIN_LOOKUP_TITLE = "tìm cán bộ"
ADMIN_ASK_INVITE = (
    "Cấp mã mời cho ai? Nhập mã cán bộ hoặc một phần họ tên (ví dụ: VP04 hoặc Phạm Thị Lan)."
)
ADMIN_ASK_OFFICER = (
    "Sửa thông tin cán bộ nào? Nhập mã cán bộ hoặc một phần họ tên (ví dụ: VP04 hoặc Lan)."
)
ADMIN_NOT_FOUND = (
    "Không tìm thấy cán bộ nào khớp «{query}» trong danh sách. Hãy nhập lại, hoặc gửi /huy để thôi."
)
ADMIN_PICK = "Có {count} cán bộ khớp «{query}». Chọn một người:"
ADMIN_PICK_MORE = "(Chỉ hiện {shown} người đầu tiên; hãy nhập cụ thể hơn.)"
ADMIN_INACTIVE_MARK = " (nghỉ việc)"
ADMIN_INVITE_INACTIVE = (
    "{name} ({code}) đã nghỉ việc nên không cấp mã mời. "
    "Nếu người này trở lại công tác, hãy kích hoạt lại bằng /canbo {code}."
)
ADMIN_INVITE_NOTE = (
    "Mã chỉ dùng được một lần. Hãy chuyển mã cho đúng người nhận qua kênh riêng "
    "(trực tiếp hoặc qua điện thoại)."
)
ADMIN_INVITE_BOUND = (
    "Lưu ý: {name} đã liên kết {count} tài khoản chat; mã mới cho phép liên kết thêm "
    "một tài khoản (ví dụ khi đổi điện thoại)."
)
ADMIN_NOT_FOUND_BY_ID = "Không tìm thấy cán bộ này trong danh sách."

# --- announcement report ---------------------------------------------------------------------

DELIVERY_LIST_HEADER = "Các thông báo gần đây:"
DELIVERY_LIST_LINE = "• Số {number} — {time} — «{snippet}» — đã nhận {acknowledged}/{total}"
DELIVERY_NEW = "📝 Gửi thông báo mới"
DELIVERY_OPEN = "Số {number}"
DELIVERY_NOT_FOUND = "Không tìm thấy thông báo này."
DELIVERY_REPORT = (
    "Thông báo số {number}, gửi lúc {time}, người gửi: {author}\n"
    "Gửi tới: {audience}\n"
    "Nội dung: «{snippet}»{file}\n\n"
    "Tình hình nhận ({total} người nhận):\n"
    "📨 Đã gửi tới: {sent} người (đã bấm «Đã nhận»: {acknowledged}; chưa bấm: {unacknowledged})\n"
    "⏳ Đang chờ gửi: {waiting}\n"
    "🚫 Không gửi được (người nhận đã chặn bot): {unreachable}\n"
    "{failed}"
    "🔗 Chưa liên kết tài khoản chat: {unbound}"
)
DELIVERY_FAILED_LINE = "⚠️ Gửi lỗi, không gửi lại được: {failed}\n"
DELIVERY_FILE = "\nTệp đính kèm: {name}"
DELIVERY_REFRESH = "🔄 Cập nhật"
DELIVERY_BACK = "⬅️ Danh sách thông báo"
DELIVERY_GROUP_NAMES = {
    "ack": "Đã bấm «Đã nhận»",
    "sent": "Đã gửi, chưa bấm «Đã nhận»",
    "wait": "Đang chờ gửi",
    "unr": "Đã chặn bot",
    "fail": "Gửi lỗi",
    "unb": "Chưa liên kết tài khoản",
}
DELIVERY_GROUP_HEADER = "Thông báo số {number} — {group} ({count} người):"
DELIVERY_GROUP_EMPTY = "Không có ai trong nhóm này."
DELIVERY_GROUP_MORE = "… và {count} người nữa."
DELIVERY_BACK_TO_REPORT = "⬅️ Tình hình nhận"
ACK_DONE = "Cảm ơn bạn! Đã ghi nhận bạn đã nhận thông báo số {number}."
ACK_ALREADY = "Bạn đã xác nhận đã nhận thông báo số {number} lúc {time}; không cần bấm lại."
ACK_NOT_RECIPIENT = "Không tìm thấy thông báo này trong các thông báo gửi cho bạn."

# --- announcement send -----------------------------------------------------------------------

ANNOUNCE_ROLE_AUDIENCES = {
    "unit_head": "Tất cả thủ trưởng đơn vị",
    "officer": "Tất cả cán bộ, công chức (không giữ vai trò khác)",
    "secretariat": "Thường trực thi đua (phòng Văn hóa – Xã hội)",
    "admin": "Quản trị hệ thống",
}
ANNOUNCE_EVERYONE = "Tất cả cán bộ, công chức đang công tác"
ANNOUNCE_UNITS_LIST = "Các đơn vị: {units}"
ANNOUNCE_MESSAGE = (
    "📢 THÔNG BÁO SỐ {number}\n"
    "Người gửi: {author} ({unit})\n\n"
    "{text}\n\n"
    "Khi đã đọc, vui lòng bấm «✅ Đã nhận»."
)
ANNOUNCE_ACK_BUTTON = "✅ Đã nhận"
ANNOUNCE_SENT = (
    "Đã gửi thông báo số {number} tới {total} người: {queued} người đang được gửi qua chat, "
    "{unbound} người chưa liên kết tài khoản chat nên chưa nhận được."
)
ANNOUNCE_SHOW_DELIVERY = "📊 Xem tình hình nhận"

# --- announcements ---------------------------------------------------------------------------

ANNOUNCE_FORM_TITLE = "soạn thông báo"
ANNOUNCE_ASK_TEXT = (
    "Nhập nội dung thông báo (ít nhất 10 ký tự). "
    "Người nhận sẽ đọc đúng nội dung này, kèm tên người gửi."
)
ANNOUNCE_ASK_FILE = (
    "Gửi tệp kèm theo thông báo nếu có (PDF, Word, Excel hoặc ảnh; ví dụ bản kế hoạch), "
    "hoặc bấm «Bỏ qua»."
)
ANNOUNCE_FILE_EXPECTED = "Ở bước này hãy gửi một tệp, hoặc bấm «Bỏ qua» nếu không kèm tệp."
ANNOUNCE_FILE_ADDED = "Đã nhận tệp «{name}»."
ANNOUNCE_NO_FILE = "Không kèm tệp"
ANNOUNCE_REMOVE_FILE = "Bỏ tệp đính kèm"
ANNOUNCE_ASK_AUDIENCE = "Gửi thông báo tới ai?"
ANNOUNCE_AUDIENCE_ALL = "Toàn phường"
ANNOUNCE_AUDIENCE_UNITS = "Một số đơn vị"
ANNOUNCE_AUDIENCE_ROLE = "Theo vai trò"
ANNOUNCE_ASK_UNITS = (
    "Chọn các đơn vị nhận thông báo (bấm lần nữa để bỏ chọn), chọn xong thì bấm «Xong».\n"
    "Đã chọn: {chosen}"
)
ANNOUNCE_NONE_CHOSEN = "(chưa chọn đơn vị nào)"
ANNOUNCE_UNITS_REQUIRED = "Hãy chọn ít nhất một đơn vị rồi bấm «Xong»."
ANNOUNCE_ASK_ROLE = "Gửi tới những người giữ vai trò nào?"
ANNOUNCE_PREVIEW = (
    "Xem lại thông báo trước khi gửi:\n\n"
    "{text}\n\n"
    "Tệp đính kèm: {file}\n"
    "Gửi tới: {audience}\n"
    "Số người nhận: {total} (đã liên kết tài khoản chat: {bound}; chưa liên kết: {unbound})"
)
ANNOUNCE_UNBOUND_NOTE = (
    "Những người chưa liên kết tài khoản chat sẽ không nhận được thông báo qua bot; "
    "hãy báo cho họ bằng cách khác hoặc cấp mã mời."
)
ANNOUNCE_NO_RECIPIENTS = (
    "Không có ai đang công tác trong nhóm người nhận đã chọn. Hãy bấm «Sửa» để chọn lại."
)
ANNOUNCE_ASK_FIELD = "Bạn muốn sửa phần nào?"
ANNOUNCE_FIELD_NAMES = {
    "text": "Nội dung",
    "file": "Tệp đính kèm",
    "audience": "Người nhận",
}

# --- award view ------------------------------------------------------------------------------

AWARD_DOSSIER_STATUS_NAMES = {
    "draft": "Đang lập",
    "submitted": "Đã gửi, chờ tiếp nhận",
    "accepted": "Đã được tiếp nhận",
    "returned": "Bị trả lại",
}
AWARD_COLLECTIVE_NOMINEE = "Tập thể {unit}"
AWARD_NOMINATION_TITLE = "{nominee} — {award}"
AWARD_STANDARD_OPTION = "{label} ({source})"
AWARD_STANDARD_BY_LAW = "theo quy định của {legal_basis} ({source})"
AWARD_STANDARD_UNKNOWN = "«{code}» (không còn trong kế hoạch)"
AWARD_REPORT_LINE = "Số {number}: {title} — tiêu chí {criterion}{initiative}"
AWARD_REPORT_INITIATIVE = ", sáng kiến"
AWARD_NO_REPORTS = "(chưa có báo cáo nào)"
AWARD_DETAIL = (
    "Đối tượng: {nominee}\n"
    "Hình thức: {award} của {granted_by}\n"
    "Tiêu chuẩn: {standard}\n"
    "Báo cáo làm căn cứ:\n{reports}"
)
AWARD_ADVICE_HEADER = "Bot kiểm tra (chỉ để tham khảo; Hội đồng Thi đua Khen thưởng quyết định):"
AWARD_ADVICE_BACKED = "✅ Tiêu chuẩn đã có báo cáo đã được xác nhận làm căn cứ."
AWARD_ADVICE_NO_REPORT = "⚠️ Còn thiếu: chưa có báo cáo đã được xác nhận nào làm căn cứ."
AWARD_ADVICE_NEEDS_INITIATIVE = (
    "⚠️ Còn thiếu: tiêu chuẩn «{option}» cần có sáng kiến, nhưng các báo cáo đã chọn "
    "chưa có báo cáo nào là sáng kiến, giải pháp, cách làm mới."
)
AWARD_ADVICE_COMMON = "ℹ️ Điều kiện chung «{condition}» do đơn vị đánh giá, bot không kiểm tra."
AWARD_ADVICE_BY_LAW = (
    "ℹ️ {text}\nBot không kiểm tra được tiêu chuẩn theo {legal_basis}; "
    "phường xem xét, đề nghị theo quy định."
)

# --- deadline change -------------------------------------------------------------------------

DEADLINE_FORM_TITLE = "đặt hạn nộp"
DEADLINE_CURRENT = "Hạn nộp hồ sơ đang áp dụng: {text} — mốc tính hạn {moment}, tức là {meaning}."
DEADLINE_FROM_PLAN = "Đây là hạn ghi trong kế hoạch."
DEADLINE_CHANGED_FROM_PLAN = "Hạn này đã được điều chỉnh; kế hoạch ghi: {plan}."
DEADLINE_ASK = (
    "Nhập hạn mới theo dạng ngày/tháng/năm, ví dụ 01/12/2026: hiểu như kế hoạch ghi "
    "«trước 01/12/2026», tức là hồ sơ phải đến chậm nhất trong ngày 30/11/2026. "
    "Muốn hạn vào một giờ cụ thể thì thêm giờ:phút, ví dụ 01/12/2026 17:00."
)
DEADLINE_UNREADABLE = (
    "Chưa đọc được «{given}». Hãy nhập ngày theo dạng ngày/tháng/năm, ví dụ 01/12/2026, "
    "hoặc kèm giờ, ví dụ 01/12/2026 17:00."
)
DEADLINE_NO_SUCH_DATE = "«{given}» không phải ngày giờ có thật. Vui lòng kiểm tra lại."
DEADLINE_IN_PAST = (
    "Thời điểm {moment} đã qua (bây giờ là {now}). Hạn nộp mới phải sau thời điểm hiện tại."
)
DEADLINE_TOO_FAR = "Hạn {moment} cách hôm nay hơn một năm. Vui lòng kiểm tra lại năm."
DEADLINE_SAME = "Đây đúng là hạn đang áp dụng. Hãy nhập một ngày khác, hoặc gửi /huy để thôi."
DEADLINE_TEXT_DAY = "trước {day}"
DEADLINE_TEXT_TIME = "trước {time} ngày {day}"
DEADLINE_MEANING_DAY = "hồ sơ phải đến chậm nhất trong ngày {last_day} (trước 00:00 ngày {day})"
DEADLINE_MEANING_TIME = "hồ sơ phải đến trước {time} ngày {day}"
DEADLINE_CONFIRM = (
    "Hạn nộp mới: {text}.\n"
    "Tức là {meaning}; từ {moment} trở đi, hồ sơ được tính là nộp muộn.\n"
    "Hạn đang áp dụng: {old}.\n\n"
    "Xác nhận thay đổi?"
)
DEADLINE_AGREE = "✅ Đồng ý"
DEADLINE_RETYPE = "✏️ Nhập lại"
DEADLINE_SAVED = (
    "Đã đặt hạn nộp mới: {text} ({meaning}).\n"
    "Mọi người chưa được báo. Bấm nút dưới đây để xem trước và gửi thông báo cho tất cả."
)
DEADLINE_ANNOUNCE = "📢 Gửi thông báo cho mọi người"
DEADLINE_ANNOUNCEMENT = (
    "Hạn gửi hồ sơ đề nghị khen thưởng của phong trào {campaign} về {recipient} "
    "được điều chỉnh từ «{old}» thành «{new}»: {meaning}. "
    "Đề nghị các đơn vị hoàn thiện hồ sơ và gửi đúng hạn."
)
DEADLINE_UNCHANGED = "Hạn nộp vẫn như kế hoạch, chưa có thay đổi nào để thông báo."

# --- dossier ---------------------------------------------------------------------------------

DOSSIER_GAPS = "Chưa gửi được vì hồ sơ còn thiếu:\n{items}\nBổ sung xong, bấm «Gửi hồ sơ» lại."
DOSSIER_GAP_NO_NOMINATION = "{name}: chưa có đề xuất khen thưởng nào (lập bằng /dexuat)"
DOSSIER_ASK_SEND = (
    "Gửi hồ sơ của {unit} ({count} đề xuất) cho phòng Văn hóa – Xã hội? Sau khi gửi, "
    "hồ sơ và các đề xuất không sửa được nữa, trừ khi hồ sơ bị trả lại."
)
DOSSIER_LATE_WARNING = (
    "⚠️ Đã quá hạn nộp (hạn nộp: {deadline}): hồ sơ vẫn được nhận nhưng sẽ ghi là nộp muộn."
)
DOSSIER_CONFIRM_SEND = "✅ Đồng ý gửi"
DOSSIER_KEEP = "Chưa gửi"
DOSSIER_NOT_SENT = "Hồ sơ chưa được gửi."
DOSSIER_SENT = (
    "Đã gửi hồ sơ cho phòng Văn hóa – Xã hội lúc {time}. Bạn sẽ được báo khi hồ sơ "
    "được tiếp nhận hoặc bị trả lại."
)
DOSSIER_SENT_LATE = "Hồ sơ được ghi là NỘP MUỘN (hạn nộp: {deadline})."
DOSSIER_NOTIFY_SUBMITTED = (
    "{unit} đã gửi hồ sơ đề nghị khen thưởng ({count} đề xuất){late}. "
    "Xem và tiếp nhận bằng lệnh /tiepnhan."
)
DOSSIER_NOTIFY_LATE = ", nộp muộn"

# --- dossier upload --------------------------------------------------------------------------

DOSSIER_UPLOAD_TITLE = "tải lên tài liệu hồ sơ"
DOSSIER_ASK_FILE = (
    "Gửi tệp cho mục «{name}» (PDF, Word, Excel hoặc ảnh). "
    "Tệp bạn gửi tiếp theo sẽ được lưu vào hồ sơ{replaces}."
)
DOSSIER_REPLACES = ", thay cho tệp «{old}» đang có"
DOSSIER_STOP_UPLOAD = "❌ Thôi"
DOSSIER_FILE_EXPECTED = "Ở bước này hãy gửi một tệp, hoặc bấm «Thôi»."
DOSSIER_FILE_SAVED = "Đã lưu «{file}» vào mục «{name}»."
DOSSIER_DRAFTED = (
    "Bot đã soạn «{file}» cho mục «{name}» từ các báo cáo đã xác nhận và lưu vào hồ sơ. "
    "Hãy tải về, kiểm tra; nếu cần ký, đóng dấu thì in, ký rồi tải bản đã ký lên thay."
)
DOSSIER_CANNOT_DRAFT = (
    "Bot không soạn thay được «{name}»: văn bản này phải có từ thực tế (biên bản do cuộc họp "
    "của đơn vị lập). Vui lòng tải lên bản đã ký."
)
DOSSIER_NOTHING_TO_VIEW = "Mục «{name}» chưa có tệp."
DOSSIER_FILE_CAPTION = "«{file}» — {name}"
DOSSIER_SLOT_NOT_FOUND = "Không tìm thấy mục này trong hồ sơ của đơn vị bạn."
DOSSIER_LOCKED = (
    "Hồ sơ đã gửi phòng Văn hóa – Xã hội nên không sửa được nữa. Khi hồ sơ bị trả lại, "
    "bạn sửa và gửi lại."
)

# --- dossier view ----------------------------------------------------------------------------

DOSSIER_HEADER = (
    "Hồ sơ đề nghị khen thưởng của {unit}\n"
    "Trạng thái: {status}{detail}\n"
    "Hạn nộp: {deadline} ({left})"
)
DOSSIER_SENT_AT = " — gửi lúc {time}"
DOSSIER_TIME = "%H:%M ngày %d/%m/%Y"
DOSSIER_LATE_MARK = " ⚠️ nộp muộn"
DOSSIER_DAYS_LEFT = "còn {days} ngày"
DOSSIER_OVERDUE = "đã quá hạn"
DOSSIER_LINE = "{mark} {number}. {name} — {file}"
DOSSIER_FOR_NOMINEE = "{document}: {nominee}"
DOSSIER_NO_FILE_YET = "chưa có"
DOSSIER_DRAFTED_MARK = " (bot soạn)"
DOSSIER_NO_NOMINATION = "chưa có đề xuất nào (lập bằng /dexuat)"
DOSSIER_HINT = (
    "Mỗi mục: «Tải lên» để gửi tệp của đơn vị, hoặc «Bot soạn» để bot soạn bản Word từ các "
    "báo cáo đã xác nhận. Đủ các mục thì bấm «Gửi hồ sơ»."
)
DOSSIER_READ_ONLY = (
    "Hồ sơ đang ở phòng Văn hóa – Xã hội nên chỉ xem được; khi hồ sơ bị trả lại, "
    "bạn sửa và gửi lại."
)
DOSSIER_UPLOAD_BUTTON = "⬆️ Tải lên {number}"
DOSSIER_DRAFT_BUTTON = "📝 Bot soạn {number}"
DOSSIER_VIEW_BUTTON = "👁 Xem {number}"
DOSSIER_SEND = "📤 Gửi hồ sơ"

# --- export wording --------------------------------------------------------------------------

DRAFT_AGENCY = "UBND {place}"
DRAFT_NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
DRAFT_MOTTO = "Độc lập - Tự do - Hạnh phúc"
DRAFT_NUMBER = "Số: …/TTr-{code}"
DRAFT_PLACE_DATE = "{place}, ngày {day} tháng {month} năm {year}"
DRAFT_AWARD_TITLE = "{name} của {granted_by}"
DRAFT_BY_LAW = "Theo quy định của {basis}"
DRAFT_COLLECTIVE_OF = "tập thể {unit}"
DRAFT_LETTER_TITLE = "TỜ TRÌNH"
DRAFT_LETTER_SUBJECT = (
    "Về việc đề nghị khen thưởng tập thể, cá nhân có thành tích trong thực hiện {title}"
)
DRAFT_LETTER_TO = "Kính gửi: Hội đồng Thi đua – Khen thưởng phường (qua {recipient})."
DRAFT_SECTION_BASIS = "1. Căn cứ đề nghị"
DRAFT_BASIS_PLAN = "Căn cứ {title} (số {number}, {issued});"
DRAFT_BASIS_COUNCIL = (
    "Căn cứ kết quả bình xét thi đua của Hội đồng Thi đua – Khen thưởng {unit} "
    "(có biên bản họp kèm theo)."
)
DRAFT_SECTION_RESULTS = "2. Kết quả thực hiện phong trào thi đua"
DRAFT_RESULTS = (
    "Trong phong trào thi đua, {unit} có {reports} thành tích được thủ trưởng đơn vị xác nhận, "
    "trong đó có {initiatives} sáng kiến, giải pháp, cách làm mới."
)
DRAFT_RESULTS_CRITERIA = "Các tiêu chí thi đua có thành tích: {criteria}."
DRAFT_RESULTS_NONE = "{unit} chưa có thành tích nào được thủ trưởng đơn vị xác nhận."
DRAFT_SECTION_PROPOSAL = "3. Đề nghị khen thưởng"
DRAFT_PROPOSAL_AWARD = "Đề nghị {granted_by} tặng {award} cho {subjects}."
DRAFT_COUNT_COLLECTIVES = "{count} tập thể"
DRAFT_COUNT_INDIVIDUALS = "{count} cá nhân"
DRAFT_AND = " và "
DRAFT_PROPOSAL_LIST = "Danh sách đề nghị khen thưởng cụ thể như sau:"
DRAFT_PROPOSAL_NONE = "Đơn vị chưa có đề nghị khen thưởng nào."
DRAFT_LIST_TITLE = "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"
DRAFT_LIST_HEADERS = (
    "STT",
    "Họ và tên / Tên tập thể",
    "Chức vụ",
    "Đơn vị",
    "Hình thức khen thưởng",
    "Tiêu chuẩn / thành tích",
)
DRAFT_LIST_ACHIEVEMENTS = "Thành tích: {titles}"
DRAFT_LETTER_CLOSING = "Kính trình Hội đồng Thi đua – Khen thưởng phường xem xét, quyết định./."
DRAFT_RECIPIENTS = "Nơi nhận:"
DRAFT_RECIPIENT_LINES = ("- Như trên;", "- Lưu: VT.")
DRAFT_HEAD_TITLE = "THỦ TRƯỞNG ĐƠN VỊ"
DRAFT_SIGN_SEALED = "(Ký, ghi rõ họ tên và đóng dấu)"
DRAFT_SIGN = "(Ký, ghi rõ họ tên)"
DRAFT_NAME_BLANK = "……………………"
DRAFT_REPORT_TITLE = "BÁO CÁO THÀNH TÍCH"
DRAFT_REPORT_SUBTITLE = "Đề nghị tặng {award}"
DRAFT_REPORT_CONTEXT = "(Thành tích trong thực hiện {title})"
DRAFT_PROFILE_INDIVIDUAL = "I. SƠ LƯỢC LÝ LỊCH"
DRAFT_PROFILE_COLLECTIVE = "I. SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH"
DRAFT_FULL_NAME = "Họ và tên"
DRAFT_BIRTH = "Ngày, tháng, năm sinh"
DRAFT_POSITION = "Chức vụ"
DRAFT_WORKPLACE = "Đơn vị công tác"
DRAFT_COLLECTIVE_NAME = "Tên tập thể"
DRAFT_HEAD = "Thủ trưởng đơn vị"
DRAFT_STAFF = "Số cán bộ, công chức"
DRAFT_DUTIES = "Chức năng, nhiệm vụ chính"
DRAFT_TO_FILL = "………………………………"
DRAFT_ACHIEVEMENTS = "II. THÀNH TÍCH ĐẠT ĐƯỢC"
DRAFT_ACHIEVEMENTS_INTRO = "Trong phong trào thi đua, {nominee} đã đạt được các thành tích sau:"
DRAFT_ACHIEVEMENTS_NONE = "(Chưa có thành tích nào được thủ trưởng đơn vị xác nhận.)"
DRAFT_ITEM = "{number}. {title}"
DRAFT_ITEM_INITIATIVE = " (sáng kiến, giải pháp, cách làm mới)"
DRAFT_SECTION_REQUEST = "III. ĐỀ NGHỊ KHEN THƯỞNG"
DRAFT_REQUEST = (
    "Căn cứ thành tích nêu trên, {unit} đề nghị {granted_by} tặng {award} cho {nominee}."
)
DRAFT_STANDARD = "Tiêu chuẩn khen thưởng: {standard}"
DRAFT_CONFIRM_TITLE = "XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ"
DRAFT_REPORTER_TITLE = "NGƯỜI BÁO CÁO THÀNH TÍCH"
EXPORT_CHOOSE = (
    "Chọn tài liệu cần xuất cho toàn phường (muốn xuất riêng một đơn vị: /xuat <tên hoặc mã "
    "đơn vị>):"
)
EXPORT_CHOOSE_UNIT = "Chọn tài liệu cần xuất cho {unit}:"
EXPORT_UNIT_NOT_FOUND = "Không tìm thấy đơn vị «{query}». Chọn một đơn vị dưới đây:"
EXPORT_UNIT_MANY = "Có {count} đơn vị khớp với «{query}». Chọn một đơn vị:"
EXPORT_WORKBOOK_BUTTON = "📊 Bảng tổng hợp (Excel)"
EXPORT_ARCHIVE_BUTTON = "🗂 Hồ sơ toàn phường (ZIP)"
EXPORT_UNIT_ARCHIVE_BUTTON = "🗂 Hồ sơ của đơn vị (ZIP)"
EXPORT_WORKBOOK_DONE = (
    "Bảng tổng hợp thi đua lúc {time}: {nominations} đề nghị khen thưởng, "
    "{reports} báo cáo của {units} đơn vị."
)
EXPORT_ARCHIVE_DONE = (
    "Hồ sơ toàn phường lúc {time}: {evidence} tệp minh chứng của các báo cáo đã xác nhận, "
    "{drafts} bản dự thảo (tờ trình, báo cáo thành tích), {uploads} tệp hồ sơ các đơn vị "
    "đã gửi; tổng dung lượng {size}."
)
EXPORT_ARCHIVE_PARTS = (
    "Hồ sơ lớn nên được chia thành {parts} tệp ZIP. Hãy tải đủ các tệp và giải nén "
    "vào cùng một thư mục."
)
EXPORT_ARCHIVE_PART = "Phần {part}/{parts}: {name}"
EXPORT_ARCHIVE_MISSING = "Không tìm thấy {count} tệp trong kho lưu trữ nên chưa đưa vào: {names}."
EXPORT_ARCHIVE_EMPTY = (
    "Chưa có gì để đóng gói: chưa có báo cáo được xác nhận, đề nghị khen thưởng "
    "hay hồ sơ nào của các đơn vị."
)
EXPORT_SHEET_NOMINEES = "Danh sách đề nghị"
EXPORT_SHEET_UNITS = "Tổng hợp đơn vị"
EXPORT_SHEET_MATRIX = "Ma trận tiêu chí"
EXPORT_SHEET_REPORTS = "Báo cáo"
EXPORT_NOMINEE_HEADERS = (
    "STT",
    "Họ và tên / Tập thể",
    "Chức vụ",
    "Đơn vị",
    "Hình thức",
    "Tiêu chuẩn",
    "Thành tích tóm tắt",
    "Ghi chú",
)
EXPORT_AWARD_HEADING = "{numeral}. {award} ({count})"
EXPORT_NO_NOMINATIONS = "(Chưa có đề nghị khen thưởng nào.)"
EXPORT_NOTE_INITIATIVE = "Có sáng kiến"
EXPORT_NOTE_UNLINKED = "Chưa gắn báo cáo đã xác nhận"
EXPORT_NOTE_LATE = "Hồ sơ nộp muộn"
EXPORT_UNIT_HEADERS = (
    "Mã đơn vị",
    "Đơn vị",
    "Số cán bộ",
    "Chờ xác nhận",
    "Đã xác nhận",
    "Bị trả lại",
    "Đã rút",
    "Tổng số báo cáo",
    "Đề nghị khen thưởng",
    "Hồ sơ",
    "Ngày gửi hồ sơ",
    "Nộp muộn",
)
EXPORT_DOSSIER_NONE = "Chưa lập hồ sơ"
EXPORT_TOTAL = "Cộng"
EXPORT_MATRIX_CONFIRMED = "Số báo cáo đã xác nhận, theo tiêu chí"
EXPORT_MATRIX_SENT = "Số báo cáo chờ xác nhận, theo tiêu chí"
EXPORT_MATRIX_UNIT = "Đơn vị"
EXPORT_REPORT_HEADERS = (
    "Số",
    "Đơn vị",
    "Cán bộ",
    "Tiêu chí",
    "Cá nhân / tập thể",
    "Sáng kiến",
    "Tên thành tích",
    "Trạng thái",
    "Gửi lúc",
    "Số minh chứng",
)
EXPORT_COLLECTIVE_FOLDER = "Tập thể đơn vị"
EXPORT_OTHER_EVIDENCE = "Minh chứng khác"
EXPORT_UPLOADS_FOLDER = "Hồ sơ đơn vị đã gửi"
EXPORT_LETTER_FILE = "Dự thảo - Tờ trình kèm danh sách.docx"
EXPORT_REPORT_FILE = "Dự thảo - Báo cáo thành tích - {award}.docx"
EXPORT_LINKS_FILE = "{report} - Liên kết minh chứng.txt"

# --- intake ----------------------------------------------------------------------------------

INTAKE_EMPTY = "Chưa có đơn vị nào gửi hồ sơ đề nghị khen thưởng."
INTAKE_HEADER = "Hồ sơ đề nghị khen thưởng các đơn vị đã gửi ({count}):"
INTAKE_LINE = "• {unit}: {status}, gửi lúc {time}{late}"
INTAKE_LATE = " ⚠️ nộp muộn"
INTAKE_NOT_SENT = "Chưa gửi hồ sơ: {units}."
INTAKE_OPEN = "📂 {unit}"
INTAKE_DOCUMENTS = "Tài liệu:"
INTAKE_NOMINATIONS = "Đề xuất ({count}):"
INTAKE_NOMINATION = "Đề xuất số {number}:\n{detail}"
INTAKE_VIEW_FILE = "👁 Xem {number}"
INTAKE_ACCEPT = "✅ Tiếp nhận"
INTAKE_RETURN = "↩️ Trả lại"
INTAKE_NOT_FOUND = "Không tìm thấy hồ sơ này."
INTAKE_NOT_PENDING = "Hồ sơ của {unit} đang ở trạng thái «{status}», không còn chờ tiếp nhận."
INTAKE_ACCEPTED = "Đã tiếp nhận hồ sơ của {unit}. Thủ trưởng đơn vị đã được báo."
INTAKE_RETURN_TITLE = "trả lại hồ sơ"
INTAKE_ASK_REASON = (
    "Nhập lý do trả lại hồ sơ của {unit} (cần bổ sung, sửa gì) để thủ trưởng đơn vị biết và sửa:"
)
INTAKE_RETURNED = "Đã trả lại hồ sơ của {unit}. Thủ trưởng đơn vị đã được báo lý do."
INTAKE_NOTIFY_ACCEPTED = (
    "Hồ sơ đề nghị khen thưởng của {unit} đã được phòng Văn hóa – Xã hội tiếp nhận."
)
INTAKE_NOTIFY_RETURNED = (
    "Hồ sơ đề nghị khen thưởng của {unit} bị phòng Văn hóa – Xã hội trả lại.\n"
    "Lý do: {reason}\nVui lòng mở /hoso để sửa, bổ sung rồi gửi lại."
)
INTAKE_FILE_CAPTION = "«{file}» — {name} ({unit})"

# --- nomination form -------------------------------------------------------------------------

NOMINATE_FORM_TITLE = "đề xuất khen thưởng"
NOMINATE_ASK_SUBJECT = "Bước 1. Đề xuất khen thưởng cho cá nhân hay cho tập thể đơn vị?"
NOMINATE_ASK_OFFICER = "Bước 2. Chọn cán bộ, công chức của đơn vị được đề xuất:"
NOMINATE_ASK_AWARD = "Chọn hình thức khen thưởng:\n{awards}"
NOMINATE_AWARD_LINE = "• {name} của {granted_by} (đề nghị: {proposed_by})"
NOMINATE_NO_STANDARD = (
    "Kế hoạch không có tiêu chuẩn {award} cho {subject}. Vui lòng chọn hình thức khác."
)
NOMINATE_DUPLICATE = (
    "{nominee} đã có đề xuất {award} (số {number}). Chọn hình thức khác, "
    "hoặc gửi /huy rồi mở đề xuất đó trong /dexuat."
)
NOMINATE_ASK_STANDARD = "Chọn tiêu chuẩn khen thưởng làm căn cứ:"
NOMINATE_ASK_OPTION = "{standard}\n\nĐề xuất dựa vào tiêu chuẩn nào?"
NOMINATE_SHOW_FULL_OPTIONS = "📖 Xem đầy đủ các tiêu chuẩn"
NOMINATE_FULL_OPTIONS = "Các tiêu chuẩn ({source}):\n{options}"
NOMINATE_ASK_REPORTS = (
    "Chọn các báo cáo đã được xác nhận làm căn cứ cho đề xuất: bấm một báo cáo để chọn "
    "hoặc bỏ chọn, xong thì bấm «Xong».\n\nĐã chọn:\n{chosen}"
)
NOMINATE_NO_CONFIRMED = (
    "{nominee} chưa có báo cáo nào đã được xác nhận. Bạn vẫn có thể bấm «Xong» để tiếp tục, "
    "nhưng đề xuất sẽ thiếu căn cứ."
)
NOMINATE_NONE_CHOSEN = "(chưa chọn báo cáo nào)"
NOMINATE_CHOSEN_LINE = "• Số {number}: {title}"
NOMINATE_REPORT_ON = "☑️ Số {number}: {title}"
NOMINATE_REPORT_OFF = "⬜ Số {number}: {title}"
NOMINATE_SUMMARY = (
    "Xem lại đề xuất trước khi lưu:\n\n{detail}\n\n"
    "Bot chỉ gợi ý; bạn vẫn có thể lưu đề xuất khi còn thiếu căn cứ."
)
NOMINATE_SAVE = "✅ Lưu đề xuất"
NOMINATE_RECHOOSE = "🔗 Chọn lại báo cáo"

# --- nomination store ------------------------------------------------------------------------

NOMINATE_SAVED = (
    "Đã lưu đề xuất số {number}: {title}. Xem các đề xuất bằng /dexuat; lập hồ sơ bằng /hoso."
)
NOMINATE_NOMINEE_GONE = "Cán bộ này không còn công tác ở đơn vị nên chưa lưu được đề xuất."
NOMINATE_LOCKED = (
    "Hồ sơ của đơn vị đã gửi phòng Văn hóa – Xã hội («{status}») nên không thêm, sửa "
    "hoặc rút đề xuất được nữa. Chỉ khi hồ sơ bị trả lại mới sửa được."
)
NOMINATE_WITHDRAWN = "Đã rút đề xuất số {number}."
NOMINATE_LETTER_STALE = (
    "Lưu ý: danh sách đề xuất đã thay đổi. Hãy soạn lại hoặc tải lên lại «{letter}» "
    "trong /hoso cho khớp."
)

# --- nominations -----------------------------------------------------------------------------

NOMINATE_LIST_HEADER = "Các đề xuất khen thưởng của {unit} ({count}):"
NOMINATE_LIST_LINE = "• Số {number}: {title} ({reports} báo cáo làm căn cứ)"
NOMINATE_OPEN = "Mở số {number}"
NOMINATE_NEW = "➕ Đề xuất mới"
NOMINATE_DETAIL_HEADER = "Đề xuất số {number}"
NOMINATE_WITHDRAW = "↩️ Rút đề xuất"
NOMINATE_ASK_WITHDRAW = (
    "Rút đề xuất số {number} ({title})? Đề xuất đã rút không được xét, và báo cáo thành tích "
    "của đề xuất này được bỏ khỏi hồ sơ."
)
NOMINATE_KEPT = "Đề xuất số {number} được giữ nguyên."
NOMINATE_NOT_FOUND = "Không tìm thấy đề xuất này trong các đề xuất của đơn vị bạn."

# --- notify ----------------------------------------------------------------------------------

NOTIFY_CONSOLE_RECIPIENT = "──── Tin nhắn bot gửi tới {name} ({code}) ────"

# --- roster edit -----------------------------------------------------------------------------

ROSTER_CARD = (
    "{name} ({code})\n"
    "Chức vụ: {position}\n"
    "Đơn vị: {unit}\n"
    "Vai trò: {role}\n"
    "Trạng thái: {status}\n"
    "Tài khoản chat đã liên kết: {bound}"
)
ROSTER_STATUS_ACTIVE = "Đang công tác"
ROSTER_STATUS_INACTIVE = "Nghỉ việc"
ROSTER_MOVE = "🏢 Chuyển đơn vị"
ROSTER_ROLE = "👤 Đổi vai trò"
ROSTER_DEACTIVATE = "🚪 Cho nghỉ việc"
ROSTER_REACTIVATE = "↩️ Kích hoạt lại"
ROSTER_BACK = "⬅️ Quay lại"
ROSTER_ASK_UNIT = "Chuyển {name} từ {unit} sang đơn vị nào?"
ROSTER_MOVED = "Đã chuyển {name} từ {old} sang {new}. Các báo cáo đã gửi trước đây vẫn thuộc {old}."
ROSTER_HEAD_MOVED = (
    "{name} là thủ trưởng {old} nên sang {new} được đặt vai trò «{officer}». "
    "{old} hiện chưa có thủ trưởng; hãy chỉ định bằng /canbo."
)
ROSTER_ASK_ROLE = "Đổi vai trò của {name} (hiện là {role}) thành:"
ROSTER_REPLACES = "{role} (thay {name})"
ROSTER_ROLE_CHANGED = "Đã đổi vai trò của {name}: {old} → {new}."
ROSTER_HEAD_REPLACED = "{name} thôi là thủ trưởng {unit}, nay là «{officer}»."
ROSTER_SELF = (
    "Bạn không thể tự đổi vai trò hay tự cho mình nghỉ việc, để phường không mất quyền quản trị. "
    "Hãy nhờ một quản trị khác."
)
ROSTER_ASK_DEACTIVATE = (
    "Cho {name} ({unit}) nghỉ việc? Sau đó các tài khoản chat của {name} không dùng bot được "
    "nữa và không nhận thông báo; các báo cáo đã gửi vẫn được giữ. Có thể kích hoạt lại sau."
)
ROSTER_AGREE = "✅ Đồng ý"
ROSTER_DEACTIVATED = "Đã ghi nhận {name} nghỉ việc."
ROSTER_NO_HEAD_LEFT = "{unit} hiện chưa có thủ trưởng; hãy chỉ định bằng /canbo."
ROSTER_REACTIVATED = (
    "Đã kích hoạt lại {name}. Nếu cần liên kết tài khoản chat mới, hãy cấp mã bằng /moi {code}."
)
ROSTER_BACK_AS_OFFICER = (
    "{unit} đã có thủ trưởng ({head}) nên {name} trở lại với vai trò «{officer}»."
)
ROSTER_ALREADY_INACTIVE = "{name} đã ở trạng thái nghỉ việc."
ROSTER_ALREADY_ACTIVE = "{name} đang công tác, không cần kích hoạt lại."
ROSTER_NO_CHANGE = "Không có gì thay đổi."

# --- reminders -------------------------------------------------------------------------------

REMIND_TIME_LEFT = "còn {days} ngày"
REMIND_LAST_WORKING_DAY = "hôm nay là ngày làm việc cuối cùng trước hạn"
REMIND_LAST_DAY = "hôm nay là ngày cuối cùng"
REMIND_OVERDUE = "đã quá hạn {days} ngày"
REMIND_FOOTER = "Đang nghỉ phép hoặc cần tạm dừng nhắc việc? Gửi /tamdung."
REMIND_MORE = "… và {count} mục khác"
REMIND_NO_REPORT = "Bạn chưa gửi báo cáo thành tích, sáng kiến nào."
REMIND_RETURNED_HEADER = "Báo cáo của bạn bị trả lại, chưa gửi lại:"
REMIND_RETURNED_LINE = "• Số {number} «{title}» — lý do: {reason}"
REMIND_REPORT_OF = "số {number} của {name}"
REMIND_WAITING = "• Chờ bạn xác nhận ({count}), xác nhận bằng /xacnhan: {reports}."
REMIND_UNIT_RETURNED = "• Bị trả lại, chờ cán bộ sửa và gửi lại ({count}): {reports}."
REMIND_MEMBERS_MISSING = "• Chưa gửi báo cáo ({count}): {names}."
REMIND_MEMBERS_PAUSED = "• Đang tạm dừng nhắc việc hoặc nghỉ phép: {names}."
REMIND_MEMBERS_OVERDUE = "Cán bộ chưa gửi báo cáo ({count}):"
REMIND_MEMBER_LINE = "• {name}"
REMIND_ON_LEAVE_MARK = "nghỉ phép đến hết ngày {day}"
REMIND_PAUSED_MARK = "tạm dừng nhắc việc đến {time}"
REMIND_RETURNED_MARK = "có báo cáo bị trả lại, chưa gửi lại"
REMIND_DOSSIER_NO_NOMINATION = (
    "• Hồ sơ đề nghị khen thưởng: chưa có đề xuất nào — đề xuất bằng /dexuat, "
    "rồi lập hồ sơ bằng /hoso."
)
REMIND_DOSSIER_GAPS = "• Hồ sơ đề nghị khen thưởng còn thiếu, bổ sung bằng /hoso: {documents}."
REMIND_DOSSIER_READY = "• Hồ sơ đề nghị khen thưởng đã đủ văn bản nhưng chưa gửi — gửi bằng /hoso."
REMIND_DOSSIER_RETURNED = "• Hồ sơ bị trả lại (lý do: {reason}) — sửa và gửi lại bằng /hoso."
REMIND_DOSSIER_DONE = "• Hồ sơ đề nghị khen thưởng: {state}."
REMIND_DOCUMENT_OF = "{document} của {nominee}"
REMIND_DOSSIER_STATES = {
    "none": "chưa lập",
    "draft": "đang lập, chưa gửi",
    "submitted": "đã gửi",
    "accepted": "đã tiếp nhận",
    "returned": "bị trả lại, chưa gửi lại",
}
REMIND_DOSSIER_LATE = " (nộp muộn)"
REMIND_DOSSIER_GAP_COUNT = " (còn thiếu {count} văn bản)"
REMIND_DOSSIER_NOMINEES_NONE = " (chưa có đề xuất)"
REMIND_SUMMARY_UNIT = (
    "• {unit}: {reported}/{members} cán bộ đã gửi báo cáo; {waiting} chờ xác nhận, "
    "{confirmed} đã xác nhận, {returned} bị trả lại; hồ sơ {dossier}."
)
REMIND_SUMMARY_NOT_SENT = "Chưa gửi hồ sơ ({count}): {units}."
REMIND_SUMMARY_ALL_SENT = "Tất cả đơn vị đã gửi hồ sơ."
REMIND_UNITS_MISSING = "Đơn vị chưa gửi hồ sơ ({count}):"
REMIND_UNIT_LINE = "• {unit}: hồ sơ {dossier}"
PAUSE_STATE_ACTIVE = "Bạn đang nhận nhắc việc thi đua bình thường."
PAUSE_STATE_PAUSED = "Bạn đang tạm dừng nhắc việc đến {time}."
PAUSE_STATE_LEAVE = (
    "Bạn đang nghỉ phép đến hết ngày {day}; trong thời gian này bot không gửi nhắc việc cho bạn."
)
PAUSE_HOW = (
    "Gửi /tamdung kèm số ngày (từ 1 đến 30) để tạm dừng nhắc việc, ví dụ /tamdung 3. "
    "Nếu nghỉ phép, hãy bấm «Nghỉ phép»: thủ trưởng đơn vị sẽ thấy bạn đang nghỉ "
    "trong bản tổng hợp hằng tuần."
)
PAUSE_LEAVE_BUTTON = "🌴 Nghỉ phép"
PAUSE_RESUME_BUTTON = "🔔 Tiếp tục nhận nhắc việc"
PAUSE_BAD_DAYS = "Số ngày tạm dừng phải là một số nguyên từ 1 đến 30, ví dụ: /tamdung 3."
PAUSE_DONE = (
    "Đã tạm dừng nhắc việc đến {time}. Sau thời điểm đó bot nhắc việc lại như thường; "
    "muốn nhận lại sớm hơn, gửi /tamdung rồi bấm «Tiếp tục nhận nhắc việc»."
)
PAUSE_LEAVE_TITLE = "báo nghỉ phép"
PAUSE_LEAVE_ASK = (
    "Bạn nghỉ phép bao nhiêu ngày, tính cả hôm nay? Chọn bên dưới hoặc gõ số ngày (từ 1 đến 30)."
)
PAUSE_LEAVE_BAD = "Số ngày nghỉ phép phải là một số nguyên từ 1 đến 30. Vui lòng nhập lại."
PAUSE_LEAVE_DAYS = "{days} ngày"
PAUSE_LEAVE_DONE = (
    "Đã ghi nhận bạn nghỉ phép đến hết ngày {day}. Trong thời gian này bot không gửi "
    "nhắc việc cho bạn; thủ trưởng đơn vị thấy bạn đang nghỉ phép trong bản tổng hợp hằng tuần."
)
PAUSE_RESUMED = "Đã bật lại nhắc việc. Từ bây giờ bạn nhận nhắc việc như thường."
PAUSE_NOT_PAUSED = "Bạn đang nhận nhắc việc bình thường, không có gì cần bật lại."
NOTICES_HEADER = "Nhắc việc theo hạn nộp {deadline} (bây giờ là {now}, giờ {zone})."
NOTICES_UPCOMING = "Sắp tới (số người nhận tính theo dữ liệu lúc này):"
NOTICES_UPCOMING_LINE = "• {time} — {rule}: {audience}; {count} người nhận{unbound}"
NOTICES_UNBOUND = " (và {count} người chưa liên kết tài khoản chat nên không nhận được)"
NOTICES_NONE_UPCOMING = "• Không còn nhắc việc nào."
NOTICES_RECENT = "Gần đây:"
NOTICES_RECENT_LINE = "• {time} — {rule}: {status}, {count} người nhận; tin nhắn: {delivery}"
NOTICES_NONE_RECENT = "• Chưa có lần nhắc việc nào."
NOTICES_RUN_STATUSES = {"sent": "đã gửi", "skipped": "bỏ qua vì đã quá thời gian gửi bù"}
NOTICES_DELIVERY_NONE = "không có"
NOTICES_OUTBOX_STATUSES = {
    "pending": "chờ gửi",
    "sent": "đã gửi",
    "unreachable": "không tới được",
    "failed": "gửi lỗi",
}
NOTICES_AUDIENCES = {
    "officers_without_report": "cán bộ chưa gửi báo cáo",
    "officers_with_returned_report": "cán bộ có báo cáo bị trả lại",
    "heads_with_pending_work": "thủ trưởng còn báo cáo chờ xác nhận hoặc hồ sơ chưa gửi",
    "heads_of_missing_officers": "thủ trưởng có cán bộ chưa gửi báo cáo",
    "secretariat_summary": "thường trực thi đua (tổng hợp)",
    "secretariat_missing_units": "thường trực thi đua (đơn vị chưa gửi hồ sơ)",
}
WEEKDAY_NAMES = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")

# --- confirmations ---------------------------------------------------------------------------

CONFIRM_HEADER = "Báo cáo chờ xác nhận {position}/{total}"
CONFIRM_SENDER = "Người gửi: {name}{position} — gửi lúc {time}"
CONFIRM_ASK = "Xác nhận hay trả lại báo cáo số {number}?"
CONFIRM_OK = "✅ Xác nhận"
CONFIRM_RETURN = "↩️ Trả lại"
CONFIRM_SKIP = "Bỏ qua"
CONFIRM_FROM_START = "Xem lại từ đầu"
CONFIRM_TOO_MANY_FILES = (
    "Báo cáo có {count} tệp minh chứng, nhiều quá để gửi lại trong khung chat; "
    "tên các tệp có ở danh sách minh chứng phía trên."
)
CONFIRM_FILE_MISSING = "Không còn tìm thấy tệp «{name}» trên máy chủ; vui lòng báo quản trị."
CONFIRM_QUEUE_EMPTY = "Không có báo cáo nào của cán bộ trong đơn vị đang chờ bạn xác nhận."
CONFIRM_QUEUE_END = (
    "Đã xem hết hàng chờ. Còn {count} báo cáo chờ xác nhận mà bạn đã bỏ qua; "
    "bấm «Xem lại từ đầu» để xem lại."
)
CONFIRM_OWN_WAITING = (
    "Bạn có {count} báo cáo của chính mình đang chờ xác nhận. Thủ trưởng không tự xác nhận "
    "báo cáo của mình; Thường trực thi đua xem xét các báo cáo này khi tiếp nhận hồ sơ của đơn vị."
)
CONFIRM_CONFIRMED = "Đã xác nhận báo cáo số {number} của {name}."
CONFIRM_RETURNED = "Đã trả lại báo cáo số {number} cho {name}, kèm lý do."
CONFIRM_TOLD = "Cán bộ sẽ nhận được thông báo."
CONFIRM_NOT_TOLD = (
    "Cán bộ chưa liên kết tài khoản chat nên chưa nhận được thông báo; "
    "trạng thái mới vẫn hiện trong /cuatoi của cán bộ."
)
CONFIRM_NOT_ALLOWED = "Chỉ thủ trưởng đơn vị mới xác nhận hoặc trả lại được báo cáo."
CONFIRM_NOT_FOUND = "Không tìm thấy báo cáo này trong các báo cáo của đơn vị bạn."
CONFIRM_OWN_REPORT = (
    "Đây là báo cáo của chính bạn: thủ trưởng không tự xác nhận hoặc trả lại báo cáo của mình."
)
CONFIRM_NOW_CONFIRMED = "Báo cáo số {number} đã được xác nhận trước đó."
CONFIRM_NOW_RETURNED = "Báo cáo số {number} đã được trả lại trước đó."
CONFIRM_NOW_WITHDRAWN = "Báo cáo số {number} đã được cán bộ rút lại."
CONFIRM_NOW_EDITED = (
    "Báo cáo số {number} vừa được cán bộ sửa lại nên đã chuyển xuống cuối hàng chờ; "
    "vui lòng xem bản mới trước khi xác nhận."
)
CONFIRM_RETURN_TITLE = "trả lại báo cáo"
CONFIRM_ASK_REASON = (
    "Nhập lý do trả lại báo cáo số {number} «{title}». Cán bộ sẽ nhận được đúng lý do này "
    "để sửa rồi gửi lại. Gửi /huy nếu không trả lại nữa."
)
CONFIRM_NOTICE_CONFIRMED = (
    "Báo cáo số {number} «{title}» của bạn đã được thủ trưởng đơn vị ({head}) xác nhận."
)
CONFIRM_NOTICE_RETURNED = (
    "Báo cáo số {number} «{title}» của bạn đã được thủ trưởng đơn vị ({head}) trả lại.\n"
    "Lý do: {reason}\n"
    "Bạn có thể sửa rồi gửi lại: gõ /cuatoi, mở báo cáo số {number} và chọn «✏️ Sửa»."
)

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
