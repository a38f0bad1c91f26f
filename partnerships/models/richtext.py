"""Rich text fields: edited with django-prose-editor in the admin, cleaned with nh3.

The editor (ProseMirror/Tiptap, assets shipped in the package, no CDN) offers exactly
what ``partnerships.sanitize`` lets through: headings h2–h4, bold, italic, underline,
strike, sub/superscript, inline code, lists, quotes, links (http, https, mailto),
tables and line breaks. The field cleans with ``clean_html`` when a form validates the
model; the models clean again in ``save()`` (every write path) and templates clean
once more on display (``|sanitize``).
"""

from django_prose_editor.fields import ProseEditorField

from ..sanitize import clean_html

EDITOR_EXTENSIONS = {
    "Heading": {"levels": [2, 3, 4]},
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Subscript": True,
    "Superscript": True,
    "Code": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Link": {"protocols": ["http", "https", "mailto"], "enableTarget": False},
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "History": True,
    "HTML": True,
}


def rich_text_field(verbose_name, **kwargs) -> ProseEditorField:
    """A blank-able rich text column (a plain ``TextField`` in migrations)."""
    kwargs.setdefault("blank", True)
    return ProseEditorField(
        verbose_name, extensions=dict(EDITOR_EXTENSIONS), sanitize=clean_html, **kwargs
    )
