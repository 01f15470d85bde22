"""The bibliography: one typed record per TEI entry, written as BibTeX, CSL-JSON and the house style.

Importing it imports neither WeasyPrint nor ebooklib: a build of the bibliography files alone
does not pay for them.
"""
