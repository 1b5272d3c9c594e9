"""Words every capability shares: roles, statuses, the command menu, dates, general answers."""

# --- roles and statuses -------------------------------------------------------------------

ROLE_NAMES = {
    "officer": "Cán bộ, công chức",
    "unit_head": "Thủ trưởng đơn vị",
    "secretariat": "Thường trực thi đua",
    "admin": "Quản trị",
    "leadership": "Lãnh đạo UBND phường",
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
CMD_MINE = "Xem, sửa, rút báo cáo của mình"
CMD_STATUS = "Tình hình thi đua của đơn vị"
CMD_CONFIRM = "Xác nhận hoặc trả lại các báo cáo chờ bạn xác nhận"
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
UNSUPPORTED_DOCUMENTS_BY_LINK = (
    "Bot chưa đọc được loại tin nhắn này (nhãn dán, tin nhắn thoại, tệp đính kèm…). "
    "Bot nhận chữ và ảnh. Để nộp tệp PDF, Word, Excel làm minh chứng, gõ /baocao "
    "(hoặc mở báo cáo trong /cuatoi rồi chọn «Sửa»); đến bước gửi minh chứng, bot sẽ gửi "
    "đường liên kết để tải tệp lên."
)
# A file sent as a link, on a channel that cannot carry documents.
FILE_BY_LINK = (
    "📄 {name}: {url}\n(Hãy tải về sớm: đường liên kết chỉ dùng được trong thời gian ngắn.)"
)
# After the buttons shown as labels, where the user may also type text (plain-text channels).
TYPE_A_LABEL_HINT = "(hoặc gõ đúng tên nút)"
NOT_UNDERSTOOD = "Bot chưa hiểu tin nhắn này. Gõ /trogiup để xem các lệnh."
FILE_WITHOUT_FLOW = (
    "Bot đã nhận tệp nhưng chưa biết gắn vào báo cáo nào, nên chưa lưu. "
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
FLOOD_TAP = (
    "Bạn bấm nhanh quá nên lần bấm này CHƯA được ghi nhận. "
    "Vui lòng đợi khoảng {seconds} giây rồi bấm lại."
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


# --- notify ----------------------------------------------------------------------------------

NOTIFY_CONSOLE_RECIPIENT = "──── Tin nhắn bot gửi tới {name} ({code}) ────"
TEXT_INVISIBLE = (
    "Tin nhắn này không có chữ nào nhìn thấy được (chỉ có khoảng trắng hoặc ký tự ẩn). "
    "Vui lòng nhập lại bằng chữ."
)
# The name given to a file whose name had nothing left once made safe (e.g. "../..").
UNNAMED_FILE = "tep-khong-ten"
FILE_NOT_SENT = (
    "Không gửi được tệp «{name}» qua ứng dụng chat; các nội dung khác vẫn được gửi tiếp. "
    "Nếu cần tệp này, vui lòng báo quản trị."
)
FORM_NO_LONGER_ALLOWED = (
    "Vai trò của bạn vừa thay đổi nên bạn không còn quyền hoàn tất «{title}». "
    "Chưa có gì được lưu; gửi /trogiup để xem các lệnh bạn dùng được."
)
