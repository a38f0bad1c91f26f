"""Uploaded files are judged by their content, capped in size and stored under generated
names; images get thumbnails. Rich text is edited with the packaged editor and cleaned."""

import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from partnerships.models import CaseStudy, Collection, Partner, Resource
from partnerships.models.uploads import DOCX, ODT, PDF, PNG, XLSX, detect_kind
from tests import factories
from tests.test_admin import admin_url, form_values

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< >>\n%%EOF\n"
GENERATED = re.compile(r"^[0-9a-f]{32}\.(pdf|odt|docx|xlsx|png|jpg|webp)$")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def image_bytes(fmt="PNG", size=(900, 600), mode="RGB") -> bytes:
    buffer = io.BytesIO()
    color = (200, 80, 40, 128) if mode == "RGBA" else (200, 80, 40)
    Image.new(mode, size, color).save(buffer, format=fmt)
    return buffer.getvalue()


def zipped(entries: dict[str, bytes], first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        names = ([first] if first else []) + [name for name in entries if name != first]
        for name in names:
            archive.writestr(name, entries[name])
    return buffer.getvalue()


DOCX_BYTES = zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
XLSX_BYTES = zipped({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
ODT_BYTES = zipped(
    {"mimetype": ODT.mime.encode(), "content.xml": b"<office:document-content/>"},
    first="mimetype",
)
PLAIN_ZIP = zipped({"notes.txt": b"bonjour"})


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (PDF_BYTES, PDF),
        (DOCX_BYTES, DOCX),
        (XLSX_BYTES, XLSX),
        (ODT_BYTES, ODT),
        (image_bytes("PNG"), PNG),
        (PLAIN_ZIP, None),
        (b"Ceci n'est pas un PDF.", None),
        (image_bytes("GIF"), None),
        (b"", None),
    ],
)
def test_the_kind_of_a_file_is_read_from_its_content(content, kind):
    assert detect_kind(io.BytesIO(content)) == kind


def full_clean_with_file(name: str, content: bytes, field="file"):
    resource = factories.ResourceFactory()
    setattr(resource, field, SimpleUploadedFile(name, content))
    resource.full_clean()
    return resource


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("rapport.pdf", PDF_BYTES),
        ("note.docx", DOCX_BYTES),
        ("tableau.xlsx", XLSX_BYTES),
        ("texte.odt", ODT_BYTES),
        ("carte.png", image_bytes("PNG")),
        ("photo.jpg", image_bytes("JPEG")),
        ("visuel.webp", image_bytes("WEBP")),
    ],
)
def test_accepted_documents(name, content):
    full_clean_with_file(name, content)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("rapport.pdf", b"Ceci n'est pas un PDF, seulement du texte."),
        ("rapport.pdf", b"<html><script>alert(1)</script></html>"),
        ("note.docx", PLAIN_ZIP),
        ("animation.gif", image_bytes("GIF")),
        ("script.exe", b"MZ\x90\x00\x03\x00\x00\x00"),
    ],
)
def test_a_file_whose_content_is_not_accepted_is_refused_whatever_its_name(name, content):
    with pytest.raises(ValidationError) as error:
        full_clean_with_file(name, content)
    assert "file" in error.value.message_dict
    assert "quelle que soit son extension" in error.value.message_dict["file"][0]


def test_the_size_is_capped_by_the_setting(settings):
    settings.MAX_UPLOAD_SIZE = 64
    with pytest.raises(ValidationError) as error:
        full_clean_with_file("rapport.pdf", PDF_BYTES + b" " * 100)
    assert "la limite est de" in error.value.message_dict["file"][0]


def test_a_cover_must_be_a_png_jpeg_or_webp_image():
    with pytest.raises(ValidationError) as error:
        full_clean_with_file("couverture.png", PDF_BYTES, field="cover_image")
    assert "cover_image" in error.value.message_dict


def curator_client(client):
    client.force_login(factories.curator())
    return client


def test_a_pdf_uploaded_in_the_admin_is_stored_under_a_generated_name(client, media):
    client = curator_client(client)
    resource = factories.ResourceFactory()
    url = admin_url(Resource, "change", resource.pk)
    data = form_values(client.get(url))
    data.update({"file": SimpleUploadedFile("Mon rapport final (v2).pdf", PDF_BYTES)})
    data["_save"] = "Enregistrer"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    resource.refresh_from_db()
    directory, name = resource.file.name.rsplit("/", 1)
    assert directory == "resources/files"
    assert GENERATED.match(name)
    assert (media / resource.file.name).read_bytes() == PDF_BYTES


def test_a_fake_pdf_is_refused_by_the_admin(client, media):
    client = curator_client(client)
    resource = factories.ResourceFactory()
    url = admin_url(Resource, "change", resource.pk)
    data = form_values(client.get(url))
    data.update({"file": SimpleUploadedFile("rapport.pdf", b"MZ pas un pdf"), "_save": "1"})
    response = client.post(url, data)
    assert response.status_code == 200
    assert "file" in response.context["adminform"].form.errors
    resource.refresh_from_db()
    assert not resource.file
    assert not (media / "resources").exists()


def test_a_file_is_named_after_what_it_is_not_what_it_claims(media):
    resource = factories.ResourceFactory()
    resource.file = SimpleUploadedFile("document.pdf", image_bytes("PNG"))
    resource.full_clean()
    resource.save()
    assert resource.file.name.endswith(".png")


@pytest.mark.parametrize(
    ("factory", "field", "thumbnail"),
    [
        (factories.ResourceFactory, "cover_image", "cover_thumbnail"),
        (factories.CaseStudyFactory, "cover_image", "cover_thumbnail"),
        (factories.PartnerFactory, "logo", "logo_thumbnail"),
    ],
)
def test_images_get_a_thumbnail_under_a_generated_name(media, factory, field, thumbnail):
    obj = factory()
    setattr(obj, field, SimpleUploadedFile("grande-photo.jpg", image_bytes("JPEG", (2000, 1200))))
    obj.full_clean()
    obj.save()
    obj.refresh_from_db()
    image, thumb = getattr(obj, field).name, getattr(obj, thumbnail).name
    assert GENERATED.match(image.rsplit("/", 1)[1])
    assert thumb.startswith("thumbnails/")
    assert thumb.endswith(".webp")
    with Image.open(media / thumb) as small:
        assert max(small.size) <= 480
        assert small.format == "WEBP"
    history = type(obj).history.filter(id=obj.pk).count()

    setattr(obj, field, None)
    obj.save()
    obj.refresh_from_db()
    assert not getattr(obj, thumbnail)
    assert not (media / thumb).exists()
    assert type(obj).history.filter(id=obj.pk).count() == history + 1  # no extra version


def test_a_transparent_png_keeps_its_transparency_in_the_thumbnail(media):
    partner = factories.PartnerFactory()
    partner.logo = SimpleUploadedFile("logo.png", image_bytes("PNG", (600, 600), "RGBA"))
    partner.full_clean()
    partner.save()
    with Image.open(media / partner.logo_thumbnail.name) as small:
        assert small.mode == "RGBA"


# -- rich text --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "factory", "fields"),
    [
        (Resource, factories.ResourceFactory, ["body"]),
        (CaseStudy, factories.CaseStudyFactory, ["context", "results", "sources"]),
        (Collection, factories.CollectionFactory, ["introduction"]),
    ],
)
def test_rich_text_is_edited_with_the_packaged_editor(client, model, factory, fields):
    client = curator_client(client)
    page = client.get(admin_url(model, "change", factory().pk)).content.decode()
    for name in fields:
        tag = re.search(rf'<textarea name="{name}"[^>]*>', page).group(0)
        assert "data-django-prose-editor-configurable" in tag
    assert "django_prose_editor/editor.js" in page  # shipped with the package, no CDN
    external = re.findall(r'<(?:script|link)\b[^>]*(?:src|href)="(?:https?:)?//[^"]*"', page)
    assert external == []  # every script and stylesheet is served by the portal itself


def test_the_editor_offers_only_what_the_sanitiser_keeps():
    from django_prose_editor.config import allowlist_from_extensions

    from partnerships.models.richtext import EDITOR_EXTENSIONS
    from partnerships.sanitize import ALLOWED_TAGS

    offered = allowlist_from_extensions(EDITOR_EXTENSIONS)["tags"]
    assert offered <= ALLOWED_TAGS


def test_rich_text_posted_in_the_admin_is_cleaned(client):
    client = curator_client(client)
    collection = factories.CollectionFactory()
    url = admin_url(Collection, "change", collection.pk)
    data = form_values(client.get(url))
    data.update(
        {
            "introduction": '<h2>Par où commencer</h2><p onclick="x()">Texte</p>'
            '<script>alert(1)</script><a href="javascript:alert(1)">lien</a>',
            "_save": "Enregistrer",
        }
    )
    assert client.post(url, data).status_code == 302
    collection.refresh_from_db()
    assert "<h2>Par où commencer</h2>" in collection.introduction
    for bad in ("onclick", "<script", "javascript:"):
        assert bad not in collection.introduction


def test_partners_logo_upload_refuses_a_svg(client):
    client = curator_client(client)
    partner = factories.PartnerFactory()
    url = admin_url(Partner, "change", partner.pk)
    data = form_values(client.get(url))
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    data.update({"logo": SimpleUploadedFile("logo.png", svg), "_save": "Enregistrer"})
    response = client.post(url, data)
    assert response.status_code == 200
    assert "logo" in response.context["adminform"].form.errors
