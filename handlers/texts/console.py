"""The terminal console and the command line."""

# --- terminal console and command line ----------------------------------------------------

CONSOLE_PICK_USER = "Chọn người dùng thử (gõ số thứ tự):"
CONSOLE_PICK_INVALID = "Không có lựa chọn này. Gõ một số từ 1 đến {count}."
CONSOLE_NO_USERS = "Danh sách cán bộ trống. Hãy nạp danh sách bằng: python -m bot import-roster TỆP"
CONSOLE_UNKNOWN_USER = "Không có cán bộ mã {code} trong danh sách."
CONSOLE_BANNER = (
    "Bạn đang trò chuyện với bot với tư cách {name} ({role}, {unit}).\n"
    "Gõ tin nhắn rồi nhấn Enter. Gõ số để bấm nút. Để gửi tệp, gõ đường dẫn của tệp.\n"
    "Gõ /trogiup để xem lệnh; nhấn Ctrl+D (Ctrl+Z trên Windows) để thoát."
)
CONSOLE_LOG_FILE = (
    "(Nhật ký hoạt động của bot được ghi vào tệp {path}; ở đây chỉ hiện các cảnh báo.)"
)
CONSOLE_FILE_SAVED = "[Tệp đính kèm: {name}, đã lưu tại {path}]"
CONSOLE_BYE = "Tạm biệt!"
NO_TOKEN_FALLBACK = (
    "Chưa cấu hình ZALO_BOT_TOKEN hay TELEGRAM_BOT_TOKEN nên bot chạy trên cửa sổ dòng lệnh "
    "với kế hoạch và danh sách cán bộ mẫu."
)
TOKEN_MISSING = (
    "Thiếu mã của bot: ZALO_BOT_TOKEN (do Zalo Bot Manager gửi khi tạo bot) "
    "hoặc TELEGRAM_BOT_TOKEN (do @BotFather cấp).\n"
    "Hãy ghi ít nhất một mã vào tệp .env (xem .env.example), "
    "hoặc chạy thử không cần mạng bằng: python -m bot console"
)
OFFICER_NOT_FOUND = "Không có cán bộ nào có mã hoặc họ tên «{code}» trong danh sách."
OFFICER_AMBIGUOUS = "Có {count} cán bộ khớp «{query}»: {names}. Hãy ghi mã cán bộ, ví dụ: python -m bot invite {code}"
ROSTER_SUMMARY = (
    "Đã nạp {file}: {units_created} đơn vị mới, {units_updated} đơn vị cập nhật; "
    "{officers_created} cán bộ mới, {officers_updated} cán bộ cập nhật; {errors} dòng lỗi."
)
ROSTER_ROW_ERROR = "Dòng {line}: {reason}\n    (dòng ghi: {text})"
ROSTER_ROW_WARNING = "Lưu ý dòng {line}: {reason}"
ROSTER_KEPT_CHAT_EDIT = (
    "Dòng {line}: giữ {columns} của {code} như quản trị đã sửa bằng /canbo (tệp ghi khác)."
)
ROSTER_KEPT_HINT = (
    "Nếu tệp mới là đúng, nạp lại để tệp được ưu tiên, cho một cán bộ: "
    "python -m bot import-roster --overwrite-officer {code} {file}\n"
    "hoặc cho tất cả: python -m bot import-roster --overwrite {file}"
)
ROSTER_MANY_HEADS = (
    "Lưu ý: {unit} đang có {count} thủ trưởng: {heads}. Mỗi đơn vị chỉ một thủ trưởng; "
    "hãy sửa tệp hoặc dùng /canbo."
)
CAMPAIGN_BROKEN = "Không đọc được tệp kế hoạch thi đua: {error}"
SETTINGS_BROKEN = "Thiết lập không hợp lệ: {error}"
# One line each, in Vietnamese then English: whoever reads the server's console may read either.
DATABASE_URL_BAD = (
    "DATABASE_URL không dùng được ({problem}); hãy viết "
    "postgresql+psycopg://người_dùng:mật_khẩu@máy_chủ:5432/tên_csdl hoặc để trống để dùng SQLite. "
    "/ DATABASE_URL is not usable ({problem}); write "
    "postgresql+psycopg://user:password@host:5432/dbname, or leave it empty for SQLite."
)
DATABASE_UNREACHABLE = (
    "Không kết nối được cơ sở dữ liệu {url} ({problem}); hãy kiểm tra máy chủ, cổng, người dùng, "
    "mật khẩu và tên cơ sở dữ liệu trong DATABASE_URL. / Cannot connect to the database {url} "
    "({problem}); check the host, port, user, password and database name in DATABASE_URL."
)
