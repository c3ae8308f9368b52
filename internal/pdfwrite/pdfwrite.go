// Package pdfwrite draws laid-out pages into a PDF with fpdf: fonts
// embedded and subset, internal links, outline and metadata. It then
// reads fpdf's output back as PDF objects to set what fpdf writes wrong
// (outline.go) and writes them out deterministically (objects.go). It
// makes no layout decision; everything it draws was placed by the layout
// stage.
package pdfwrite

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/fonts"
	"github.com/contrat-local-sante/cls/internal/layout"
)

// Attachment is a file embedded in the PDF.
type Attachment struct {
	Name    string
	Content []byte
}

// Options are what the writer needs besides the pages.
type Options struct {
	Geometry    layout.Geometry
	Family      *fonts.Family
	Meta        doc.Meta
	Attachments []Attachment
	// Draft, when set, is the document prepared for these pages by
	// Prepare with the same geometry and family; else the writer
	// prepares it.
	Draft *Draft
	// ReleasePages lets Write drop each page's items once handed to the
	// drawing: the laid-out pages are the largest part of a long
	// document's memory. The pages keep their number and everything
	// else. (A Writer fed by layout.Stream leaves that to the layout.)
	ReleasePages bool
	// Deflated, when set, keeps the compressed streams between the
	// builds of a process; nil compresses everything.
	Deflated *Deflated
}

// Write renders the laid-out document as PDF bytes. The output depends
// only on its inputs: the dates come from the metadata, never the clock.
// It draws the pages as a Writer given them by the layout does
// (layout.Stream).
//
// Text the family cannot print is refused, page named, rather than drawn
// as empty boxes; the build refuses it earlier, where it was typed, so
// this is a last check. fpdf panics on some inputs (a character beyond
// U+FFFF, a damaged image): a panic here becomes an error, never a crash.
func Write(res *layout.Result, opt Options) ([]byte, error) {
	w := NewWriter(opt)
	w.hand(res, opt.ReleasePages)
	return w.Finish(res, opt.Attachments)
}

// hand begins the document with res's anchors and hands it res's pages,
// each with its sommaire entries, as layout.Stream does; with release,
// each page's items are dropped from res once handed over.
func (w *Writer) hand(res *layout.Result, release bool) {
	w.Begin(slices.Sorted(maps.Keys(res.Anchors)))
	toc := map[int][]layout.TOCEntry{}
	for _, t := range res.TOC {
		toc[t.At.Page] = append(toc[t.At.Page], t)
	}
	for i, p := range res.Pages {
		w.Page(i+1, p, toc[i+1], res.Elements)
		if release {
			res.Pages[i].Items, res.Pages[i].Tags = nil, nil
		}
	}
}

func parseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), nil
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("cls.yaml, document.date : « %s » n'est pas une date ; attendu AAAA-MM-JJ", s)
}

// noBreakSpaces maps the no-break spaces, which fpdf's font subsetter
// does not map, to the ordinary space.
var noBreakSpaces = strings.NewReplacer("\u00a0", " ", "\u202f", " ")

func draw(pdf *fpdf.Fpdf, pn *pen, it doc.Item, links map[string]int) {
	switch v := it.(type) {
	case doc.Text:
		pn.text(v.Style, v.Size, v.Color)
		// the layout draws no-break spaces as gaps; any left are spaces.
		// A space that follows in reading order is drawn after the text:
		// invisible, it separates the words for extraction and readers
		s := noBreakSpaces.Replace(v.Text)
		if v.SpaceAfter {
			s += " "
		}
		if v.Rotate != 0 {
			pdf.TransformBegin()
			pdf.TransformRotate(v.Rotate, v.X, v.Y)
			pdf.Text(v.X, v.Y, s)
			pdf.TransformEnd()
			return
		}
		pdf.Text(v.X, v.Y, s)
	case doc.Rect:
		style := pn.paint(v.Fill, v.Stroke, max(v.LineWidth, 0.1))
		if style == "" {
			return
		}
		if v.Radius > 0 {
			pdf.RoundedRect(v.X, v.Y, v.W, v.H, v.Radius, "1234", style)
		} else {
			pdf.Rect(v.X, v.Y, v.W, v.H, style)
		}
	case doc.Line:
		pn.stroke(v.Color, max(v.Width, 0.1))
		if len(v.Dash) > 0 {
			pdf.SetDashPattern(v.Dash, 0)
		}
		pdf.Line(v.X1, v.Y1, v.X2, v.Y2)
		if len(v.Dash) > 0 {
			pdf.SetDashPattern(nil, 0)
		}
	case doc.Polygon:
		pn.fill(v.Fill)
		pts := make([]fpdf.PointType, len(v.Points))
		for i, p := range v.Points {
			pts[i] = fpdf.PointType{X: p.X, Y: p.Y}
		}
		pdf.Polygon(pts, "F")
	case doc.Path:
		if len(v.Points) < 2 {
			return
		}
		style := pn.paint(v.Fill, v.Stroke, max(v.Width, 0.05))
		if style == "" {
			return
		}
		if len(v.Dash) > 0 {
			pdf.SetDashPattern(v.Dash, 0)
		}
		pdf.MoveTo(v.Points[0].X, v.Points[0].Y)
		for _, p := range v.Points[1:] {
			pdf.LineTo(p.X, p.Y)
		}
		if v.Closed {
			pdf.ClosePath()
		}
		pdf.DrawPath(style)
		if len(v.Dash) > 0 {
			pdf.SetDashPattern(nil, 0)
		}
	case doc.Image:
		pdf.ImageOptions(v.Path, v.X, v.Y, v.W, v.H, false, fpdf.ImageOptions{ReadDpi: false}, 0, "")
	case doc.Link:
		if strings.HasPrefix(v.Target, "#") {
			if id, ok := links[v.Target[1:]]; ok {
				pdf.Link(v.X, v.Y, v.W, v.H, id)
			}
			return
		}
		pdf.LinkString(v.X, v.Y, v.W, v.H, v.Target)
	}
}
