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
	block    int    // 1 + the index of the block it belongs to; 0: an artifact
	role     string // that block's structure type
	item     int    // in a list: 1 + the index of its item
	label    bool   // in a list: items[0] is the item's label
	entry    int    // in a sommaire: 1 + the index of its entry; 0 its title
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
func shift(it doc.Item, dx, dy float64) doc.Item { return transform(it, 1, dx, dy) }

// scaleItem returns the item scaled by s about the origin.
func scaleItem(it doc.Item, s float64) doc.Item {
	if s == 1 {
		return it
	}
	return transform(it, s, 0, 0)
}

// transform scales an item by s about the origin, then moves it by
// (dx, dy). Sizes (widths, font sizes, radii) scale too.
func transform(it doc.Item, s, dx, dy float64) doc.Item {
	pt := func(x, y float64) (float64, float64) { return x*s + dx, y*s + dy }
	switch v := it.(type) {
	case doc.Text:
		v.X, v.Y = pt(v.X, v.Y)
		v.Size *= s
		return v
	case doc.Rect:
		v.X, v.Y = pt(v.X, v.Y)
		v.W, v.H, v.Radius = v.W*s, v.H*s, v.Radius*s
		return v
	case doc.Line:
		v.X1, v.Y1 = pt(v.X1, v.Y1)
		v.X2, v.Y2 = pt(v.X2, v.Y2)
		return v
	case doc.Polygon:
		pts := make([]doc.Point, len(v.Points))
		for i, p := range v.Points {
			pts[i].X, pts[i].Y = pt(p.X, p.Y)
		}
		v.Points = pts
		return v
	case doc.Path:
		pts := make([]doc.Point, len(v.Points))
		for i, p := range v.Points {
			pts[i].X, pts[i].Y = pt(p.X, p.Y)
		}
		v.Points = pts
		v.Width *= s
		return v
	case doc.Link:
		v.X, v.Y = pt(v.X, v.Y)
		v.W, v.H = v.W*s, v.H*s
		return v
	case doc.Image:
		v.X, v.Y = pt(v.X, v.Y)
		v.W, v.H = v.W*s, v.H*s
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
