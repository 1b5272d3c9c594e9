"""Announcements: composing, sending, the delivery report."""

# --- announcement report ---------------------------------------------------------------------

DELIVERY_LIST_HEADER = "Các thông báo gần đây:"
DELIVERY_LIST_LINE = "• Số {number} — {time} — «{snippet}» — đã nhận {acknowledged}/{total}"
DELIVERY_LIST_FAILED = " — ⚠️ gửi lỗi {failed}"
DELIVERY_NEW = "📝 Gửi thông báo mới"
DELIVERY_OPEN = "Số {number}"
DELIVERY_NOT_FOUND = "Không tìm thấy thông báo này."
DELIVERY_REPORT = (
    "Thông báo số {number}, gửi lúc {time}, người gửi: {author}\n"
    "Gửi tới: {audience}\n"
    "Nội dung: «{snippet}»{file}\n\n"
    "Tình hình nhận ({total} người nhận):\n"
    "📨 Đã gửi tới: {sent} người (đã bấm «Đã nhận»: {acknowledged}; chưa bấm: {unacknowledged})\n"
    "⏳ Đang chờ gửi: {waiting}{retrying}\n"
    "🚫 Không gửi được (người nhận đã chặn bot): {unreachable}\n"
    "{failed}"
    "🔗 Chưa liên kết tài khoản chat: {unbound}"
)
DELIVERY_FAILED_LINE = (
    "⚠️ Gửi lỗi (đã thử lại nhiều lần không được, hoặc ứng dụng chat từ chối tin nhắn): {failed}"
    " — bấm «🔁 Gửi lại» để gửi lại cho những người này\n"
)
DELIVERY_RETRYING = (
    " (trong đó {count} người chưa gửi được vì mạng hoặc ứng dụng chat đang lỗi; "
    "bot đang tự động gửi lại)"
)
DELIVERY_RESEND = "🔁 Gửi lại ({count})"
DELIVERY_RESENT = (
    "Đã xếp lịch gửi lại thông báo số {number} cho {count} người gửi lỗi; bot đang gửi. "
    "Bấm «🔄 Cập nhật» để xem kết quả."
)
DELIVERY_RESEND_ALREADY = (
    "Những người gửi lỗi của thông báo số {number} đã được xếp lịch gửi lại rồi "
    "(có thể một người khác vừa bấm). Dưới đây là tình hình mới nhất."
)
DELIVERY_RESEND_NONE = "Thông báo số {number} hiện không còn ai gửi lỗi để gửi lại."
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
    "secretariat": "Thường trực thi đua",
    "admin": "Quản trị hệ thống",
    "leadership": "Lãnh đạo UBND phường",
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
