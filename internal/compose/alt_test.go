package compose

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/contrat-local-sante/cls/internal/chart"
	"github.com/contrat-local-sante/cls/internal/config"
	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/model"
	"github.com/contrat-local-sante/cls/internal/source"
)

// shippedContract reads the contract shipped in the repository (Lisieux).
func shippedContract(t *testing.T) *model.Contract {
	t.Helper()
	root := filepath.Join("..", "..")
	cfg, err := config.Load(filepath.Join(root, "cls.yaml"), nil)
	if err != nil {
		t.Fatal(err)
	}
	c, probs := source.Read(cfg, source.Dirs{Sources: filepath.Join(root, "sources"), Templates: filepath.Join(root, "templates")})
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	return c
}

// figures returns the figures of blocks, in order, looking into lists and
// table cells.
func figures(blocks []doc.Block) []doc.Figure {
	var out []doc.Figure
	for _, b := range blocks {
		switch v := b.(type) {
		case doc.Figure:
			out = append(out, v)
		case doc.List:
			for _, it := range v.Items {
				out = append(out, figures(it.Blocks)...)
			}
		case doc.Table:
			for _, r := range v.Rows {
				for _, c := range r.Cells {
					out = append(out, figures(c.Blocks)...)
				}
			}
		}
	}
	return out
}

// Every chart of the shipped contract is described, for a screen reader,
// by its caption and its data: its first category with its first value,
// as the cell shows it. The governance diagram names its three instances,
// the dispositifs diagram its échelons.
func TestFiguresAreDescribedFromTheirData(t *testing.T) {
	c := shippedContract(t)
	d, probs := Compose(c, runeMeasurer{}, chart.Fonts{})
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	figs := figures(d.Blocks)
	byCaption := map[string]doc.Figure{}
	for _, f := range figs {
		if f.Alt == "" {
			t.Errorf("figure %q has no description", f.Caption)
		}
		if f.Caption != "" && !strings.HasPrefix(f.Alt, f.Caption+" : ") {
			t.Errorf("description of %q does not start with its caption: %q", f.Caption, f.Alt)
		}
		byCaption[f.Caption] = f
	}
	charts := 0
	for _, spec := range c.Charts {
		if spec.Data == nil {
			continue
		}
		var f doc.Figure
		for cap, g := range byCaption {
			if strings.HasSuffix(cap, "– "+spec.Title) {
				f = g
			}
		}
		if f.Caption == "" {
			continue // a chart no template shows
		}
		charts++
		r := spec.Data.Rows[0]
		col := 0
		if len(spec.Series) > 0 {
			for i, s := range spec.Data.Series {
				if s == spec.Series[0] {
					col = i
				}
			}
		}
		want := r.Label + ", " + spec.Data.Series[col] + " " + r.Text(col)
		if !r.Set[col] {
			want = r.Label + ", " + spec.Data.Series[col]
		}
		if !strings.Contains(f.Alt, want) {
			t.Errorf("chart %s: description lacks %q:\n%s", spec.ID, want, f.Alt)
		}
	}
	if charts == 0 {
		t.Fatal("no chart of the shipped contract found among its figures")
	}
	var gov, disp string
	for _, f := range figs {
		if strings.Contains(f.Alt, c.Labels.Get("gouvernance.copil")) {
			gov = f.Alt
		}
		if len(c.Levels) > 0 && strings.Contains(f.Alt, c.Levels[0].Name+" : ") {
			disp = f.Alt
		}
	}
	for _, key := range []string{"gouvernance.copil", "gouvernance.cotech", "gouvernance.groupes", "gouvernance.descend", "gouvernance.remonte"} {
		if !strings.Contains(gov, c.Labels.Get(key)) {
			t.Errorf("governance description lacks %q:\n%s", c.Labels.Get(key), gov)
		}
	}
	for _, lv := range c.Levels {
		if !strings.Contains(disp, lv.Name+" : ") {
			t.Errorf("dispositifs description lacks the échelon %q:\n%s", lv.Name, disp)
		}
	}
	t.Logf("governance: %s\ndispositifs: %s\nfirst: %s", gov, disp, figs[0].Alt)
}

// The charts of the shipped evaluation annex (fiches by état, by axe) are
// described from their data too: each names the états it counts.
func TestEvaluationChartsAreDescribed(t *testing.T) {
	c := shippedContract(t)
	evals, probs := source.ReadEvaluations(c, filepath.Join("..", "..", "sources"), 2025, nil)
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	contractOnly, _ := Compose(c, runeMeasurer{}, chart.Fonts{})
	d, probs := ComposeWithEvaluation(c, evals, runeMeasurer{}, chart.Fonts{})
	if probs.HasErrors() {
		t.Fatal(probs)
	}
	annex := figures(d.Blocks)[len(figures(contractOnly.Blocks)):]
	if len(annex) == 0 {
		t.Fatal("the shipped evaluation annex has no chart")
	}
	for _, f := range annex {
		if !strings.HasPrefix(f.Alt, f.Caption+" : ") || !strings.Contains(f.Alt, model.States[0]) {
			t.Errorf("annex chart %q: description %q lacks its caption or the état %q", f.Caption, f.Alt, model.States[0])
		}
	}
}
