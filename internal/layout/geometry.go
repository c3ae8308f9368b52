// Package layout turns a doc.Document into pages of positioned drawing
// items: it breaks text into lines, paginates, repeats table headers, keeps
// headings with what follows, and fills in the sommaire with the pages the
// headings landed on. It draws nothing itself; pdfwrite does.
package layout

import (
	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/theme"
)

// ptMM converts points to millimetres.
const ptMM = 25.4 / 72

// Geometry is the page format, in millimetres, with the body font size in
// points.
type Geometry struct {
	PageW, PageH             float64
	Top, Bottom, Left, Right float64
	BodySize                 float64
}

// A4 returns portrait A4 with the given margins.
func A4(top, bottom, left, right, body float64) Geometry {
	return Geometry{PageW: 210, PageH: 297, Top: top, Bottom: bottom, Left: left, Right: right, BodySize: body}
}

// Width is the width of the text column.
func (g Geometry) Width() float64 { return g.PageW - g.Left - g.Right }

// bodyBottom is the lowest y that content may reach.
func (g Geometry) bodyBottom() float64 { return g.PageH - g.Bottom }

// DefaultTheme is the shipped theme (templates/theme.yaml carried in the
// program): a sober blue that stays legible in greyscale.
func DefaultTheme() *theme.Theme { return theme.Defaults() }

// tableSize resolves a table's role to its type size, in points.
func (e *engine) tableSize(r doc.Role) float64 {
	th, body := e.theme, e.g.BodySize
	switch r {
	case doc.RoleFicheTable:
		return th.FicheTable.Pt(body)
	case doc.RoleGridTable:
		return th.GridTable.Pt(body)
	case doc.RoleDenseTable:
		return th.DenseTable.Pt(body)
	case doc.RoleLayoutTable:
		return th.LayoutTable.Pt(body)
	}
	return th.Table.Pt(body)
}

// cellShade resolves a cell's role to its fill; nil for none.
func (e *engine) cellShade(c doc.Cell) *doc.Color {
	var fill doc.Color
	switch c.Role {
	case doc.RoleHead:
		fill = e.theme.TableHead
	case doc.RoleLabel:
		fill = e.theme.TableLabel
	case doc.RoleState:
		fill = e.theme.State(c.State).Fill
	default:
		return nil
	}
	return &fill
}

// cellPad is the inner padding of table cells, in mm.
func (e *engine) cellPad() float64 { return e.theme.CellPadding }

// Measurer measures text widths in mm.
type Measurer interface {
	Width(s string, style doc.Style, size float64) float64
}
