package pipeline

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/contrat-local-sante/cls/internal/source/sourcetest"
)

// elsewhere writes the example territory, with avenant n° 1 in its
// register, in a folder « autre », makes another folder the current one,
// and returns the territory folder, the current folder and the options of
// a command run with --config ../…/autre/cls.yaml.
func elsewhere(t *testing.T) (territory, here string, opt Options) {
	t.Helper()
	fontsDir, err := filepath.Abs(filepath.Join("..", "..", "fonts"))
	if err != nil {
		t.Fatal(err)
	}
	tr := sourcetest.Example()
	tr.Templates["04-cadre.md"] += revisionArticle // the avenant's visa cites it
	tr.Contrat = append(tr.Contrat, sourcetest.Sheet{Name: "Avenants", Rows: [][]string{
		{"Numéro", "Date de validation COPIL", "Date de signature", "Objet", "Fiches ajoutées", "Fiches modifiées", "Partenaires ajoutés", "Membres du COPIL ajoutés"},
		{"1", "2027-02-01", "15/03/2027", "Ouverture du réseau aux pharmacies", "", "", "Pharmacies du Val", ""},
	}})
	territory = filepath.Join(t.TempDir(), "autre")
	cfg := tr.Write(t, territory, fontsDir)
	here = t.TempDir()
	t.Chdir(here)
	rel, err := filepath.Rel(here, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return territory, here, Options{Config: rel}
}

// Run from another folder with --config OTHER/cls.yaml, every command
// reads and writes in OTHER: the evaluation workbook goes where cls
// evaluation reads it, the annex and the consolidated contract beside the
// contract. A path given on the command line (--out) is taken from the
// current folder.
func TestPathsFromTheTerritory(t *testing.T) {
	territory, here, opt := elsewhere(t)

	// the blank workbook, where cls evaluation reads it
	path, err := EvaluationTemplate(opt, 2026, "")
	if err != nil {
		t.Fatal(err)
	}
	same(t, "evaluation template", path, filepath.Join(territory, "sources", "evaluation", "2026.xlsx"))
	_, err = EvaluationTemplate(opt, 2026, "")
	if !errors.Is(err, fs.ErrExist) {
		t.Errorf("second evaluation template: %v, want an error that is fs.ErrExist", err)
	}

	out := filepath.Join(territory, "output")
	for _, tc := range []struct {
		name string
		make func() (*Result, error)
		want string
	}{
		{"evaluation", func() (*Result, error) { return Evaluation(opt, 2026, "") }, "cls-val-exemple-evaluation-2026.pdf"},
		{"evaluation --append", func() (*Result, error) {
			o := opt
			o.EvaluationYear = 2026
			return Build(o)
		}, "cls-val-exemple-avec-evaluation-2026.pdf"},
		{"build", func() (*Result, error) { return Build(opt) }, "cls-val-exemple.pdf"},
	} {
		res, err := tc.make()
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		same(t, tc.name, res.Path, filepath.Join(out, tc.want))
	}
	names := func(dir string) []string {
		entries, _ := os.ReadDir(dir)
		var out []string
		for _, e := range entries {
			out = append(out, e.Name())
		}
		return out
	}
	want := []string{
		"cls-val-exemple-avec-evaluation-2026.pdf", "cls-val-exemple-avec-evaluation-2026.pdf.sha256",
		"cls-val-exemple-evaluation-2026.pdf", "cls-val-exemple-evaluation-2026.pdf.sha256",
		"cls-val-exemple.pdf", "cls-val-exemple.pdf.sha256",
	}
	if got := names(out); !slices.Equal(got, want) {
		t.Errorf("the territory's output folder holds %q, want %q", got, want)
	}

	// --out is taken from the current folder
	res, err := Evaluation(opt, 2026, "annexe.pdf")
	if err != nil {
		t.Fatal(err)
	}
	same(t, "evaluation --out", res.Path, filepath.Join(here, "annexe.pdf"))
	if _, err := EvaluationTemplate(opt, 2027, filepath.Join("classeurs", "2027.xlsx")); err != nil {
		t.Fatal(err)
	}
	if got := names(here); !slices.Equal(got, []string{"annexe.pdf", "annexe.pdf.sha256", "classeurs"}) {
		t.Errorf("the current folder holds %q", got)
	}
}

// The avenant goes beside the contract too.
func TestAvenantDefaultOutput(t *testing.T) {
	territory, here, opt := elsewhere(t)
	res, err := Avenant(opt, 1, "", "")
	if err != nil {
		t.Fatal(err)
	}
	same(t, "avenant", res.Path, filepath.Join(territory, "output", "cls-val-exemple-avenant-1.pdf"))
	if entries, _ := os.ReadDir(here); len(entries) != 0 {
		t.Errorf("written in the current folder: %v", entries)
	}
}

// same fails unless the paths got and want name the same existing file.
func same(t *testing.T, what, got, want string) {
	t.Helper()
	a, err := os.Stat(got)
	if err != nil {
		t.Errorf("%s: wrote %s, want %s: %v", what, got, want, err)
		return
	}
	b, err := os.Stat(want)
	if err != nil || !os.SameFile(a, b) {
		t.Errorf("%s: wrote %s, want %s", what, got, want)
	}
}

// Another cls writing the same output: the refusal can be told apart.
func TestBusyOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "contrat.pdf")
	unlock, err := lockOutput(out)
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	defer func(w time.Duration) { lockWait = w }(lockWait)
	lockWait = 0
	_, err = Build(Options{Config: example(t), Out: out})
	if !errors.Is(err, ErrBusy) {
		t.Errorf("got %v, want an error that is ErrBusy", err)
	}
}
