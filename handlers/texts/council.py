"""The words of the ward's award round: the proposal list, công khai, the council, approval."""

# --- the menu -----------------------------------------------------------------------------

CMD_COUNCIL = "Danh sách đề nghị khen thưởng toàn phường, công khai, họp Hội đồng"
CMD_COMMENT = "Góp ý danh sách đề nghị khen thưởng đang công khai"
CMD_APPROVE = "Phê duyệt kết quả xét khen thưởng của Hội đồng"

# --- the list (/xettang) ------------------------------------------------------------------

ROUND_NOTHING = (
    "Chưa có đề nghị khen thưởng nào để lập danh sách: phòng Văn hóa – Xã hội chưa tiếp nhận "
    "hồ sơ của đơn vị nào (/tiepnhan)."
)
ROUND_TITLE = "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG TOÀN PHƯỜNG ({count} đề nghị)"
ROUND_STAGE = {
    "compiled": "Lập từ các hồ sơ đã tiếp nhận; chưa công khai.",
    "published": "Đang công khai đến {until}.",
    "voted": "{council} đã họp ngày {date}; chờ lãnh đạo UBND phường phê duyệt.",
    "approved": "Đã được {approver} phê duyệt lúc {time}; Quyết định số {decision}.",
}
ROUND_PUBLIC_ENDED = "Đã công khai từ {start} đến {until}."
ROUND_GROUP = "{number}. {award}"
ROUND_ENTRY = (
    "{position}. {nominee}\n   Tiêu chuẩn: {standard}\n   Thành tích đã xác nhận: {reports}"
)
ROUND_ENTRY_PERSON = "{name} — {unit}"
ROUND_ENTRY_NO_REPORTS = "(chưa gắn báo cáo đã xác nhận)"
ROUND_ENTRY_REPORT = "Số {number} «{title}»"
ROUND_ENTRY_VOTE = "   Biểu quyết: {votes}/{base} phiếu đồng ý ({share}) — {outcome}"
ROUND_PASSED = "ĐẠT"
ROUND_NOT_PASSED = "CHƯA ĐẠT"
ROUND_RULE = "Quy định: cần từ {percent}% phiếu đồng ý trở lên, tính trên {base} ({source})."
ROUND_BASE_NAMES = {"members": "tổng số thành viên Hội đồng", "present": "số thành viên có mặt"}
ROUND_COMMENTS_COUNT = "Ý kiến góp ý: {count}."
ROUND_PUBLISH = "📢 Công khai ({days} ngày)"
ROUND_SHOW_COMMENTS = "💬 Xem ý kiến"
ROUND_MEETING = "🗳 Ghi kết quả họp Hội đồng"
ROUND_DOC_BUTTONS = {
    "bb": "📄 Biên bản họp",
    "qd": "📄 Dự thảo Quyết định",
    "tt": "📄 Tờ trình Bằng khen",
}
ROUND_DOC_FILES = {
    "bb": "Bien-ban-hop-Hoi-dong-TDKT.docx",
    "qd": "Du-thao-Quyet-dinh-tang-Giay-khen.docx",
    "tt": "Du-thao-To-trinh-de-nghi-tang-Bang-khen.docx",
}
ROUND_DOC_CAPTION = "«{name}»: bản dự thảo, chưa ký. Hãy kiểm tra, trình ký rồi lưu bản đã ký."
ROUND_SUMMARY = "Xét khen thưởng toàn phường: {count} đề nghị. {stage}"
ROUND_SUMMARY_PASSED = "• Đạt, {award}: {names}"
EXPORT_COUNCIL_FOLDER = "Xét khen thưởng toàn phường"
ROUND_STALE = "Danh sách đã sang bước khác; gửi /xettang để xem bước hiện tại."
ROUND_PUBLISHED = (
    "Đã công khai danh sách {count} đề nghị khen thưởng tới {reached} cán bộ, công chức "
    "(đến {until}); {unbound} người chưa liên kết tài khoản nên chưa nhận được."
)
ROUND_NOTICE = (
    "CÔNG KHAI DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG\n"
    "Phong trào thi đua công tác Cải cách hành chính năm {year}.\n"
    "Danh sách được công khai đến {until}. Nếu có ý kiến về tập thể, cá nhân nào, "
    "hãy bấm «Góp ý» hoặc gửi /gopy.\n\n{listing}"
)
ROUND_GIVE_COMMENT = "💬 Góp ý"
ROUND_STILL_PUBLIC = (
    "Danh sách còn đang công khai đến {until}. Hội đồng họp sau khi hết thời gian công khai."
)
ROUND_COMMENTS_TITLE = "Ý kiến góp ý về danh sách đề nghị khen thưởng:"
ROUND_COMMENTS_NONE = "Chưa có ý kiến góp ý nào."
ROUND_COMMENT_GROUP = "{position}. {nominee} — {count} ý kiến:"
ROUND_COMMENT_LINE = "   • {name} ({unit}), {time}: {text}"
ROUND_NOTIFY_LEADERS = (
    "{council} đã họp ngày {date}: {passed}/{total} đề nghị đạt tỷ lệ phiếu đồng ý. "
    "Mời xem kết quả, dự thảo Quyết định và phê duyệt bằng /pheduyet."
)

# --- comments (/gopy) ---------------------------------------------------------------------

COMMENT_CLOSED = "Hiện không có danh sách đề nghị khen thưởng nào đang công khai để góp ý."
COMMENT_CHOOSE = "Bạn muốn góp ý về tập thể, cá nhân nào? (danh sách công khai đến {until})"
COMMENT_TITLE = "góp ý danh sách đề nghị khen thưởng"
COMMENT_ASK = (
    "Nhập ý kiến của bạn về «{nominee}» (ý kiến đồng tình, góp ý hoặc phản ánh). "
    "Ý kiến được gửi tới thường trực thi đua và trình Hội đồng."
)
COMMENT_SAVED = "Đã ghi nhận ý kiến của bạn về «{nominee}». Cảm ơn bạn đã góp ý."

# --- the meeting record -------------------------------------------------------------------

MEETING_TITLE = "ghi kết quả họp Hội đồng"
MEETING_ASK_DATE = "Nhập ngày họp {council} (ngày/tháng/năm, ví dụ 02/12/2026):"
MEETING_BAD_DATE = "Ngày chưa đúng. Hãy nhập theo dạng ngày/tháng/năm, ví dụ 02/12/2026."
MEETING_DATE_RANGE = "Ngày họp phải từ ngày hết công khai ({start}) đến hôm nay."
MEETING_ASK_SIZE = "Hội đồng có tất cả bao nhiêu thành viên (kể cả người vắng mặt)?"
MEETING_BAD_NUMBER = "Hãy nhập một số từ {low} đến {high}."
MEETING_ASK_PRESENT = (
    "Nhập họ tên và chức danh trong Hội đồng của các thành viên có mặt, mỗi người một dòng "
    "(ví dụ: Nguyễn Văn A – Chủ tịch Hội đồng)."
)
MEETING_TOO_MANY = "Có {present} người có mặt nhưng Hội đồng chỉ có {size} thành viên."
MEETING_ASK_VOTES = (
    "Nhập số phiếu đồng ý cho {nominee}\n"
    "({present} thành viên có mặt; còn {left} đề nghị sau đề nghị này.)"
)
MEETING_REVIEW = "Xem lại kết quả họp ngày {date} ({present}/{size} thành viên có mặt):"
MEETING_SAVE = "✅ Lưu kết quả"
MEETING_REDO = "✏️ Nhập lại"
MEETING_CANCEL = "❌ Hủy"
MEETING_SAVED = "Đã lưu kết quả họp Hội đồng: {passed}/{total} đề nghị đạt. Đã báo lãnh đạo UBND phường để phê duyệt."

# --- approval (/pheduyet) -----------------------------------------------------------------

APPROVE_NOTHING = "Chưa có kết quả họp Hội đồng nào chờ phê duyệt."
APPROVE_BUTTON = "✅ Phê duyệt"
APPROVE_TITLE = "phê duyệt kết quả xét khen thưởng"
APPROVE_ASK_NUMBER = (
    "Nhập số Quyết định tặng Giấy khen đã ký (ví dụ 125/QĐ-UBND). Kết quả sẽ được "
    "thông báo tới từng tập thể, cá nhân và đơn vị."
)
APPROVE_BAD_NUMBER = "Số Quyết định chưa đúng, ví dụ: 125/QĐ-UBND."
APPROVE_DONE = (
    "Đã phê duyệt theo Quyết định số {decision}; đã thông báo kết quả tới {notified} người. "
    "Đã ghi nhận {initiatives} sáng kiến được công nhận."
)
APPROVED_ALREADY = "Kết quả đã được phê duyệt theo Quyết định số {decision}."
RESULT_WARD = (
    "Chúc mừng! {nominee} được Chủ tịch Ủy ban nhân dân phường tặng {award} "
    "theo Quyết định số {decision}."
)
RESULT_CITY = (
    "{nominee} được {council} đề nghị; Ủy ban nhân dân phường trình Chủ tịch Ủy ban nhân "
    "dân thành phố xét tặng {award}."
)
RESULT_NOT_PASSED = "{nominee} chưa đạt tỷ lệ phiếu đồng ý của {council} để đề nghị tặng {award}."

# --- the documents ------------------------------------------------------------------------

DOC_MINUTES_NUMBER = "Số: …/BB-HĐTĐKT"
DOC_MINUTES_KIND = "BIÊN BẢN"
DOC_MINUTES_SUBJECT = (
    "Họp {council} xét đề nghị khen thưởng\n"
    "phong trào thi đua công tác Cải cách hành chính năm {year}"
)
DOC_MINUTES_TIME = ("1. Thời gian:", "ngày {date}.")
DOC_MINUTES_PLACE = ("2. Địa điểm:", "trụ sở Ủy ban nhân dân phường.")
DOC_MINUTES_MEMBERS = ("3. Thành phần:", "{present}/{size} thành viên Hội đồng có mặt, gồm:")
DOC_MINUTES_CONTENT = "4. Nội dung"
DOC_MINUTES_LIST = (
    "Hội đồng xem xét {count} đề nghị khen thưởng của các phòng, đơn vị, đã được công khai "
    "tới toàn thể cán bộ, công chức phường từ ngày {start} đến ngày {until}."
)
DOC_MINUTES_COMMENTS = "Trong thời gian công khai có {count} ý kiến góp ý:"
DOC_MINUTES_NO_COMMENTS = "Trong thời gian công khai không có ý kiến góp ý nào."
DOC_MINUTES_COMMENT = "- Về {nominee}: {text}"
DOC_MINUTES_RULE = (
    "Hội đồng biểu quyết từng trường hợp. Theo {source}, tập thể, cá nhân được đề nghị phải "
    "có từ {percent}% phiếu đồng ý trở lên, tính trên {base}."
)
DOC_MINUTES_VOTES = "5. Kết quả biểu quyết"
DOC_MINUTES_HEADERS = (
    "STT",
    "Tập thể, cá nhân",
    "Đơn vị",
    "Hình thức",
    "Phiếu đồng ý",
    "Tỷ lệ",
    "Kết quả",
)
DOC_MINUTES_CONCLUSION = "6. Kết luận"
DOC_MINUTES_PROPOSE = "Hội đồng thống nhất đề nghị {granted_by} tặng {award} cho {subjects} đạt tỷ lệ phiếu đồng ý theo quy định (danh sách tại mục 5)."
DOC_MINUTES_NONE_PASSED = "Không có trường hợp nào đạt tỷ lệ phiếu đồng ý theo quy định."
DOC_MINUTES_END = (
    "Cuộc họp kết thúc vào hồi … giờ … cùng ngày. Biên bản đã được thông qua trước "
    "Hội đồng và các thành viên có mặt nhất trí./."
)
DOC_MINUTES_SECRETARY = "Thư ký Hội đồng"
DOC_MINUTES_CHAIR = "Chủ tịch Hội đồng"
DOC_DECISION_NUMBER = "Số: {number}"
DOC_DECISION_BLANK_NUMBER = "…/QĐ-{code}"
DOC_DECISION_KIND = "QUYẾT ĐỊNH"
DOC_AWARD_SUBJECT = (
    "Về việc tặng {award} cho tập thể, cá nhân có thành tích xuất sắc\n"
    "trong phong trào thi đua công tác Cải cách hành chính năm {year}"
)
DOC_DECISION_AUTHORITY = "CHỦ TỊCH {issuer}"
DOC_DECISION_PROPOSAL = (
    "Xét đề nghị của {council} tại Biên bản họp ngày {date} và đề nghị của {proposer}."
)
DOC_DECIDES = "QUYẾT ĐỊNH:"
DOC_ARTICLE_1 = (
    "Điều 1. Tặng {award} của {granted_by} cho {subjects} (có danh sách kèm theo) đã có "
    "thành tích xuất sắc trong phong trào thi đua công tác Cải cách hành chính năm {year}."
)
DOC_ARTICLE_2 = (
    "Điều 2. Tiền thưởng kèm theo {award} thực hiện theo quy định của Luật Thi đua, khen "
    "thưởng và các văn bản quy định chi tiết."
)
DOC_ARTICLE_3 = (
    "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. {proposer}, thủ trưởng các phòng, đơn "
    "vị có liên quan và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành "
    "Quyết định này./."
)
DOC_LIST_TITLE = "DANH SÁCH"
DOC_LIST_SUBTITLE = "{kind} tặng {award} của {granted_by}"
DOC_LIST_KIND_DECISION = "Tập thể, cá nhân được"
DOC_LIST_KIND_PROPOSAL = "Tập thể, cá nhân được đề nghị"
DOC_LIST_ATTACHED = "(Kèm theo {document} số {number} ngày {date})"
DOC_LIST_DECISION = "Quyết định"
DOC_LIST_LETTER = "Tờ trình"
DOC_LIST_HEADERS = ("STT", "Họ và tên / Tên tập thể", "Chức vụ", "Đơn vị", "Thành tích")
DOC_LIST_COLLECTIVES = "Tập thể"
DOC_LIST_INDIVIDUALS = "Cá nhân"
DOC_CITY_NUMBER = "Số: …/TTr-{code}"
DOC_CITY_KIND = "TỜ TRÌNH"
DOC_CITY_SUBJECT = (
    "Về việc đề nghị {granted_by} tặng {award}\n"
    "cho tập thể, cá nhân có thành tích xuất sắc trong phong trào thi đua\n"
    "công tác Cải cách hành chính năm {year}"
)
DOC_CITY_TO = "Kính gửi: {recipient} (qua {via})."
DOC_CITY_COUNCIL = "Căn cứ kết quả họp {council} ngày {date},"
DOC_CITY_BODY = (
    "{issuer} kính trình {recipient} xem xét, tặng {award} cho {subjects} đã có thành tích "
    "xuất sắc trong phong trào thi đua công tác Cải cách hành chính năm {year} "
    "(có danh sách và báo cáo thành tích kèm theo)."
)
DOC_CITY_CLOSING = "{issuer} kính trình {recipient} xem xét, quyết định./."
DOC_DATE_BLANK = "…/…/…"
