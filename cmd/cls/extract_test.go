package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/go-pdf/fpdf"

	"github.com/contrat-local-sante/cls/internal/embed"
)

// smallContractPDF writes a PDF carrying sources as cls attaches them,
// whose manifest's version line holds a terminal escape.
func smallContractPDF(t *testing.T) string {
	t.Helper()
	files, err := embed.Bundle([]embed.File{
		{Name: "cls.yaml", Content: []byte("territoire:\n  nom: Test\n")},
		{Name: "templates/01-preambule.md", Content: []byte("# Préambule\n")},
	}, "Version \x1b[2Jinitiale", nil)
	if err != nil {
		t.Fatal(err)
	}
	p := fpdf.New("P", "mm", "A4", "")
	p.AddPage()
	var as []fpdf.Attachment
	for _, f := range files {
		as = append(as, fpdf.Attachment{Filename: f.Name, Content: f.Content})
	}
	p.SetAttachments(as)
	var b bytes.Buffer
	if err := p.Output(&b); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "c.pdf")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestExtractNeverOverwritesWithoutForce(t *testing.T) {
	pdf := smallContractPDF(t)
	dir := filepath.Join(t.TempDir(), "x")
	code, out, errOut := runAll(t, "extract", pdf, dir)
	want := "3 fichiers extraits dans " + dir + " – Version <U+001B>[2Jinitiale\nPour reconstruire : cls build --config " + filepath.Join(dir, "cls.yaml") + " --fonts DOSSIER_DES_POLICES\n"
	if code != 0 || out != want || errOut != "" {
		t.Fatalf("first extract: exit %d\n%s%s", code, out, errOut)
	}
	os.WriteFile(filepath.Join(dir, "cls.yaml"), []byte("mine"), 0o644)
	code, out, errOut = runAll(t, "extract", pdf, dir)
	want = "erreur : " + dir + " : 3 fichier(s) existe(nt) déjà (" + filepath.Join(dir, "cls-manifeste.json") + ", " + filepath.Join(dir, "cls.yaml") + ", " + filepath.Join(dir, "templates", "01-preambule.md") + ") ; rien n'a été écrit ; attendu un dossier sans ces fichiers, ou --force pour les remplacer\nAucun fichier n'a été écrit.\n"
	if code != 1 || out != "" || errOut != want {
		t.Errorf("second extract: exit %d\n%s%s\nwant\n%s", code, out, errOut, want)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "cls.yaml")); string(b) != "mine" {
		t.Error("cls.yaml replaced without --force")
	}
	if code, _, errOut := runAll(t, "extract", "--force", pdf, dir); code != 0 {
		t.Errorf("--force: exit %d\n%s", code, errOut)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "cls.yaml")); string(b) != "territoire:\n  nom: Test\n" {
		t.Errorf("--force: cls.yaml is %q", b)
	}
}
