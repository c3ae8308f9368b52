package pdfwrite

import (
	"sync"

	"github.com/go-pdf/fpdf"

	"github.com/contrat-local-sante/cls/internal/fonts"
	"github.com/contrat-local-sante/cls/internal/layout"
)

// Draft is an fpdf document ready for its pages: the page format set and
// the family's four faces parsed. fpdf's parse of the faces was a tenth of
// a build's time, and it needs nothing but the fonts and cls.yaml, so a
// build prepares its draft (Prepare) while it reads its sources, and
// Write draws into it. A draft is used by one Write.
type Draft struct {
	ready chan struct{}
	mu    sync.Mutex
	pdf   *fpdf.Fpdf // nil once taken
	err   error
}

// Prepare starts preparing the draft of a document of geometry g set in
// fam, on another goroutine, and returns at once. last tells that the
// document is fam's last: its faces are not read after it is written
// (fonts.Family.GiveTo), which spares fpdf a copy of them.
func Prepare(g layout.Geometry, fam *fonts.Family, last bool) *Draft {
	d := &Draft{ready: make(chan struct{})}
	go func() {
		defer close(d.ready)
		d.pdf, d.err = draft(g, fam, last)
	}()
	return d
}

// Err waits for the draft and tells why it could not be made: a face
// fpdf cannot read, named as fonts.Load names it.
func (d *Draft) Err() error {
	<-d.ready
	return d.err
}

// take waits for the draft and hands its document over, once; it returns
// nil after that.
func (d *Draft) take() (*fpdf.Fpdf, error) {
	<-d.ready
	d.mu.Lock()
	defer d.mu.Unlock()
	pdf := d.pdf
	d.pdf = nil
	return pdf, d.err
}

// draft makes the document: fpdf's settings that do not depend on the
// pages, then the faces.
func draft(g layout.Geometry, fam *fonts.Family, last bool) (*fpdf.Fpdf, error) {
	pdf := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", Size: fpdf.SizeType{Wd: g.PageW, Ht: g.PageH}})
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	// the page contents are compressed after fpdf, with reused
	// compressors (compress.go)
	pdf.SetCompression(false)
	pdf.SetCatalogSort(true)
	pdf.SetDisplayMode("fullpage", "OneColumn")
	add := fam.AddTo
	if last {
		add = fam.GiveTo
	}
	if err := add(pdf); err != nil {
		return nil, err
	}
	return pdf, nil
}
