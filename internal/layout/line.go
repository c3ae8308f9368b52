package layout

import "github.com/contrat-local-sante/cls/internal/doc"

// line is the unit of pagination: a horizontal slice of content of height
// h whose items are positioned relative to its top left corner.
type line struct {
	h        float64
	items    []doc.Item
	space    bool   // a vertical gap: dropped at the top of a page
	keepNext bool   // never break the page right after this line
	marks    []mark // headings that start on this line
	fixed    bool   // whole-page content (cover, signature page): placed as is
}

// mark records a heading that starts on a line, so that the page it lands on
// can be recorded for the sommaire, the outline and internal links.
type mark struct {
	anchor   string
	tocLevel int
	title    string
	figure   string // a figure's caption, for the table des figures
}

// gap returns a vertical space of height h.
func gap(h float64) line { return line{h: h, space: true} }

// shift returns the item moved by (dx, dy).
func shift(it doc.Item, dx, dy float64) doc.Item {
	switch v := it.(type) {
	case doc.Text:
		v.X += dx
		v.Y += dy
		return v
	case doc.Rect:
		v.X += dx
		v.Y += dy
		return v
	case doc.Line:
		v.X1 += dx
		v.X2 += dx
		v.Y1 += dy
		v.Y2 += dy
		return v
	case doc.Polygon:
		pts := make([]doc.Point, len(v.Points))
		for i, p := range v.Points {
			pts[i] = doc.Point{X: p.X + dx, Y: p.Y + dy}
		}
		v.Points = pts
		return v
	case doc.Link:
		v.X += dx
		v.Y += dy
		return v
	case doc.Image:
		v.X += dx
		v.Y += dy
		return v
	case doc.Path:
		pts := make([]doc.Point, len(v.Points))
		for i, p := range v.Points {
			pts[i] = doc.Point{X: p.X + dx, Y: p.Y + dy}
		}
		v.Points = pts
		return v
	}
	return it
}

// shiftLines moves every item of lines horizontally by dx.
func shiftLines(ls []line, dx float64) {
	if dx == 0 {
		return
	}
	for i := range ls {
		for j, it := range ls[i].items {
			ls[i].items[j] = shift(it, dx, 0)
		}
	}
}

// height is the total height of lines.
func height(ls []line) float64 {
	h := 0.0
	for _, l := range ls {
		h += l.h
	}
	return h
}
