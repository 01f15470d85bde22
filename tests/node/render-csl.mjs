// Render CSL-JSON items with citeproc-js (Zotero's and Mendeley's CSL processor) and print, as JSON,
// one citation per item and the reference list, in plain text.
// Usage: node render-csl.mjs STYLE.csl ITEMS.json LOCALES_DIR [LANG]
import { readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { createRequire } from 'node:module'

const CSL = createRequire(import.meta.url)('citeproc')
const [style, itemsFile, locales, lang = 'en-US'] = process.argv.slice(2)
const items = JSON.parse(readFileSync(itemsFile, 'utf-8'))
const byId = Object.fromEntries(items.map(item => [item.id, item]))
const sys = {
  retrieveItem: id => byId[id],
  retrieveLocale: code => {
    const file = join(locales, `locales-${code}.xml`)
    return existsSync(file) ? readFileSync(file, 'utf-8') : undefined
  },
}
const engine = new CSL.Engine(sys, readFileSync(style, 'utf-8'), lang)
engine.setOutputFormat('text')
const ids = items.map(item => item.id)
engine.updateItems(ids)
const citations = Object.fromEntries(ids.map(id => [id, engine.makeCitationCluster([{ id }])]))
const [meta, entries] = engine.makeBibliography()
const order = meta.entry_ids.map(group => group[0])
process.stdout.write(JSON.stringify({ citations, order, references: entries.map(e => e.trim()) }, null, 1))
