"""What the production build and ``portal publish`` tell the unit's IT person."""

from __future__ import annotations

from portal_common.messages import Text, pick

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
    "no_build": Text("Không có bản dựng ở {source}: chạy 'portal build --production' trước.",
                     "There is no build in {source}: run 'portal build --production' first."),
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
