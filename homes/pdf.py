"""HTML to PDF with WeasyPrint, in one place for every app's documents (review PDFs, care plans
and risk assessments for evidence packs, the supervision compliance summary)."""

from django.conf import settings

# What WeasyPrint may fetch while it renders: data: URLs only. Hearth's PDFs draw their charts
# as inline SVG and use the system's fonts, so they fetch nothing; should markup ever slip
# through unescaped, `<img src="file:///…">` or an internal http:// address is not read.
ALLOWED_FETCH_PROTOCOLS = frozenset({"data"})


def html_to_pdf(html: str) -> bytes:
    """The PDF of a page rendered from a PDF template (templates/pdf/base.html and its kin)."""
    # Imported here: loading Pango is slow and only workers need it.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols=ALLOWED_FETCH_PROTOCOLS)
    return HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=fetcher).write_pdf()
