"""What the ``portal`` command itself tells the official: finding the project, building."""

from __future__ import annotations

from portal.common.messages import Text, pick

MESSAGES: dict[str, Text] = {
    "bad_day": Text(
        "{value!r} không phải một ngày; viết theo dạng NĂM-THÁNG-NGÀY, ví dụ 2024-05-01.",
        "{value!r} is not a date; write it as YEAR-MONTH-DAY, for example 2024-05-01."),
    "no_project": Text(
        "Không tìm thấy dự án cổng (tệp pelicanconf.py) ở {folder} hay các thư mục chứa nó. "
        "Chạy lệnh trong thư mục dự án, hoặc chỉ rõ bằng --project THƯ_MỤC.",
        "No portal project (a pelicanconf.py file) in {folder} or the folders above it. Run "
        "the command inside the project's folder, or name it with --project FOLDER."),
    "not_a_project": Text(
        "{folder} không phải thư mục dự án cổng: không có tệp pelicanconf.py ở đó.",
        "{folder} is not a portal project: it holds no pelicanconf.py file."),
    "kept_output": Text(
        "Bản dựng chưa xong nên {output} được giữ nguyên như lần dựng thành công trước.",
        "The build did not complete, so {output} is left as the last successful build made it."),
    "unsafe_output": Text(
        "Không dựng vào {output}: thư mục này chứa nội dung, là thư mục nhà hoặc gốc ổ đĩa. "
        "Chọn thư mục khác bằng --output.",
        "Not building into {output}: it holds the content, the home folder or a disk's root. "
        "Choose another folder with --output."),
    "built_with_errors": Text(
        "Đã dựng bản xem trước vào {output}, bỏ qua các tệp có lỗi; bản này không xuất bản được.",
        "Built a preview into {output} without the files that have errors; it cannot be "
        "published."),
    "stages_head": Text("Các bước của bản dựng (giây, phần thời gian, số bài hay trang):",
                        "The build's stages (seconds, share of the time, items or pages):"),
    "stage_read": Text("đọc, kiểm tra", "read"),
    "stage_enrich": Text("liên kết", "enrich"),
    "stage_render": Text("ghi trang", "render"),
    "stage_index": Text("chỉ mục, ảnh", "index"),
    "stage_compress": Text("thu gọn, nén", "compress"),
    "stage_place": Text("thay bản cũ", "place"),
    "feedback_head": Text("Thời gian (UTC)|Bài|Họ tên|Góp ý", "Received (UTC)|Item|Name|Feedback"),
    "feedback_none": Text("Chưa có góp ý nào.", "No feedback yet."),
    "feedback_count": Text("{count} góp ý.", "{count} feedback entries."),
    "feedback_csv": Text("Đã ghi {count} góp ý vào {path}.", "Wrote {count} feedback entries to {path}."),
    "feedback_csv_head": Text("Thời gian (UTC)|Mã bài|Địa chỉ|Họ tên|Nội dung",
                              "Received (UTC)|Item id|Address|Name|Feedback"),
    "feedback_storage": Text("Không đọc được nơi lưu góp ý ({store}): {detail}",
                             "Could not read the feedback storage ({store}): {detail}"),
}


def say(code: str, **params: object) -> str:
    return pick(MESSAGES[code]).format(**params)
