package layout

import (
	"github.com/contrat-local-sante/cls/internal/doc"
)

// cellBox is a laid-out cell: its lines and where it sits in the grid.
type cellBox struct {
	cell  doc.Cell
	col   int
	span  int // columns
	rows  int // rows
	x, w  float64
	lines []line
}

func (c *cellBox) contentHeight(pad float64) float64 { return height(c.lines) + 2*pad }

// rowBox is a laid-out row.
type rowBox struct {
	cells []*cellBox
	h     float64
}

// tableBoxes lays out every cell of a table and computes row heights.
func (e *engine) tableBoxes(t doc.Table, width float64) []rowBox {
	total := 0.0
	for _, w := range t.Widths {
		total += w
	}
	xs := make([]float64, len(t.Widths)+1)
	for i, w := range t.Widths {
		xs[i+1] = xs[i] + w/total*width
	}
	size := e.tableSize(t.Role)
	cellPad := e.cellPad()
	// which grid slots are covered by a row span from above
	covered := map[[2]int]bool{}
	rows := make([]rowBox, len(t.Rows))
	for r, row := range t.Rows {
		col := 0
		for _, c := range row.Cells {
			for covered[[2]int{r, col}] {
				col++
			}
			span := max(c.ColSpan, 1)
			if col+span > len(t.Widths) {
				span = len(t.Widths) - col
			}
			if span <= 0 {
				break
			}
			rs := max(c.RowSpan, 1)
			for k := 1; k < rs; k++ {
				for s := 0; s < span; s++ {
					covered[[2]int{r + k, col + s}] = true
				}
			}
			b := &cellBox{cell: c, col: col, span: span, rows: rs, x: xs[col], w: xs[col+span] - xs[col]}
			blocks := c.Blocks
			if c.Bold {
				blocks = emboldenBlocks(blocks)
			}
			ctx := flowCtx{size: size, inCell: true, align: c.Align}
			if c.Role == doc.RoleState {
				ink := e.theme.State(c.State).Text
				ctx.color = &ink
			}
			b.lines = e.flow(blocks, b.w-2*cellPad, ctx)
			shiftLines(b.lines, cellPad)
			rows[r].cells = append(rows[r].cells, b)
			col += span
		}
	}
	for r := range rows {
		h := 0.0
		for _, c := range rows[r].cells {
			if c.rows == 1 {
				h = max(h, c.contentHeight(cellPad))
			}
		}
		rows[r].h = max(h, size*ptMM*e.theme.Leading+2*cellPad)
	}
	// a row-spanning cell taller than its rows stretches the last one
	for r := range rows {
		for _, c := range rows[r].cells {
			if c.rows > 1 {
				sum := 0.0
				last := min(r+c.rows, len(rows)) - 1
				for k := r; k <= last; k++ {
					sum += rows[k].h
				}
				if d := c.contentHeight(cellPad) - sum; d > 0 {
					rows[last].h += d
				}
			}
		}
	}
	return rows
}

// emboldenBlocks returns paragraphs set in bold.
func emboldenBlocks(bs []doc.Block) []doc.Block {
	out := make([]doc.Block, len(bs))
	for i, b := range bs {
		if p, ok := b.(doc.Paragraph); ok {
			in := make([]doc.Inline, len(p.Text))
			for j, r := range p.Text {
				r.Style |= doc.Bold
				in[j] = r
			}
			p.Text = in
			b = p
		}
		out[i] = b
	}
	return out
}

// leadGap is the space between a heading and the table under it, in mm.
const leadGap = 1.5

// drawSpan draws the box of a row-spanning cell from its segment's top to
// bottom, with as many of its lines as fit.
func (e *engine) drawSpan(t doc.Table, s *span, bottom float64) {
	if bottom <= s.top+epsilon {
		return
	}
	p := e.page()
	c := s.c
	e.cellBox(t, c, s.top, bottom-s.top)
	y := s.top + e.cellPad()
	for _, l := range c.lines {
		if !fits(y+l.h, bottom) {
			break
		}
		from := len(p.Items)
		e.draw(p, l.items, e.g.Left+c.x, y)
		e.tagCell(p, from, c)
		y += l.h
	}
}

// cellBox draws a cell's shading and border from y, h high.
func (e *engine) cellBox(t doc.Table, c *cellBox, y, h float64) {
	rect := doc.Rect{X: e.g.Left + c.x, Y: y, W: c.w, H: h}
	rect.Fill = e.cellShade(c.cell)
	if !t.Borderless {
		stroke := e.theme.Border
		rect.Stroke = &stroke
		rect.LineWidth = 0.2
	}
	if (rect.Fill != nil || rect.Stroke != nil) && !e.dry {
		p := e.page()
		p.Items = append(p.Items, rect)
	}
}

// drawRow draws a row at the cursor with height h. lines, when not nil,
// gives the part of each cell's lines to draw (a split row).
func (e *engine) drawRow(t doc.Table, row rowBox, h float64, lines [][]line) {
	p := e.page()
	x0 := e.g.Left
	for i, c := range row.cells {
		e.tagCell(p, len(p.Items), c) // the cell's element, in reading order
		if c.rows > 1 {
			continue // spanning cells are drawn by the row-span logic
		}
		e.cellBox(t, c, e.y, h)
		ls := c.lines
		if lines != nil {
			ls = lines[i]
		}
		y := e.y + e.cellPad()
		if c.cell.VCenter {
			y = e.y + (h-height(ls))/2
		}
		for _, l := range ls {
			from := len(p.Items)
			e.draw(p, l.items, x0+c.x, y)
			e.tagCell(p, from, c)
			for _, mk := range l.marks {
				e.mark(mk, y)
			}
			y += l.h
		}
	}
}

// flatTable sets a table nested in a cell as simple lines, one per row with
// cells separated by a dash: tables do not nest in this document model.
func (e *engine) flatTable(t doc.Table, width float64, ctx flowCtx) []line {
	var out []line
	for _, r := range t.Rows {
		var in []doc.Inline
		for i, c := range r.Cells {
			if i > 0 {
				in = append(in, doc.Inline{Text: " – "})
			}
			for _, b := range c.Blocks {
				if p, ok := b.(doc.Paragraph); ok {
					in = append(in, p.Text...)
				}
			}
		}
		out = append(out, e.setText(in, width, e.paraStyle(ctx))...)
	}
	return out
}
