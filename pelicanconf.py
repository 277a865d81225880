"""Settings of the portal build (``pelican content -s pelicanconf.py`` or ``portal build``)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "plugins"))

from portal.common import urls  # noqa: E402
from portal.common.structured_data import GLOBALS as STRUCTURED_DATA  # noqa: E402
from portal.common.template_filters import FILTERS  # noqa: E402

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
# PORTAL_OUTPUT (the site's folder, see portal.build.output_folder) and PORTAL_PRODUCTION.
PORTAL_WITH_ERRORS = False
PORTAL_PRODUCTION = False
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
THEME = str(ROOT / "theme")

# The build's pipeline is one plugin; its stages, in order: portal.PIPELINE (plugins/portal/).
PLUGIN_PATHS = [str(ROOT / "plugins")]
PLUGINS = ["portal"]

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

# Rebuilds convert only the Markdown that changed (plugins/portal/model/render_cache.py);
# Pelican's own content cache stays off, as it would skip the reader's validation.
PORTAL_CACHE = True
