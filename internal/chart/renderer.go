// Package chart draws the contract's statistics charts with go-chart, as
// vector drawing items: it implements go-chart's Renderer interface over
// the document's items (paths, text), so charts go straight into the PDF,
// sharp at any print size, set in the document's font.
package chart

import (
	"io"
	"math"

	"github.com/golang/freetype/truetype"
	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"

	"github.com/contrat-local-sante/cls/internal/doc"
)

// pxPerMM is the resolution charts are laid out at: go-chart works in
// whole pixels, so a quarter of a millimetre is its grid.
const pxPerMM = 4.0

// dpi makes go-chart's point sizes match the document's points.
const dpi = pxPerMM * 25.4

// Measurer measures text in mm.
type Measurer interface {
	Width(s string, style doc.Style, size float64) float64
}

// renderer collects go-chart's drawing as document items, in mm.
type renderer struct {
	m     Measurer
	bold  *truetype.Font // the font standing for bold text
	items []doc.Item

	path   [][]doc.Point // subpaths being built
	closed []bool

	stroke    drawing.Color
	fill      drawing.Color
	width     float64
	dash      []float64
	font      *truetype.Font
	fontColor drawing.Color
	fontSize  float64
	rotate    *float64 // radians, clockwise on screen
}

var _ gochart.Renderer = (*renderer)(nil)

func mm(px int) float64 { return float64(px) / pxPerMM }

func color(c drawing.Color) *doc.Color {
	if c.A == 0 {
		return nil
	}
	return &doc.Color{R: c.R, G: c.G, B: c.B}
}

func (r *renderer) ResetStyle() {
	r.stroke, r.fill, r.width, r.dash = drawing.Color{}, drawing.Color{}, 0, nil
	r.fontColor, r.rotate = drawing.Color{}, nil
}
func (r *renderer) GetDPI() float64                 { return dpi }
func (r *renderer) SetDPI(float64)                  {}
func (r *renderer) SetClassName(string)             {}
func (r *renderer) SetStrokeColor(c drawing.Color)  { r.stroke = c }
func (r *renderer) SetFillColor(c drawing.Color)    { r.fill = c }
func (r *renderer) SetStrokeWidth(w float64)        { r.width = w }
func (r *renderer) SetStrokeDashArray(d []float64)  { r.dash = d }
func (r *renderer) SetFont(f *truetype.Font)        { r.font = f }
func (r *renderer) SetFontColor(c drawing.Color)    { r.fontColor = c }
func (r *renderer) SetFontSize(s float64)           { r.fontSize = s }
func (r *renderer) SetTextRotation(radians float64) { r.rotate = &radians }
func (r *renderer) ClearTextRotation()              { r.rotate = nil }
func (r *renderer) Save(io.Writer) error            { return nil }

func (r *renderer) MoveTo(x, y int) {
	r.path = append(r.path, []doc.Point{{X: mm(x), Y: mm(y)}})
	r.closed = append(r.closed, false)
}

func (r *renderer) LineTo(x, y int) {
	if len(r.path) == 0 {
		r.MoveTo(x, y)
		return
	}
	k := len(r.path) - 1
	r.path[k] = append(r.path[k], doc.Point{X: mm(x), Y: mm(y)})
}

// QuadCurveTo approximates the curve with line segments.
func (r *renderer) QuadCurveTo(cx, cy, x, y int) {
	if len(r.path) == 0 {
		r.MoveTo(x, y)
		return
	}
	k := len(r.path) - 1
	p0 := r.path[k][len(r.path[k])-1]
	c := doc.Point{X: mm(cx), Y: mm(cy)}
	p1 := doc.Point{X: mm(x), Y: mm(y)}
	for i := 1; i <= 12; i++ {
		t := float64(i) / 12
		u := 1 - t
		r.path[k] = append(r.path[k], doc.Point{X: u*u*p0.X + 2*u*t*c.X + t*t*p1.X, Y: u*u*p0.Y + 2*u*t*c.Y + t*t*p1.Y})
	}
}

// ArcTo approximates the arc with line segments.
func (r *renderer) ArcTo(cx, cy int, rx, ry, start, delta float64) {
	n := int(math.Ceil(math.Abs(delta) / (math.Pi / 24)))
	n = max(n, 2)
	for i := 0; i <= n; i++ {
		a := start + delta*float64(i)/float64(n)
		p := doc.Point{X: mm(cx) + rx/pxPerMM*math.Cos(a), Y: mm(cy) + ry/pxPerMM*math.Sin(a)}
		if i == 0 && len(r.path) == 0 {
			r.path = append(r.path, []doc.Point{p})
			r.closed = append(r.closed, false)
			continue
		}
		k := len(r.path) - 1
		r.path[k] = append(r.path[k], p)
	}
}

func (r *renderer) Close() {
	if len(r.closed) > 0 {
		r.closed[len(r.closed)-1] = true
	}
}

func (r *renderer) emit(fill, stroke bool) {
	for i, pts := range r.path {
		p := doc.Path{Points: pts, Closed: r.closed[i], Width: r.width / pxPerMM, Dash: scaleDash(r.dash)}
		if fill {
			p.Fill = color(r.fill)
			p.Closed = true
		}
		if stroke && r.width > 0 {
			p.Stroke = color(r.stroke)
		}
		if p.Fill != nil || p.Stroke != nil {
			r.items = append(r.items, p)
		}
	}
	r.path, r.closed = nil, nil
}

func scaleDash(d []float64) []float64 {
	if len(d) == 0 {
		return nil
	}
	out := make([]float64, len(d))
	for i, v := range d {
		out[i] = v / pxPerMM
	}
	return out
}

func (r *renderer) Stroke()     { r.emit(false, true) }
func (r *renderer) Fill()       { r.emit(true, false) }
func (r *renderer) FillStroke() { r.emit(true, true) }

func (r *renderer) Circle(radius float64, x, y int) {
	r.path = append(r.path, nil)
	r.closed = append(r.closed, true)
	k := len(r.path) - 1
	for i := 0; i < 36; i++ {
		a := 2 * math.Pi * float64(i) / 36
		r.path[k] = append(r.path[k], doc.Point{X: mm(x) + radius/pxPerMM*math.Cos(a), Y: mm(y) + radius/pxPerMM*math.Sin(a)})
	}
	r.FillStroke()
}

func (r *renderer) style() doc.Style {
	if r.font != nil && r.font == r.bold {
		return doc.Bold
	}
	return 0
}

func (r *renderer) Text(body string, x, y int) {
	if body == "" {
		return // an axis's tick without label
	}
	t := doc.Text{X: mm(x), Y: mm(y), Text: body, Style: r.style(), Size: r.fontSize}
	if c := color(r.fontColor); c != nil {
		t.Color = *c
	}
	if r.rotate != nil {
		t.Rotate = -*r.rotate * 180 / math.Pi
	}
	r.items = append(r.items, t)
}

// MeasureText measures with the document's font, as it will be printed.
func (r *renderer) MeasureText(body string) gochart.Box {
	w := int(math.Ceil(r.m.Width(body, r.style(), r.fontSize) * pxPerMM))
	h := int(math.Ceil(r.fontSize * dpi / 72))
	box := gochart.Box{Right: w, Bottom: h}
	if r.rotate != nil {
		return box.Corners().Rotate(*r.rotate * 180 / math.Pi).Box()
	}
	return box
}
