package pipeline

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// territoryCopy copies the shipped territory (cls.yaml, sources, templates,
// fonts) into a temporary folder and returns the options that build it.
func territoryCopy(t testing.TB) Options {
	t.Helper()
	dir := t.TempDir()
	root := filepath.Join("..", "..")
	for _, d := range []string{"sources", "templates", "fonts"} {
		if err := os.CopyFS(filepath.Join(dir, d), os.DirFS(filepath.Join(root, d))); err != nil {
			t.Fatal(err)
		}
	}
	yaml, err := os.ReadFile(filepath.Join(root, "cls.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "cls.yaml")
	if err := os.WriteFile(cfg, yaml, 0o644); err != nil {
		t.Fatal(err)
	}
	return Options{Config: cfg}
}

// setCell changes one cell of a workbook and saves it, as the coordinator
// saving in a spreadsheet would; the modification time is moved on so that
// a change within the clock's resolution is seen too.
func setCell(t testing.TB, path, sheet, cell, value string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellValue(sheet, cell, value); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	f.Close()
	later := time.Now().Add(time.Second)
	os.Chtimes(path, later, later)
}

// TestRebuilderSameBytesAsCold: a Rebuilder's builds, after a workbook
// cell and then a template changed, are byte for byte the cold builds of
// the same sources, and the changes show.
func TestRebuilderSameBytesAsCold(t *testing.T) {
	opt := territoryCopy(t)
	r := NewRebuilder()
	defer r.Close()
	same := func(step string) []byte {
		t.Helper()
		warm, err := r.Make(opt)
		if err != nil {
			t.Fatalf("%s: rebuild: %v", step, err)
		}
		cold, err := Make(opt)
		if err != nil {
			t.Fatalf("%s: cold build: %v", step, err)
		}
		if !bytes.Equal(warm.PDF, cold.PDF) {
			t.Fatalf("%s: the rebuild (%d bytes) differs from the cold build (%d bytes)", step, len(warm.PDF), len(cold.PDF))
		}
		if fmt.Sprint(warm.Problems) != fmt.Sprint(cold.Problems) {
			t.Errorf("%s: problems differ:\n%s\ncold:\n%s", step, warm.Problems, cold.Problems)
		}
		return warm.PDF
	}
	first := same("first build")
	again := same("nothing changed")
	if !bytes.Equal(first, again) {
		t.Fatal("two builds of the same sources differ")
	}
	setCell(t, filepath.Join(filepath.Dir(opt.Config), "sources", "contrat.xlsx"), "Comité de pilotage", "A2", "Institution changée entre deux constructions")
	cell := same("a cell changed")
	if bytes.Equal(cell, first) {
		t.Fatal("the changed cell does not show in the rebuild")
	}
	tpl := filepath.Join(filepath.Dir(opt.Config), "templates", "02-preambule.md")
	b, err := os.ReadFile(tpl)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(tpl, append(b, "\nUne phrase ajoutée entre deux constructions.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(same("a template changed"), cell) {
		t.Fatal("the changed template does not show in the rebuild")
	}
}
