"""HTML to PDF with WeasyPrint, in one place for every app's documents (review PDFs, care plans
and risk assessments for evidence packs, the supervision compliance summary)."""

from django.conf import settings


def html_to_pdf(html: str) -> bytes:
    """The PDF of a page rendered from a PDF template (templates/pdf/base.html and its kin);
    relative links (fonts, images) resolve from the project's directory."""
    from weasyprint import HTML  # imported here: loading Pango is slow and only workers need it

    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
