// Read a .bib with the parser of Zotero's Better BibTeX and print what it understood as JSON.
// Usage: node read-bib.mjs FILE.bib   (titles as written: no sentence-casing, markup kept)
import { readFileSync } from 'node:fs'
import { parse } from '@retorquere/bibtex-parser'

const library = parse(readFileSync(process.argv[2], 'utf-8'), { sentenceCase: false })
const entries = library.entries.map(e => ({ type: e.type, key: e.key, fields: e.fields }))
process.stdout.write(JSON.stringify({ errors: library.errors, entries }, null, 1))
