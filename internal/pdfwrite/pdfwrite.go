// Package pdfwrite draws laid-out pages into a PDF with fpdf: fonts
// embedded and subset, internal links, outline and metadata. It then
// reads fpdf's output back as PDF objects to set what fpdf writes wrong
// (outline.go) and writes them out deterministically (objects.go). It
// makes no layout decision; everything it draws was placed by the layout
// stage.
package pdfwrite

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/fonts"
	"github.com/contrat-local-sante/cls/internal/layout"
	"github.com/contrat-local-sante/cls/internal/safefile"
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
	// Prepare with the same geometry and family; else Write prepares it.
	Draft *Draft
	// ReleasePages lets Write drop each page's items once it is drawn:
	// the laid-out pages are the largest part of a long document's
	// memory. The pages keep their number and everything else.
	ReleasePages bool
	// Deflated, when set, keeps the compressed streams between the
	// builds of a process; nil compresses everything.
	Deflated *Deflated
}

// Write renders the laid-out document as PDF bytes. The output depends
// only on its inputs: the dates come from the metadata, never the clock.
//
// Text the family cannot print is refused, page named, rather than drawn
// as empty boxes; the build refuses it earlier, where it was typed, so
// this is a last check. fpdf panics on some inputs (a character beyond
// U+FFFF, a damaged image): a panic here becomes an error, never a crash.
func Write(res *layout.Result, opt Options) (out []byte, err error) {
	if err := printable(res, opt.Family); err != nil {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("écriture du PDF interrompue : %s (erreur interne, à signaler)", safefile.Recovered(r))
		}
	}()
	return write(res, opt)
}

func write(res *layout.Result, opt Options) ([]byte, error) {
	opt.Deflated.begin()
	g := opt.Geometry
	fam := opt.Family
	var pdf *fpdf.Fpdf
	var err error
	if opt.Draft != nil {
		pdf, err = opt.Draft.take()
	}
	if err == nil && pdf == nil { // no draft, or one another document took
		pdf, err = draft(g, fam, false)
	}
	if err != nil {
		return nil, err
	}
	m := opt.Meta
	// UTF-16 encoded here: fpdf's own encoder garbles characters beyond
	// U+FFFF and panics on invalid UTF-8
	pdf.SetTitle(utf16BE(m.Title), false)
	pdf.SetAuthor(utf16BE(m.Author), false)
	pdf.SetSubject(utf16BE(m.Subject), false)
	pdf.SetKeywords(utf16BE(m.Keywords), false)
	pdf.SetCreator(utf16BE(m.Creator), false)
	pdf.SetProducer(utf16BE(producer), false)
	if m.Lang != "" {
		pdf.SetLang(m.Lang)
	}
	date, err := parseDate(m.CreationDate)
	if err != nil {
		return nil, err
	}
	pdf.SetCreationDate(date)
	pdf.SetModificationDate(date)
	if err := registerImages(pdf, res); err != nil {
		return nil, err
	}
	// the attachments are not given to fpdf, which would allocate a
	// compressor for each: mend embeds them (attach.go)
	// internal link targets
	links := map[string]int{}
	anchors := make([]string, 0, len(res.Anchors))
	for a := range res.Anchors {
		anchors = append(anchors, a)
	}
	sort.Strings(anchors)
	// the anchors of each page, in the same order: looking through all
	// of them for each page made 5,000 pages quadratic
	pageAnchors := map[int][]string{}
	for _, a := range anchors {
		links[a] = pdf.AddLink()
		n := res.Anchors[a].Page
		pageAnchors[n] = append(pageAnchors[n], a)
	}
	// bookmarks by page
	marks := map[int][]layout.TOCEntry{}
	for _, t := range res.TOC {
		marks[t.At.Page] = append(marks[t.At.Page], t)
	}
	// the destinations asked for, in the order fpdf writes them, which
	// mend sets on the written objects
	want := targets{links: map[int][]layout.Position{}}
	pn := &pen{pdf: pdf, family: fam.Name}
	for i, p := range res.Pages {
		pdf.AddPage()
		n := i + 1
		for _, a := range pageAnchors[n] {
			pdf.SetLink(links[a], res.Anchors[a].Y, n)
		}
		for _, t := range marks[n] {
			pdf.Bookmark(noBreakSpaces.Replace(t.Title), t.Level-1, t.At.Y)
			want.bookmarks = append(want.bookmarks, t.At)
		}
		mk := &marker{pdf: pdf, elems: res.Elements, open: -1, links: links}
		for k, it := range p.Items {
			mk.item(it, tagOf(p, k))
			if l, ok := it.(doc.Link); ok && strings.HasPrefix(l.Target, "#") {
				if _, ok := links[l.Target[1:]]; ok {
					want.links[n] = append(want.links[n], res.Anchors[l.Target[1:]])
				}
			}
			draw(pdf, pn, it, links)
		}
		mk.close()
		want.marks = append(want.marks, mk.mcids)
		want.annots = append(want.annots, mk.annots)
		if opt.ReleasePages {
			res.Pages[i].Items, res.Pages[i].Tags = nil, nil
		}
	}
	want.elems = res.Elements
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("écriture du PDF impossible (%s)", safefile.Cause(err))
	}
	var buf borrowed // fpdf's own buffer, not a copy (objects.go)
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("écriture du PDF impossible (%s)", safefile.Cause(err))
	}
	out, err := mend(buf.b, g, want, archived{meta: m, date: date, signatures: res.Signatures, files: opt.Attachments, deflated: opt.Deflated})
	if err != nil {
		return nil, fmt.Errorf("écriture du PDF : %w (erreur interne, à signaler)", err)
	}
	return out, nil
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
