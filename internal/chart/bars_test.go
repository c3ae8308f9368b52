package chart

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/fonts"
	"github.com/contrat-local-sante/cls/internal/model"
)

// shippedFonts returns the repository's Carlito, measured and parsed for
// go-chart.
func shippedFonts(t *testing.T) (Measurer, Fonts) {
	t.Helper()
	dir := filepath.Join("..", "..", "fonts")
	fam, err := fonts.Load(dir, "Carlito", fonts.Files{Regular: "Carlito-Regular.ttf", Bold: "Carlito-Bold.ttf", Italic: "Carlito-Italic.ttf", BoldItalic: "Carlito-BoldItalic.ttf"})
	if err != nil {
		t.Fatal(err)
	}
	reg, err := os.ReadFile(filepath.Join(dir, "Carlito-Regular.ttf"))
	if err != nil {
		t.Fatal(err)
	}
	bold, err := os.ReadFile(filepath.Join(dir, "Carlito-Bold.ttf"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := ParseFonts(reg, bold)
	if err != nil {
		t.Fatal(err)
	}
	return fonts.NewMeasurer(fam), f
}

// towns is a one-series table of known values: 10, 20 and 40.
func towns() *model.StatTable {
	row := func(label string, v float64) model.StatRow {
		return model.StatRow{Label: label, Values: []float64{v}, Set: []bool{true}, Decimals: []int{0}}
	}
	return &model.StatTable{File: "sources/diagnostic.xlsx", Sheet: "Effectifs", Series: []string{"Médecins"},
		Rows: []model.StatRow{row("Lisieux", 10), row("Orbec", 20), row("Livarot", 40)}}
}

// barsOf returns the filled, framed quadrilaterals of a figure: its bars,
// in drawing order (one series: no legend swatch).
func barsOf(fig doc.Figure) []doc.Path {
	var out []doc.Path
	for _, it := range fig.Items {
		if p, ok := it.(doc.Path); ok && p.Closed && len(p.Points) == 4 && p.Fill != nil && p.Stroke != nil {
			out = append(out, p)
		}
	}
	return out
}

func extent(p doc.Path) (x0, y0, x1, y1 float64) {
	x0, y0, x1, y1 = math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, pt := range p.Points {
		x0, y0, x1, y1 = min(x0, pt.X), min(y0, pt.Y), max(x1, pt.X), max(y1, pt.Y)
	}
	return
}

// TestBarChartOfKnownData: a vertical bar chart of 10, 20 and 40 is as
// wide as asked, keeps every item inside itself, prints each town under
// its bar and each value above it, and draws bars whose heights are in
// the ratio of the values, on one baseline.
func TestBarChartOfKnownData(t *testing.T) {
	m, f := shippedFonts(t)
	spec := model.ChartSpec{ID: "medecins", Kind: model.ChartBars, Data: towns(), ValueAxis: "Nombre"}
	fig, err := Figure(spec, 160, m, f, nil)
	if err != nil {
		t.Fatal(err)
	}
	if fig.Width != 160 {
		t.Errorf("width %g mm, asked 160", fig.Width)
	}
	if fig.Height < 40 || fig.Height > 120 {
		t.Errorf("height %g mm for a three-bar chart 160 mm wide", fig.Height)
	}
	for _, it := range fig.Items {
		switch v := it.(type) {
		case doc.Text:
			if w := m.Width(v.Text, v.Style, v.Size); v.Rotate == 0 && (v.X < 0 || v.X+w > fig.Width+0.01 || v.Y > fig.Height+0.01) {
				t.Errorf("text %q at (%.1f, %.1f), %.1f mm wide, leaves the %g × %g figure", v.Text, v.X, v.Y, w, fig.Width, fig.Height)
			}
		case doc.Path:
			for _, p := range v.Points {
				if p.X < -0.01 || p.Y < -0.01 || p.X > fig.Width+0.01 || p.Y > fig.Height+0.01 {
					t.Errorf("point (%.1f, %.1f) outside the %g × %g figure", p.X, p.Y, fig.Width, fig.Height)
				}
			}
		}
	}
	texts := map[string][]doc.Text{} // a value and a tick can share a text
	for _, it := range fig.Items {
		if tx, ok := it.(doc.Text); ok {
			texts[tx.Text] = append(texts[tx.Text], tx)
		}
	}
	for _, want := range []string{"Lisieux", "Orbec", "Livarot", "Nombre", "10", "20", "40"} {
		if _, ok := texts[want]; !ok {
			t.Errorf("%q not printed", want)
		}
	}
	bars := barsOf(fig)
	if len(bars) != 3 {
		t.Fatalf("%d bars, want 3", len(bars))
	}
	values := []float64{10, 20, 40}
	_, _, _, base := extent(bars[0])
	_, top0, _, _ := extent(bars[0])
	unit := (base - top0) / values[0] // mm per unit of value
	for i, b := range bars {
		x0, y0, x1, y1 := extent(b)
		if math.Abs(y1-base) > 0.01 {
			t.Errorf("bar %d stands on %.2f, bar 0 on %.2f", i, y1, base)
		}
		if h, want := y1-y0, values[i]*unit; math.Abs(h-want) > 0.5 {
			t.Errorf("bar %d is %.2f mm high, want %.2f (value %g)", i, h, want, values[i])
		}
		if len(texts[towns().Rows[i].Label]) != 1 {
			t.Fatalf("%s printed %d times", towns().Rows[i].Label, len(texts[towns().Rows[i].Label]))
		}
		town := texts[towns().Rows[i].Label][0]
		centre := town.X + m.Width(town.Text, town.Style, town.Size)/2
		if centre < x0 || centre > x1 {
			t.Errorf("%s centred at %.1f, under no part of its bar (%.1f–%.1f)", town.Text, centre, x0, x1)
		}
		if town.Y < y1 {
			t.Errorf("%s at y %.1f, above its bar's foot %.1f", town.Text, town.Y, y1)
		}
		// the value is printed just above the bar, over it
		above := false
		for _, v := range texts[fmt.Sprint(values[i])] {
			c := v.X + m.Width(v.Text, v.Style, v.Size)/2
			above = above || (v.Y <= y0 && v.Y >= y0-5 && c >= x0 && c <= x1)
		}
		if !above {
			t.Errorf("value %g not printed just above its bar (top at %.1f)", values[i], y0)
		}
	}
}

// TestBarChartIsDeterministic: the same data draws the same items, to the
// last byte, so that the PDF built from them is the same.
func TestBarChartIsDeterministic(t *testing.T) {
	m, f := shippedFonts(t)
	for _, kind := range []string{model.ChartBars, model.ChartHBars} {
		spec := model.ChartSpec{ID: "medecins", Kind: kind, Data: towns(), ValueAxis: "Nombre"}
		var first []byte
		for run := 0; run < 3; run++ {
			fig, err := Figure(spec, 160, m, f, nil)
			if err != nil {
				t.Fatal(err)
			}
			b, err := json.Marshal(fig)
			if err != nil {
				t.Fatal(err)
			}
			if run == 0 {
				first = b
			} else if string(b) != string(first) {
				t.Fatalf("%s: run %d draws other items than run 0", kind, run)
			}
		}
	}
}
