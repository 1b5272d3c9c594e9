"""The words of the exported workbook, the dossier ZIP and the DOCX drafts."""

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
    "Về việc đề nghị khen thưởng tập thể, cá nhân có thành tích xuất sắc\n"
    "trong phong trào thi đua công tác Cải cách hành chính năm {year}"
)
DRAFT_LETTER_TO = "Kính gửi: {council} (qua {recipient})."
# The "Căn cứ" lines of every document: the laws of the campaign file, then the plan.
DOC_BASIS_LAW = "Căn cứ {law} {dated};"
DOC_BASIS_PLAN = (
    "Căn cứ Kế hoạch số {number} {issued} của Ủy ban nhân dân phường phát động phong trào "
    "thi đua trong công tác Cải cách hành chính;"
)
DRAFT_BASIS_COUNCIL = "Căn cứ kết quả bình xét thi đua của {unit} (có biên bản họp kèm theo),"
DRAFT_LETTER_INTRO = "{unit} kính trình như sau:"
DRAFT_SECTION_RESULTS = "1. Kết quả thực hiện phong trào thi đua"
DRAFT_RESULTS = (
    "Trong phong trào thi đua, {unit} có {reports} thành tích đã được xác nhận, trong đó "
    "{initiatives} thành tích được báo cáo là sáng kiến, giải pháp, cách làm mới."
)
DRAFT_RESULTS_CRITERIA = "Các tiêu chí thi đua có thành tích: {criteria}."
DRAFT_RESULTS_NONE = "{unit} chưa có thành tích nào đã được xác nhận."
DRAFT_SECTION_PROPOSAL = "2. Đề nghị khen thưởng"
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
DRAFT_LETTER_CLOSING = (
    "Kính trình {council} xem xét, đề nghị Chủ tịch Ủy ban nhân dân phường khen thưởng./."
)
DRAFT_RECIPIENTS = "Nơi nhận:"
# Only where the roster names no head for the unit.
DRAFT_HEAD_TITLE = "Thủ trưởng đơn vị"
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
DRAFT_ACHIEVEMENTS_NONE = "(Chưa có thành tích nào đã được xác nhận.)"
DRAFT_ITEM = "{number}. {title}{mark}."
DRAFT_ITEM_INITIATIVE = " (sáng kiến, giải pháp, cách làm mới)"
DRAFT_ITEM_PROSE = (
    "{description} ({period}), góp phần thực hiện tiêu chí «{criterion}». "
    "Kết quả đạt được: {result}."
)
DRAFT_ITEM_FIGURE = " Số liệu cụ thể: {figure}."
DRAFT_EVIDENCE_HEADING = "TÀI LIỆU, MINH CHỨNG KÈM THEO"
DRAFT_EVIDENCE_LINE = "- {name} (minh chứng cho thành tích số {number})"
DRAFT_SECTION_REQUEST = "III. ĐỀ NGHỊ KHEN THƯỞNG"
DRAFT_REQUEST = (
    "Căn cứ thành tích nêu trên, {unit} đề nghị {granted_by} tặng {award} cho {nominee}."
)
DRAFT_STANDARD = "Tiêu chuẩn khen thưởng: {standard}"
DRAFT_CONFIRM_TITLE = "Thủ trưởng đơn vị xác nhận"
DRAFT_CONFIRM_WARD = "UBND phường xác nhận"
DRAFT_REPORTER_TITLE = "Người báo cáo thành tích"
EXPORT_CHOOSE = (
    "Chọn tài liệu cần xuất cho toàn phường (muốn xuất riêng một đơn vị: /xuat <tên hoặc mã "
    "đơn vị>):"
)
EXPORT_CHOOSE_UNIT = "Chọn tài liệu cần xuất cho {unit}:"
EXPORT_UNIT_NOT_FOUND = "Không tìm thấy đơn vị «{query}». Chọn một đơn vị dưới đây:"
EXPORT_UNIT_MANY = "Có {count} đơn vị khớp với «{query}». Chọn một đơn vị:"
EXPORT_WORKBOOK_BUTTON = "📊 Bảng tổng hợp (Excel)"
EXPORT_ARCHIVE_BUTTON = "🗂 Hồ sơ toàn phường (ZIP)"
EXPORT_SCOPE_WARD = "toàn phường"
EXPORT_SCOPE_UNIT = "của {unit}"
EXPORT_UNIT_ARCHIVE_BUTTON = "🗂 Hồ sơ của đơn vị (ZIP)"
EXPORT_WORKBOOK_DONE = (
    "Bảng tổng hợp thi đua lúc {time}: {nominations} đề nghị khen thưởng, "
    "{reports} báo cáo của {units} đơn vị."
)
EXPORT_ARCHIVE_DONE = (
    "Hồ sơ {scope} lúc {time}: {evidence} tệp minh chứng của các báo cáo đã xác nhận, "
    "{drafts} bản dự thảo (tờ trình, báo cáo thành tích, văn bản xét khen thưởng của phường), "
    "{uploads} tệp hồ sơ các đơn vị đã gửi; tổng dung lượng {size}."
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
    "Kết quả xét khen thưởng",
)
EXPORT_AWARD_HEADING = "{numeral}. {award} ({count})"
EXPORT_NO_NOMINATIONS = "(Chưa có đề nghị khen thưởng nào.)"
EXPORT_NOTE_INITIATIVE = "Có sáng kiến"
EXPORT_NOTE_UNLINKED = "Chưa gắn báo cáo đã xác nhận"
EXPORT_NOTE_LATE = "Hồ sơ nộp muộn"
# The council's vote on a nominee and, once the leadership approved, what follows from it.
EXPORT_RESULT_NOT_PASSED = "Chưa đạt ({votes}/{base} phiếu đồng ý)"
EXPORT_RESULT_PASSED = "Đạt ({votes}/{base} phiếu đồng ý); chờ lãnh đạo UBND phường phê duyệt"
EXPORT_RESULT_DECIDED = "Đạt ({votes}/{base} phiếu đồng ý); tặng theo Quyết định số {decision}"
EXPORT_RESULT_PROPOSED = (
    "Đạt ({votes}/{base} phiếu đồng ý); phê duyệt theo Quyết định số {decision}, "
    "trình Chủ tịch Ủy ban nhân dân thành phố xét tặng"
)
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
    "Thành tích của",
    "Sáng kiến",
    "Tên thành tích",
    "Việc đã làm",
    "Thời gian",
    "Kết quả",
    "Số liệu",
    "Trạng thái",
    "Gửi lúc",
    "Số minh chứng",
)
EXPORT_REPORT_SENT_AT = "Gửi lúc"
EXPORT_SHEET_TITLE = "{sheet} — {campaign} — {scope}"
EXPORT_COLLECTIVE_FOLDER = "Tập thể đơn vị"
EXPORT_OTHER_EVIDENCE = "Minh chứng khác"
EXPORT_UPLOADS_FOLDER = "Hồ sơ đơn vị đã gửi"
EXPORT_LETTER_FILE = "Dự thảo - Tờ trình kèm danh sách.docx"
EXPORT_REPORT_FILE = "Dự thảo - Báo cáo thành tích - {award}.docx"
EXPORT_LINKS_FILE = "{report} - Liên kết minh chứng.txt"
