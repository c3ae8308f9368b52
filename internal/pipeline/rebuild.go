package pipeline

import (
	"sync"

	"github.com/contrat-local-sante/cls/internal/chart"
	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/fonts"
	"github.com/contrat-local-sante/cls/internal/layout"
	"github.com/contrat-local-sante/cls/internal/pdfwrite"
	"github.com/contrat-local-sante/cls/internal/source"
)

// Rebuilder builds one territory's contract again and again in one
// process — cls serve after each save — keeping between two builds what
// did not change: the font family (its faces checked and parsed, the
// widths measured, the charts' faces) while its files keep their size,
// modification time and SHA-256, and the workbooks, opened and their
// sheets read, under the same condition; and the streams the last build
// compressed, by their content (pdfwrite.Deflated). Everything else is
// read and built again, so a build through a Rebuilder gives the same
// bytes, and the same problems, as Make.
//
// A Rebuilder serves one build at a time (Make waits for the one under
// way); Close releases what it keeps.
type Rebuilder struct {
	mu sync.Mutex
	c  caches
}

// NewRebuilder returns a Rebuilder that keeps nothing yet.
func NewRebuilder() *Rebuilder {
	return &Rebuilder{c: caches{books: source.NewCache(), deflated: pdfwrite.NewDeflated()}}
}

// Make is pipeline.Make, reusing what the previous builds kept.
func (r *Rebuilder) Make(opt Options) (*Result, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	opt.cache = &r.c
	res, err := Make(opt)
	r.c.prepareNext()
	return res, err
}

// Close releases the workbooks kept. The Rebuilder can still be used.
func (r *Rebuilder) Close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.c.books.Close()
}

// caches are what a Rebuilder keeps. Their methods work on a nil
// *caches too, which keeps nothing: a single build.
type caches struct {
	fonts  fonts.Cache
	books  *source.Cache
	family *fonts.Family // the family the workbooks and chart faces go with
	cf     chart.Fonts
	cfOK   bool

	// the PDF writer's document for the next build, prepared while the
	// coordinator edits (fpdf parsing the faces is some 20 ms), for the
	// family and page format of the last build
	next     *pdfwrite.Draft
	nextFor  *fonts.Family
	nextGeom layout.Geometry
	geom     layout.Geometry // the last build's page format

	deflated *pdfwrite.Deflated // the streams the last build compressed
}

// streams is what the PDF writer keeps of the compressed streams
// between builds, nil without a cache.
func (c *caches) streams() *pdfwrite.Deflated {
	if c == nil {
		return nil
	}
	return c.deflated
}

// draft returns the writer's document for a build of fam with geometry
// g: the one prepared for it after the previous build, or a new one,
// prepared on another goroutine.
func (c *caches) draft(g layout.Geometry, fam *fonts.Family) *pdfwrite.Draft {
	if c == nil {
		// a single build: no one reads the faces after its PDF
		return pdfwrite.Prepare(g, fam, true)
	}
	d := c.next
	c.next, c.geom = nil, g
	if d != nil && c.nextFor == fam && c.nextGeom == g {
		return d
	}
	return pdfwrite.Prepare(g, fam, false)
}

// prepareNext starts preparing the next build's draft, for the family
// and page format of the last build.
func (c *caches) prepareNext() {
	if c.family == nil || c.next != nil {
		return
	}
	c.next, c.nextFor, c.nextGeom = pdfwrite.Prepare(c.geom, c.family, false), c.family, c.geom
}

// loadFonts loads the family, through the cache when there is one.
func (c *caches) loadFonts(dir, name string, files fonts.Files) (*fonts.Family, error) {
	if c == nil {
		return fonts.Load(dir, name, files)
	}
	fam, err := c.fonts.Load(dir, name, files)
	if err == nil && fam != c.family {
		// another family draws other characters: the workbooks' glyph
		// checks must run again, and the charts' faces be parsed again
		c.books.Close()
		c.family, c.cfOK = fam, false
	}
	return fam, err
}

// workbooks is the workbook cache for the family loaded, nil without a
// cache.
func (c *caches) workbooks(fam *fonts.Family) *source.Cache {
	if c == nil || fam != c.family {
		return nil
	}
	return c.books
}

// chartFonts parses the faces the charts are drawn with, once per family
// when there is a cache.
func (c *caches) chartFonts(fam *fonts.Family) (chart.Fonts, error) {
	if c == nil || fam != c.family {
		return chart.ParseFonts(fam.Faces[0], fam.Faces[doc.Bold])
	}
	if !c.cfOK {
		cf, err := chart.ParseFonts(fam.Faces[0], fam.Faces[doc.Bold])
		if err != nil {
			return cf, err
		}
		c.cf, c.cfOK = cf, true
	}
	return c.cf, nil
}
