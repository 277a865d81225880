"""What the importer tells officials: Vietnamese first, English with ``PORTAL_LANG=en``."""

from __future__ import annotations

from portal.common.messages import Text, field_name, pick

MESSAGES: dict[str, Text] = {
    # the run
    "unknown_unit": Text("Không có đơn vị «{unit}» trong {registry}.",
                         "There is no unit «{unit}» in {registry}."),
    "no_registry": Text("Thư mục {content} không phải thư mục nội dung của cổng: {problem}",
                        "{content} is not the portal's content folder: {problem}"),
    "no_path": Text("Không tìm thấy «{path}».", "«{path}» does not exist."),
    "no_pages": Text("Không có trang nào để nhập (.html, .htm, .txt) trong những đường dẫn đã cho.",
                     "No pages to import (.html, .htm, .txt) in the paths given."),
    "progress": Text("Đang nhập", "Importing"),
    "dry_run": Text("Chạy thử (--dry-run): không ghi tệp nào.",
                    "Dry run (--dry-run): no file was written."),
    "summary": Text("Đã nhập {imported} bài ({drafts} bản nháp cần bổ sung), bỏ qua {skipped}, "
                    "lỗi {failed}.",
                    "Imported {imported} items ({drafts} drafts to complete), skipped {skipped}, "
                    "failed {failed}."),
    "report_written": Text("Báo cáo chi tiết: {path}", "Full report: {path}"),
    "counts_written": Text("Lượt xem cũ của {count} bài ghi vào {path} (dùng với "
                           "'portal counter-service --seed').",
                           "Old view counts of {count} items written to {path} (for "
                           "'portal counter-service --seed')."),
    # outcomes
    "imported": Text("đã nhập", "imported"),
    "draft": Text("bản nháp", "draft"),
    "skipped": Text("bỏ qua", "skipped"),
    "failed": Text("lỗi", "failed"),
    # reasons an item is skipped or failed
    "exists": Text("đã có {file}; dùng --force để ghi đè",
                   "{file} already exists; use --force to overwrite"),
    "duplicate": Text("cùng bài với {other}", "the same item as {other}"),
    "unreadable": Text("không đọc được tệp: {detail}", "the file cannot be read: {detail}"),
    "garbled": Text("không nhận ra bảng mã (không phải UTF-8, Windows-1258, TCVN3 hay VNI)",
                    "unknown encoding (not UTF-8, Windows-1258, TCVN3 or VNI)"),
    "linked_folder": Text("đây là liên kết (symlink) tới một thư mục: không đọc; chép các trang vào "
                          "thay cho liên kết nếu cần nhập",
                          "a link (symlink) to a folder: not read; copy the pages in its place "
                          "to import them"),
    "page_too_large": Text("trang nặng {size} MB, quá giới hạn {limit} MB: lưu riêng bài viết (bản "
                           "in) rồi nhập lại",
                           "the page is {size} MB, over the {limit} MB limit: save the article "
                           "alone (its print version) and import that"),
    "no_body": Text("không tìm thấy nội dung bài trong trang", "no article text found in the page"),
    # notes on an imported item
    "missing": Text("thiếu {fields}: lưu thành bản nháp để bổ sung",
                    "missing {fields}: saved as a draft to complete"),
    "converted": Text("chuyển từ bảng mã {encoding}", "converted from the {encoding} encoding"),
    "date_in_text": Text("ngày lấy từ nội dung bài («ngày ...»), cần kiểm tra",
                         "date taken from the text («ngày ...»): please check it"),
    "no_year_folder": Text("chưa có ngày nên tệp nằm trong thư mục {folder}",
                           "no date yet, so the file is in folder {folder}"),
    "image_missing": Text("thiếu ảnh «{src}»{caption}: không có tệp này bên cạnh trang đã lưu",
                          "picture «{src}»{caption} is missing: no such file beside the saved page"),
    "image_refused": Text("bỏ ảnh «{src}»: không phải ảnh được phép hoặc có chứa mã",
                          "picture «{src}» left out: not an allowed picture, or it carries code"),
    "invalid": Text("chưa hợp lệ, lưu thành bản nháp: {problem}",
                    "not valid yet, saved as a draft: {problem}"),
    "impossible_date": Text("ngày «{text}» không có thật trên lịch: chưa lấy ngày, cần sửa",
                            "the date «{text}» is not a real day: no date taken, please correct it"),
    "caption": Text(" (chú thích: {text})", " (caption: {text})"),
}

def say(code: str, **params: object) -> str:
    return pick(MESSAGES[code]).format(**params)


def field_names(keys: list[str]) -> str:
    return ", ".join(field_name(key) for key in keys)
