"""Texts of the web door: the evidence upload page, download links, and what the chat says."""

UPLOAD_OFFER = (
    "Để gửi tệp PDF, Word, Excel hoặc ảnh, mở trang tải lên (dùng được một lần, trong {minutes} phút):\n"
    "{link}"
)
UPLOAD_TOO_BIG_HINT = "Tệp lớn có thể gửi qua trang tải lên."
UPLOAD_ARRIVED_HEADER = "Đã nhận qua trang tải lên:"
UPLOAD_NOTHING_ARRIVED = "Trang tải lên không gửi được tệp nào."
UPLOAD_LINK_DEAD = (
    "Đường liên kết này không dùng được: đã hết hạn, đã được dùng hoặc không đúng. "
    "Hãy quay lại cuộc trò chuyện với bot để lấy đường liên kết mới."
)
UPLOAD_LINK_USED = "Đường liên kết này đã được dùng. Hãy quay lại cuộc trò chuyện với bot để lấy đường liên kết mới."
UPLOAD_DRAFT_GONE = (
    "Báo cáo đang soạn của đường liên kết này đã được gửi hoặc đã hủy, nên không nhận thêm tệp. "
    "Hãy quay lại cuộc trò chuyện với bot."
)

PAGE_TITLE = "Gửi minh chứng"
PAGE_INTRO = "Chọn một hoặc nhiều tệp minh chứng (PDF, Word, Excel, ảnh), mỗi tệp tối đa {limit}, rồi bấm «Gửi tệp»."
PAGE_PICK = "Chọn tệp"
PAGE_SEND = "Gửi tệp"
PAGE_NO_PICKER = (
    "Trình duyệt trong ứng dụng không chọn được tệp? Bấm dấu ⋯ ở góc trên rồi chọn "
    "«Mở bằng trình duyệt», sau đó mở lại đường liên kết."
)
PAGE_SENDING = "Đang gửi… {percent}%"
PAGE_DONE = "Đã gửi xong. Bot đã báo trong cuộc trò chuyện; bạn có thể đóng trang này."
PAGE_ACCEPTED = "Đã nhận:"
PAGE_REFUSED = "Không nhận:"
PAGE_FAILED = "Gửi không thành công (mất kết nối?). Hãy thử lại."
PAGE_NONE_CHOSEN = "Chưa chọn tệp nào."
PAGE_TOO_MANY = "Mỗi lần gửi tối đa {count} tệp."
PAGE_BODY_TOO_LARGE = "Các tệp quá lớn: mỗi tệp tối đa {limit}, mỗi lần gửi tối đa {count} tệp."
PAGE_LINK_TITLE = "Đường liên kết không dùng được"

DOWNLOAD_LINK_DEAD = (
    "Đường liên kết tải tệp này đã hết hạn hoặc không đúng. "
    "Hãy quay lại cuộc trò chuyện với bot và yêu cầu lại tệp."
)
DOWNLOAD_LINK_TITLE = "Không tải được tệp"
