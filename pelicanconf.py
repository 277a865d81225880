"""Settings of the portal build (``pelican content -s pelicanconf.py`` or ``portal build``)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "plugins"))

from portal_common import urls  # noqa: E402
from portal_common.structured_data import GLOBALS as STRUCTURED_DATA  # noqa: E402
from portal_common.template_filters import FILTERS  # noqa: E402

SITENAME = "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
SITE_SHORT_NAME = "Học tập và làm theo Bác"
PORTAL_OWNER = "Tỉnh uỷ Sơn Hà"
PORTAL_DESCRIPTION = (
    "Tin tức, văn bản chỉ đạo và tấm gương điển hình trong học tập và làm theo tư tưởng, "
    "đạo đức, phong cách Hồ Chí Minh của Đảng bộ tỉnh Sơn Hà."
)
PORTAL_PUBLIC_URL = "http://127.0.0.1:8000"
SITEURL = ""
RELATIVE_URLS = False
PATH = "content"
OUTPUT_PATH = "output"
DELETE_OUTPUT_DIRECTORY = True  # `portal build` writes into an empty folder: nothing to delete
# Content with errors stops the build once every file is read; the preview (`portal build
# --with-errors`) writes the pages of the valid files all the same. `portal build` sets
# PORTAL_OUTPUT (the site's folder, see plugins/output_folder) and PORTAL_PRODUCTION.
PORTAL_WITH_ERRORS = False
PORTAL_PRODUCTION = False
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
THEME = str(ROOT / "theme")

# The build's pipeline, in order: one plugin per concern.
PLUGIN_PATHS = [str(ROOT / "plugins")]
PLUGINS = [
    "output_folder",  # where the build writes, where its site lives
    "unchanged_pages",  # pages whose inputs did not change are linked from the last build
    "content_model",  # read, validate, slug and index every item; report problems
    "documents",  # document numbers: supersedes, citations linked in text
    "related_items",  # newer/older, related and other items of each article
    "front",  # home page and one listing per content type
    "units",  # unit sections, the units tree
    "topics",  # topic (chuyên đề) and tag pages
    "archives",  # year, month and day archives and the date picker's data
    "counters_manifest",  # counter ids of pages; counters.json for the counter service
    "legacy_redirects",  # redirect pages and an nginx map for imported items' old addresses
    "search_index",  # the search page and its static index, which `portal search` reads too
    "seo",  # sitemap, robots.txt
    "pictures",  # pictures at the reader's sizes, WebP, without their metadata
    "offline",  # web app manifest, icons, offline page and the service worker (last: it lists the shell)
]

# Visitor counters: where the pages' script finds the counter service (README, "Visitor
# counters"), and the test switch that lets automated browsers (navigator.webdriver) report.
COUNTERS_API = "/api/"
COUNTERS_REPORT_AUTOMATED = False

ARTICLE_PATHS = ["news", "guidance", "exemplar"]
PAGE_PATHS: list[str] = []
STATIC_PATHS = ["images", "files"]
ARTICLE_TRANSLATION_ID = None
FILENAME_METADATA = ""
USE_FOLDER_AS_CATEGORY = False
ARTICLE_URL = "{type_segment}/{date:%Y}/{slug}/"
ARTICLE_SAVE_AS = "{type_segment}/{date:%Y}/{slug}/index.html"
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
ARTICLE_LANG_SAVE_AS = ""
PAGE_SAVE_AS = ""
PAGE_LANG_SAVE_AS = ""

# Pelican's own listings are replaced by the portal's plugins.
DIRECT_TEMPLATES: list[str] = []
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""

DEFAULT_PAGINATION = 10
PAGINATED_TEMPLATES = {"listing": None}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/trang/{number}/", "{base_name}/trang/{number}/index.html"),
)

FEED_DOMAIN = PORTAL_PUBLIC_URL
FEED_ALL_ATOM = None  # the front plugin writes feed.xml with absolute links
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
FEED_MAX_ITEMS = 20
RSS_FEED_SUMMARY_ONLY = True

JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}
JINJA_FILTERS = FILTERS
JINJA_GLOBALS = {**STRUCTURED_DATA, "urls": urls}  # every address a template writes: urls.unit(slug)...

CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False

# Rebuilds convert only the Markdown that changed (plugins/content_model/render_cache.py);
# Pelican's own content cache stays off, as it would skip the reader's validation.
PORTAL_CACHE = True
