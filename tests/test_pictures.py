"""Pictures: variants at a few widths in WebP and their own format, without metadata, the
markup that names them (sizes, lazy loading), the same verdict from check and build on pictures
that are broken, too large to decode or too large to serve, and variants kept between builds."""

from __future__ import annotations

import io
import re
import struct
import zlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from portal.build.pictures import FOLDER
from portal.model.render_cache import cache_folder
from portal_bench.rebuild_bench import differences
from sitekit import Site, item, make_site

ITEM = "news/huyen-a/2021/anh.md"
PAGE = "tin-tuc/2021/hoi-nghi-co-anh/"
GPS = 0x8825


def jpeg(width: int, height: int, gps: bool = True) -> bytes:
    image = Image.new("RGB", (width, height), (160, 30, 30))
    for x in range(0, width, 40):
        image.paste((240, 220, 120), (x, 0, x + 20, height))
    exif = Image.Exif()
    exif[0x010F] = "Máy ảnh của cán bộ"  # Make
    if gps:
        exif[GPS] = {1: "N", 2: (21.0, 1.0, 30.0), 3: "E", 4: (105.0, 51.0, 0.0)}
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90, exif=exif.tobytes())
    return buffer.getvalue()


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGBA", (width, height), (10, 80, 160, 200)).save(buffer, "PNG")
    return buffer.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` × ``height`` pixels (a decompression bomb)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) \
        + chunk(b"IEND", b"")


def picture_site(tmp_path: Path, extra: str = "", **files: bytes) -> Site:
    site = make_site(tmp_path)
    site.write("images/lead.jpg", jpeg(1600, 900))
    site.write("images/small.png", png(500, 300))
    site.write("images/so-do.jpg", jpeg(800, 600, gps=False))
    for name, data in files.items():
        site.write(f"images/{name}", data)
    body = ("Đoạn mở đầu.\n\n![Sơ đồ](/images/so-do.jpg)\n\nĐoạn giữa.\n\n![Ảnh nhỏ](/images/small.png)\n"
            + extra)
    site.write(ITEM, item("Hội nghị có ảnh", "2021-03-04", "huyen-a", body=body,
                          image="images/lead.jpg", image_caption="Toàn cảnh hội nghị"))
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Site:
    site = picture_site(tmp_path_factory.mktemp("pictures"))
    result = site.run("build")
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def images(site: Site) -> list:
    return BeautifulSoup(site.page(PAGE), "html.parser").select(".item img")


def test_every_picture_has_its_size_and_variants_that_exist(built: Site) -> None:
    lead, diagram, small = images(built)
    assert (lead["width"], lead["height"]) == ("1600", "900")
    assert (diagram["width"], diagram["height"]) == ("800", "600")
    assert (small["width"], small["height"]) == ("500", "300")
    for img in (lead, diagram, small):
        sources = [img, *img.find_parent("picture").select("source")]
        assert img.find_parent("picture").source["type"] == "image/webp"
        for tag in sources:
            assert tag["sizes"]
            for entry in tag["srcset"].split(", "):
                url, width = entry.split()
                assert (built.output / url.lstrip("/")).is_file(), url
                assert Image.open(built.output / url.lstrip("/")).width == int(width[:-1])
        assert (built.output / img["src"].lstrip("/")).is_file()
    widths = [entry.split()[1] for entry in lead.find_parent("picture").source["srcset"].split(", ")]
    assert widths == ["360w", "720w", "1080w"]
    small_widths = [entry.split()[1] for entry in small["srcset"].split(", ")]
    assert small_widths == ["360w", "500w"]  # never enlarged
    assert small["src"].endswith("-500.png") and lead["src"].endswith("-1080.jpg")
    assert Image.open(built.output / small["src"].lstrip("/")).mode == "RGBA"


def test_only_the_first_picture_loads_at_once(built: Site) -> None:
    lead, diagram, small = images(built)
    assert lead.get("fetchpriority") == "high" and "loading" not in lead.attrs
    for img in (diagram, small):
        assert (img["loading"], img["decoding"]) == ("lazy", "async")
    cards = BeautifulSoup(built.page(""), "html.parser")
    lead_story = cards.select_one(".lead-story__image")
    assert lead_story["fetchpriority"] == "high" and lead_story["srcset"]


def test_without_a_lead_picture_the_first_in_the_text_is_not_lazy(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    site.write("images/a.jpg", jpeg(900, 600, gps=False))
    site.write("images/b.jpg", jpeg(900, 600, gps=False))
    site.write(ITEM, item("Hội nghị có ảnh", "2021-03-04", "huyen-a",
                          body="![A](/images/a.jpg)\n\n![B](/images/b.jpg)\n"))
    assert site.build().returncode == 0
    first, second = BeautifulSoup(site.page(PAGE), "html.parser").select(".item-body img")
    assert "loading" not in first.attrs and second["loading"] == "lazy"


def test_served_variants_carry_no_camera_or_gps_data(built: Site) -> None:
    assert GPS in Image.open(built.content / "images/lead.jpg").getexif()
    page = BeautifulSoup(built.page(PAGE), "html.parser")
    shared = page.select_one('meta[property="og:image"]')["content"]
    assert shared == "http://127.0.0.1:8000" + images(built)[0]["src"]  # the 1,080 px JPEG variant
    assert shared in page.select_one('script[type="application/ld+json"]').string
    made = sorted((built.output / "img").iterdir())
    assert len(made) == 3 * 2 + 3 * 2 + 2 * 2  # lead and so-do 3 widths, small 2; WebP and own format
    for path in made:
        with Image.open(path) as image:
            assert not image.getexif(), path
            assert "exif" not in image.info and "xmp" not in image.info, path
        assert b"Exif" not in path.read_bytes()[:4096], path


def test_an_unchanged_picture_is_not_encoded_again_and_builds_are_reproducible(
        built: Site, tmp_path: Path) -> None:
    cache = cache_folder(built.output) / FOLDER
    kept = {path.name: path.stat().st_mtime_ns for path in cache.iterdir()}
    assert kept
    result = built.run("build")
    assert result.returncode == 0, result.stderr
    assert {path.name: path.stat().st_mtime_ns for path in cache.iterdir()} == kept
    fresh = picture_site(tmp_path)
    assert fresh.run("build").returncode == 0
    # A feed with no items (of this small portal's empty sections) carries the build's time.
    assert [path for path in differences(built.output, fresh.output)
            if not path.endswith("feed.xml") and path != ".portal-build.json"] == []


def test_a_changed_picture_gets_new_variants_and_pages(tmp_path: Path) -> None:
    site = picture_site(tmp_path)
    assert site.build().returncode == 0
    before = images(site)[1]["src"]
    site.write("images/so-do.jpg", jpeg(640, 480, gps=False))
    assert site.build().returncode == 0
    after = images(site)[1]
    assert after["src"] != before and after["width"] == "640"
    assert (site.output / after["src"].lstrip("/")).is_file()


@pytest.mark.bad_input
@pytest.mark.parametrize(("name", "data", "code", "words"), [
    ("hong.jpg", jpeg(800, 600)[:3000], "bad_image", "không mở được"),
    ("gia.png", b"this is a text file named .png\n" * 10, "bad_image", "không mở được"),
    ("bom.png", png_claiming(30000, 30000), "image_bomb", "có quá nhiều điểm ảnh"),
], ids=["truncated", "not-a-picture", "bomb"])
def test_a_picture_that_cannot_be_decoded_is_refused_by_check_and_build(
        tmp_path: Path, name: str, data: bytes, code: str, words: str) -> None:
    site = picture_site(tmp_path, extra=f"\nCuối bài.\n\n![Hỏng](/images/{name})\n", **{name: data})
    for verb in ("check", "build"):
        result = site.run(verb)
        assert result.returncode == 1, verb
        text = result.stdout + result.stderr
        assert "Traceback" not in text
        line = re.search(rf"{re.escape(ITEM)}:(\d+): lỗi: Ảnh «images/{name}» {words}", text)
        assert line, (verb, text)
        lines = (site.content / ITEM).read_text(encoding="utf-8").splitlines()
        assert f"/images/{name}" in lines[int(line[1]) - 1]
        assert "Cách sửa:" in text.split(line[0], 1)[1].split("\n")[1]


def test_a_picture_too_large_to_serve_is_a_warning_of_check_and_build(tmp_path: Path) -> None:
    site = picture_site(tmp_path, extra="\n![Rộng](/images/rong.jpg)\n", **{"rong.jpg": jpeg(4200, 300)})
    for verb in ("check", "build"):
        result = site.run(verb)
        assert result.returncode == 0, result.stdout + result.stderr
        text = result.stdout + result.stderr
        assert re.search(rf"{re.escape(ITEM)}:\d+: cảnh báo: Ảnh «images/rong.jpg» quá lớn", text), text
        assert "rộng tối đa 1.600 px, lưu dạng JPEG chất lượng 80" in text
    english = site.run("check", lang="en")
    assert "Resize the picture to at most 1,600 px wide and save it as JPEG quality 80" in english.stdout
    widest = BeautifulSoup(site.page(PAGE), "html.parser").select(".item-body img")[-1]
    assert widest["width"] == "4200" and widest["srcset"].endswith("1080w")
