package layout

import (
	"fmt"
	"maps"
	"slices"

	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/theme"
)

// Page is one laid-out page: its drawing items in page coordinates (mm,
// origin at the top left).
type Page struct {
	Items []doc.Item
	Cover bool // the title page carries no running header or footer
	// Tags holds, for each item, 1 + the index in Result.Elements of the
	// structure element it belongs to; 0, or no entry, is an artifact.
	Tags []int
}

// Position is a place in the laid-out document.
type Position struct {
	Page int // 1-based
	Y    float64
}

// TOCEntry is a heading listed in the sommaire and the outline, with the
// page it landed on.
type TOCEntry struct {
	Title  string
	Level  int
	Anchor string
	At     Position
}

// Result is a laid-out document.
type Result struct {
	Pages   []Page
	Anchors map[string]Position
	TOC     []TOCEntry
	Figures []TOCEntry // figures with a caption, for the table des figures
	// Printed holds, for each sommaire entry's anchor, the page number that
	// the sommaire shows, so tests can compare it with where the heading is.
	Printed map[string]int
	// Signatures are the signing boxes of the signature pages, so the
	// writer can put a signature field exactly over each one.
	Signatures []SignatureBox
	// Elements is the logical structure, for a tagged PDF (tag.go).
	Elements []doc.StructElem
}

// SignatureBox is one signing box: its page (1-based), its rectangle in
// millimetres from the page's top left corner, and who signs in it (the
// role or institution printed above the box, else the name).
type SignatureBox struct {
	Page       int
	X, Y, W, H float64
	Signer     string
	Field      string // the field's name: the page's pattern with the signer
}

// engine holds the pagination state.
type engine struct {
	g       Geometry
	theme   *theme.Theme
	m       Measurer
	meta    doc.Meta
	pages   []*Page
	y       float64
	toc     []TOCEntry
	figures []TOCEntry
	boxes   []SignatureBox
	anchors map[string]Position
	printed map[string]int
	known   map[string]int // pages of headings from the previous pass

	tableEnd     float64 // where the last table ended, for attached tables
	tableEndPage int

	memo *memo // what earlier passes set, which does not depend on pages
	// dry: the pass only paginates, for the page numbers the next one
	// prints; it draws and tags nothing. The pages of a long document
	// drawn twice were a third of the layout's peak of memory.
	dry bool

	total   int  // the pages the footers count: the previous pass's
	sink    Sink // where each page goes once complete; nil: nowhere
	release bool // drop a page's items and tags once handed over
	tocSent int  // the sommaire entries handed over with their page

	section string // the last level-1 heading met, for the page guard
	tooLong bool   // more than MaxPages pages: run stopped

	tags tags // the structure elements of what is drawn
}

// memo keeps, from the first pass of a layout to the next, the lines of
// each block and the rows of each table: only the page numbers change
// from one pass to the next, so the text need not be set again.
type memo struct {
	lines map[memoKey][]line
	rows  map[int][]rowBox
}

type memoKey struct {
	block int
	first bool
}

// blockLines sets the i-th block, or returns its lines from the first
// pass (or the presetter). A later pass takes them out of the memo: it
// draws copies, and a long document's lines kept beside its drawn pages
// were a fifth of its peak of memory; a pass after it, rare (a sommaire
// whose numbers moved its headings), sets them again.
func (e *engine) blockLines(i int, first bool, set func() []line) []line {
	k := memoKey{i, first}
	ls, ok := e.memo.lines[k]
	if !ok {
		ls = set()
	}
	if e.dry {
		e.memo.lines[k] = ls
	} else {
		delete(e.memo.lines, k)
	}
	return ls
}

// MaxPages is the page guard: past it the layout stops with an error
// instead of producing thousands of pages nobody asked for (text of
// 105 pt, a template repeating its text). The shipped contract has 94
// pages. A benchmark that means to lay out more raises it.
var MaxPages = 2000

// Layout lays the document out. It runs passes until the page numbers that
// the sommaire prints are those the headings land on, so that no number is
// ever guessed.
func Layout(d *doc.Document, g Geometry, th *theme.Theme, m Measurer) (*Result, error) {
	return Stream(d, g, th, m, nil, false)
}

// A Sink receives the pages of a layout while it runs: the writer draws
// page n while the layout sets page n+1. Every pass that may be the last
// is handed over, Begin first; another Begin means that the pages
// received were not the last pass's.
type Sink interface {
	// Begin starts a pass. anchors are the names of every anchor of the
	// document (sorted), which a page may link to before its target is
	// laid out.
	Begin(anchors []string)
	// Page hands over page n (from 1), complete with its furniture, the
	// sommaire entries that land on it and the structure elements made so
	// far. None of them changes afterwards.
	Page(n int, p Page, toc []TOCEntry, elems []doc.StructElem)
}

// StreamPages bounds the documents whose pages are handed over while
// they are laid out (the previous pass's count): a page handed over is
// drawn beside what the layout still holds, which for a long document
// rose the peak of memory (5,315 pages: by 60–90 MB). Longer ones are
// handed over once their last pass ends.
var StreamPages = 1000

// Stream is Layout handing its pages to sink as they are laid out (or,
// past StreamPages, once laid out). With release, the result keeps no
// page's items or tags once handed over (the sink has them): a long
// document's pages are its largest part.
func Stream(d *doc.Document, g Geometry, th *theme.Theme, m Measurer, sink Sink, release bool) (*Result, error) {
	th = th.Or()
	var known map[string]int
	var anchors []string
	total := 0 // the pages of the previous pass, which the footers count
	mm := &memo{lines: map[memoKey][]line{}, rows: map[int][]rowBox{}}
	preset(mm, d.Blocks, g, th, m, d.Meta)
	for pass := 0; pass < 4; pass++ {
		// the first pass is dry: it knows no page number yet, so it is
		// never the last one, and only paginates
		dry := pass == 0
		e := &engine{g: g, theme: th, m: m, meta: d.Meta, anchors: map[string]Position{}, printed: map[string]int{}, known: known, memo: mm, dry: dry, total: total}
		live := !dry && sink != nil && total <= StreamPages
		if live {
			e.sink, e.release = sink, release
			sink.Begin(anchors)
		}
		e.run(d.Blocks)
		if e.tooLong {
			return nil, fmt.Errorf("mise en page : le document dépasse %d pages (atteint dans la section « %s ») ; attendu un contrat de quelques centaines de pages : un modèle ou un classeur produit-il trop de texte ?", MaxPages, e.section)
		}
		// the last pass is the first whose footers counted its pages and
		// whose sommaire printed the pages its headings landed on
		stable := len(e.pages) == total
		next := map[string]int{}
		for _, t := range append(append([]TOCEntry(nil), e.toc...), e.figures...) {
			next[t.Anchor] = t.At.Page
			if known == nil || known[t.Anchor] != t.At.Page {
				stable = false
			}
		}
		if stable && !dry {
			if sink != nil && !live {
				e.sink, e.release = sink, release
				sink.Begin(anchors)
				for n := range e.pages {
					e.send(n + 1)
				}
			}
			res := &Result{Anchors: e.anchors, TOC: e.toc, Figures: e.figures, Printed: e.printed, Signatures: e.boxes, Elements: e.tags.elems}
			for _, p := range e.pages {
				res.Pages = append(res.Pages, *p)
			}
			return res, nil
		}
		known, total = next, len(e.pages)
		anchors = slices.Sorted(maps.Keys(e.anchors))
	}
	return nil, fmt.Errorf("mise en page : les numéros de page du sommaire ne se stabilisent pas")
}

// run paginates the blocks. Consecutive text blocks are placed together,
// so that a heading is kept with what follows it even across blocks.
func (e *engine) run(blocks []doc.Block) {
	e.newPage()
	var pending []line
	last := 0 // where the last text block's lines begin in pending
	flush := func() {
		e.place(pending)
		pending, last = nil, 0
	}
	body := flowCtx{size: e.g.BodySize}
	for i, b := range blocks {
		if len(e.pages) > MaxPages {
			e.tooLong = true
			return
		}
		if h, ok := b.(doc.Heading); ok && h.Level == 1 {
			e.section = doc.PlainText(h.Text)
		}
		switch v := b.(type) {
		case doc.Cover:
			flush()
			e.cover(v)
		case doc.PageBreak:
			flush()
			e.breakPage()
		case doc.Sommaire:
			flush()
			e.breakPage()
			e.place(stamp(e.sommaire(v, blocks), i, v))
			e.newPage()
		case doc.SignaturePage:
			var lead []line
			if i > 0 {
				lead = e.signatureLead(pending, last, blocks[i-1])
			}
			pending = pending[:len(pending)-len(lead)]
			flush()
			e.signaturePage(v, lead)
		case doc.FigureList:
			last = len(pending)
			pending = append(pending, stamp(e.figureList(v, blocks), i, v)...)
		case doc.Table:
			// lines that must stay with the table (a heading) go with it
			k := len(pending)
			for k > 0 && (pending[k-1].keepNext || pending[k-1].space) {
				k--
			}
			lead := pending[k:]
			pending = pending[:k]
			flush()
			e.placeTable(v, lead, i)
		case doc.Heading:
			if v.Divider {
				flush()
				e.divider(v)
				continue
			}
			if v.NewPage {
				flush()
				e.breakPage()
			}
			first := e.atTop() && len(pending) == 0
			last = len(pending)
			pending = append(pending, stamp(e.blockLines(i, first, func() []line { return e.heading(v, e.g.Width(), body, first) }), i, v)...)
		default:
			e.tags.alt(i, b)
			first := e.atTop() && len(pending) == 0
			last = len(pending)
			pending = append(pending, stamp(e.blockLines(i, first, func() []line { return e.block(b, e.g.Width(), body, first) }), i, b)...)
		}
	}
	flush()
	e.tooLong = len(e.pages) > MaxPages
	e.complete()
}

// signatureLead returns the lines at the end of pending that go to the top
// of the signature page: the paragraph just before it, which says where and
// when the contract is signed (« À Cambremer, le 10 juillet 2025 ») and
// means nothing on a page without the boxes, with a heading kept with it.
// start is where the last block's lines begin. A paragraph taller than a
// third of the page is body text, not a place and date, and stays.
func (e *engine) signatureLead(pending []line, start int, prev doc.Block) []line {
	if _, ok := prev.(doc.Paragraph); !ok || start >= len(pending) {
		return nil
	}
	k := start
	for k > 0 && (pending[k-1].keepNext || pending[k-1].space) {
		k--
	}
	lead := pending[k:]
	if height(lead) > (e.g.bodyBottom()-e.g.Top)/3 {
		return nil
	}
	return lead
}

func (e *engine) page() *Page { return e.pages[len(e.pages)-1] }

func (e *engine) newPage() {
	e.complete()
	e.pages = append(e.pages, &Page{})
	e.y = e.g.Top
}

// complete finishes the last page, which nothing changes once the next
// one begins or the pass ends: its running header and footer, then it
// goes to the sink, with the sommaire entries that landed on it.
func (e *engine) complete() {
	n := len(e.pages)
	if e.dry || n == 0 {
		return
	}
	e.furnish(e.pages[n-1], n)
	if e.sink != nil {
		e.send(n)
	}
}

// send hands page n over to the sink, with the sommaire entries that
// landed on it and the structure elements made so far.
func (e *engine) send(n int) {
	p := e.pages[n-1]
	k := e.tocSent
	for k < len(e.toc) && e.toc[k].At.Page == n {
		k++
	}
	e.sink.Page(n, *p, e.toc[e.tocSent:k:k], e.tags.elems[:len(e.tags.elems):len(e.tags.elems)])
	e.tocSent = k
	if e.release {
		p.Items, p.Tags = nil, nil
	}
}

// atTop reports whether nothing has been placed on the current page yet.
func (e *engine) atTop() bool { return e.y <= e.g.Top+1e-6 }

// breakPage starts a new page unless the current one is still empty.
func (e *engine) breakPage() {
	if !e.atTop() || e.page().Cover {
		e.newPage()
	}
}

func (e *engine) room() float64 { return e.g.bodyBottom() - e.y }

// place paginates lines in the body column.
func (e *engine) place(ls []line) {
	full := e.g.bodyBottom() - e.g.Top
	for i := 0; i < len(ls); i++ {
		l := ls[i]
		if l.space && e.atTop() {
			continue
		}
		// the run of lines that must stay together with this one
		need := l.h
		for k := i; k < len(ls)-1 && (ls[k].keepNext || ls[k].space); k++ {
			need += ls[k+1].h
		}
		if need > e.room()+1e-6 && !e.atTop() && need <= full {
			e.newPage()
			if l.space {
				continue
			}
		} else if l.h > e.room()+1e-6 && !e.atTop() {
			e.newPage()
			if l.space {
				continue
			}
		}
		e.put(l, e.g.Left)
	}
}

// put draws a line at the cursor and records its marks.
func (e *engine) put(l line, x float64) {
	if !e.dry {
		p := e.page()
		from := len(p.Items)
		e.draw(p, l.items, x, e.y)
		if l.block > 0 && len(l.items) > 0 {
			e.tags.tagLine(p, from, l)
		}
	}
	for _, mk := range l.marks {
		e.mark(mk, e.y)
	}
	e.y += l.h
}

// draw adds items to the page, moved by (dx, dy); nothing in a dry pass.
func (e *engine) draw(p *Page, items []doc.Item, dx, dy float64) {
	if e.dry {
		return
	}
	for _, it := range items {
		p.Items = append(p.Items, shift(it, dx, dy))
	}
}

// mark records where a heading landed.
func (e *engine) mark(mk mark, y float64) {
	pos := Position{Page: len(e.pages), Y: y}
	if mk.anchor != "" {
		e.anchors[mk.anchor] = pos
	}
	if mk.tocLevel > 0 {
		e.toc = append(e.toc, TOCEntry{Title: mk.title, Level: mk.tocLevel, Anchor: mk.anchor, At: pos})
	}
	if mk.figure != "" {
		e.figures = append(e.figures, TOCEntry{Title: mk.figure, Anchor: mk.anchor, At: pos})
	}
}
