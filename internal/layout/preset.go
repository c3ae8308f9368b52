package layout

import (
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/contrat-local-sante/cls/internal/doc"
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
	next   atomic.Int64 // the next block to set
	height atomic.Int64 // what has been set, in hundredths of a millimetre
	limit  int64        // past this height the pass stops (MaxPages): so does the presetter
	lines  [][]line     // by block
	rows   [][]rowBox   // by block, for tables
}

// preset fills mm with the blocks' lines and rows, set on the cores the
// process may use. With one core it leaves them to the first pass.
func preset(mm *memo, blocks []doc.Block, g Geometry, th *theme.Theme, m Measurer, meta doc.Meta) {
	workers := min(runtime.GOMAXPROCS(0), len(blocks))
	if workers < 2 {
		return
	}
	p := &presetter{
		e:      &engine{g: g, theme: th, m: m, meta: meta},
		blocks: blocks,
		limit:  int64((g.bodyBottom() - g.Top) * float64(MaxPages+1) * 100),
		lines:  make([][]line, len(blocks)),
		rows:   make([][]rowBox, len(blocks)),
	}
	var wg sync.WaitGroup
	for range workers {
		wg.Go(p.work)
	}
	wg.Wait()
	for i := range blocks {
		if p.lines[i] != nil {
			mm.lines[memoKey{i, false}] = p.lines[i]
		}
		if p.rows[i] != nil {
			mm.rows[i] = p.rows[i]
		}
	}
}

// work sets blocks until none is left, or the document is longer than
// the page guard lets a pass go.
func (p *presetter) work() {
	body := flowCtx{size: p.e.g.BodySize}
	width := p.e.g.Width()
	for p.height.Load() <= p.limit {
		i := int(p.next.Add(1) - 1)
		if i >= len(p.blocks) {
			return
		}
		var h float64
		// the blocks run sets through blockLines and newTableLayouter, with
		// the same arguments
		switch v := p.blocks[i].(type) {
		case doc.Cover, doc.PageBreak, doc.Sommaire, doc.SignaturePage, doc.FigureList:
			continue
		case doc.Table:
			if len(v.Rows) == 0 || len(v.Widths) == 0 {
				continue
			}
			p.rows[i] = p.e.tableBoxes(v, width)
			for _, r := range p.rows[i] {
				h += r.h
			}
		case doc.Heading:
			if v.Divider {
				continue
			}
			p.lines[i] = p.e.heading(v, width, body, false)
			h = height(p.lines[i])
		default:
			p.lines[i] = p.e.block(v, width, body, false)
			h = height(p.lines[i])
		}
		p.height.Add(int64(h * 100))
	}
}
