package pipeline

import (
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/fonts"
)

// calcTerritory, the Intercom Bernay Terres de Normandie, is a second territory whose workbooks a coordinator wrote in
// LibreOffice Calc: calc/*.fods are the workbooks as flat XML (their number
// formats and languages can be read), sources/*.xlsx what Calc saved from
// them with « soffice --headless --convert-to xlsx ».
const calcTerritory = "testdata/bernay"

// TestTerritorySavedByLibreOffice builds the Bernay territory end to end
// and checks the words a reader sees: dates in French whatever their
// format's language, a percentage and thousands as the cells show them, a
// number typed as text as typed, a long chart label cut only at its
// hyphen. When LibreOffice is installed, it saves the .fods afresh and the
// new .xlsx must print the same words as the kept ones.
func TestTerritorySavedByLibreOffice(t *testing.T) {
	kept := buildLines(t, filepath.Join(calcTerritory, "cls.yaml"))
	text := strings.Join(kept, "\n")
	for _, want := range []string{
		"mardi 11 mars 2025", // long date, no language tag
		"jeudi 27 mars 2025", // [$-409]dddd, mmmm d, yyyy
		"25 février 2025",    // D-MMM-YY
		"11/03/2025",         // DD/MM/YYYY
		"14,2\u00a0%",        // percentage 0.0 %, in the text and the table
		"12\u202f345",        // # ##0
		"92\u00a0%",          // text typed « 92 % »
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the contract does not print %q", show(want))
		}
	}
	for _, foreign := range []string{"Tuesday", "Thursday", "March", "Feb", "0,1\u00a0", "2025-03-11", "0,142"} {
		if strings.Contains(text, foreign) {
			t.Errorf("the contract prints %q", foreign)
		}
	}
	// the table prints each cell as shown: one line per row
	for _, row := range []string{"Bénéficiaires de la complémentaire santé solidaire 14,2\u00a0%", "Habitants 12\u202f345", "Couverture vaccinale des nourrissons 92\u00a0%"} {
		if !containsLine(kept, row) {
			t.Errorf("no table row %q", show(row))
		}
	}
	// « Masseurs-kinésithérapeutes »: whole, or cut after its hyphen
	var label []string
	for _, l := range kept {
		for _, w := range strings.Fields(l) {
			if strings.Contains(w, "Masseurs") || strings.Contains(w, "kinési") {
				label = append(label, w)
			}
		}
	}
	if j := strings.Join(label, "|"); j != "Masseurs-|kinésithérapeutes" && j != "Masseurs-kinésithérapeutes" {
		t.Errorf("chart label printed as %q: cut inside the word", j)
	}

	if _, err := exec.LookPath("soffice"); err != nil || testing.Short() {
		t.Log("LibreOffice (soffice) absent or -short: only the .xlsx kept in testdata are built")
		return
	}
	again := buildLines(t, resaved(t))
	if strings.Join(again, "\n") != text {
		t.Errorf("the .xlsx LibreOffice saves now print other words than the kept ones:\n%s", lineDiff(kept, again))
	}
}

// buildLines builds the territory of cfg into a temporary folder, checks
// it gave no warning, and returns its printed lines.
func buildLines(t *testing.T, cfg string) []string {
	t.Helper()
	res, err := Build(Options{Config: cfg, Out: filepath.Join(t.TempDir(), "contrat.pdf")})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range res.Problems {
		t.Errorf("%s: %v", cfg, p)
	}
	l, err := Load(Options{Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	return printedLines(res, fonts.NewMeasurer(l.Fonts))
}

// printedLines rebuilds the lines of the laid-out pages from their text
// items. The layout draws a no-break space as a gap between two items: a
// gap of a sixth of an em is written U+202F, one of a word space U+00A0,
// a wider one (a justified space) a space, none at all (a change of
// style) nothing.
func printedLines(res *Result, m *fonts.Measurer) []string {
	const ptMM = 25.4 / 72
	var lines []string
	for _, p := range res.Layout.Pages {
		byY := map[float64][]doc.Text{}
		var ys []float64
		for _, it := range p.Items {
			if tx, ok := it.(doc.Text); ok && tx.Rotate == 0 {
				y := math.Round(tx.Y*10) / 10
				if byY[y] == nil {
					ys = append(ys, y)
				}
				byY[y] = append(byY[y], tx)
			}
		}
		sort.Float64s(ys)
		for _, y := range ys {
			items := byY[y]
			sort.SliceStable(items, func(i, j int) bool { return items[i].X < items[j].X })
			var b strings.Builder
			for i, tx := range items {
				if i > 0 {
					prev := items[i-1]
					gap := tx.X - prev.X - m.Width(prev.Text, prev.Style, prev.Size)
					switch {
					case math.Abs(gap) < 0.05:
					case prev.Size == tx.Size && math.Abs(gap-tx.Size*ptMM/6) < 0.05:
						b.WriteString("\u202f")
					case prev.Size == tx.Size && math.Abs(gap-m.Width(" ", tx.Style, tx.Size)) < 0.05:
						b.WriteString("\u00a0")
					default:
						b.WriteString(" ")
					}
				}
				b.WriteString(tx.Text)
			}
			lines = append(lines, b.String())
		}
	}
	return lines
}

func containsLine(lines []string, s string) bool {
	for _, l := range lines {
		if l == s {
			return true
		}
	}
	return false
}

// resaved copies the Bernay territory into a temporary folder with the
// .xlsx LibreOffice saves now from calc/*.fods, and returns its cls.yaml.
func resaved(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "templates"), os.DirFS(filepath.Join(calcTerritory, "templates"))); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(calcTerritory, "cls.yaml"))
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, "cls.yaml"), b, 0o644)
	}
	if err != nil {
		t.Fatal(err)
	}
	fods, _ := filepath.Glob(filepath.Join(calcTerritory, "calc", "*.fods"))
	if len(fods) != 4 {
		t.Fatalf("calc/*.fods: %v", fods)
	}
	sources := filepath.Join(dir, "sources")
	// its own profile: a LibreOffice already open does not interfere
	args := append([]string{"-env:UserInstallation=file://" + filepath.ToSlash(filepath.Join(dir, "profile")),
		"--headless", "--convert-to", "xlsx", "--outdir", sources}, fods...)
	if out, err := exec.Command("soffice", args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	for _, f := range fods {
		x := filepath.Join(sources, strings.TrimSuffix(filepath.Base(f), ".fods")+".xlsx")
		if _, err := os.Stat(x); err != nil {
			t.Fatalf("soffice did not write %s", x)
		}
	}
	return filepath.Join(dir, "cls.yaml")
}

// lineDiff lists the lines that differ, for a failure message.
func lineDiff(a, b []string) string {
	var d []string
	for i := 0; i < len(a) || i < len(b); i++ {
		var x, y string
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if x != y {
			d = append(d, "- "+show(x), "+ "+show(y))
		}
	}
	return strings.Join(d, "\n")
}

// show makes no-break spaces visible in failure messages.
func show(s string) string {
	return strings.NewReplacer("\u00a0", "⍽", "\u202f", "·").Replace(s)
}
