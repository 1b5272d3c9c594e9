"""Unit heads confirming and returning reports."""

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
