package layout

import (
	"fmt"

	"github.com/contrat-local-sante/cls/internal/doc"
)

// flowCtx is the context blocks are set in: the body column or a table cell.
type flowCtx struct {
	size   float64 // base font size, points
	inCell bool
	depth  int        // list nesting depth
	align  doc.Align  // a cell's alignment; Justify means the default
	color  *doc.Color // a cell's text colour (an état's), when not the text's
}

// flow sets blocks in a column of the given width and returns their lines.
func (e *engine) flow(blocks []doc.Block, width float64, ctx flowCtx) []line {
	var out []line
	for i, b := range blocks {
		ls := e.block(b, width, ctx, i == 0)
		out = append(out, ls...)
	}
	return out
}

func (e *engine) paraStyle(ctx flowCtx) textStyle {
	st := textStyle{size: ctx.size, color: e.theme.Text, align: doc.Justify, leading: e.theme.Leading}
	if ctx.color != nil {
		st.color = *ctx.color
	}
	return st
}

// block sets one block. first tells whether it opens its container, where
// no space goes above it.
func (e *engine) block(b doc.Block, width float64, ctx flowCtx, first bool) []line {
	switch v := b.(type) {
	case doc.Paragraph:
		st := e.paraStyle(ctx)
		st.align = v.Align
		switch v.Role {
		case doc.RoleNote:
			st.size = e.theme.Note.Pt(e.g.BodySize)
		case doc.RoleLead:
			st.size = e.theme.Lead.Pt(e.g.BodySize)
		}
		if ctx.inCell && st.align == doc.Justify {
			st.align = doc.Left
			if ctx.align == doc.Center || ctx.align == doc.Right {
				st.align = ctx.align
			}
		}
		ls := e.setText(trimInlines(v.Text), width, st)
		if len(ls) == 0 {
			return nil
		}
		before := ctx.size * ptMM * e.theme.ParagraphSpace
		if v.SpaceBefore > 0 {
			before = v.SpaceBefore
		}
		if ctx.inCell {
			before = ctx.size * ptMM * e.theme.CellSpace
		}
		if v.KeepNext {
			for i := range ls {
				ls[i].keepNext = true
			}
		}
		if first {
			return ls
		}
		return append([]line{gap(before)}, ls...)
	case doc.Heading:
		return e.heading(v, width, ctx, first)
	case doc.List:
		return e.list(v, width, ctx, first)
	case doc.Table:
		// tables nested in cells are set as plain rows of text; the body's
		// tables are paginated by placeTable, never through here.
		return e.flatTable(v, width, ctx)
	case doc.Figure:
		return e.figure(v, width, first)
	case doc.Checkboxes:
		return e.checkboxes(v, ctx)
	}
	return nil
}

func (e *engine) heading(h doc.Heading, width float64, ctx flowCtx, first bool) []line {
	lvl := h.Level
	if lvl < 1 {
		lvl = 1
	}
	if lvl > len(e.theme.Headings) {
		lvl = len(e.theme.Headings)
	}
	hs := e.theme.Headings[lvl-1]
	size := hs.Size
	color := e.theme.Accent
	style := doc.Bold
	if ctx.inCell {
		size = ctx.size
		color = e.theme.Text
	}
	if lvl == 4 {
		style |= doc.Italic
	}
	st := textStyle{size: size, color: color, align: doc.Left, leading: 1.2, extra: style}
	ls := e.setText(trimInlines(h.Text), width, st)
	if len(ls) == 0 {
		return nil
	}
	for i := range ls {
		ls[i].keepNext = true
	}
	title := h.TOCTitle
	if title == "" {
		title = doc.PlainText(h.Text)
	}
	ls[0].marks = append(ls[0].marks, mark{anchor: h.Anchor, tocLevel: h.TOCLevel, title: title})
	before, after := hs.Before, hs.After
	if lvl == 1 && !ctx.inCell {
		// a rule under level-1 headings
		last := &ls[len(ls)-1]
		last.items = append(last.items, doc.Line{X1: 0, Y1: last.h + 1, X2: width, Y2: last.h + 1, Color: e.theme.Accent, Width: 0.4})
		after += 1.5
	}
	var out []line
	if !first {
		out = append(out, gap(before))
	}
	out = append(out, ls...)
	g := gap(after)
	g.keepNext = true
	return append(out, g)
}

// bullets are the glyphs of unordered lists by depth.
var bullets = []string{"•", "–", "◦"}

func (e *engine) list(l doc.List, width float64, ctx flowCtx, first bool) []line {
	indent := e.theme.ListIndent
	var out []line
	if !first {
		out = append(out, gap(ctx.size*ptMM*e.theme.ListSpace))
	}
	st := e.paraStyle(ctx)
	for i, it := range l.Items {
		label := l.Bullet
		if l.Ordered {
			label = fmt.Sprintf("%d.", l.Start+i)
		} else if label == "" {
			label = bullets[ctx.depth%len(bullets)]
		}
		inner := ctx
		inner.depth++
		ls := e.flow(it.Blocks, width-indent, inner)
		shiftLines(ls, indent)
		for k := range ls {
			ls[k].item, ls[k].label = i+1, false
		}
		if i > 0 {
			out = append(out, gap(ctx.size*ptMM*e.theme.ItemSpace))
		}
		// the label goes on the first line that carries text
		for k := range ls {
			if ls[k].space || len(ls[k].items) == 0 {
				continue
			}
			lw := e.m.Width(label, 0, st.size)
			x := indent - 1.8 - lw
			if x < 0 {
				x = 0
			}
			base := st.size * ptMM * 0.95
			for _, it := range ls[k].items {
				if t, ok := it.(doc.Text); ok {
					base = t.Y
					break
				}
			}
			// first, so that it is read before the item
			ls[k].items = append([]doc.Item{doc.Text{X: x, Y: base, Text: label, Size: st.size, Color: st.color}}, ls[k].items...)
			ls[k].label = true
			break
		}
		out = append(out, ls...)
	}
	return out
}

// figure sets a vector drawing centred in the column, scaled down if it is
// wider than the column, with its caption below.
func (e *engine) figure(f doc.Figure, width float64, first bool) []line {
	// a figure fits the column, and a page with room for its caption
	scale := 1.0
	if f.Width > width {
		scale = width / f.Width
	}
	if maxH := e.g.bodyBottom() - e.g.Top - 30; f.Height*scale > maxH {
		scale = maxH / f.Height
	}
	dx := (width - f.Width*scale) / 2
	ln := line{h: f.Height*scale + 2, keepNext: false}
	for _, it := range f.Items {
		ln.items = append(ln.items, shift(scaleItem(it, scale), dx, 1))
	}
	if f.Anchor != "" || f.Caption != "" {
		ln.marks = append(ln.marks, mark{anchor: f.Anchor, figure: f.Caption})
	}
	var out []line
	if !first {
		out = append(out, gap(e.theme.FigureBefore))
	}
	out = append(out, ln)
	if f.Caption != "" {
		st := textStyle{size: e.theme.Caption.Pt(e.g.BodySize), color: e.theme.Text, align: doc.Center, leading: 1.25, extra: doc.Bold}
		out[len(out)-1].keepNext = true
		out = append(out, gap(1))
		out[len(out)-1].keepNext = true
		capLines := e.setText(plain(f.Caption, 0), width, st)
		for i := range capLines {
			capLines[i].keepNext = true
		}
		out = append(out, capLines...)
	}
	if f.Source != "" {
		st := textStyle{size: e.theme.Source.Pt(e.g.BodySize), color: e.theme.Muted, align: doc.Center, leading: 1.25, extra: doc.Italic}
		out = append(out, e.setText(plain(f.Source, 0), width, st)...)
	}
	// nothing of a figure stays apart from it
	for i := range out[:len(out)-1] {
		out[i].keepNext = true
	}
	return append(out, gap(e.theme.FigureAfter))
}

// checkboxes draws a row of boxes with their labels, the checked ones
// ticked with a cross.
func (e *engine) checkboxes(c doc.Checkboxes, ctx flowCtx) []line {
	st := e.paraStyle(ctx)
	lh := st.lineHeight()
	base := st.size * ptMM * 0.95
	box := st.size * ptMM * 0.8
	ln := line{h: lh}
	x := 0.0
	for _, it := range c.Items {
		top := base - box
		stroke := e.theme.Text
		ln.items = append(ln.items, doc.Rect{X: x, Y: top, W: box, H: box, Stroke: &stroke, LineWidth: 0.25})
		if it.Checked {
			ln.items = append(ln.items,
				doc.Line{X1: x + 0.6, Y1: top + 0.6, X2: x + box - 0.6, Y2: top + box - 0.6, Color: e.theme.Text, Width: 0.35},
				doc.Line{X1: x + 0.6, Y1: top + box - 0.6, X2: x + box - 0.6, Y2: top + 0.6, Color: e.theme.Text, Width: 0.35})
		}
		x += box + 1.8
		style := doc.Style(0)
		if it.Checked {
			style = doc.Bold
		}
		ln.items = append(ln.items, doc.Text{X: x, Y: base, Text: it.Label, Style: style, Size: st.size, Color: st.color, ActualText: it.Alt})
		x += e.m.Width(it.Label, style, st.size) + 10
	}
	return []line{ln}
}
