"""Pictures served at the sizes a reader's screen needs.

Each JPEG or PNG picture of the content is decoded once with Pillow and written at a few widths
(``WIDTHS``, never wider than the original) as WebP and in its own format; a WebP picture only
as WebP. The variants are named by a hash of the original's bytes and of the encoder
(``img/<hash>-<width>.<ext>``), kept beside the output so that a rebuild encodes only the pictures
that changed, and carry no metadata (EXIF, GPS, comments) of the original. GIF (maybe animated)
and SVG pictures are served as they are, with their size.

``inspect`` reads a picture for the validation (``portal check`` and the build share it): a file
that does not decode, one with too many pixels to decode safely, and one too large to serve."""

from __future__ import annotations

import hashlib
import html
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from PIL import Image, ImageFile, ImageOps

VARIANTS_FOLDER = "img"  # of the output: the sizes of the pictures, named by their digests

WIDTHS = (360, 720, 1080)
MAX_PIXELS = 40_000_000  # above this, decoding one picture would take gigabytes of memory
SERVE_MAX_BYTES = 2 * 1024 * 1024
SERVE_MAX_WIDTH = 4000
WEBP_QUALITY = 80
JPEG_QUALITY = 82
RESAMPLED = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}  # formats given variants, their suffix
ENCODER = f"pillow={Image.__version__};webp={WEBP_QUALITY};jpeg={JPEG_QUALITY};widths={WIDTHS}"
ImageFile.LOAD_TRUNCATED_IMAGES = False
_SVG_ROOT = re.compile(rb"<svg\b[^>]*>", re.IGNORECASE | re.DOTALL)
_SVG_ATTRIBUTE = re.compile(rb"""\b(width|height|viewBox)\s*=\s*["']([^"']*)["']""")


@dataclass(frozen=True)
class Picture:
    """What the validation learned of one picture file."""

    digest: str  # of the bytes and the encoder: the variants' name
    format: str  # Pillow's name (JPEG, PNG, WEBP, GIF), or SVG
    width: int = 0  # as shown (EXIF orientation applied); 0 when unknown
    height: int = 0
    size: int = 0  # bytes
    problem: str = ""  # bad_image, image_bomb, or "" when it decodes
    detail: str = ""

    @property
    def resampled(self) -> bool:
        return not self.problem and self.format in RESAMPLED and self.width > 0

    def widths(self) -> list[int]:
        """The variants' widths: the steps below the original's width, and the last one capped
        at the original's (a picture is never enlarged)."""
        largest = min(self.width, WIDTHS[-1])
        return [w for w in WIDTHS if w < largest] + [largest]

    def height_at(self, width: int) -> int:
        return max(1, round(self.height * width / self.width))

    def too_large(self) -> bool:
        return self.size > SERVE_MAX_BYTES or self.width > SERVE_MAX_WIDTH

    def variant(self, width: int, suffix: str) -> str:
        """The variant's path in the output, with "/"."""
        return f"{VARIANTS_FOLDER}/{self.digest}-{width}.{suffix}"

    def variants(self) -> list[str]:
        suffixes = ["webp"] if self.format == "WEBP" else ["webp", RESAMPLED[self.format]]
        return [self.variant(w, s) for s in suffixes for w in self.widths()]


_known: dict[tuple[str, int, int], Picture] = {}


def _svg_size(data: bytes) -> tuple[int, int]:
    root = _SVG_ROOT.search(data[:4096])
    if root is None:
        return 0, 0
    values = {k.decode(): v.decode() for k, v in _SVG_ATTRIBUTE.findall(root.group())}
    try:
        if "width" in values and "height" in values:
            width, height = (values[key].removesuffix("px") for key in ("width", "height"))
            return round(float(width)), round(float(height))
        box = values.get("viewBox", "").replace(",", " ").split()
        if len(box) == 4:
            return round(float(box[2])), round(float(box[3]))
    except ValueError:
        pass
    return 0, 0


def _decode(path: Path, digest: str, size: int) -> Picture:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(path) as image:
                kind = image.format or ""
                width, height = image.size
                if width * height > MAX_PIXELS:
                    return Picture(digest, kind, width, height, size, "image_bomb")
                image.load()
                if kind == "JPEG":
                    orientation = image.getexif().get(0x0112, 1)
                    if orientation in (5, 6, 7, 8):
                        width, height = height, width
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            return Picture(digest, "", 0, 0, size, "image_bomb")
        except (OSError, SyntaxError, ValueError, EOFError) as failure:
            return Picture(digest, "", 0, 0, size, "bad_image", str(failure))
    return Picture(digest, kind, width, height, size)


def inspect(path: Path) -> Picture:
    """The picture at ``path`` (an existing file), read once per build for each version."""
    status = path.stat()
    key = (str(path.resolve()), status.st_size, status.st_mtime_ns)
    found = _known.get(key)
    if found is None:
        data = path.read_bytes()
        digest = hashlib.sha256(ENCODER.encode() + b"\0" + data).hexdigest()[:20]
        if path.suffix.lower() == ".svg":
            found = Picture(digest, "SVG", *_svg_size(data), len(data))
        else:
            found = _decode(path, digest, len(data))
        _known[key] = found
    return found


def _prepared(image: Image.Image, suffix: str) -> Image.Image:
    image = ImageOps.exif_transpose(image)
    if suffix == "jpg":
        return image.convert("RGB")
    if image.mode == "P" or image.mode not in ("RGB", "RGBA", "L", "LA"):
        return image.convert("RGBA" if "transparency" in image.info or "A" in image.mode else "RGB")
    return image


def encode(source: Path, picture: Picture, folder: Path) -> list[Path]:
    """Write the picture's variants missing from ``folder`` (the cache); every variant's path.
    Nothing of the original's metadata is written but its colour profile."""
    wanted = [folder / name.removeprefix(f"{VARIANTS_FOLDER}/") for name in picture.variants()]
    missing = [path for path in wanted if not path.exists()]
    if not missing:
        return wanted
    folder.mkdir(parents=True, exist_ok=True)
    with Image.open(source) as original:
        original.load()
        profile = original.info.get("icc_profile")
        for path in missing:
            width = int(path.stem.rsplit("-", 1)[1])
            suffix = path.suffix[1:]
            image = _prepared(original, suffix)
            if image.width != width:
                image = image.resize((width, picture.height_at(width)), Image.Resampling.LANCZOS)
            clean = Image.new(image.mode, image.size)
            clean.paste(image)
            options: dict[str, object] = {"icc_profile": profile} if profile else {}
            if suffix == "webp":
                options |= {"quality": WEBP_QUALITY, "method": 6}
            elif suffix == "jpg":
                options |= {"quality": JPEG_QUALITY, "optimize": True, "progressive": True}
            else:
                options |= {"optimize": True}
            temporary = path.with_name(path.name + ".tmp")
            clean.save(temporary, format={"jpg": "JPEG", "png": "PNG", "webp": "WEBP"}[suffix],
                       **options)
            temporary.replace(path)
    return wanted


def _srcset(picture: Picture, suffix: str) -> str:
    return ", ".join(f"/{picture.variant(w, suffix)} {w}w" for w in picture.widths())


def markup(picture: Picture | None, src: str, alt: str, sizes: str, css_class: str = "",
           lazy: bool = True, priority: bool = False) -> str:
    """The HTML of one picture: ``<img>`` with its intrinsic width and height, the variants in
    ``srcset``, in a ``<picture>`` offering WebP first when the fallback is JPEG or PNG; lazy
    loaded unless it is the page's first, which the browser fetches first."""
    attributes = [f'alt="{html.escape(alt)}"']
    if css_class:
        attributes.insert(0, f'class="{html.escape(css_class)}"')
    source = ""
    if picture is not None and picture.resampled:
        fallback = "webp" if picture.format == "WEBP" else RESAMPLED[picture.format]
        src = "/" + picture.variant(picture.widths()[-1], fallback)
        attributes.append(f'srcset="{_srcset(picture, fallback)}" sizes="{sizes}"')
        if fallback != "webp":
            source = f'<source type="image/webp" srcset="{_srcset(picture, "webp")}" sizes="{sizes}">'
    if picture is not None and picture.width and picture.height:
        attributes.append(f'width="{picture.width}" height="{picture.height}"')
    attributes.append('fetchpriority="high"' if priority else 'loading="lazy" decoding="async"'
                      if lazy else 'decoding="async"')
    image = f'<img src="{html.escape(src)}" {" ".join(attributes)}>'
    return f"<picture>{source}{image}</picture>" if source else image


_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([a-zA-Z][\w-]*)\s*=\s*"([^"]*)\"""")
BODY_SIZES = "(min-width: 56.25em) 44rem, calc(100vw - 2rem)"


def content_picture(content_root: Path, src: str) -> tuple[str, Picture | None]:
    """The content path (``images/...``) an address names and its picture in the content
    folder ``content_root``, when it is one."""
    path = unquote(urlsplit(src).path) if not urlsplit(src).netloc else ""
    while path.startswith(("/", "./", "../")):
        path = path.removeprefix("/").removeprefix("./").removeprefix("../")
    if not path.startswith("images/"):
        return path, None
    file = content_root / path
    return path, inspect(file) if file.is_file() else None


def _content_root(context: Context) -> Path:
    """The content folder of the build whose page the template writes."""
    return Path(context["PATH"])


@pass_context
def served(context: Context, path: str) -> str:
    """The address (without the leading "/") to name a picture by outside the page (OpenGraph,
    JSON-LD): its largest variant in its own format, which carries no metadata, when it has
    variants, else the picture itself."""
    found = content_picture(_content_root(context), "/" + path.lstrip("/"))[1]
    if found is None or not found.resampled:
        return path.lstrip("/")
    return found.variant(found.widths()[-1], "webp" if found.format == "WEBP" else RESAMPLED[found.format])


@pass_context
def picture(context: Context, path: str, alt: str = "", css_class: str = "", sizes: str = BODY_SIZES,
            lazy: bool = True, priority: bool = False, size: tuple[int, int] = (0, 0)) -> Markup:
    """A template's picture (``images/...``) at the sizes of ``sizes``; ``size`` is the width
    and height to give it when the picture's own are unknown (an SVG without them)."""
    src = "/" + path.lstrip("/")
    found = content_picture(_content_root(context), src)[1]
    if found is None or not (found.width and found.height):
        found = Picture("", "", *size) if size[0] else None
    return Markup(markup(found, src, alt, sizes, css_class, lazy, priority))


@pass_context
def body_pictures(context: Context, body: str, first: bool = False) -> Markup:
    """An item's text with each picture of the content served at its sizes; with ``first`` its
    first picture is the page's first, and is not lazy loaded."""
    count, content_root = 0, _content_root(context)

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        attributes = {k.lower(): html.unescape(v) for k, v in _ATTRIBUTE.findall(match.group())}
        src = attributes.get("src", "")
        found = content_picture(content_root, src)[1]
        count += 1
        lead = first and count == 1
        made = markup(found, src, attributes.get("alt", ""), BODY_SIZES, lazy=not lead)
        if "title" in attributes:
            made = made.replace("<img ", f'<img title="{html.escape(attributes["title"])}" ', 1)
        return made

    return Markup(_IMG.sub(replace, str(body)))
