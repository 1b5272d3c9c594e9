"""Confirming and returning reports: unit heads, the ward's leadership."""

# --- confirmations ---------------------------------------------------------------------------

CONFIRM_HEADER = "Báo cáo chờ xác nhận {position}/{total}"
CONFIRM_SENDER = "Người gửi: {name}{position}, {unit} — gửi lúc {time}"
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
CONFIRM_QUEUE_EMPTY = "Không có báo cáo nào đang chờ bạn xác nhận."
CONFIRM_QUEUE_END = (
    "Đã xem hết hàng chờ. Còn {count} báo cáo chờ xác nhận mà bạn đã bỏ qua; "
    "bấm «Xem lại từ đầu» để xem lại."
)
CONFIRM_OWN_WAITING = (
    "Bạn có {count} báo cáo của chính mình đang chờ xác nhận. Không ai tự xác nhận báo cáo "
    "của mình: báo cáo của bạn do {confirmer} xác nhận."
)
CONFIRM_CONFIRMED = "Đã xác nhận báo cáo số {number} của {name}."
CONFIRM_RETURNED = "Đã trả lại báo cáo số {number} cho {name}, kèm lý do."
CONFIRM_TOLD = "Người gửi sẽ nhận được thông báo."
CONFIRM_NOT_TOLD = (
    "Người gửi chưa liên kết tài khoản chat nên chưa nhận được thông báo; "
    "trạng thái mới vẫn hiện trong /cuatoi của họ."
)
CONFIRM_NOT_ALLOWED = (
    "Theo kế hoạch thi đua, bạn không xác nhận báo cáo nào nên không dùng được nút này."
)
CONFIRM_NOT_FOUND = "Không tìm thấy báo cáo này trong các báo cáo bạn xác nhận."
CONFIRM_OWN_REPORT = (
    "Đây là báo cáo của chính bạn: không ai tự xác nhận hoặc trả lại báo cáo của mình."
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
CONFIRM_NOTICE_CONFIRMED = "Báo cáo số {number} «{title}» của bạn đã được {by} ({role}) xác nhận."
CONFIRM_NOTICE_RETURNED = (
    "Báo cáo số {number} «{title}» của bạn đã được {by} ({role}) trả lại.\n"
    "Lý do: {reason}\n"
    "Bạn có thể sửa rồi gửi lại: gõ /cuatoi, mở báo cáo số {number} và chọn «✏️ Sửa»."
)
