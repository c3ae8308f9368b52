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

// TestInputLinksStayInTheirFolder: a territory folder received from
// someone else may hold a template or a workbook that is a link to any
// file of the machine (~/.ssh/id_rsa, /etc/passwd), which the PDF would
// print and carry as a source. A file of the templates or sources folder
// that a link leads out of its folder is refused where it stands; links
// inside the folder, and a folder that is itself a link, are read.
func TestInputLinksStayInTheirFolder(t *testing.T) {
	cfg := example(t)
	dir := filepath.Dir(cfg)
	secret := filepath.Join(t.TempDir(), "secret.md")
	if err := os.WriteFile(secret, []byte("# Mot de passe\n\nhunter2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tpl := filepath.Join(dir, "templates")
	if err := os.Symlink(secret, filepath.Join(tpl, "98-secret.md")); err != nil {
		t.Fatal(err)
	}
	probs, err := Check(Options{Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	want := "templates/98-secret.md : modèle refusé : lien symbolique vers " + secret + ", hors du dossier "
	if got := probs.Error(); !strings.Contains(got, want) || strings.Contains(got, "hunter2") {
		t.Errorf("template linked out:\n got %s\nwant %s…", got, want)
	}
	os.Remove(filepath.Join(tpl, "98-secret.md"))

	// a workbook linked out of sources/
	src := filepath.Join(dir, "sources", "sigles.xlsx")
	moved := filepath.Join(t.TempDir(), "sigles.xlsx")
	if err := os.Rename(src, moved); err != nil {
		t.Fatal(err)
	}
	os.Symlink(moved, src)
	probs, _ = Check(Options{Config: cfg})
	if got := probs.Error(); !strings.Contains(got, "sources/sigles.xlsx : classeur refusé : lien symbolique vers "+moved) {
		t.Errorf("workbook linked out: %s", got)
	}
	os.Remove(src)
	os.Rename(moved, src)

	// the templates folder itself a link to a shared folder: read
	shared := filepath.Join(t.TempDir(), "modeles")
	if err := os.Rename(tpl, shared); err != nil {
		t.Fatal(err)
	}
	os.Symlink(shared, tpl)
	if probs, err := Check(Options{Config: cfg}); err != nil || probs.HasErrors() {
		t.Errorf("templates folder linked: %v %v", err, probs)
	}
}
