"""Reminders, deadline notices, pausing them and changing the deadline."""

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
    "Đã đặt hạn nộp mới: {text}, tức là {meaning}.\n"
    "Mọi người chưa được báo. Bấm nút dưới đây để xem trước và gửi thông báo cho tất cả."
)
DEADLINE_ANNOUNCE = "📢 Gửi thông báo cho mọi người"
DEADLINE_ANNOUNCEMENT = (
    "Hạn gửi hồ sơ đề nghị khen thưởng của phong trào {campaign} về {recipient} "
    "được điều chỉnh từ «{old}» thành «{new}»: {meaning}. "
    "Đề nghị các đơn vị hoàn thiện hồ sơ và gửi đúng hạn."
)
DEADLINE_UNCHANGED = "Hạn nộp vẫn như kế hoạch, chưa có thay đổi nào để thông báo."


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
NOTICES_RULE_KINDS = {
    "before_deadline": "Nhắc trước hạn",
    "after_deadline": "Nhắc sau hạn",
    "weekly": "Tổng hợp hằng tuần",
}
NOTICES_RULE_GONE = "Nhắc việc (quy tắc nay không còn trong tệp kế hoạch)"
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
