package config

import (
	"os"
	"path/filepath"
	"testing"
)

func write(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "cls.yaml")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const minimal = "territoire:\n  nom: Val\ndocument:\n  periode: 2026 – 2030\nsignature:\n  lieu: Ici\n  date: 2026-03-01\n"

func TestShippedConfig(t *testing.T) {
	c, err := Load(filepath.Join("..", "..", "cls.yaml"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Signature.Lieu != "Cambremer" || c.Signature.Date != "2025-07-10" || c.Papier.Format != "A4" {
		t.Errorf("%+v", c)
	}
}

func TestDefaultsAndOverrides(t *testing.T) {
	p := write(t, minimal)
	t.Setenv("CLS_SIGNATURE_LIEU", "Lisieux")
	t.Setenv("CLS_DOCUMENT_SURTITRE", "Projet") // a key the file leaves out
	c, err := Load(p, map[string]string{"signature.date": "2026-04-02"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Signature.Lieu != "Lisieux" {
		t.Errorf("environment override ignored: %q", c.Signature.Lieu)
	}
	if c.Document.Surtitre != "Projet" {
		t.Errorf("environment override of a key absent from the file ignored: %q", c.Document.Surtitre)
	}
	if c.Signature.Date != "2026-04-02" {
		t.Errorf("flag override ignored: %q", c.Signature.Date)
	}
	if c.Polices.Famille != "Carlito" || c.Papier.TailleTexte != 10.5 || c.Sortie.Dossier != "output" {
		t.Errorf("defaults not applied: %+v", c)
	}
	if c.Path("sources") != filepath.Join(filepath.Dir(p), "sources") {
		t.Errorf("relative paths not taken from the config's folder: %s", c.Path("sources"))
	}
}

func TestMissingFile(t *testing.T) {
	t.Chdir(t.TempDir())
	for path, want := range map[string]string{
		"absent.yaml": "erreur : absent.yaml : fichier de configuration introuvable ; attendu un fichier cls.yaml (voir docs/sources.md)",
		".":           "erreur : . : est un dossier ; attendu le fichier cls.yaml (par exemple cls.yaml)",
	} {
		if _, err := Load(path, nil); err == nil || err.Error() != want {
			t.Errorf("Load(%s): %v, want %q", path, err, want)
		}
	}
}

func TestFrenchDate(t *testing.T) {
	for in, want := range map[string]string{"2025-07-10": "10 juillet 2025", "2026-01-01": "1er janvier 2026", "2024-08-15": "15 août 2024"} {
		if got := FrenchDate(in); got != want {
			t.Errorf("FrenchDate(%s) = %q, want %q", in, got, want)
		}
	}
}
