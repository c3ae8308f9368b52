package pipeline

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestTerritories(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"b", "a", "c-vide", ".cache", "d-cible"} {
		os.MkdirAll(filepath.Join(dir, d), 0o755)
	}
	for _, d := range []string{"a", "b", ".cache", "d-cible"} {
		os.WriteFile(filepath.Join(dir, d, "cls.yaml"), nil, 0o644)
	}
	os.WriteFile(filepath.Join(dir, "notes.txt"), nil, 0o644)
	if err := os.Symlink(filepath.Join(dir, "d-cible"), filepath.Join(dir, "e-lien")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	os.Symlink(filepath.Join(dir, "absent"), filepath.Join(dir, "f-casse"))
	got, err := Territories(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []Territory{
		{Dir: filepath.Join(dir, "a")},
		{Dir: filepath.Join(dir, "b")},
		{Dir: filepath.Join(dir, "c-vide"), Skip: "pas de fichier cls.yaml dans ce dossier"},
		{Dir: filepath.Join(dir, "d-cible")},
		{Dir: filepath.Join(dir, "e-lien")},
		{Dir: filepath.Join(dir, "f-casse"), Skip: "lien symbolique vers un dossier introuvable"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %v\nwant %v", got, want)
	}
	if _, err := Territories(filepath.Join(dir, "c-vide")); err == nil || err.Error() != filepath.Join(dir, "c-vide")+" : aucun dossier de territoire (avec cls.yaml) ; attendu un dossier par territoire" {
		t.Errorf("empty folder: %v", err)
	}
}
