package layout

import (
	"runtime"
	"sync/atomic"

	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/parallel"
	"github.com/contrat-local-sante/cls/internal/theme"
)

// A presetter sets, before the first pass, what the passes keep in their
// memo: the lines of the body's headings and paragraphs and the measured
// rows of its tables. Setting them depends on the column, not on the page
// a block lands on, and was two thirds of a layout, done on one core: the
// presetter shares it among the cores. The passes then find the blocks
// set and only paginate; what they do not find (a block that opens a
// page, set without its space above) they set themselves, as before. The
// lines are the same whoever sets them, so the layout is too.
type presetter struct {
	e      *engine // the column, the theme and the measurer; no page
	blocks []doc.Block
	height atomic.Int64 // what has been set, in hundredths of a millimetre
	limit  int64        // past this height the pass stops (MaxPages): so does the presetter
	lines  [][]line     // by block
	rows   [][]rowBox   // by block, for tables
}

// preset fills mm with the blocks' lines and rows, set on every core
// (parallel.Each). With one core it leaves them to the first pass.
func preset(mm *memo, blocks []doc.Block, g Geometry, th *theme.Theme, m Measurer, meta doc.Meta) {
	if runtime.GOMAXPROCS(0) < 2 {
		return
	}
	p := &presetter{
		e:      &engine{g: g, theme: th, m: m, meta: meta},
		blocks: blocks,
		limit:  int64((g.bodyBottom() - g.Top) * float64(MaxPages+1) * 100),
		lines:  make([][]line, len(blocks)),
		rows:   make([][]rowBox, len(blocks)),
	}
	parallel.Each(len(blocks), p.set)
	for i := range blocks {
		if p.lines[i] != nil {
			mm.lines[memoKey{i, false}] = p.lines[i]
		}
		if p.rows[i] != nil {
			mm.rows[i] = p.rows[i]
		}
	}
}

// set sets the i-th block, as run does through blockLines and
// newTableLayouter, with the same arguments. It stops the presetter once
// the document is longer than the page guard lets a pass go.
func (p *presetter) set(i int) bool {
	body := flowCtx{size: p.e.g.BodySize}
	width := p.e.g.Width()
	var h float64
	switch v := p.blocks[i].(type) {
	case doc.Cover, doc.PageBreak, doc.Sommaire, doc.SignaturePage, doc.FigureList:
		return true
	case doc.Table:
		if len(v.Rows) == 0 || len(v.Widths) == 0 {
			return true
		}
		p.rows[i] = p.e.tableBoxes(v, width)
		for _, r := range p.rows[i] {
			h += r.h
		}
	case doc.Heading:
		if v.Divider {
			return true
		}
		p.lines[i] = p.e.heading(v, width, body, false)
		h = height(p.lines[i])
	default:
		p.lines[i] = p.e.block(v, width, body, false)
		h = height(p.lines[i])
	}
	return p.height.Add(int64(h*100)) <= p.limit
}
