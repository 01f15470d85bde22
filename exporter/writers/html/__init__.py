"""TEI → XHTML, shared by the EPUB and the PDF: the XSLT driver, running-text typography, fixed labels."""
