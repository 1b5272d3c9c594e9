"""Binding an account, the roster import, the admin's invites and roster edits."""

# --- binding an account -------------------------------------------------------------------

NOT_BOUND = (
    "Tài khoản chat này chưa được liên kết với cán bộ nào nên chưa dùng được các lệnh. "
    "Hãy gửi mã mời (10 ký tự, ví dụ ABCDE-FGHJK) do quản trị cấp cho bạn; "
    "chưa có mã thì hãy liên hệ quản trị."
)
ASK_INVITE_CODE = (
    "Xin chào! Vui lòng gửi mã mời (10 ký tự, ví dụ ABCDE-FGHJK) do quản trị cấp cho bạn. "
    "Gõ chữ hoa hay chữ thường, có hay không có dấu gạch đều được."
)
NOT_A_CODE = (
    "Đây không phải mã mời. Mã mời gồm 10 chữ cái và chữ số, ví dụ ABCDE-FGHJK; "
    "hãy gửi đúng mã quản trị đã cấp."
)
INVITE_UNKNOWN = "Mã mời không đúng. Vui lòng kiểm tra lại từng ký tự rồi gửi lại."
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
INVITE_HOW = "Cách liên kết tài khoản:"
INVITE_TELEGRAM_LINK = "• Trên Telegram: mở đường liên kết {link} rồi bấm «Bắt đầu» (Start)."
INVITE_TELEGRAM_NO_LINK = "• Trên Telegram: mở bot của phường rồi gửi /start {invite}"
INVITE_ZALO_LINK = "• Trên Zalo: mở {link} (bot Zalo của phường) rồi gửi mã {invite}"
INVITE_ZALO_NO_LINK = "• Trên Zalo: mở bot Zalo của phường rồi gửi mã {invite}"
INVITE_NO_CHANNEL = (
    "Chưa cấu hình kênh chat nào (TELEGRAM_BOT_TOKEN hoặc ZALO_BOT_LINK trong tệp .env). "
    "Khi bot đã chạy, người nhận gửi cho bot mã {invite}"
)


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
    "vai trò «{value}» không hợp lệ (ghi một trong: Cán bộ, Thủ trưởng, Thường trực, "
    "Quản trị, Lãnh đạo UBND)"
)
ROSTER_BAD_STATUS = "trạng thái «{value}» không hợp lệ (ghi «Đang công tác» hoặc «Nghỉ việc»)"
ROSTER_DUPLICATE_CODE = "mã cán bộ {code} trùng với dòng {line}"
ROSTER_BAD_PHONE = "số điện thoại «{value}» không đúng dạng số Việt Nam nên để trống"
ROSTER_BAD_EMAIL = "email «{value}» không hợp lệ nên để trống"
ROSTER_SAME_PERSON = (
    "{name} trùng với dòng {line} (cùng họ tên và số điện thoại hoặc email): "
    "coi là một người, bỏ qua dòng này"
)
ROSTER_NO_UNIT = "thiếu đơn vị (ghi Tên đơn vị hoặc Mã đơn vị)"
ROSTER_NO_UNIT_NAME = "mã đơn vị {code} chưa có trong danh sách, cần ghi thêm Tên đơn vị"
ROSTER_UNIT_NAME_CONFLICT = "mã đơn vị {code} đã ghi tên «{name}» ở dòng {line}"


INVITE_ISSUED = "Mã mời cho {name} ({code}): {invite}\nHết hạn: {expires}"


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
ROSTER_DEACTIVATE = "🚪 Ghi nhận đã thôi công tác"
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
    "Bạn không thể tự đổi vai trò hay tự ghi nhận mình thôi công tác, để phường không mất "
    "quyền quản trị. "
    "Hãy nhờ một quản trị khác."
)
ROSTER_ASK_DEACTIVATE = (
    "Ghi nhận {name} ({unit}) đã thôi công tác tại phường (theo quyết định nhân sự đã có)? "
    "Sau đó các tài khoản chat của {name} không dùng bot được nữa và không nhận thông báo; "
    "các báo cáo đã gửi vẫn được giữ. Có thể kích hoạt lại sau."
)
ROSTER_AGREE = "✅ Đồng ý"
ROSTER_DEACTIVATED = "Đã ghi nhận {name} thôi công tác."
ROSTER_NO_HEAD_LEFT = "{unit} hiện chưa có thủ trưởng; hãy chỉ định bằng /canbo."
ROSTER_REACTIVATED = (
    "Đã kích hoạt lại {name}. Nếu cần liên kết tài khoản chat mới, hãy cấp mã bằng /moi {code}."
)
ROSTER_BACK_AS_OFFICER = (
    "{unit} đã có thủ trưởng ({head}) nên {name} trở lại với vai trò «{officer}»."
)
ROSTER_ALREADY_INACTIVE = "{name} đã được ghi nhận thôi công tác."
ROSTER_ALREADY_ACTIVE = "{name} đang công tác, không cần kích hoạt lại."
ROSTER_NO_CHANGE = "Không có gì thay đổi."
