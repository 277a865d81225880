"""Messages for officials, in Vietnamese first and English on request.

The language comes from the ``PORTAL_LANG`` environment variable (``vi`` or ``en``);
``portal --lang en`` sets it.
"""

from __future__ import annotations

import os
from typing import NamedTuple


class Text(NamedTuple):
    vi: str
    en: str


# key -> (what is wrong, how to fix it)
CATALOG: dict[str, tuple[Text, Text]] = {
    "not_utf8": (
        Text("Tệp không phải văn bản UTF-8 (byte không đọc được ở dòng {line_number}).",
             "The file is not UTF-8 text (unreadable byte on line {line_number})."),
        Text("Mở tệp bằng trình soạn thảo và lưu lại với bảng mã UTF-8.",
             "Open the file in an editor and save it as UTF-8."),
    ),
    "binary": (
        Text("Tệp không phải văn bản: có vẻ là tệp nhị phân mang đuôi .md.",
             "The file is not text: it looks like a binary file named .md."),
        Text("Xoá tệp này; tệp đính kèm đặt trong content/files/, ảnh trong content/images/.",
             "Remove it; attachments go in content/files/, pictures in content/images/."),
    ),
    "too_large": (
        Text("Tệp quá lớn: {size} MB, tối đa {limit} MB cho một bài.",
             "The file is too large: {size} MB, at most {limit} MB per item."),
        Text("Chia thành nhiều bài, hoặc đưa phụ lục thành tệp đính kèm trong content/files/.",
             "Split it into several items, or attach the appendix as a file in content/files/."),
    ),
    "no_header": (
        Text("Đầu tệp không có các dòng thông tin (Title, Date, Type, Unit).",
             "The file does not start with metadata lines (Title, Date, Type, Unit)."),
        Text("Bắt đầu tệp bằng các dòng 'Title: ...', 'Date: ...', 'Type: ...', 'Unit: ...', "
             "rồi một dòng trống, rồi nội dung.",
             "Start the file with 'Title: ...', 'Date: ...', 'Type: ...', 'Unit: ...' lines, "
             "a blank line, then the body."),
    ),
    "bad_header_line": (
        Text("Dòng thông tin không đúng dạng 'Khoá: giá trị': «{text}».",
             "Metadata line is not of the form 'Key: value': «{text}»."),
        Text("Viết 'Khoá: giá trị', hoặc để một dòng trống giữa phần thông tin và nội dung.",
             "Write 'Key: value', or leave a blank line between the metadata and the body."),
    ),
    "unknown_key": (
        Text("Khoá «{key}» không có trong danh mục nên sẽ bị bỏ qua.",
             "Key «{key}» is not a known key and would be lost."),
        Text("Sửa thành khoá đúng{hint}; danh sách khoá ở README, mục Metadata.",
             "Use a known key{hint}; the keys are listed in the README, section Metadata."),
    ),
    "key_not_for_type": (
        Text("Khoá «{key}» không dùng cho bài loại «{type}» nên sẽ bị bỏ qua.",
             "Key «{key}» does not apply to items of type «{type}» and would be lost."),
        Text("Xoá dòng này, hoặc sửa Type thành {types}.",
             "Remove the line, or change Type to {types}."),
    ),
    "duplicate_key": (
        Text("Khoá «{key}» được khai báo hai lần (lần đầu ở dòng {first}).",
             "Key «{key}» is given twice (first on line {first})."),
        Text("Giữ lại một dòng.", "Keep one of the two lines."),
    ),
    "missing_key": (
        Text("Thiếu khoá bắt buộc «{key}»{for_type}.", "Required key «{key}» is missing{for_type}."),
        Text("Thêm dòng '{key}: ...' vào phần thông tin đầu tệp.",
             "Add a '{key}: ...' line to the metadata at the top of the file."),
    ),
    "empty_value": (
        Text("Khoá «{key}» chưa có giá trị.", "Key «{key}» has no value."),
        Text("Điền giá trị sau dấu hai chấm, hoặc xoá dòng này.",
             "Write a value after the colon, or remove the line."),
    ),
    "bad_choice": (
        Text("Giá trị «{value}» không hợp lệ cho khoá «{key}».",
             "«{value}» is not a valid value for «{key}»."),
        Text("Dùng một trong: {choices}.", "Use one of: {choices}."),
    ),
    "date_format": (
        Text("Ngày «{value}» của khoá «{key}» không đúng dạng.",
             "Date «{value}» of «{key}» is not in a known form."),
        Text("Viết ngày dạng 19/08/2010 16:20, 19/08/2010, 2010-08-19 16:20 hoặc 2010-08-19.",
             "Write the date as 19/08/2010 16:20, 19/08/2010, 2010-08-19 16:20 or 2010-08-19."),
    ),
    "date_impossible": (
        Text("Ngày «{value}» của khoá «{key}» không có thật.",
             "Date «{value}» of «{key}» does not exist."),
        Text("Kiểm tra lại ngày, tháng (ngày trước, tháng sau) và giờ.",
             "Check the day, the month (day first, then month) and the time."),
    ),
    "bad_year": (
        Text("Năm «{value}» của khoá «{key}» không hợp lệ.", "Year «{value}» of «{key}» is not valid."),
        Text("Viết năm bằng bốn chữ số, ví dụ 2023.", "Write the year with four digits, e.g. 2023."),
    ),
    "unknown_unit": (
        Text("Đơn vị «{value}» không có trong content/units.toml.",
             "Unit «{value}» is not in content/units.toml."),
        Text("Dùng slug của một đơn vị đã khai báo{hint}, hoặc thêm đơn vị vào units.toml.",
             "Use the slug of a registered unit{hint}, or add the unit to units.toml."),
    ),
    "unknown_topic": (
        Text("Chuyên đề «{value}» không có trong content/topics.toml.",
             "Topic «{value}» is not in content/topics.toml."),
        Text("Dùng slug của một chuyên đề đã khai báo{hint}, hoặc thêm chuyên đề vào topics.toml.",
             "Use the slug of a registered topic{hint}, or add the topic to topics.toml."),
    ),
    "bad_number": (
        Text("Số/ký hiệu «{value}» không đúng dạng.", "Document number «{value}» is malformed."),
        Text("Viết như 48-KH/HU, 05-CT/TW, 1847/QĐ-TTg hoặc 42/2022/NĐ-CP.",
             "Write it like 48-KH/HU, 05-CT/TW, 1847/QĐ-TTg or 42/2022/NĐ-CP."),
    ),
    "duplicate_number": (
        Text("Số/ký hiệu «{value}» của «{issuer}» năm {year} đã dùng ở {other}.",
             "Number «{value}» of «{issuer}» in {year} is already used by {other}."),
        Text("Một cơ quan không ban hành hai văn bản cùng số trong một năm: sửa Number, "
             "Issuer hoặc Issued.",
             "One issuer cannot issue two documents with one number in a year: correct Number, "
             "Issuer or Issued."),
    ),
    "bad_id": (
        Text("Id «{value}» không hợp lệ.", "Id «{value}» is not valid."),
        Text("Chỉ dùng chữ không dấu, chữ số và dấu '-', ví dụ tin-2021-0007.",
             "Use ASCII letters, digits and '-' only, e.g. tin-2021-0007."),
    ),
    "duplicate_id": (
        Text("Id «{value}» đã dùng ở {other}.", "Id «{value}» is already used by {other}."),
        Text("Mỗi bài một Id riêng: đổi Id của một trong hai bài.",
             "Every item needs its own Id: change one of the two."),
    ),
    "bad_slug": (
        Text("Slug «{value}» không hợp lệ.", "Slug «{value}» is not valid."),
        Text("Chỉ dùng chữ thường không dấu, chữ số và dấu '-', tối đa {limit} ký tự, ví dụ "
             "hoi-nghi-so-ket.",
             "Use lower-case ASCII letters, digits and '-', at most {limit} characters, e.g. "
             "hoi-nghi-so-ket."),
    ),
    "bad_tag": (
        Text("Từ khoá «{value}» không dùng được: không có chữ hay số nào, hoặc dài quá {limit} ký tự.",
             "Tag «{value}» cannot be used: it has no letter or digit, or is over {limit} characters."),
        Text("Viết từ khoá ngắn bằng chữ hoặc số, ví dụ: học tập; các từ khoá cách nhau bằng dấu phẩy.",
             "Write a short tag with letters or digits, e.g. học tập; separate tags with commas."),
    ),
    "duplicate_slug": (
        Text("Slug «{value}» đã dùng ở {other} (cùng loại bài, cùng năm).",
             "Slug «{value}» is already used by {other} (same type, same year)."),
        Text("Đổi Slug của một trong hai bài, hoặc xoá dòng Slug để tự tạo từ tiêu đề.",
             "Change the Slug of one of them, or remove the Slug line to derive it from the title."),
    ),
    "missing_file": (
        Text("Không tìm thấy tệp «{value}» (khoá «{key}»).",
             "File «{value}» (key «{key}») does not exist."),
        Text("Đặt tệp vào content/{folder}/ hoặc sửa đường dẫn.",
             "Put the file in content/{folder}/ or correct the path."),
    ),
    "linked_folder": (
        Text("Đây là liên kết (symlink) tới một thư mục: không được đọc, vì liên kết có thể trỏ "
             "ngược lên chính nó và không bao giờ hết.",
             "This is a link (symlink) to a folder: it is not read, as a link may point back "
             "above itself and never end."),
        Text("Chép các tệp vào content/ thay cho liên kết, hoặc xoá liên kết.",
             "Copy the files into content/ in place of the link, or remove the link."),
    ),
    "broken_link": (
        Text("Liên kết (symlink) này trỏ tới tệp không có.",
             "This link (symlink) points to a file that does not exist."),
        Text("Xoá liên kết, hoặc đặt tệp thật vào chỗ của nó.",
             "Remove the link, or put the real file in its place."),
    ),
    "missing_body_file": (
        Text("Nội dung bài trỏ tới tệp «{value}» nhưng không có tệp này trong content/{folder}/: "
             "trang sẽ có ảnh hoặc liên kết hỏng.",
             "The text points to «{value}», which is not in content/{folder}/: the page would "
             "show a broken picture or link."),
        Text("Đặt tệp vào content/{folder}/ đúng tên ấy, hoặc sửa đường dẫn trong bài.",
             "Put the file in content/{folder}/ under that name, or correct the path in the text."),
    ),
    "bad_image": (
        Text("Ảnh «{value}» không mở được: tệp hỏng, tải về chưa hết, hoặc không phải ảnh dù mang đuôi ảnh.",
             "Picture «{value}» cannot be opened: the file is damaged, cut short, or not a picture despite its name."),
        Text("Mở ảnh gốc bằng phần mềm xem ảnh, lưu lại thành JPEG hoặc PNG và chép đè lên tệp này.",
             "Open the original in a picture viewer, save it again as JPEG or PNG and copy it over this file."),
    ),
    "image_bomb": (
        Text("Ảnh «{value}» có quá nhiều điểm ảnh ({pixels} triệu, tối đa {limit} triệu): không giải mã để tránh làm treo máy.",
             "Picture «{value}» has too many pixels ({pixels} million, at most {limit} million): it is not decoded, to keep the build safe."),
        Text("Thu nhỏ ảnh còn rộng tối đa 1.600 px, lưu dạng JPEG chất lượng 80.",
             "Resize the picture to at most 1,600 px wide and save it as JPEG quality 80."),
    ),
    "image_too_large": (
        Text("Ảnh «{value}» quá lớn để đưa lên mạng ({size} MB, rộng {width} px; nên dưới {limit_size} MB và {limit_width} px).",
             "Picture «{value}» is too large to serve ({size} MB, {width} px wide; keep it under {limit_size} MB and {limit_width} px)."),
        Text("Thu nhỏ ảnh còn rộng tối đa 1.600 px, lưu dạng JPEG chất lượng 80.",
             "Resize the picture to at most 1,600 px wide and save it as JPEG quality 80."),
    ),
    "placeholder_body": (
        Text("Nội dung bài vẫn là dòng mẫu do 'portal new' viết: bài chưa được viết.",
             "The text is still the sample line 'portal new' wrote: the item is not written yet."),
        Text("Thay dòng mẫu bằng nội dung bài, hoặc thêm 'Status: draft' nếu chưa muốn đăng.",
             "Replace the sample line with the item's text, or add 'Status: draft' to keep it "
             "unpublished."),
    ),
    "bad_attachment": (
        Text("Tệp đính kèm «{value}» không thuộc loại được phép.",
             "Attachment «{value}» is not an allowed kind of file."),
        Text("Đính kèm tệp {choices} đặt trong content/files/.",
             "Attach {choices} files placed in content/files/."),
    ),
    "folder_mismatch": (
        Text("Tệp nằm trong thư mục «{folder}» nhưng khai báo {key}: {value}.",
             "The file is in folder «{folder}» but says {key}: {value}."),
        Text("Chuyển tệp vào content/<loại>/<đơn vị>/<năm>/ cho đúng, hoặc sửa khoá {key}.",
             "Move the file to content/<type>/<unit>/<year>/, or correct {key}."),
    ),
    "stray_file": (
        Text("Tệp không được đọc: chỉ tệp .md trong news/, guidance/, exemplar/ là bài viết.",
             "File is not read: only .md files in news/, guidance/, exemplar/ are items."),
        Text("Đổi đuôi thành .md và đặt vào content/<loại>/<đơn vị>/<năm>/, hoặc chuyển vào "
             "content/files/ hay content/images/.",
             "Rename it to .md under content/<type>/<unit>/<year>/, or move it to content/files/ "
             "or content/images/."),
    ),
    "bad_asset": (
        Text("Tệp này không thuộc loại được đặt trong {folder}/ nên không được xuất bản.",
             "This kind of file does not belong in {folder}/ and is not published."),
        Text("Trong {folder}/ chỉ đặt tệp {choices}.", "Put only {choices} files in {folder}/."),
    ),
    "unsafe_svg": (
        Text("Ảnh SVG có chứa mã chạy được (script, thuộc tính on…, javascript:) nên không được xuất bản.",
             "The SVG picture carries code (script, on… attributes, javascript:) and is not published."),
        Text("Xuất lại ảnh từ phần mềm vẽ mà không kèm mã, hoặc dùng ảnh PNG/JPEG.",
             "Export the picture again without code, or use a PNG/JPEG picture."),
    ),
    "supersedes_unknown": (
        Text("Văn bản bị thay thế «{value}» không có trên cổng; sẽ hiện không kèm liên kết.",
             "Superseded document «{value}» is not on the portal; it is shown without a link."),
        Text("Kiểm tra số/ký hiệu, hoặc đăng văn bản đó lên cổng.",
             "Check the number, or publish that document too."),
    ),
    "draft": (
        Text("Bản nháp: không xuất bản.", "Draft: not published."),
        Text("Khi sẵn sàng, đổi thành 'Status: published' (hoặc xoá dòng Status).",
             "When ready, set 'Status: published' (or remove the Status line)."),
    ),
    "pelican_error": (
        Text("Không xử lý được tệp: {detail}", "The file could not be processed: {detail}"),
        Text("Sửa lỗi nêu trên; nếu không rõ, gửi tệp này cho bộ phận kỹ thuật.",
             "Correct what is named above; if unclear, send the file to the IT person."),
    ),
    "registry_syntax": (
        Text("Tệp danh mục viết sai cú pháp TOML: {detail}.", "Registry is not valid TOML: {detail}."),
        Text("Sửa dòng được nêu; mỗi mục bắt đầu bằng [[{table}]] và các dòng khoá = \"giá trị\".",
             "Correct the named line; each entry starts with [[{table}]] and key = \"value\" lines."),
    ),
    "registry_missing": (
        Text("Thiếu tệp danh mục {name}.", "Registry file {name} is missing."),
        Text("Tạo content/{name} theo mẫu trong docs/content.md.", "Create content/{name} as docs/content.md shows."),
    ),
    "registry_field": (
        Text("Mục «{entry}» thiếu trường «{key}» hoặc giá trị không hợp lệ.",
             "Entry «{entry}» lacks «{key}» or its value is not valid."),
        Text("Viết {key} = {example}.", "Write {key} = {example}."),
    ),
    "registry_duplicate": (
        Text("Slug «{value}» khai báo hai lần trong danh mục.", "Slug «{value}» is listed twice."),
        Text("Mỗi slug chỉ khai báo một lần; đổi slug của một mục.",
             "List each slug once; rename one of the two."),
    ),
    "registry_unknown_ref": (
        Text("Mục «{entry}»: {key} «{value}» không có trong danh mục.",
             "Entry «{entry}»: {key} «{value}» is not in the registry."),
        Text("Dùng slug của một đơn vị đã khai báo, hoặc khai báo thêm đơn vị đó.",
             "Use the slug of a listed unit, or add that unit."),
    ),
    "registry_cycle": (
        Text("Đơn vị «{entry}» nằm trong vòng lặp đơn vị cha: {chain}.",
             "Unit «{entry}» is in a parent loop: {chain}."),
        Text("Sửa trường parent để cây đơn vị không có vòng lặp.",
             "Correct the parent fields so the units form a tree."),
    ),
    "registry_successor": (
        Text("Đơn vị «{entry}» có successor nhưng không có ngày ended.",
             "Unit «{entry}» has a successor but no ended date."),
        Text("Thêm ended = \"YYYY-MM-DD\" (ngày đơn vị kết thúc), hoặc xoá successor.",
             "Add ended = \"YYYY-MM-DD\" (the day it ended), or remove successor."),
    ),
}

FIELD_NAMES: dict[str, Text] = {
    "Title": Text("tiêu đề (Title)", "title (Title)"),
    "Date": Text("ngày đăng (Date)", "date (Date)"),
    "Unit": Text("đơn vị (Unit)", "unit (Unit)"),
    "Number": Text("số/ký hiệu (Number)", "number (Number)"),
    "Kind": Text("loại văn bản (Kind)", "kind of document (Kind)"),
    "Issuer": Text("cơ quan ban hành (Issuer)", "issuing body (Issuer)"),
    "Issued": Text("ngày ban hành (Issued)", "date issued (Issued)"),
    "Subject": Text("người/tập thể được nêu gương (Subject)", "person or collective (Subject)"),
    "Subject_kind": Text("cá nhân hay tập thể (Subject_kind)",
                         "individual or collective (Subject_kind)"),
}

LABELS: dict[str, Text] = {
    "error": Text("lỗi", "error"),
    "warning": Text("cảnh báo", "warning"),
    "fix": Text("Cách sửa", "Fix"),
    "for_type": Text(" cho bài loại «{type}»", " for items of type «{type}»"),
    "did_you_mean": Text(" (có phải «{value}»?)", " (did you mean «{value}»?)"),
    "summary_ok": Text("Nội dung hợp lệ: {items} bài, {warnings} cảnh báo.",
                       "Content is valid: {items} items, {warnings} warnings."),
    "summary_bad": Text("Có {errors} lỗi và {warnings} cảnh báo; chưa xây dựng được cổng.",
                        "{errors} errors and {warnings} warnings; the portal was not built."),
    "built": Text("Đã xây dựng cổng vào {output} trong {seconds:.1f} giây: {items} bài, {pages} trang.",
                  "Built the portal into {output} in {seconds:.1f} s: {items} items, {pages} pages."),
    "reading": Text("Đọc bài", "Reading items"),
    "writing": Text("Ghi trang", "Writing pages"),
    "serving": Text("Đang phục vụ {root} tại http://{host}:{port}/ (Ctrl+C để dừng).",
                    "Serving {root} at http://{host}:{port}/ (Ctrl+C to stop)."),
    "no_output": Text("Chưa có thư mục {root}: hãy chạy 'portal build' trước.",
                      "There is no {root} folder: run 'portal build' first."),
}


def language() -> str:
    return "en" if os.environ.get("PORTAL_LANG", "vi").lower().startswith("en") else "vi"


def pick(text: Text) -> str:
    return text.en if language() == "en" else text.vi


def label(code: str, **params: object) -> str:
    return pick(LABELS[code]).format(**params)


def field_name(key: str) -> str:
    """A metadata key as an official reads it: ``số/ký hiệu (Number)``."""
    return pick(FIELD_NAMES[key]) if key in FIELD_NAMES else key


def explain(code: str, **params: object) -> tuple[str, str]:
    """Return (what is wrong, how to fix it) for a catalog entry."""
    message, fix = CATALOG[code]
    return pick(message).format(**params), pick(fix).format(**params)
