package chart

import (
	"fmt"
	"math"
	"strings"

	"github.com/golang/freetype/truetype"
	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"

	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/frnum"
	"github.com/contrat-local-sante/cls/internal/model"
	"github.com/contrat-local-sante/cls/internal/safefile"
	"github.com/contrat-local-sante/cls/internal/theme"
)

// Fonts are the document's regular and bold faces, parsed for go-chart.
type Fonts struct {
	Regular, Bold *truetype.Font
}

// ParseFonts parses TrueType bytes for go-chart. freetype panics on some
// damaged files; the panic becomes the same error as a refused file.
func ParseFonts(regular, bold []byte) (f Fonts, err error) {
	defer func() {
		if p := recover(); p != nil {
			f, err = Fonts{}, fmt.Errorf("police illisible pour les graphiques (%s)", safefile.Recovered(p))
		}
	}()
	r, err := truetype.Parse(regular)
	if err != nil {
		return Fonts{}, fmt.Errorf("police illisible pour les graphiques (%s)", safefile.Cause(err))
	}
	b, err := truetype.Parse(bold)
	if err != nil {
		return Fonts{}, fmt.Errorf("police grasse illisible pour les graphiques (%s)", safefile.Cause(err))
	}
	return Fonts{Regular: r, Bold: b}, nil
}

// A series' look: a fill that stays distinct in greyscale (dark, medium,
// light, grey) and a hatching for the middle ones, repeated in the legend.
type look struct {
	fill  drawing.Color
	hatch int // 0 none, 1 diagonal, 2 cross
	ink   drawing.Color
}

// palette is a chart's colours, from the theme (templates/theme.yaml,
// « graphiques »): its series' looks and its inks.
type palette struct {
	looks                   []look
	text, axis, grid, frame drawing.Color
	tick, value, legend     float64 // type sizes, points
}

// paletteOf takes a chart's colours from th; nil is the shipped theme.
func paletteOf(th *theme.Theme) palette {
	th = th.Or()
	p := palette{text: opaque(th.ChartText), axis: opaque(th.ChartAxis), grid: opaque(th.ChartGrid), frame: opaque(th.ChartFrame),
		tick: th.ChartLabel, value: th.ChartValue, legend: th.ChartLegend}
	for _, s := range th.ChartSeries {
		p.looks = append(p.looks, look{fill: opaque(s.Fill), hatch: s.Hatch, ink: opaque(s.Ink)})
	}
	return p
}

// opaque is c as go-chart's colour, fully opaque.
func opaque(c doc.Color) drawing.Color { return drawing.Color{R: c.R, G: c.G, B: c.B, A: 255} }

// look returns the look of series s.
func (p palette) look(s int) look { return p.looks[s%len(p.looks)] }

// data is what a chart draws: categories by series.
type data struct {
	cats   []string
	series []string
	vals   [][]float64 // [series][category]
	set    [][]bool
	text   [][]string // values as their cells show them
}

func extract(spec model.ChartSpec) (data, error) {
	t := spec.Data
	if t == nil {
		return data{}, fmt.Errorf("graphique « %s » : aucune donnée", spec.ID)
	}
	names := spec.Series
	if len(names) == 0 {
		names = t.Series
	}
	var d data
	d.series = names
	for _, r := range t.Rows {
		d.cats = append(d.cats, r.Label)
	}
	for _, s := range names {
		col := -1
		for i, have := range t.Series {
			if have == s {
				col = i
			}
		}
		if col < 0 {
			return data{}, fmt.Errorf("graphique « %s » : série « %s » absente de la feuille « %s »", spec.ID, s, t.Sheet)
		}
		vs := make([]float64, len(t.Rows))
		ss := make([]bool, len(t.Rows))
		ts := make([]string, len(t.Rows))
		for i, r := range t.Rows {
			vs[i], ss[i] = r.Values[col], r.Set[col]
			if r.Set[col] {
				ts[i] = r.Text(col)
			}
		}
		d.vals = append(d.vals, vs)
		d.set = append(d.set, ss)
		d.text = append(d.text, ts)
	}
	if len(d.cats) == 0 {
		return data{}, fmt.Errorf("graphique « %s » : la feuille « %s » n'a aucune ligne", spec.ID, t.Sheet)
	}
	return d, nil
}

// bounds returns the value range to show: zero included, room above the
// largest bar for its label.
func (d data) bounds() (lo, hi float64) {
	for k := range d.vals {
		for i, v := range d.vals[k] {
			if d.set[k][i] {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	if hi == lo {
		hi = lo + 1
	}
	pad := (hi - lo) * 0.14
	if hi > 0 {
		hi += pad
	}
	if lo < 0 {
		lo -= pad
	}
	return lo, hi
}

// niceTicks returns round tick values covering [lo, hi] (steps of 1, 2,
// 2.5 or 5 times a power of ten) and the range they span.
func niceTicks(lo, hi float64, target int, integers bool) ([]float64, float64, float64) {
	span := hi - lo
	raw := span / float64(target)
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	step := p
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if integers && m*p != math.Round(m*p) {
			continue // counts get whole ticks
		}
		if m*p >= raw {
			step = m * p
			break
		}
	}
	if integers {
		step = math.Max(step, 1)
	}
	start := math.Floor(lo/step) * step
	end := math.Ceil(hi/step) * step
	var ts []float64
	for v := start; v <= end+step/1e6; v += step {
		ts = append(ts, math.Round(v/step)*step)
	}
	return ts, start, end
}

// integers reports whether every value is a whole number.
func (d data) integers() bool {
	for k := range d.vals {
		for _, v := range d.vals[k] {
			if v != math.Round(v) {
				return false
			}
		}
	}
	return true
}

// Figure draws a chart of the given width (mm) as a figure, in the
// colours of th (nil: the shipped theme).
func Figure(spec model.ChartSpec, width float64, m Measurer, f Fonts, th *theme.Theme) (doc.Figure, error) {
	pal := paletteOf(th)
	d, err := extract(spec)
	if err != nil {
		return doc.Figure{}, err
	}
	horizontal := spec.Kind == model.ChartHBars
	var height float64
	if horizontal {
		// each category's slot holds its bars and its label's lines
		labels := fitLabels(m, d.cats, labelWidth(m, d.cats, width, pal.tick), pal.tick)
		slot := math.Max(float64(len(d.series))*5.2+3.5, float64(labels.most())*labels.lineHeight()/0.9)
		height = 22 + float64(len(d.cats))*slot
	} else {
		height = 78
	}
	r := &renderer{m: m, bold: f.Bold}
	lo, hi := d.bounds()
	tickValues, lo, hi := niceTicks(lo, hi, 5, d.integers())
	var ticks []gochart.Tick
	for _, v := range tickValues {
		ticks = append(ticks, gochart.Tick{Value: v, Label: frnum.Plain(v)})
	}
	axisStyle := gochart.Style{StrokeColor: pal.axis, StrokeWidth: 1, FontSize: pal.tick, FontColor: pal.text, Font: f.Regular}
	grid := gochart.Style{StrokeColor: pal.grid, StrokeWidth: 1}
	legendH := 0
	if len(d.series) > 1 {
		legendH = px(pal.legend) + 14
	}
	c := gochart.Chart{
		Width: int(width * pxPerMM), Height: int(height * pxPerMM), DPI: dpi, Font: f.Regular,
		Background: gochart.Style{Padding: gochart.Box{Top: 8 + legendH, Left: 8, Right: 24, Bottom: 8}},
		YAxis:      gochart.YAxis{Style: gochart.Hidden(), Range: &gochart.ContinuousRange{Min: 0, Max: 1}},
	}
	b := &bars{d: d, horizontal: horizontal, m: m, font: f.Regular, pal: pal}
	if horizontal {
		labelW := labelWidth(m, d.cats, width, pal.tick)
		b.labelW = labelW
		c.Background.Padding.Left = int(labelW*pxPerMM) + 12
		c.XAxis = gochart.XAxis{Style: axisStyle, Range: &gochart.ContinuousRange{Min: lo, Max: hi}, Ticks: ticks, GridMajorStyle: grid,
			Name: spec.ValueAxis, NameStyle: gochart.Style{FontSize: pal.tick, FontColor: pal.axis, Font: f.Regular}}
		c.YAxisSecondary = gochart.YAxis{Style: gochart.Hidden(), Range: &gochart.ContinuousRange{Min: -0.5, Max: float64(len(d.cats)) - 0.5, Descending: true}}
	} else {
		// room under the plot for the category labels, which the bars
		// draw themselves (go-chart would cut a long word anywhere): here
		// an estimate of their lines; the figure grows if they need more
		slot := (width - 30) / float64(len(d.cats))
		labels := fitLabels(m, d.cats, slot*labelShare, pal.tick)
		extra := int(math.Round(float64(labels.most()-1) * labels.lineHeight() * pxPerMM))
		c.Background.Padding.Bottom = 8 + extra
		c.Height += extra
		height += float64(extra) / pxPerMM
		cats := []gochart.Tick{{Value: -0.5}}
		for i := range d.cats {
			cats = append(cats, gochart.Tick{Value: float64(i) + 0.5})
		}
		c.XAxis = gochart.XAxis{Style: axisStyle, Range: &gochart.ContinuousRange{Min: -0.5, Max: float64(len(d.cats)) - 0.5}, Ticks: cats,
			TickPosition: gochart.TickPositionBetweenTicks, TickStyle: gochart.Style{FontSize: pal.tick, Font: f.Regular, FontColor: pal.text}}
		// go-chart takes the secondary axis's range from the primary axis's
		// ticks (getRanges), so the hidden primary axis carries them too
		c.YAxis = gochart.YAxis{Style: gochart.Hidden(), Ticks: ticks}
		c.YAxisSecondary = gochart.YAxis{Style: axisStyle, Range: &gochart.ContinuousRange{Min: lo, Max: hi}, Ticks: ticks, GridMajorStyle: grid,
			Name: spec.ValueAxis, NameStyle: gochart.Style{FontSize: pal.tick, FontColor: pal.axis, Font: f.Regular, TextRotationDegrees: 270}}
	}
	c.Series = []gochart.Series{b}
	if legendH > 0 {
		c.Elements = []gochart.Renderable{b.legend}
	}
	if err := c.Render(func(int, int) (gochart.Renderer, error) { return r, nil }, nil); err != nil {
		return doc.Figure{}, fmt.Errorf("graphique « %s » : dessin impossible (%s)", spec.ID, safefile.Cause(err))
	}
	// the labels under a vertical chart end where they end
	height = math.Max(height, b.bottom/pxPerMM+1.5)
	return doc.Figure{Width: width, Height: height, Items: r.items}, nil
}

// labelShare is the part of its slot a vertical chart's category label
// may take: the rest keeps two labels apart.
const labelShare = 0.9

// bars is a go-chart series drawing grouped bars, with their values
// printed on them and the hatching that tells series apart in greyscale.
type bars struct {
	d          data
	horizontal bool
	m          Measurer
	labelW     float64 // mm, category labels of horizontal charts
	font       *truetype.Font
	pal        palette
	bottom     float64 // px, lowest point of the category labels drawn
}

func (b *bars) GetName() string                    { return strings.Join(b.d.series, ", ") }
func (b *bars) GetYAxis() gochart.YAxisType        { return gochart.YAxisSecondary }
func (b *bars) GetStyle() gochart.Style            { return gochart.Style{} }
func (b *bars) Validate() error                    { return nil }
func (b *bars) Len() int                           { return len(b.d.cats) }
func (b *bars) GetValues(i int) (float64, float64) { return float64(i), 0 }

// labelWidth is the room for category labels of a horizontal chart: the
// longest label, at most 40 % of the chart, wrapped beyond.
func labelWidth(m Measurer, cats []string, width, size float64) float64 {
	w := 0.0
	for _, c := range cats {
		w = math.Max(w, m.Width(c, 0, size))
	}
	return math.Min(w+1, width*0.4)
}

func (b *bars) Render(r gochart.Renderer, box gochart.Box, xr, yr gochart.Range, _ gochart.Style) {
	n, k := len(b.d.cats), len(b.d.series)
	if b.horizontal {
		b.renderHorizontal(r, box, xr, yr, n, k)
		return
	}
	slot := float64(box.Width()) / float64(n)
	b.renderCategories(r, box, slot)
	group := slot * 0.72
	bw := group / float64(k)
	zero := box.Bottom - yr.Translate(0)
	for i := 0; i < n; i++ {
		x0 := float64(box.Left) + slot*float64(i) + (slot-group)/2
		for s := 0; s < k; s++ {
			if !b.d.set[s][i] {
				continue
			}
			v := b.d.vals[s][i]
			y := box.Bottom - yr.Translate(v)
			l := int(math.Round(x0 + bw*float64(s)))
			rr := int(math.Round(x0 + bw*float64(s+1)))
			top, bottom := min(y, zero), max(y, zero)
			b.drawBar(r, b.pal.look(s), l+1, top, rr-1, bottom)
			label := b.d.text[s][i]
			r.SetFontSize(b.pal.value)
			r.SetFont(b.font)
			r.SetFontColor(b.pal.text)
			tb := r.MeasureText(label)
			ty := top - 4
			if v < 0 {
				ty = bottom + tb.Height() + 3
			}
			r.Text(label, (l+rr)/2-tb.Width()/2, ty)
		}
	}
}

func (b *bars) renderHorizontal(r gochart.Renderer, box gochart.Box, xr, yr gochart.Range, n, k int) {
	slot := float64(box.Height()) / float64(n)
	group := slot * 0.78
	bh := group / float64(k)
	zero := box.Left + xr.Translate(0)
	// the category axis line
	r.SetStrokeColor(b.pal.axis)
	r.SetStrokeWidth(1)
	r.MoveTo(zero, box.Top)
	r.LineTo(zero, box.Bottom)
	r.Stroke()
	// category labels, right-aligned and wrapped left of the axis, each
	// within its slot
	labels := fitLabelsIn(b.m, b.d.cats, b.labelW, slot/pxPerMM*0.95, b.pal.tick)
	lh := linePx(labels.size)
	for i := 0; i < n; i++ {
		y0 := float64(box.Top) + slot*float64(i) + (slot-group)/2
		lines := labels.lines[i]
		cy := int(float64(box.Top)+slot*float64(i)+slot/2) - (len(lines)*lh)/2 + lh - 2
		r.SetFontSize(labels.size)
		r.SetFont(b.font)
		r.SetFontColor(b.pal.text)
		for j, l := range lines {
			tb := r.MeasureText(l)
			r.Text(l, box.Left-8-tb.Width(), cy+j*lh)
		}
		for s := 0; s < k; s++ {
			if !b.d.set[s][i] {
				continue
			}
			v := b.d.vals[s][i]
			x := box.Left + xr.Translate(v)
			t := int(math.Round(y0 + bh*float64(s)))
			bt := int(math.Round(y0 + bh*float64(s+1)))
			left, right := min(x, zero), max(x, zero)
			b.drawBar(r, b.pal.look(s), left, t+1, right, bt-1)
			label := b.d.text[s][i]
			r.SetFontSize(b.pal.value)
			r.SetFont(b.font)
			r.SetFontColor(b.pal.text)
			tb := r.MeasureText(label)
			tx := right + 4
			if v < 0 {
				tx = left - 4 - tb.Width()
			}
			r.Text(label, tx, (t+bt)/2+tb.Height()/2-1)
		}
	}
}

// renderCategories writes the category labels under a vertical chart's
// plot, centred under their slot, wrapped and shrunk to stay in it.
func (b *bars) renderCategories(r gochart.Renderer, box gochart.Box, slot float64) {
	labels := fitLabels(b.m, b.d.cats, slot/pxPerMM*labelShare, b.pal.tick)
	lh := linePx(labels.size)
	r.SetFontSize(labels.size)
	r.SetFont(b.font)
	r.SetFontColor(b.pal.text)
	top := box.Bottom + 10 + px(labels.size) // go-chart's place for tick labels
	for i, lines := range labels.lines {
		centre := float64(box.Left) + slot*(float64(i)+0.5)
		for j, l := range lines {
			tb := r.MeasureText(l)
			r.Text(l, int(math.Round(centre))-tb.Width()/2, top+j*lh)
		}
		b.bottom = math.Max(b.bottom, float64(top+(len(lines)-1)*lh+px(labels.size*0.3)))
	}
}

// drawBar fills a bar with its look: colour, hatching, frame.
func (b *bars) drawBar(r gochart.Renderer, lk look, left, top, right, bottom int) {
	if right <= left || bottom <= top {
		return
	}
	r.SetFillColor(lk.fill)
	r.SetStrokeColor(b.pal.frame)
	r.SetStrokeWidth(1)
	r.MoveTo(left, top)
	r.LineTo(right, top)
	r.LineTo(right, bottom)
	r.LineTo(left, bottom)
	r.Close()
	r.FillStroke()
	if lk.hatch == 0 {
		return
	}
	r.SetStrokeColor(b.pal.frame)
	r.SetStrokeWidth(0.8)
	hatch(r, left, top, right, bottom, 1)
	if lk.hatch == 2 {
		hatch(r, left, top, right, bottom, -1)
	}
}

// hatch draws 45° lines across a rectangle, clipped to it.
func hatch(r gochart.Renderer, left, top, right, bottom, dir int) {
	const step = 9
	w, h := right-left, bottom-top
	for c := -h; c < w; c += step {
		// segment of the line x = c + t (dir 1) within the box
		x1, y1 := c, 0
		x2, y2 := c+h, h
		if dir < 0 {
			x1, y1, x2, y2 = c, h, c+h, 0
		}
		// clip horizontally
		if x1 < 0 {
			d := -x1
			x1 = 0
			if dir > 0 {
				y1 += d
			} else {
				y1 -= d
			}
		}
		if x2 > w {
			d := x2 - w
			x2 = w
			if dir > 0 {
				y2 -= d
			} else {
				y2 += d
			}
		}
		if x2 <= x1 {
			continue
		}
		r.MoveTo(left+x1, top+y1)
		r.LineTo(left+x2, top+y2)
		r.Stroke()
	}
}

// legend draws one swatch per series, with its hatching, above the plot.
func (b *bars) legend(r gochart.Renderer, box gochart.Box, _ gochart.Style) {
	x := box.Left
	y := 8
	size := px(b.pal.legend)
	for s, name := range b.d.series {
		b.drawBar(r, b.pal.look(s), x, y, x+size*2, y+size)
		r.SetFontSize(b.pal.legend)
		r.SetFont(b.font)
		r.SetFontColor(b.pal.text)
		tb := r.MeasureText(name)
		r.Text(name, x+size*2+8, y+size-2)
		x += size*2 + 8 + tb.Width() + 24
	}
}

// px converts a size in points to whole pixels.
func px(points float64) int { return int(points * dpi / 72) }
