package embed

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// writePDF writes pdf into a fresh folder and returns its path.
func writePDF(t *testing.T, pdf []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "c.pdf")
	if err := os.WriteFile(p, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// tree lists the files under dir, slash-separated, sorted.
func tree(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && info.Mode().IsRegular() {
			r, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(r))
		}
		return nil
	})
	sort.Strings(out)
	return out
}

func TestExtractWritesTheFilesOnce(t *testing.T) {
	pdf := writePDF(t, makePDF(bundle(t, goodFiles()...), ""))
	dir := filepath.Join(t.TempDir(), "x")
	files, err := Extract(pdf, dir)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(tree(t, dir), " ")
	if got != "cls-manifeste.json cls.yaml images/logo.png sources/contrat.xlsx sources/fiches.xlsx templates/01-preambule.md templates/fiches/FA1.1.md" || len(files) != 7 {
		t.Fatalf("extracted: %s", got)
	}
	// again: every existing file is named, none is replaced
	os.WriteFile(filepath.Join(dir, "cls.yaml"), []byte("mine"), 0o644)
	_, err = Extract(pdf, dir)
	want := "erreur : " + dir + " : 7 fichier(s) existe(nt) déjà (" + strings.Join([]string{filepath.Join(dir, "cls-manifeste.json"), filepath.Join(dir, "cls.yaml"), filepath.Join(dir, "images", "logo.png")}, ", ") + " et 4 autre(s)) ; rien n'a été écrit ; attendu un dossier sans ces fichiers, ou --force pour les remplacer"
	if err == nil || err.Error() != want {
		t.Errorf("second extract:\n got %v\nwant %s", err, want)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "cls.yaml")); string(b) != "mine" {
		t.Error("an existing file was replaced without --force")
	}
	// --force replaces
	if _, err := ExtractForce(pdf, dir); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "cls.yaml")); string(b) != "territoire:\n  nom: Test\n" {
		t.Errorf("--force: cls.yaml is %q", b)
	}
	// no temporary file left behind
	for _, n := range tree(t, dir) {
		if strings.Contains(n, ".cls-extract-") {
			t.Errorf("left behind: %s", n)
		}
	}
}

// TestExtractWritesNothingFromAHostilePDF: a bad name sorted after good
// ones, a tampered file: nothing at all is written, the folder is not
// even created.
func TestExtractWritesNothingFromAHostilePDF(t *testing.T) {
	for _, c := range hostile(t) {
		t.Run(c.name, func(t *testing.T) {
			pdf := writePDF(t, c.pdf)
			dir := filepath.Join(t.TempDir(), "x")
			if _, err := Extract(pdf, dir); err == nil {
				t.Fatal("accepted")
			}
			if _, err := os.Stat(dir); err == nil {
				t.Errorf("wrote %v", tree(t, dir))
			}
		})
	}
}

// TestExtractRefusesSymlinks: a folder inside the destination that is a
// link to elsewhere is refused, even with --force, and nothing is
// written there.
func TestExtractRefusesSymlinks(t *testing.T) {
	pdf := writePDF(t, makePDF(bundle(t, goodFiles()...), ""))
	dir := t.TempDir()
	elsewhere := t.TempDir()
	if err := os.Symlink(elsewhere, filepath.Join(dir, "sources")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	_, err := ExtractForce(pdf, dir)
	want := "erreur : " + filepath.Join(dir, "sources") + " : lien symbolique refusé : l'extraction écrirait ailleurs que dans " + dir + " ; attendu un dossier ordinaire ou absent"
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
	if n := tree(t, elsewhere); len(n) > 0 {
		t.Errorf("wrote through the link: %v", n)
	}
	if n := tree(t, dir); len(n) > 0 {
		t.Errorf("wrote %v", n)
	}
}

func TestExtractIntoAFile(t *testing.T) {
	pdf := writePDF(t, makePDF(bundle(t, goodFiles()...), ""))
	file := filepath.Join(t.TempDir(), "f")
	os.WriteFile(file, nil, 0o644)
	_, err := Extract(pdf, file)
	if err == nil || err.Error() != file+" : ce n'est pas un dossier ; attendu le dossier où extraire les sources" {
		t.Errorf("got %v", err)
	}
}

func TestReadFileTooLarge(t *testing.T) {
	p := filepath.Join(t.TempDir(), "big.pdf")
	f, _ := os.Create(p)
	f.WriteString("%PDF-1.4\n")
	f.Truncate(MaxPDFSize + 1) // sparse: costs no disk
	f.Close()
	_, err := ReadFile(p)
	if err == nil || err.Error() != p+" : PDF trop volumineux (plus de 32 Mo) ; attendu un contrat PDF produit par cls" {
		t.Errorf("got %v", err)
	}
	if _, err := ReadFile(filepath.Join(t.TempDir(), "absent.pdf")); err == nil || !strings.HasSuffix(err.Error(), "absent.pdf : PDF introuvable ou illisible ; attendu un contrat PDF produit par cls") {
		t.Errorf("absent: %v", err)
	}
}
