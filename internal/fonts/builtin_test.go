package fonts

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contrat-local-sante/cls/internal/config"
)

// A territory without a fonts folder gets the faces the program carries:
// the very bytes of the shipped fonts folder.
func TestBuiltinFallback(t *testing.T) {
	disk := loadShipped(t)
	missing := filepath.Join(t.TempDir(), "fonts")
	carried, err := Load(missing, "Carlito", Shipped)
	if err != nil {
		t.Fatalf("no fonts folder, shipped names: %v", err)
	}
	if !carried.Builtin || disk.Builtin {
		t.Errorf("Builtin: carried %v, from disk %v", carried.Builtin, disk.Builtin)
	}
	for _, st := range Styles {
		if !bytes.Equal(carried.Faces[st], disk.Faces[st]) {
			t.Errorf("style %q: the carried face differs from fonts/", StyleCode(st))
		}
		if filepath.Base(carried.Files[st]) != filepath.Base(disk.Files[st]) {
			t.Errorf("style %q: file %s, want the name %s", StyleCode(st), carried.Files[st], filepath.Base(disk.Files[st]))
		}
	}
}

// A territory that names its own faces, or whose fonts folder exists,
// is read from disk: a missing face is the located error it always was.
func TestBuiltinOnlyForShippedNamesAndNoFolder(t *testing.T) {
	own := Shipped
	own.Regular = "MaPolice.ttf"
	_, err := Load(filepath.Join(t.TempDir(), "fonts"), "Carlito", own)
	if err == nil || !strings.Contains(err.Error(), "fonts/MaPolice.ttf : police introuvable (polices.regulier dans cls.yaml)") {
		t.Errorf("own face, no folder: %v", err)
	}
	empty := t.TempDir()
	_, err = Load(empty, "Carlito", Shipped)
	if err == nil || !strings.Contains(err.Error(), "Carlito-Regular.ttf : police introuvable (polices.regulier dans cls.yaml)") {
		t.Errorf("empty fonts folder: %v", err)
	}
}

// A custom family in its own folder is used, not the carried one.
func TestOwnFacesUsed(t *testing.T) {
	dir := t.TempDir()
	own := Files{Regular: "R.ttf", Bold: "B.ttf", Italic: "I.ttf", BoldItalic: "BI.ttf"}
	src := map[string]string{"R.ttf": "Carlito-Bold.ttf", "B.ttf": "Carlito-Regular.ttf", "I.ttf": "Carlito-BoldItalic.ttf", "BI.ttf": "Carlito-Italic.ttf"}
	for to, from := range src {
		b, err := os.ReadFile(filepath.Join(fontsDir, from))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, to), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := Load(dir, "Maison", own)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := os.ReadFile(filepath.Join(fontsDir, "Carlito-Bold.ttf"))
	if f.Builtin || !bytes.Equal(f.Faces[0], want) {
		t.Error("the territory's own regular face was not used")
	}
}

// Shipped are the defaults of cls.yaml: a cls.yaml that leaves polices
// out gets the carried faces.
func TestShippedAreConfigDefaults(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "cls.yaml")
	yaml := "territoire:\n  nom: Val d'Essai\ndocument:\n  periode: 2026 – 2030\nsignature:\n  lieu: Essai\n"
	if err := os.WriteFile(p, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(p, nil)
	if err != nil {
		t.Fatal(err)
	}
	got := Files{Regular: cfg.Polices.Regulier, Bold: cfg.Polices.Gras, Italic: cfg.Polices.Italique, BoldItalic: cfg.Polices.GrasItalique}
	if got != Shipped || cfg.Polices.Famille != "Carlito" {
		t.Errorf("config defaults %+v (%s), fonts.Shipped %+v", got, cfg.Polices.Famille, Shipped)
	}
}
