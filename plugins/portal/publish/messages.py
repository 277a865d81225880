"""What the production build and ``portal publish`` tell the unit's IT person."""

from __future__ import annotations

from portal.common.messages import Text, pick

MESSAGES: dict[str, Text] = {
    "minifying": Text("Thu gọn và nén tệp", "Minifying and compressing files"),
    "production_done": Text(
        "Bản xuất bản trong {seconds:.1f} giây: {items} bài, {pages} trang, {warnings} cảnh báo; "
        "{files} tệp văn bản thu gọn từ {built} xuống {minified}, {compressed} tệp có bản nén "
        "(.gz {gzip}, .br {brotli}); báo cáo: {report}",
        "Production build in {seconds:.1f} s: {items} items, {pages} pages, {warnings} warnings; "
        "{files} text files minified from {built} to {minified}, {compressed} compressed "
        "(.gz {gzip}, .br {brotli}); report: {report}"),
    "report_items": Text("Bài theo loại: {types}. Theo đơn vị: {units}.",
                         "Items per type: {types}. Per unit: {units}."),
    "no_build": Text("Không có bản dựng hoàn chỉnh ở {source}: chạy 'portal build --production' "
                     "trước. Chưa xuất bản gì.",
                     "There is no complete build in {source}: run 'portal build --production' "
                     "first. Nothing was published."),
    "build_with_errors": Text(
        "Bản dựng ở {source} có {errors} tệp lỗi (bản xem trước): sửa lỗi 'portal check' báo, "
        "rồi chạy 'portal build --production'. Chưa xuất bản gì.",
        "The build in {source} has {errors} files with errors (a preview): fix what 'portal "
        "check' reports, then run 'portal build --production'. Nothing was published."),
    "not_production": Text(
        "Bản dựng ở {source} là bản xem trên máy này, không phải bản xuất bản: chạy 'portal "
        "build --production'. Chưa xuất bản gì.",
        "The build in {source} is a local preview build, not a production build: run 'portal "
        "build --production'. Nothing was published."),
    "local_address": Text(
        "Bản dựng ở {source} mang địa chỉ {url} của máy này, không phải địa chỉ công khai: đặt "
        "PORTAL_PUBLIC_URL trong publishconf.py rồi chạy 'portal build --production'. Chưa "
        "xuất bản gì.",
        "The build in {source} carries the local address {url}, not the public one: set "
        "PORTAL_PUBLIC_URL in publishconf.py, then run 'portal build --production'. Nothing "
        "was published."),
    "changed_since_build": Text(
        "{count} tệp ở {source} khác với lúc dựng hoặc không do bản dựng ghi ({paths}): chạy "
        "lại 'portal build --production'. Chưa xuất bản gì.",
        "{count} files in {source} differ from what the build wrote or were not written by it "
        "({paths}): run 'portal build --production' again. Nothing was published."),
    "plan": Text("Sẽ thêm {added}, thay {replaced}, gỡ {removed} tệp; giữ nguyên {unchanged} tệp.",
                 "Will add {added}, replace {replaced} and remove {removed} files; "
                 "{unchanged} unchanged."),
    "removes_much": Text(
        "Lần xuất bản này gỡ {removed} trong {published} tệp đang có ở {target}, ví dụ:",
        "This publish removes {removed} of the {published} files now at {target}, such as:"),
    "confirm": Text("Gõ 'co' để xuất bản, phím khác để thôi: ",
                    "Type 'yes' to publish, anything else to stop: "),
    "not_confirmed": Text(
        "Chưa xuất bản gì. Xem lại bản dựng; nếu đúng là muốn gỡ chừng ấy tệp, chạy lại và "
        "đồng ý, hoặc thêm --yes.",
        "Nothing was published. Check the build; if so many files are really to go, run again "
        "and agree, or add --yes."),
    "foreign": Text("{path}: tệp này đã có ở nơi nhận nhưng không do 'portal publish' ghi; không "
                    "ghi đè. Xoá hoặc chuyển nó đi, hoặc chạy lại với --force.",
                    "{path}: this file exists at the target but was not written by 'portal "
                    "publish'; it is not overwritten. Remove or move it, or run again with --force."),
    "refused": Text("Chưa xuất bản: {count} tệp lạ chắn đường.",
                    "Nothing was published: {count} foreign files are in the way."),
    "kept": Text("{path}: đã bị sửa ở nơi nhận sau lần xuất bản trước; giữ nguyên, không xoá.",
                 "{path}: changed at the target since the last publish; kept, not removed."),
    "would_copy": Text("sẽ chép: {path}", "would copy: {path}"),
    "would_remove": Text("sẽ gỡ: {path}", "would remove: {path}"),
    "copying": Text("Xuất bản", "Publishing"),
    "published": Text("Đã xuất bản vào {target}: chép {copied}, giữ nguyên {unchanged}, gỡ {removed} tệp.",
                      "Published to {target}: {copied} copied, {unchanged} unchanged, {removed} removed."),
    "dry_run": Text("Chạy thử (--dry-run), không thay đổi gì: sẽ chép {copied}, giữ nguyên {unchanged}, "
                    "gỡ {removed} tệp.",
                    "Dry run (--dry-run), nothing changed: would copy {copied}, keep {unchanged}, "
                    "remove {removed} files."),
    "rsync_failed": Text("rsync báo lỗi ({status}): {detail}", "rsync failed ({status}): {detail}"),
}


def say(code: str, **params: object) -> str:
    return pick(MESSAGES[code]).format(**params)
