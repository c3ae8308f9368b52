//go:build unix

package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestConfiguredOutputLinksStayInTheTerritory: a territory folder received
// from someone else may carry an output folder, a PDF or an archive folder
// that is a symbolic link to anywhere; the configured output never follows
// one out of the territory, and the archive is never a link.
func TestConfiguredOutputLinksStayInTheTerritory(t *testing.T) {
	elsewhere := t.TempDir()
	cfg := example(t)
	dir := filepath.Dir(cfg)
	if err := os.Symlink(elsewhere, filepath.Join(dir, "output")); err != nil {
		t.Fatal(err)
	}
	want := "un lien symbolique mène hors du dossier du territoire (vers « " + elsewhere
	if got := targetErr(t, cfg, "", nil); !strings.Contains(got, want) {
		t.Errorf("output folder linked out:\n got %q\nwant %q", got, want)
	}
	os.Remove(filepath.Join(dir, "output"))
	os.MkdirAll(filepath.Join(dir, "output"), 0o755)
	os.WriteFile(filepath.Join(elsewhere, "x.pdf"), []byte("%PDF-"), 0o644)
	os.Symlink(filepath.Join(elsewhere, "x.pdf"), filepath.Join(dir, "output", "cls-val-exemple.pdf"))
	if got := targetErr(t, cfg, "", nil); !strings.Contains(got, "un lien symbolique mène hors du dossier du territoire") {
		t.Errorf("PDF linked out: %q", got)
	}
	os.Remove(filepath.Join(dir, "output", "cls-val-exemple.pdf"))

	// the archive: build once, link archive/ out, build something else
	if _, err := Build(Options{Config: cfg}); err != nil {
		t.Fatal(err)
	}
	os.Symlink(elsewhere, filepath.Join(dir, "output", "archive"))
	_, err := Build(Options{Config: cfg, Overrides: map[string]string{"document.surtitre": "Version de travail"}})
	if err == nil || !strings.Contains(err.Error(), "le dossier d'archive n'est pas un vrai dossier (lien symbolique)") {
		t.Errorf("archive linked out: %v", err)
	}
	if entries, _ := os.ReadDir(elsewhere); len(entries) != 1 { // x.pdf only
		t.Errorf("something was written through the link: %v", entries)
	}
}
