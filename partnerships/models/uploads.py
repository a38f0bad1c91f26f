"""Uploaded files: checked by content, capped in size, stored under generated names.

A file's name and extension say nothing reliable about it, so every upload is sniffed:
the first bytes (``filetype``) tell PDF, PNG, JPEG and WebP apart, and the office
formats, which are all zip archives, are confirmed by the archive's members
(``word/document.xml`` for DOCX, ``xl/workbook.xml`` for XLSX, the ``mimetype`` entry
for ODT). A ``rapport.pdf`` that is not a PDF is refused. A file is stored under a
random name with the extension of what it really is (``resources/files/3f2a….pdf``),
so a visitor's file name never reaches the disk or a URL.

Images also get a small thumbnail (WebP, under ``thumbnails/`` in MEDIA_ROOT) made
with Pillow when the model is saved (``ThumbnailsMixin``).
"""

import uuid
import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import PurePosixPath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.db.models.fields.files import FieldFile, ImageFieldFile
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

HEAD_SIZE = 8192
THUMBNAIL_SIZE = (480, 480)
THUMBNAIL_DIRECTORY = "thumbnails"


@dataclass(frozen=True)
class FileKind:
    extension: str
    mime: str
    label: str


PDF = FileKind("pdf", "application/pdf", "PDF")
ODT = FileKind("odt", "application/vnd.oasis.opendocument.text", "ODT")
DOCX = FileKind(
    "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX"
)
XLSX = FileKind("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX")
PNG = FileKind("png", "image/png", "PNG")
JPEG = FileKind("jpg", "image/jpeg", "JPEG")
WEBP = FileKind("webp", "image/webp", "WebP")

IMAGE_KINDS = (PNG, JPEG, WEBP)
DOCUMENT_KINDS = (PDF, ODT, DOCX, XLSX, *IMAGE_KINDS)
_BY_EXTENSION = {kind.extension: kind for kind in DOCUMENT_KINDS}
_ZIP_FAMILY = {"zip", "docx", "xlsx", "pptx", "odt", "ods", "odp", "epub", "jar"}


def _rewind(file) -> None:
    if hasattr(file, "seek"):
        file.seek(0)


def _zip_kind(file) -> FileKind | None:
    """DOCX, XLSX or ODT by the archive's members; anything else zipped is not accepted."""
    _rewind(file)
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and "content.xml" in names:
                declared = archive.read("mimetype").decode("ascii", "replace").strip()
                return ODT if declared == ODT.mime else None
            if "[Content_Types].xml" in names:
                if "word/document.xml" in names:
                    return DOCX
                if "xl/workbook.xml" in names:
                    return XLSX
    except (zipfile.BadZipFile, OSError, KeyError, RuntimeError, ValueError):
        return None
    finally:
        _rewind(file)
    return None


def detect_kind(file) -> FileKind | None:
    """What ``file`` (an open binary file) really is, among the accepted kinds, or None."""
    _rewind(file)
    head = file.read(HEAD_SIZE)
    _rewind(file)
    if not head:
        return None
    guessed = filetype.guess(bytes(head))
    if guessed is None:
        return None
    if guessed.extension in _ZIP_FAMILY:
        return _zip_kind(file)
    return _BY_EXTENSION.get(guessed.extension)


def human_list(kinds) -> str:
    return ", ".join(kind.label for kind in kinds)


@deconstructible
class FileContentValidator:
    """Refuse a new upload whose content is not one of ``kinds`` or that is too large.

    Files already stored are not read again on every save: only uncommitted uploads
    are checked.
    """

    def __init__(self, kinds: tuple[str, ...]):
        self.kinds = tuple(kinds)

    def __call__(self, value) -> None:
        if not value or getattr(value, "_committed", True):
            return
        limit = settings.MAX_UPLOAD_SIZE
        if value.size is not None and value.size > limit:
            raise ValidationError(
                _("Ce fichier pèse %(size)s ; la limite est de %(limit)s."),
                code="file_too_large",
                params={"size": filesizeformat(value.size), "limit": filesizeformat(limit)},
            )
        allowed = [_BY_EXTENSION[extension] for extension in self.kinds]
        kind = detect_kind(value.file)
        if kind is None or kind not in allowed:
            raise ValidationError(
                _(
                    "Le contenu de ce fichier n'est pas d'un type accepté (%(allowed)s), "
                    "quelle que soit son extension."
                ),
                code="file_type",
                params={"allowed": human_list(allowed)},
            )

    def __eq__(self, other) -> bool:
        return isinstance(other, FileContentValidator) and self.kinds == other.kinds


def generated_name(content, original_name: str) -> str:
    """A random file name with the extension of what ``content`` really is."""
    kind = detect_kind(content)
    extension = kind.extension if kind else "bin"
    return f"{uuid.uuid4().hex}.{extension}"


class GeneratedNameFieldFile(FieldFile):
    def save(self, name, content, save=True):
        super().save(generated_name(content, name), content, save)


class GeneratedNameImageFieldFile(ImageFieldFile):
    def save(self, name, content, save=True):
        super().save(generated_name(content, name), content, save)


class DocumentField(models.FileField):
    """A document (PDF, ODT, DOCX, XLSX or an image), checked by content, renamed on save."""

    attr_class = GeneratedNameFieldFile
    default_validators = [FileContentValidator(tuple(kind.extension for kind in DOCUMENT_KINDS))]


class PictureField(models.ImageField):
    """A PNG, JPEG or WebP image, checked by content, renamed on save."""

    attr_class = GeneratedNameImageFieldFile
    default_validators = [FileContentValidator(tuple(kind.extension for kind in IMAGE_KINDS))]


# -- thumbnails ---------------------------------------------------------------------------


def thumbnail_name(image_name: str) -> str:
    """``thumbnails/<stem of the image's generated name>.webp``."""
    return f"{THUMBNAIL_DIRECTORY}/{PurePosixPath(image_name).stem}.webp"


def make_thumbnail(field_file, size=THUMBNAIL_SIZE) -> ContentFile:
    from PIL import Image, ImageOps

    field_file.open("rb")
    try:
        with Image.open(field_file) as image:
            image = ImageOps.exif_transpose(image)
            image.thumbnail(size)
            if image.mode not in ("RGB", "RGBA"):
                image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
            buffer = BytesIO()
            image.save(buffer, format="WEBP", quality=80)
    finally:
        field_file.close()
    return ContentFile(buffer.getvalue())


class ThumbnailsMixin(models.Model):
    """Keeps a thumbnail field in step with each image field named in ``THUMBNAILS``.

    ``THUMBNAILS = {"cover_image": "cover_thumbnail"}``: after each save, an image
    without its thumbnail gets one; a removed image loses it. The thumbnail column is
    written with ``update()``, so it creates no extra history record.
    """

    THUMBNAILS: dict[str, str] = {}

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.refresh_thumbnails()

    def refresh_thumbnails(self) -> None:
        changes = {}
        for image_field, thumbnail_field in self.THUMBNAILS.items():
            image = getattr(self, image_field)
            thumbnail = getattr(self, thumbnail_field)
            if not image:
                if thumbnail:
                    thumbnail.delete(save=False)
                    changes[thumbnail_field] = ""
                continue
            expected = thumbnail_name(image.name)
            if thumbnail.name == expected:
                continue
            try:
                content = make_thumbnail(image)
            except (OSError, ValueError):
                continue  # an image Pillow cannot read keeps no thumbnail
            storage = thumbnail.storage
            if storage.exists(expected):
                storage.delete(expected)
            stored = storage.save(expected, content)
            setattr(self, thumbnail_field, stored)
            changes[thumbnail_field] = stored
        if changes:
            type(self)._base_manager.filter(pk=self.pk).update(**changes)
