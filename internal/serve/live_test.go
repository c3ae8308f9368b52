package serve

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A save that breaks a workbook shows its located error while the last
// good PDF stays served; the fix brings a new PDF. Nothing is written
// into the output folder by the preview.
func TestSaveRebuildsAndKeepsTheLastGoodPDF(t *testing.T) {
	cfg := territory(t)
	dir := filepath.Dir(cfg)
	s := serveTerritory(t, cfg, nil)

	var first stateOf
	waitFor(t, "the first build", func() bool { first = getState(t, s); return first.SHA256 != "" })
	if first.Pages < 5 || len(first.Errors) != 0 {
		t.Fatalf("first build: %+v", first)
	}
	code, pdf := get(t, s, "/contrat.pdf")
	if code != 200 || !strings.HasPrefix(pdf, "%PDF-") || sum(pdf) != first.SHA256 {
		t.Fatalf("/contrat.pdf: %d, %d bytes, not the PDF of SHA-256 %s", code, len(pdf), first.SHA256)
	}

	editWorkbook(t, filepath.Join(dir, "sources", "sigles.xlsx"), duplicateSigle)
	var broken stateOf
	waitFor(t, "the duplicate sigle reported", func() bool {
		broken = getState(t, s)
		return len(broken.Errors) > 0
	})
	if !strings.Contains(broken.Errors[0], duplicateWhere) || !strings.Contains(broken.Errors[0], "ARS") {
		t.Errorf("error not located at the cell: %q", broken.Errors[0])
	}
	if broken.SHA256 != first.SHA256 {
		t.Errorf("the last good PDF is no longer served while the sources are broken")
	}
	if _, page := get(t, s, "/"); !strings.Contains(page, "cellule A5") || !strings.Contains(page, "dernier contrat construit sans erreur") {
		t.Errorf("the page does not show the error beside the last good PDF:\n%s", page)
	}

	// a fix: the row goes, and a new templates' text changes the PDF
	editWorkbook(t, filepath.Join(dir, "sources", "sigles.xlsx"), removeRow5)
	text := filepath.Join(dir, "templates", "02-preambule.md")
	b, err := os.ReadFile(text)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(text, append(b, "\nUne phrase de plus, ajoutée pendant le test.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	var fixed stateOf
	waitFor(t, "the error gone and a new PDF", func() bool {
		fixed = getState(t, s)
		return len(fixed.Errors) == 0 && fixed.SHA256 != first.SHA256 && !fixed.Building
	})
	if _, pdf := get(t, s, "/contrat.pdf"); sum(pdf) != fixed.SHA256 {
		t.Errorf("/contrat.pdf is not the new PDF")
	}
	if _, err := os.Stat(filepath.Join(dir, "output")); !os.IsNotExist(err) {
		t.Errorf("the preview wrote into output/ (%v)", err)
	}
}

func sum(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}
