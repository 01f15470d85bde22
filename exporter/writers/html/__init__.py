"""TEI → XHTML, shared by the EPUB and the PDF: the XSLT driver, running-text typography, fixed labels.

The namespaces of that XHTML are defined here once, for every module that builds or reads it.
"""

XHTML_NS = "http://www.w3.org/1999/xhtml"
EPUB_NS = "http://www.idpf.org/2007/ops"
