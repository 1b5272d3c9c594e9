"""Nominations, dossiers and the secretariat's intake."""

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
AWARD_ADVICE_HEADER = (
    "Bot kiểm tra (chỉ để tham khảo; {council} xét, đề nghị và Chủ tịch UBND quyết định):"
)
AWARD_ADVICE_BACKED = "✅ Tiêu chuẩn đã có báo cáo đã được xác nhận làm căn cứ."
AWARD_ADVICE_NO_REPORT = "⚠️ Còn thiếu: chưa có báo cáo đã được xác nhận nào làm căn cứ."
AWARD_ADVICE_NEEDS_INITIATIVE = (
    "⚠️ Còn thiếu: tiêu chuẩn «{option}» cần có sáng kiến, nhưng các báo cáo đã chọn "
    "chưa có báo cáo nào là sáng kiến, giải pháp, cách làm mới."
)
AWARD_ADVICE_NOT_RECOGNISED = (
    "ℹ️ Lưu ý: tiêu chuẩn «{option}» dựa vào sáng kiến; sáng kiến trong các báo cáo đã chọn "
    "chưa được ghi nhận là đã công nhận (ai công nhận, khi nào, theo quyết định nào). Việc "
    "công nhận được ghi khi lãnh đạo UBND phường phê duyệt kết quả xét khen thưởng."
)
AWARD_ADVICE_COMMON = "ℹ️ Điều kiện chung «{condition}» do đơn vị đánh giá, bot không kiểm tra."
AWARD_ADVICE_BY_LAW = (
    "ℹ️ {text}\nBot không kiểm tra được tiêu chuẩn theo {legal_basis}; "
    "phường xem xét, đề nghị theo quy định."
)


# --- dossier ---------------------------------------------------------------------------------

DOSSIER_GAPS = "Chưa gửi được vì hồ sơ còn thiếu:\n{items}\nBổ sung xong, bấm «Gửi hồ sơ» lại."
DOSSIER_GAP_NO_NOMINATION = "{name}: chưa có đề xuất khen thưởng nào (lập bằng /dexuat)"
DOSSIER_GAP_UNSIGNED = "{name}: mới là dự thảo, chưa ký (tải lên bản đã ký thay cho bản bot soạn)"
DOSSIER_ASK_SEND = (
    "Gửi hồ sơ của {unit} ({count} đề xuất) cho {secretariat}? Sau khi gửi, "
    "hồ sơ và các đề xuất không sửa được nữa, trừ khi hồ sơ bị trả lại."
)
DOSSIER_LATE_WARNING = (
    "⚠️ Đã quá hạn nộp (hạn nộp: {deadline}): hồ sơ vẫn được nhận nhưng sẽ ghi là nộp muộn."
)
DOSSIER_CONFIRM_SEND = "✅ Đồng ý gửi"
DOSSIER_KEEP = "Chưa gửi"
DOSSIER_NOT_SENT = "Hồ sơ chưa được gửi."
DOSSIER_SENT = (
    "Đã gửi hồ sơ cho {secretariat} lúc {time}. Bạn sẽ được báo khi hồ sơ "
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
    "Bot đã soạn «{file}» cho mục «{name}» từ các báo cáo đã xác nhận và lưu vào hồ sơ dưới "
    "dạng dự thảo, chưa ký. Hãy tải về, kiểm tra, trình ký rồi tải bản đã ký lên thay: hồ sơ "
    "chỉ gửi được khi không còn dự thảo chưa ký."
)
DOSSIER_CANNOT_DRAFT = (
    "Bot không soạn thay được «{name}»: văn bản này phải có từ thực tế (biên bản do cuộc họp "
    "của đơn vị lập). Vui lòng tải lên bản đã ký."
)
DOSSIER_NOTHING_TO_VIEW = "Mục «{name}» chưa có tệp."
DOSSIER_FILE_CAPTION = "«{file}» — {name}"
DOSSIER_SLOT_NOT_FOUND = "Không tìm thấy mục này trong hồ sơ của đơn vị bạn."
DOSSIER_LOCKED = (
    "Hồ sơ đã gửi {secretariat} nên không sửa được nữa. Khi hồ sơ bị trả lại, bạn sửa và gửi lại."
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
DOSSIER_DRAFTED_MARK = " (dự thảo, chưa ký)"
DOSSIER_NO_NOMINATION = "chưa có đề xuất nào (lập bằng /dexuat)"
DOSSIER_HINT = (
    "Mỗi mục: «Tải lên» để gửi tệp của đơn vị, hoặc «Bot soạn» để bot soạn bản Word từ các "
    "báo cáo đã xác nhận. Đủ các mục thì bấm «Gửi hồ sơ»."
)
DOSSIER_READ_ONLY = (
    "Hồ sơ đang ở {secretariat} nên chỉ xem được; khi hồ sơ bị trả lại, bạn sửa và gửi lại."
)
DOSSIER_UPLOAD_BUTTON = "⬆️ Tải lên {number}"
DOSSIER_DRAFT_BUTTON = "📝 Bot soạn {number}"
DOSSIER_VIEW_BUTTON = "👁 Xem {number}"
DOSSIER_SEND = "📤 Gửi hồ sơ"


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
INTAKE_NOTIFY_ACCEPTED = "Hồ sơ đề nghị khen thưởng của {unit} đã được {secretariat} tiếp nhận."
INTAKE_NOTIFY_RETURNED = (
    "Hồ sơ đề nghị khen thưởng của {unit} bị {secretariat} trả lại.\n"
    "Lý do: {reason}\nVui lòng mở /hoso để sửa, bổ sung rồi gửi lại."
)
INTAKE_FILE_CAPTION = "«{file}» — {name} ({unit})"


# --- nomination form -------------------------------------------------------------------------

NOMINATE_FORM_TITLE = "đề xuất khen thưởng"
NOMINATE_ASK_SUBJECT = "Đề xuất khen thưởng cho cá nhân hay cho tập thể đơn vị?"
NOMINATE_ASK_OFFICER = "Chọn cán bộ, công chức của đơn vị được đề xuất:"
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
    "Hồ sơ của đơn vị đã gửi {secretariat} («{status}») nên không thêm, sửa "
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
