package layout

import (
	"math"

	"github.com/contrat-local-sante/cls/internal/doc"
)

// epsilon is the tolerance of the layout's length comparisons, in mm.
// Heights are sums of line heights, so two ways of adding up the same
// lengths can differ in the last bits: a row exactly as tall as the room
// left must fit, and a cursor back where a table ended is back there.
const epsilon = 1e-6

// fits reports whether a height fits in the room left, within epsilon.
func fits(h, room float64) bool { return h <= room+epsilon }

// same reports whether two positions are equal within epsilon.
func same(a, b float64) bool { return math.Abs(a-b) <= epsilon }

// span is a cell spanning several rows, drawn as one box per page it
// runs over, its content repeated at the top of each.
type span struct {
	c          *cellBox
	start, end int
	top        float64
}

// tableLayouter breaks one table across pages. It holds what the steps
// of the break share — the measured rows, the header to repeat, the
// row-spanning cells whose box is open on the current page — while the
// engine holds the cursor and the pages. One layouter places one table,
// once: see placeTable for the order of the steps.
type tableLayouter struct {
	e     *engine
	t     doc.Table
	rows  []rowBox
	nh    int     // header rows, repeated on every page the table runs onto
	headH float64 // their height
	full  float64 // the height of an empty page's body
	open  []*span // row-spanning cells whose box is open on this page
}

// placeTable paginates a table: rows that fit are placed whole; a row that
// does not fit moves to the next page; a row taller than a page is split
// line by line. Header rows repeat on every page, cells spanning rows are
// redrawn on each page they cover, and borders are closed at each break.
// lead are lines that must stay with the table (its heading); index is
// the table's block index, under which its measured rows are kept across
// the passes of the layout.
func (e *engine) placeTable(t doc.Table, lead []line, index int) {
	if len(t.Rows) == 0 || len(t.Widths) == 0 {
		return
	}
	l := e.newTableLayouter(t, index)
	e.tags.table = e.tableTags(t, l.nh)
	defer func() { e.tags.table = nil }()
	l.start(lead)
	l.repeatHeader()
	for r := l.nh; r < len(l.rows); r++ {
		l.placeRow(r)
	}
	l.finish()
}

// newTableLayouter measures the table's rows, or takes them from the
// first pass.
func (e *engine) newTableLayouter(t doc.Table, index int) *tableLayouter {
	rows, ok := e.memo.rows[index]
	if !ok {
		rows = e.tableBoxes(t, e.g.Width())
	}
	if e.dry {
		e.memo.rows[index] = rows
	} else {
		delete(e.memo.rows, index) // as blockLines
	}
	l := &tableLayouter{e: e, t: t, rows: rows, nh: min(t.HeaderRows, len(rows)), full: e.g.bodyBottom() - e.g.Top}
	for _, r := range rows[:l.nh] {
		l.headH += r.h
	}
	return l
}

// start sets the space above the table, moves to a new page when the
// table's beginning does not fit on this one, and places the lead lines.
func (l *tableLayouter) start(lead []line) {
	e := l.e
	switch {
	case l.t.Attached && e.tableEnd > 0 && same(e.y, e.tableEnd+e.theme.TableAfter) && len(e.pages) == e.tableEndPage:
		e.y = e.tableEnd // continue the table above without a gap
	case !e.atTop() && len(lead) == 0:
		e.y += 2.5
	}
	for len(lead) > 0 && lead[0].space && e.atTop() {
		lead = lead[1:]
	}
	need := l.firstNeed()
	if len(lead) > 0 {
		need += height(lead) + leadGap
	}
	if !fits(need, e.room()) && !e.atTop() {
		e.newPage()
		for len(lead) > 0 && lead[0].space {
			lead = lead[1:]
		}
	}
	for _, ln := range lead {
		e.put(ln, e.g.Left)
	}
	if len(lead) > 0 {
		e.y += leadGap
	}
}

// firstNeed is the height the table's beginning needs on its first page:
// the header with at least the first body row (all of it when it fits on
// a page, since such a row is never split; else its first lines), or the
// whole table when it is to be kept together and fits on a page.
func (l *tableLayouter) firstNeed() float64 {
	if l.t.Together {
		total := 0.0
		for _, r := range l.rows {
			total += r.h
		}
		if total <= l.full {
			return total
		}
	}
	need := l.headH
	if l.nh < len(l.rows) {
		if first := l.rows[l.nh].h; first <= l.full-l.headH {
			need += first
		} else {
			need += 3*l.e.g.BodySize*ptMM*l.e.theme.Leading + 2*l.e.cellPad()
		}
	}
	return need
}

// repeatHeader draws the header rows at the cursor.
func (l *tableLayouter) repeatHeader() {
	for r := 0; r < l.nh; r++ {
		l.drawWhole(r)
	}
}

// placeRow places a body row: whole where it is, whole on the next page
// when it fits on a page, else split line by line.
func (l *tableLayouter) placeRow(r int) {
	e, h := l.e, l.rows[r].h
	switch {
	case fits(h, e.room()):
	case h <= l.full-l.headH:
		l.breakPage() // fits on a fresh page: move it there whole
	default:
		l.splitRow(r)
		return
	}
	l.drawWhole(r)
}

// drawWhole draws row r at the cursor, whole, and moves below it.
func (l *tableLayouter) drawWhole(r int) {
	row := l.rows[r]
	l.e.tags.table.row = r
	l.openSpans(r)
	l.e.drawRow(l.t, row, row.h, nil)
	l.e.y += row.h
	l.closeSpansEndingAt(r)
}

// splitRow places a row taller than a page: as many of each cell's lines
// as fit on each page, the row's box stretched to the foot of the page
// until the last part.
func (l *tableLayouter) splitRow(r int) {
	e, row := l.e, l.rows[r]
	e.tags.table.row = r
	rest := make([][]line, len(row.cells))
	for i, c := range row.cells {
		rest[i] = c.lines
	}
	if minLine := e.g.BodySize * ptMM * e.theme.Leading; e.room() < minLine+2*e.cellPad() {
		l.breakPage()
	}
	l.openSpans(r)
	for {
		taken, used, done := l.takeLines(row, rest)
		h := used + 2*e.cellPad()
		if !done {
			h = max(h, e.room())
		}
		e.drawRow(l.t, row, h, taken)
		e.y += h
		if done {
			break
		}
		l.breakPage()
	}
	l.closeSpansEndingAt(r)
}

// takeLines takes from each cell's remaining lines those that fit in the
// room left, returning them, the height of the tallest part, and whether
// every cell is now exhausted. A single line taller than an empty page is
// taken anyway, so that the row always moves on.
func (l *tableLayouter) takeLines(row rowBox, rest [][]line) (taken [][]line, used float64, done bool) {
	e := l.e
	avail := e.room() - 2*e.cellPad()
	emptyPage := e.y <= e.g.Top+l.headH+epsilon // nothing but the header above
	taken = make([][]line, len(row.cells))
	done = true
	for i, c := range row.cells {
		if c.rows > 1 {
			continue
		}
		h, k := 0.0, 0
		for k < len(rest[i]) && fits(h+rest[i][k].h, avail) {
			h += rest[i][k].h
			k++
		}
		if k == 0 && len(rest[i]) > 0 && emptyPage {
			h += rest[i][0].h
			k = 1
		}
		taken[i], rest[i] = rest[i][:k], rest[i][k:]
		used = max(used, h)
		if len(rest[i]) > 0 {
			done = false
		}
	}
	return taken, used, done
}

// breakPage closes every open span's box on this page and goes on to the
// next, with the header repeated; body spans go on below the header,
// header spans are reopened by it.
func (l *tableLayouter) breakPage() {
	var body []*span
	for _, s := range l.open {
		l.e.drawSpan(l.t, s, l.e.y)
		if s.start >= l.nh {
			body = append(body, s)
		}
	}
	l.open = nil
	l.e.newPage()
	l.e.tags.table.repeat = true
	l.repeatHeader()
	l.e.tags.table.repeat = false
	for _, s := range body {
		s.top = l.e.y
		l.open = append(l.open, s)
	}
}

// openSpans opens the boxes of row r's row-spanning cells at the cursor.
func (l *tableLayouter) openSpans(r int) {
	for _, c := range l.rows[r].cells {
		if c.rows > 1 {
			l.open = append(l.open, &span{c: c, start: r, end: min(r+c.rows, len(l.rows)) - 1, top: l.e.y})
		}
	}
}

// closeSpansEndingAt draws, down to the cursor, the spans whose last row
// is r.
func (l *tableLayouter) closeSpansEndingAt(r int) {
	var still []*span
	for _, s := range l.open {
		if s.end != r {
			still = append(still, s)
			continue
		}
		l.e.drawSpan(l.t, s, l.e.y)
	}
	l.open = still
}

// finish closes the spans still open (a span running past the last row)
// and leaves the space below the table, remembering where it ended for a
// table attached to it.
func (l *tableLayouter) finish() {
	e := l.e
	for _, s := range l.open {
		e.drawSpan(l.t, s, e.y)
	}
	l.open = nil
	e.tableEnd, e.tableEndPage = e.y, len(e.pages)
	e.y += e.theme.TableAfter
}
