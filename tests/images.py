"""Test pictures, made with Pillow: photos with a location and a name in them, turned, tinted, animated, broken."""

import io
import struct

from django.core.files.base import ContentFile
from PIL import Image, ImageCms, ImageDraw, ImageFilter

OFFICER = "PC Jane Smith"
GPS = {1: "N", 2: (52.0, 57.0, 0.0), 3: "W", 4: (1.0, 8.0, 0.0)}  # 52 degrees 57 minutes north, 1 degree 8 minutes west


def photo(size=(1600, 1000)):
    """Something like a photograph: soft shapes and some grain, so resizing and compression have work to do."""
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    draw = ImageDraw.Draw(image)
    for n in range(12):
        x, y = (n * 137) % size[0], (n * 89) % size[1]
        draw.ellipse([x, y, x + size[0] // 4, y + size[1] // 3], fill=(40 + n * 15, 90, 200 - n * 10))
    grain = Image.effect_noise(size, 40).convert("RGB").filter(ImageFilter.GaussianBlur(1))
    return Image.blend(image, grain, 0.25)


def encoded(image, fmt="JPEG", **options):
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def png_bytes(size=(40, 30)):
    return encoded(Image.new("RGB", size, "navy"), "PNG")


def with_iptc(jpeg, byline):
    """Add an IPTC By-line (record 2, dataset 80) in a Photoshop APP13 segment, as cameras and editors write it."""
    dataset = b"\x1c\x02\x50" + struct.pack(">H", len(byline)) + byline
    resource = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(dataset)) + dataset + b"\x00" * (len(dataset) % 2)
    payload = b"Photoshop 3.0\x00" + resource
    return jpeg[:2] + b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload + jpeg[2:]


def gps_jpeg(size=(1600, 1000)):
    """A phone photo as the issue found it: GPS position and the officer's name in EXIF, XMP and IPTC."""
    exif = Image.Exif()
    exif[0x013B] = OFFICER  # Artist
    exif.get_ifd(0x8825).update(GPS)
    xmp = (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        f'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>{OFFICER}</dc:creator>'
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
    ).encode()
    return with_iptc(encoded(photo(size), exif=exif, xmp=xmp, quality=90), OFFICER.encode())


def turned_jpeg():
    """Stored 600 by 400, left half red and right half blue, with EXIF saying: turn a quarter clockwise to view."""
    image = Image.new("RGB", (600, 400), "blue")
    image.paste((255, 0, 0), (0, 0, 300, 400))
    exif = Image.Exif()
    exif[0x0112] = 6
    return encoded(image, exif=exif, quality=95)


def swapped_profile():
    """An RGB colour profile whose red and green are swapped: pure red in it is pure green in sRGB."""
    profile = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    count = struct.unpack(">I", profile[128:132])[0]
    tags = {bytes(profile[132 + 12 * n : 136 + 12 * n]): 132 + 12 * n for n in range(count)}
    red, green = tags[b"rXYZ"] + 4, tags[b"gXYZ"] + 4
    profile[red : red + 8], profile[green : green + 8] = profile[green : green + 8], profile[red : red + 8]
    return bytes(profile)


def tagged_red_jpeg():
    return encoded(Image.new("RGB", (500, 300), (255, 0, 0)), icc_profile=swapped_profile(), quality=95)


def animated(fmt):
    frames = [Image.new("RGB", (40, 30), colour) for colour in ("red", "blue")]
    return encoded(frames[0], fmt, save_all=True, append_images=frames[1:], duration=100)


def truncated(fmt):
    data = encoded(photo((400, 300)), fmt)
    return data[: len(data) // 2]


def bomb():
    """A 12 KB PNG that unpacks to 100 million pixels."""
    return encoded(Image.new("1", (10_000, 10_000)), "PNG")


SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def give_image(obj, data, name="photo.jpg", **fields):
    """Attach an image as an upload would, and save: the original goes to private storage under a random name."""
    for field, value in {"image_alt": "A description", **fields}.items():
        setattr(obj, field, value)
    obj.image.save(name, ContentFile(data, name=name), save=False)
    obj.save()
    return obj
