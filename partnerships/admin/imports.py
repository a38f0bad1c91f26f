"""Import and export buttons on the partners, resources and case studies changelists.

CSV (UTF-8 or Windows-1252, comma or semicolon, as Excel writes it in France) and
XLSX. Importing needs the « add » permission, exporting « view »; an export follows
the changelist's current filters and search. The sheets themselves
(``partnerships.importers.content``) enforce drafts, rights and all-or-nothing.

Exported cells are safe to open in a spreadsheet: a value that it would take for a
formula (« =HYPERLINK(…) », « +33… », « @… ») is written with a leading apostrophe,
which the import removes again, so that an export imports back to the same content.
"""

import csv
import io

import tablib
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX
from import_export.results import RowResult

# What spreadsheets read as the start of a formula (OWASP « CSV injection »).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value):
    """``value`` with a leading apostrophe if a spreadsheet would run it as a formula.

    Values that already start with apostrophes before such a character get one more,
    so that ``unquoted`` gives every value back exactly.
    """
    if isinstance(value, str) and value.lstrip("'").startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unquoted(value):
    """The value ``neutralised`` was given: one leading apostrophe removed, if it hid a formula."""
    if isinstance(value, str) and value[:1] == "'" and value.lstrip("'").startswith(FORMULA_STARTS):
        return value[1:]
    return value


def _map_cells(dataset, function):
    """A copy of ``dataset`` with ``function`` applied to every cell (headers kept)."""
    result = tablib.Dataset(headers=dataset.headers)
    for row in dataset:
        result.append([function(value) for value in row])
    return result


class SpreadsheetCSV(CSV):
    """CSV as spreadsheets write it: any of the usual encodings and delimiters.

    Read as bytes and decoded here (UTF-8 with or without BOM, else Windows-1252);
    the delimiter is sniffed from the header line. Exports carry a BOM so that Excel
    opens accented text correctly, and neutralised formulas (see ``neutralised``).
    """

    def get_read_mode(self):
        return "rb"

    def is_binary(self):
        return True

    def create_dataset(self, in_stream, **kwargs):
        if isinstance(in_stream, bytes):
            try:
                in_stream = in_stream.decode("utf-8-sig")
            except UnicodeDecodeError:
                in_stream = in_stream.decode("cp1252")
        first_line = in_stream.split("\n", 1)[0]
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
        dataset = tablib.Dataset()
        rows = list(csv.reader(io.StringIO(in_stream), delimiter=delimiter))
        rows = [row for row in rows if any(cell.strip() for cell in row)]
        if rows:
            width = len(rows[0])
            dataset.headers = rows[0]
            for row in rows[1:]:
                dataset.append([unquoted(cell) for cell in (row + [""] * width)[:width]])
        return dataset

    def export_data(self, dataset, **kwargs):
        return "\ufeff" + super().export_data(_map_cells(dataset, neutralised), **kwargs)


class SpreadsheetXLSX(XLSX):
    """XLSX whose cells are all text, as written: a title starting with « = » stays a title
    (openpyxl would store it as a formula, which reads back empty), and carries the
    apostrophe of ``neutralised`` for when the sheet is copied or saved as CSV; characters
    a workbook cannot hold (control characters pasted from word processors) are dropped."""

    def create_dataset(self, in_stream, **kwargs):
        return _map_cells(super().create_dataset(in_stream, **kwargs), unquoted)

    def export_data(self, dataset, **kwargs):
        from openpyxl import Workbook
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
        from openpyxl.styles import Alignment, Font

        book = Workbook()
        sheet = book.active
        sheet.title = "export"
        rows = [dataset.headers or [], *dataset]
        for row_number, row in enumerate(rows, start=1):
            for column_number, value in enumerate(row, start=1):
                text = "" if value is None else ILLEGAL_CHARACTERS_RE.sub("", str(value))
                if row_number > 1:
                    text = neutralised(text)
                cell = sheet.cell(row=row_number, column=column_number)
                cell.value = text
                cell.data_type = "s"
                if row_number == 1:
                    cell.font = Font(bold=True)
                elif "\n" in text:
                    cell.alignment = Alignment(wrap_text=True)
        sheet.freeze_panes = "A2"
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()


class ContentImportExportMixin(ImportExportMixin):
    formats = [SpreadsheetCSV, SpreadsheetXLSX]
    import_template_name = "admin/partnerships/import.html"
    sheet = None  # the ``ContentSheet`` subclass

    def get_resource_classes(self, request):
        return [self.sheet]

    def get_import_resource_kwargs(self, request, **kwargs):
        return {**super().get_import_resource_kwargs(request, **kwargs), "user": request.user}

    def get_export_resource_kwargs(self, request, **kwargs):
        return {**super().get_export_resource_kwargs(request, **kwargs), "user": request.user}

    def get_import_context_data(self, **kwargs):
        context = super().get_import_context_data(**kwargs)
        context["sheet_help"] = self.sheet.__doc__
        return context

    def process_result(self, result, request):
        """The confirmed import: refused as a whole if anything went wrong since the preview."""
        if result.has_errors() or result.has_validation_errors():
            problems = [
                f"ligne {row.number + 1} : {row.error_dict}" for row in result.invalid_rows[:5]
            ] + [
                f"ligne {number + 1} : {errors[0].error}"
                for number, errors in list(result.row_errors())[:5]
            ]
            messages.error(
                request,
                gettext("Import annulé, rien n'a été importé : %(problems)s")
                % {"problems": " ; ".join(problems) or gettext("erreur inattendue")},
            )
            opts = self.model._meta
            return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_import"))
        return super().process_result(result, request)

    def add_success_message(self, result, request):
        created = result.totals[RowResult.IMPORT_TYPE_NEW]
        updated = result.totals[RowResult.IMPORT_TYPE_UPDATE]
        # French uses the singular for 0 and 1 (ngettext is given max(n, 1) to pick it).
        created_text = ngettext(
            "%(count)d brouillon créé", "%(count)d brouillons créés", max(created, 1)
        ) % {"count": created}
        updated_text = ngettext(
            "%(count)d élément mis à jour", "%(count)d éléments mis à jour", max(updated, 1)
        ) % {"count": updated}
        messages.success(
            request,
            gettext("Import terminé : %(created)s, %(updated)s.")
            % {"created": created_text, "updated": updated_text},
        )
