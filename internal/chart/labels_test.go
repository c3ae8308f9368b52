package chart

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/fonts"
	"github.com/contrat-local-sante/cls/internal/model"
)

// carlito returns the shipped fonts, for measuring and for go-chart.
func carlito(t *testing.T) (*fonts.Measurer, Fonts) {
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

// A label breaks at its spaces, and a word too long for a line after its
// hyphens: never inside a word.
func TestWrapAtSpacesAndHyphens(t *testing.T) {
	m, _ := carlito(t)
	for _, tc := range []struct {
		s    string
		w    float64
		want []string
	}{
		{"Masseurs-kinésithérapeutes", 25, []string{"Masseurs-", "kinésithérapeutes"}},
		{"Les masseurs-kinésithérapeutes libéraux", 30, []string{"Les masseurs-", "kinésithérapeutes", "libéraux"}},
		{"Chirurgiens-dentistes", 60, []string{"Chirurgiens-dentistes"}}, // fits: not broken
		{"Médecins généralistes", 20, []string{"Médecins", "généralistes"}},
		{"Kinésithérapeutes", 5, []string{"Kinésithérapeutes"}}, // too wide, but whole
	} {
		if got := Wrap(m, tc.s, tc.w, 8, 0); strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("Wrap(%q, %g) = %q, want %q", tc.s, tc.w, got, tc.want)
		}
	}
}

// box is the extent of a text item, in mm.
type box struct{ x0, y0, x1, y1 float64 }

func textBox(m Measurer, t doc.Text) box {
	pt := 25.4 / 72
	return box{t.X, t.Y - t.Size*0.8*pt, t.X + m.Width(t.Text, t.Style, t.Size), t.Y + t.Size*0.25*pt}
}

func (a box) crosses(b box) bool {
	return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1
}

// longLabels is a table whose categories are long, as a coordinator types
// them.
func longLabels() *model.StatTable {
	cats := []string{"Médecins généralistes", "Masseurs-kinésithérapeutes", "Chirurgiens-dentistes", "Infirmiers", "Orthophonistes", "Sages-femmes", "Pédicures-podologues", "Psychomotriciens"}
	t := &model.StatTable{Sheet: "Professionnels", Series: []string{"Val", "Région"}}
	for i, c := range cats {
		t.Rows = append(t.Rows, model.StatRow{Label: c, Values: []float64{float64(10 + 3*i), float64(12 + 2*i)}, Set: []bool{true, true}, Decimals: []int{0, 0}})
	}
	return t
}

// The category labels of a chart stay inside the figure, never cross
// another label, and are cut only at spaces and hyphens, whichever the
// kind of chart and however narrow it is drawn.
func TestLongCategoryLabels(t *testing.T) {
	m, f := carlito(t)
	data := longLabels()
	for _, kind := range []string{model.ChartBars, model.ChartHBars} {
		for _, width := range []float64{165, 120, 80} {
			fig, err := Figure(model.ChartSpec{ID: "pros", Kind: kind, Title: "Professionnels", ValueAxis: "nombre", Data: data}, width, m, f, nil)
			if err != nil {
				t.Fatal(err)
			}
			var labels []doc.Text
			for _, it := range fig.Items {
				if tx, ok := it.(doc.Text); ok && tx.Rotate == 0 && isCategoryPiece(tx.Text, data) {
					labels = append(labels, tx)
				}
			}
			if joined := joinLabels(labels); joined != strings.Join(categories(data), " ") {
				t.Errorf("%s, %g mm: labels read %q", kind, width, joined)
			}
			for i, a := range labels {
				ba := textBox(m, a)
				if ba.x0 < 0 || ba.y0 < 0 || ba.x1 > fig.Width || ba.y1 > fig.Height {
					t.Errorf("%s, %g mm: label %q at %+v leaves the figure (%g × %g mm)", kind, width, a.Text, ba, fig.Width, fig.Height)
				}
				for _, b := range labels[i+1:] {
					if ba.crosses(textBox(m, b)) {
						t.Errorf("%s, %g mm: labels %q and %q cross", kind, width, a.Text, b.Text)
					}
				}
			}
		}
	}
}

func categories(t *model.StatTable) []string {
	var out []string
	for _, r := range t.Rows {
		out = append(out, r.Label)
	}
	return out
}

// isCategoryPiece reports whether s is a line of some category label.
func isCategoryPiece(s string, t *model.StatTable) bool {
	for _, c := range categories(t) {
		if s != "" && strings.Contains(c, s) {
			return true
		}
	}
	return false
}

// joinLabels puts the lines of the labels back together in drawing order:
// a line ending with a hyphen continues without a space.
func joinLabels(ls []doc.Text) string {
	var b strings.Builder
	for i, l := range ls {
		if i > 0 && !strings.HasSuffix(ls[i-1].Text, "-") {
			b.WriteByte(' ')
		}
		b.WriteString(l.Text)
	}
	return b.String()
}
