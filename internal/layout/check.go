package layout

import (
	"fmt"

	"github.com/contrat-local-sante/cls/internal/doc"
)

// OutOfBody lists the items of a page that stray outside the area they
// belong to: body content outside the margins, or over the footer. The
// running header and footer are allowed in their own bands. Text is
// checked by its baseline and its extent is not measured, so a tolerance
// of a few tenths of a millimetre applies.
func OutOfBody(p Page, g Geometry) []string {
	var out []string
	const tol = 0.3
	left, right := g.Left-tol, g.PageW-g.Right+tol
	top, bottom := g.Top-12, g.PageH-g.Bottom+12 // header and footer bands
	check := func(what string, x1, y1, x2, y2 float64) {
		if x1 < left || x2 > right || y1 < top || y2 > bottom {
			out = append(out, fmt.Sprintf("%s at (%.1f, %.1f)–(%.1f, %.1f) outside the page's printable area", what, x1, y1, x2, y2))
		}
	}
	for _, it := range p.Items {
		switch v := it.(type) {
		case doc.Text:
			check(fmt.Sprintf("text %q", v.Text), v.X, v.Y, v.X, v.Y)
			if v.Y > g.PageH-g.Bottom+tol && v.Y < g.PageH-g.Bottom+5 {
				out = append(out, fmt.Sprintf("text %q at y=%.1f runs over the footer rule", v.Text, v.Y))
			}
		case doc.Rect:
			check("rectangle", v.X, v.Y, v.X+v.W, v.Y+v.H)
			if v.Y+v.H > g.PageH-g.Bottom+tol {
				out = append(out, fmt.Sprintf("rectangle ending at y=%.1f goes below the body (%.1f)", v.Y+v.H, g.PageH-g.Bottom))
			}
		case doc.Line:
			check("line", min(v.X1, v.X2), min(v.Y1, v.Y2), max(v.X1, v.X2), max(v.Y1, v.Y2))
		}
	}
	return out
}
