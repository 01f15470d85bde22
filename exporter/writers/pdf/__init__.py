"""The typeset PDF: the writer (writer.py), what the PDF says about itself (docinfo.py), and the
engine (engine/), the only code that touches WeasyPrint's or pydyf's internals.

Importing this package imports neither WeasyPrint nor the writer: the command line reads the
paper names from here.
"""

# Named pages of print.css; the default is a book or journal page, 156 x 234 mm.
PAPERS = ("book", "a4", "a5", "b5", "letter")
DEFAULT_PAPER = "book"
# The PDF variants a build may ask for: PDF/UA-1 (accessible, the default) or PDF/A-3u (for
# archives: PDF/A-3 with Unicode text, still tagged as the default is).
PDF_VARIANTS = ("pdf/ua-1", "pdf/a-3u")
DEFAULT_PDF_VARIANT = "pdf/ua-1"
