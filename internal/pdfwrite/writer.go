package pdfwrite

import (
	"fmt"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/layout"
	"github.com/contrat-local-sante/cls/internal/safefile"
)

// A Writer draws a document's pages as the layout hands them over
// (layout.Sink), on a goroutine of its own: the layout sets page n+1
// while page n is drawn, and the writing that only the last page allows
// (fpdf's output, then mend) waits for Finish. A Begin after pages were
// drawn (the layout's pass was not its last) starts the document again.
// Its methods are called from one goroutine, in order: Begin, the pages,
// then Finish or Close.
type Writer struct {
	opt   Options
	jobs  chan job
	done  chan struct{}
	ended bool // Finish or Close was called

	// the drawing goroutine's, until done is closed
	d   *document
	err error
}

// job is a Begin or a Page, for the drawing goroutine.
type job struct {
	begin   bool
	anchors []string
	n       int
	page    layout.Page
	toc     []layout.TOCEntry
	elems   []doc.StructElem
}

// document is one fpdf document being drawn.
type document struct {
	pdf   *fpdf.Fpdf
	date  time.Time
	links map[string]int // anchor → fpdf's link
	pn    *pen
	want  targets
	// by page, the anchors its links point to, in order: their places
	// are known once the last page is laid out
	linked map[int][]string
}

// pagesAhead is how many pages the layout may hand over ahead of the
// drawing: enough not to wait for it, few enough that a long document's
// pages are not all held at once.
const pagesAhead = 8

// NewWriter returns a Writer for a document written with opt.
func NewWriter(opt Options) *Writer {
	w := &Writer{opt: opt, jobs: make(chan job, pagesAhead), done: make(chan struct{})}
	opt.Deflated.begin()
	go w.run()
	return w
}

// Begin starts the document, whose pages may link to anchors.
func (w *Writer) Begin(anchors []string) { w.jobs <- job{begin: true, anchors: anchors} }

// Page draws page n, with the sommaire entries that land on it (its
// bookmarks) and the structure elements made so far.
func (w *Writer) Page(n int, p layout.Page, toc []layout.TOCEntry, elems []doc.StructElem) {
	w.jobs <- job{n: n, page: p, toc: toc, elems: elems}
}

// Close stops the drawing and forgets the document (a layout that
// failed); after Finish it does nothing.
func (w *Writer) Close() {
	if w.ended {
		return
	}
	w.ended = true
	close(w.jobs)
	<-w.done
	w.d = nil
}

// Finish waits for the last page to be drawn and writes the PDF, with
// the attachments: res is the layout whose pages were handed over, for
// the anchors' places, the structure and the signature boxes.
func (w *Writer) Finish(res *layout.Result, attach []Attachment) (out []byte, err error) {
	if w.ended {
		return nil, fmt.Errorf("écriture du PDF : document déjà terminé (erreur interne, à signaler)")
	}
	w.ended = true
	close(w.jobs)
	<-w.done
	if w.err != nil {
		return nil, w.err
	}
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, interrupted(r)
		}
	}()
	d := w.d
	if d == nil {
		return nil, fmt.Errorf("écriture du PDF : aucune page (erreur interne, à signaler)")
	}
	if len(d.links) != len(res.Anchors) {
		return nil, fmt.Errorf("écriture du PDF : %d cibles de liens attendues, %d trouvées (erreur interne, à signaler)", len(d.links), len(res.Anchors))
	}
	for a, at := range res.Anchors {
		id, ok := d.links[a]
		if !ok {
			return nil, fmt.Errorf("écriture du PDF : cible de lien « %s » inattendue (erreur interne, à signaler)", a)
		}
		d.pdf.SetLink(id, at.Y, at.Page)
	}
	d.want.links = map[int][]layout.Position{}
	for n, names := range d.linked {
		for _, a := range names {
			d.want.links[n] = append(d.want.links[n], res.Anchors[a])
		}
	}
	d.want.elems = res.Elements
	if err := d.pdf.Error(); err != nil {
		return nil, fmt.Errorf("écriture du PDF impossible (%s)", safefile.Cause(err))
	}
	var buf borrowed // fpdf's own buffer, not a copy (objects.go)
	if err := d.pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("écriture du PDF impossible (%s)", safefile.Cause(err))
	}
	out, err = mend(buf.b, w.opt.Geometry, d.want, archived{meta: w.opt.Meta, date: d.date, signatures: res.Signatures, files: attach, deflated: w.opt.Deflated})
	if err != nil {
		return nil, fmt.Errorf("écriture du PDF : %w (erreur interne, à signaler)", err)
	}
	return out, nil
}

// interrupted is the error of a panic of fpdf's.
func interrupted(r any) error {
	return fmt.Errorf("écriture du PDF interrompue : %s (erreur interne, à signaler)", safefile.Recovered(r))
}

// run draws what the layout hands over. After an error it only drains.
func (w *Writer) run() {
	defer close(w.done)
	for j := range w.jobs {
		if w.err != nil {
			continue
		}
		w.err = w.do(j)
	}
}

// do runs one job; a panic becomes its error.
func (w *Writer) do(j job) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = interrupted(r)
		}
	}()
	if j.begin {
		return w.begin(j.anchors)
	}
	return w.page(j)
}

// begin starts a document: the one prepared for it (Draft) the first
// time, a new one after pages of a pass that was not the last.
func (w *Writer) begin(anchors []string) error {
	var pdf *fpdf.Fpdf
	var err error
	if w.d == nil && w.opt.Draft != nil {
		pdf, err = w.opt.Draft.take()
	}
	if err == nil && pdf == nil { // no draft, one another document took, or a second start
		pdf, err = draft(w.opt.Geometry, w.opt.Family, false)
	}
	if err != nil {
		return err
	}
	m := w.opt.Meta
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
		return err
	}
	pdf.SetCreationDate(date)
	pdf.SetModificationDate(date)
	// the attachments are not given to fpdf, which would allocate a
	// compressor for each: mend embeds them (attach.go)
	links := make(map[string]int, len(anchors))
	for _, a := range anchors {
		links[a] = pdf.AddLink()
	}
	w.d = &document{pdf: pdf, date: date, links: links, pn: &pen{pdf: pdf, family: w.opt.Family.Name}, linked: map[int][]string{}}
	return nil
}

// page draws page j.n.
func (w *Writer) page(j job) error {
	d := w.d
	if d == nil {
		return fmt.Errorf("écriture du PDF : page %d avant le début du document (erreur interne, à signaler)", j.n)
	}
	if err := printablePage(j.page, j.n, w.opt.Family); err != nil {
		return err
	}
	if err := registerImages(d.pdf, j.page); err != nil {
		return err
	}
	pdf := d.pdf
	pdf.AddPage()
	for _, t := range j.toc {
		pdf.Bookmark(noBreakSpaces.Replace(t.Title), t.Level-1, t.At.Y)
		d.want.bookmarks = append(d.want.bookmarks, t.At)
	}
	mk := &marker{pdf: pdf, elems: j.elems, open: -1, links: d.links}
	for k, it := range j.page.Items {
		mk.item(it, tagOf(j.page, k))
		if l, ok := it.(doc.Link); ok && strings.HasPrefix(l.Target, "#") {
			if _, ok := d.links[l.Target[1:]]; ok {
				d.linked[j.n] = append(d.linked[j.n], l.Target[1:])
			}
		}
		draw(pdf, d.pn, it, d.links)
	}
	mk.close()
	d.want.marks = append(d.want.marks, mk.mcids)
	d.want.annots = append(d.want.annots, mk.annots)
	return nil
}
