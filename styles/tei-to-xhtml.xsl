<?xml version="1.0" encoding="UTF-8"?>
<!--
  The one TEI → XHTML5 transform that the EPUB and the PDF share. Run by exporter/writers/xhtml.py.

  Parameter `medium`: 'epub' or 'print'. Only the notes differ:
    epub   a note call <a epub:type="noteref" role="doc-noteref"> where the note stands, and the note
           as <aside epub:type="footnote" role="doc-footnote"> right after its block, leading back
           through <a role="doc-backlink">;
    print  the note itself, <span class="footnote" id="noteN">, where it stands (for float: footnote).

  Stable ids: section#titlepage (title and reviewed work, one element per reviewed work with the
  entry's key as id), section#review, section#bibliography (one li per entry, id = the entry's key),
  noteN for notes, noterefN for note calls (epub), section-N for the review's own sections.

  Quotation marks are drawn here as characters (“ ” outside, ‘ ’ inside, by language) around
  <span class="quote">, not <q>: readers and converters draw marks of their own around a q
  (pandoc, and browsers whatever the CSS says when they ignore it), and the marks came twice.

  Selectors: every element with an epub:type also has a class, because web-based readers
  (epub.js) load the XHTML as HTML, where an epub|type selector never matches.

  Functions in the ex: namespace are Python (xhtml.py): typography of running text, page ranges,
  quotation marks, localised labels and the house-style rendering of bibliography entries.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns="http://www.w3.org/1999/xhtml"
    xmlns:epub="http://www.idpf.org/2007/ops"
    xmlns:ex="urn:exporter:xhtml"
    exclude-result-prefixes="tei ex">

  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:param name="medium" select="'epub'"/>

  <xsl:variable name="lang" select="/tei:TEI/@xml:lang"/>
  <xsl:variable name="header" select="/tei:TEI/tei:teiHeader/tei:fileDesc"/>
  <xsl:variable name="title"
      select="ex:typography(normalize-space($header/tei:titleStmt/tei:title[@type = 'main']))"/>
  <xsl:variable name="reviewed" select="/tei:TEI/tei:text/tei:front/tei:div[@type = 'reviewed']/tei:listBibl/*"/>
  <xsl:variable name="entries" select="/tei:TEI/tei:text/tei:back/tei:div[@type = 'bibliography']"/>

  <!-- the document ===================================================================== -->
  <xsl:template match="/">
    <html lang="{$lang}" xml:lang="{$lang}">
      <head>
        <meta charset="utf-8"/>
        <title><xsl:value-of select="$title"/></title>
        <xsl:if test="$header/tei:titleStmt/tei:author">
          <meta name="author">
            <xsl:attribute name="content">
              <xsl:call-template name="names">
                <xsl:with-param name="people" select="$header/tei:titleStmt/tei:author/tei:persName"/>
              </xsl:call-template>
            </xsl:attribute>
          </meta>
        </xsl:if>
        <meta name="description" content="{ex:description($reviewed, $lang)}"/>
        <meta name="keywords" content="{ex:label('subject', $lang)}"/>
        <meta name="dcterms.identifier" content="urn:uuid:{$header/tei:publicationStmt/tei:idno[@type = 'UUID']}"/>
        <xsl:for-each select="$header/tei:publicationStmt/tei:date/@when">
          <meta name="dcterms.created" content="{.}"/>
        </xsl:for-each>
        <xsl:for-each select="$header/tei:publicationStmt/tei:availability/tei:licence">
          <meta name="dcterms.rights" content="{normalize-space(.)}"/>
        </xsl:for-each>
      </head>
      <body>
        <xsl:call-template name="titlepage"/>
        <xsl:apply-templates select="/tei:TEI/tei:text/tei:body"/>
        <xsl:apply-templates select="$entries"/>
      </body>
    </html>
  </xsl:template>

  <!-- title page: the review's title, its author(s), the reviewed work(s) ================= -->
  <xsl:template name="titlepage">
    <!-- Not epub:type="titlepage": pandoc skips such a section as a title page it would make
         itself, and the reviewed work went with it. The landmark in nav.xhtml still says so. -->
    <section id="titlepage" class="titlepage" epub:type="frontmatter" aria-labelledby="review-title">
      <h1 id="review-title" class="title"><xsl:value-of select="$title"/></h1>
      <xsl:if test="$header/tei:titleStmt/tei:author">
        <p class="author">
          <xsl:call-template name="names">
            <xsl:with-param name="people" select="$header/tei:titleStmt/tei:author/tei:persName"/>
          </xsl:call-template>
        </p>
      </xsl:if>
      <p class="reviewed-label"><xsl:value-of select="ex:label('review-of', $lang)"/></p>
      <xsl:for-each select="$reviewed">
        <p class="reviewed-work" id="{@xml:id}"><xsl:copy-of select="ex:reference(.)"/></p>
      </xsl:for-each>
    </section>
  </xsl:template>

  <!-- "A, B and C" from persNames -->
  <xsl:template name="names">
    <xsl:param name="people"/>
    <xsl:for-each select="$people">
      <xsl:if test="position() &gt; 1">
        <xsl:choose>
          <xsl:when test="position() = last()"><xsl:value-of select="concat(' ', ex:label('and', $lang), ' ')"/></xsl:when>
          <xsl:otherwise>, </xsl:otherwise>
        </xsl:choose>
      </xsl:if>
      <xsl:value-of select="normalize-space(concat(tei:forename, ' ', tei:nameLink, ' ', tei:surname))"/>
    </xsl:for-each>
  </xsl:template>

  <!-- the review ========================================================================= -->
  <xsl:template match="tei:body">
    <section id="review" class="review" epub:type="bodymatter chapter" role="doc-chapter"
        aria-labelledby="review-heading">
      <h2 id="review-heading"><xsl:value-of select="ex:label('review', $lang)"/></h2>
      <xsl:apply-templates select="tei:p | tei:quote | tei:div"/>
    </section>
  </xsl:template>

  <xsl:template match="tei:body/tei:div">
    <xsl:variable name="id" select="concat('section-', count(preceding-sibling::tei:div) + 1)"/>
    <section id="{$id}" aria-labelledby="{$id}-heading">
      <xsl:apply-templates select="tei:head | tei:p | tei:quote"/>
    </section>
  </xsl:template>

  <xsl:template match="tei:body/tei:div/tei:head">
    <h3 id="{concat('section-', count(../preceding-sibling::tei:div) + 1)}-heading">
      <xsl:apply-templates/>
    </h3>
    <xsl:call-template name="asides"/>
  </xsl:template>

  <xsl:template match="tei:p">
    <p><xsl:apply-templates/></p>
    <xsl:call-template name="asides"/>
  </xsl:template>

  <!-- a quotation standing as a block of its own -->
  <xsl:template match="tei:body/tei:quote | tei:div/tei:quote">
    <blockquote><p><xsl:apply-templates/></p></blockquote>
    <xsl:call-template name="asides"/>
  </xsl:template>

  <!-- epub: the notes of a block follow it, so that readers without pop-ups show them nearby -->
  <xsl:template name="asides">
    <xsl:if test="$medium = 'epub'">
      <xsl:for-each select=".//tei:note">
        <aside id="{@xml:id}" class="footnote" epub:type="footnote" role="doc-footnote">
          <p>
            <a class="backlink" href="#noteref{@n}" role="doc-backlink"><xsl:value-of select="@n"/></a>
            <xsl:text> </xsl:text>
            <xsl:apply-templates/>
          </p>
        </aside>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <!-- inline ============================================================================== -->
  <xsl:template match="text()">
    <xsl:value-of select="ex:typography(.)"/>
  </xsl:template>

  <xsl:template match="tei:note">
    <xsl:choose>
      <xsl:when test="$medium = 'print'">
        <span class="footnote" id="{@xml:id}"><xsl:apply-templates/></span>
      </xsl:when>
      <xsl:otherwise>
        <sup class="noteref"><a id="noteref{@n}" class="noteref" href="#{@xml:id}" epub:type="noteref"
            role="doc-noteref"><xsl:value-of select="@n"/></a></sup>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- depth counts the quotations this one stands in, within the same note or main text -->
  <xsl:template match="tei:quote">
    <xsl:variable name="notes" select="count(ancestor::tei:note)"/>
    <xsl:variable name="depth"
        select="count(ancestor::tei:quote[not(parent::tei:body or parent::tei:div)][count(ancestor::tei:note) = $notes])"/>
    <xsl:value-of select="ex:open-quote($lang, $depth, string(.))"/>
    <span class="quote"><xsl:apply-templates/></span>
    <xsl:value-of select="ex:close-quote($lang, $depth, string(.))"/>
  </xsl:template>

  <xsl:template match="tei:cit">
    <span class="cit"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- a page citation: its page range leads to the work it cites -->
  <xsl:template match="tei:bibl[@corresp]">
    <span class="citation"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:citedRange">
    <a class="pages" href="{ancestor::tei:bibl[@corresp][1]/@corresp}" epub:type="biblioref"
        role="doc-biblioref"><xsl:value-of select="ex:pages(.)"/></a>
  </xsl:template>

  <!-- an author-date citation leads to its entry; any other pointer is a plain link -->
  <xsl:template match="tei:ref[starts-with(@target, '#')]">
    <a href="{@target}" class="biblioref" epub:type="biblioref" role="doc-biblioref"><xsl:apply-templates/></a>
  </xsl:template>

  <xsl:template match="tei:ref">
    <a href="{@target}"><xsl:apply-templates/></a>
  </xsl:template>

  <!-- the bibliography ==================================================================== -->
  <xsl:template match="tei:back/tei:div[@type = 'bibliography']">
    <section id="bibliography" class="bibliography" epub:type="backmatter bibliography"
        role="doc-bibliography" aria-labelledby="bibliography-heading">
      <h2 id="bibliography-heading">
        <xsl:choose>
          <xsl:when test="tei:head"><xsl:apply-templates select="tei:head/node()"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="ex:label('references', $lang)"/></xsl:otherwise>
        </xsl:choose>
      </h2>
      <!-- a list in parts ('Primary', 'Secondary') gives each part its heading and its list -->
      <xsl:for-each select="tei:listBibl">
        <xsl:if test="tei:head">
          <h3 class="references-part"><xsl:apply-templates select="tei:head/node()"/></h3>
        </xsl:if>
        <ul class="references">
          <xsl:for-each select="*[not(self::tei:head)]">
            <li id="{@xml:id}"><xsl:copy-of select="ex:reference(.)"/></li>
          </xsl:for-each>
        </ul>
      </xsl:for-each>
    </section>
  </xsl:template>
</xsl:stylesheet>
