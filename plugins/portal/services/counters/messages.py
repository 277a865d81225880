"""The counter service's messages, in Vietnamese first and English on request (PORTAL_LANG)."""

from __future__ import annotations

from portal.common.messages import Text, language

LABELS: dict[str, Text] = {
    "counting": Text("Bộ đếm lượt truy cập chạy tại http://{host}:{port}/api/ (lưu trữ: {store}).",
                     "The visitor counter runs at http://{host}:{port}/api/ (storage: {store})."),
    "counting_alongside": Text("Bộ đếm lượt truy cập: /api/ (lưu trữ: {store}).",
                               "Visitor counters: /api/ (storage: {store})."),
    "seeded": Text("Đã nạp số đếm ban đầu từ {path}: {pages} trang, {site} lượt truy cập.",
                   "Loaded starting counts from {path}: {pages} pages, {site} visits."),
    "bad_seed": Text("Không nạp được số đếm ban đầu từ {path}: {detail}",
                     "Could not load starting counts from {path}: {detail}"),
    "seed_shape": Text('cần một đối tượng JSON {{"site": ..., "articles": ..., "pages": {{...}}}}',
                       'expected a JSON object {{"site": ..., "articles": ..., "pages": {{...}}}}'),
    "seed_count": Text("{where}: {value} không phải số nguyên không âm",
                       "{where}: {value} is not a non-negative integer"),
    "seed_page": Text("mã trang {page} không hợp lệ", "page id {page} is not valid"),
    "feedback_received": Text("Cảm ơn bạn đã góp ý. Ý kiến của bạn đã được gửi tới ban biên tập.",
                              "Thank you: your feedback has been sent to the editors."),
    "feedback_duplicate": Text("Góp ý này đã được nhận trước đó; cảm ơn bạn.",
                               "This feedback was already received; thank you."),
    "feedback_bad_encoding": Text("Nội dung gửi lên không đọc được (cần bảng mã UTF-8).",
                                  "The form could not be read (UTF-8 expected)."),
    "feedback_unknown_item": Text("Không tìm thấy bài viết được góp ý.",
                                  "The item this feedback is about was not found."),
    "feedback_trap": Text("Góp ý không được nhận: ô cuối cùng phải để trống.",
                          "Feedback refused: the last box must stay empty."),
    "feedback_no_message": Text("Xin nhập nội dung góp ý.", "Please write your feedback."),
    "feedback_long_message": Text("Nội dung góp ý dài quá {limit} ký tự; xin viết ngắn lại.",
                                  "The feedback is longer than {limit} characters; please shorten it."),
    "feedback_long_name": Text("Họ tên dài quá {limit} ký tự.",
                               "The name is longer than {limit} characters."),
    "feedback_wrong_answer": Text("Câu trả lời phép tính chưa đúng; xin nhập kết quả bằng chữ số.",
                                  "The answer to the sum is wrong; please type it in digits."),
    "feedback_rate_limited": Text("Bạn đã gửi nhiều góp ý trong thời gian ngắn; xin thử lại sau "
                                  "{minutes} phút.",
                                  "Too much feedback from you in a short time; please try again "
                                  "in {minutes} minutes."),
    "feedback_too_large": Text("Nội dung gửi lên quá lớn.", "The form is too large."),
    "feedback_unavailable": Text("Chưa gửi được góp ý do máy chủ đang bận; xin thử lại sau.",
                                 "The feedback could not be saved now; please try again later."),
    "feedback_thanks_title": Text("Đã nhận góp ý", "Feedback received"),
    "feedback_error_title": Text("Chưa gửi được góp ý", "Feedback not sent"),
    "feedback_back": Text("Quay lại bài viết", "Back to the item"),
    "feedback_home": Text("Về trang chủ", "To the home page"),
    "feedback_form_name": Text("Họ và tên (không bắt buộc)", "Name (optional)"),
    "feedback_form_message": Text("Nội dung góp ý", "Your feedback"),
    "feedback_form_answer": Text("Câu hỏi kiểm tra: {question}", "Check question: {question}"),
    "feedback_form_send": Text("Gửi lại góp ý", "Send the feedback again"),
}


def label(code: str, **params: object) -> str:
    text = LABELS[code]
    return (text.en if language() == "en" else text.vi).format(**params)
