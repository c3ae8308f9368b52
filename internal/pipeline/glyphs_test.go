package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/fonts"
	"github.com/contrat-local-sante/cls/internal/source/sourcetest"
)

// TestUnprintableRefused: a character no font of the contract can draw —
// an emoji (beyond U+FFFF: it used to crash fpdf), Chinese, Arabic —
// typed in a cell, a template, cls.yaml or --set is an error naming the
// place and the code point, from check and from build, never a panic nor
// an empty box.
func TestUnprintableRefused(t *testing.T) {
	for name, tc := range map[string]struct {
		edit  func(tr *sourcetest.Territory, opt *Options)
		wants []string
	}{
		"emoji in a cell": {func(tr *sourcetest.Territory, _ *Options) {
			tr.Fiches[1].Rows[1][2] = "Dépistage 🏥 itinérant"
		}, []string{"fiches.xlsx", "Fiches", "C2", "« 🏥 » (U+1F3E5)"}},
		"Chinese in a cell": {func(tr *sourcetest.Territory, _ *Options) {
			tr.Contrat[4].Rows[1][0] = "Association 中 Santé"
		}, []string{"contrat.xlsx", "Acteurs", "A2", "« 中 » (U+4E2D)"}},
		"Arabic in a cell": {func(tr *sourcetest.Territory, _ *Options) {
			tr.Sigles[0].Rows[2][1] = "Atelier ع Santé Ville"
		}, []string{"sigles.xlsx", "Sigles", "B3", "« ع » (U+0639)"}},
		"emoji in a template": {func(tr *sourcetest.Territory, _ *Options) {
			tr.Templates["02-acteurs.md"] = "# Acteurs\n\nAgglo 🏥 et ses acteurs.\n"
		}, []string{"02-acteurs.md", "ligne 3", "« 🏥 » (U+1F3E5)"}},
		"emoji in cls.yaml": {func(tr *sourcetest.Territory, _ *Options) {
			tr.Config = strings.Replace(tr.Config, "nom: Communauté de communes du Val d'Exemple", "nom: Agglo 🏥", 1)
		}, []string{"cls.yaml", "territoire.nom", "« 🏥 » (U+1F3E5)"}},
		"emoji in --set": {func(_ *sourcetest.Territory, opt *Options) {
			opt.Overrides = map[string]string{"territoire.nom": "Agglo 🏥"}
		}, []string{"territoire.nom", "« 🏥 » (U+1F3E5)"}},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			tr := sourcetest.Example()
			opt := Options{}
			tc.edit(tr, &opt)
			opt.Config = tr.Write(t, dir, filepath.Join("..", "..", "fonts"))
			_, err := Make(opt)
			if err == nil {
				t.Fatal("built")
			}
			probs, err2 := Check(opt)
			if err2 != nil || !probs.HasErrors() {
				t.Fatalf("check: %v, %v", probs, err2)
			}
			for _, got := range []string{err.Error(), probs.Error()} {
				line := lineWith(got, "impossible à imprimer")
				for _, w := range tc.wants {
					if !strings.Contains(line, w) {
						t.Errorf("%q lacks %q\nall: %s", line, w, got)
					}
				}
			}
		})
	}
}

func lineWith(s, sub string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			return l
		}
	}
	return ""
}

// TestUnprintableSafetyNet: text that reaches the document by a path the
// readers do not check (here a figure's label) is refused after
// composition, with the kind of place, the section and the text around.
func TestUnprintableSafetyNet(t *testing.T) {
	fam, err := fonts.Load(filepath.Join("..", "..", "fonts"), "Carlito", fonts.Files{Regular: "Carlito-Regular.ttf", Bold: "Carlito-Bold.ttf", Italic: "Carlito-Italic.ttf", BoldItalic: "Carlito-BoldItalic.ttf"})
	if err != nil {
		t.Fatal(err)
	}
	d := &doc.Document{Blocks: []doc.Block{
		doc.Heading{Level: 1, Text: []doc.Inline{{Text: "Diagnostic"}}},
		doc.Figure{Items: []doc.Item{doc.Text{Text: "Patients suivis en 2024 🏥 par la maison de santé"}}},
		doc.Paragraph{Text: []doc.Inline{{Text: "Encore 🏥"}, {Text: "et \u200b ici"}}},
	}}
	probs := unprintable(d, fam)
	want := []string{
		"erreur : document composé, figure (section « Diagnostic ») : caractère « 🏥 » (U+1F3E5) impossible à imprimer avec la police Carlito : « …suivis en 2024 🏥 par la maison de… » ; attendu un caractère que la police contient (lettres latines, chiffres, ponctuation)",
		"erreur : document composé, paragraphe (section « Diagnostic ») : caractère U+200B impossible à imprimer avec la police Carlito : « et <U+200B> ici » ; attendu un caractère que la police contient (lettres latines, chiffres, ponctuation)",
	}
	if len(probs) != len(want) {
		t.Fatalf("%d problems:\n%s", len(probs), probs.Error())
	}
	for i, p := range probs {
		if p.String() != want[i] {
			t.Errorf("got  %s\nwant %s", p.String(), want[i])
		}
	}
}

// TestCheckDamagedFont: check, like build, names a truncated face.
func TestCheckDamagedFont(t *testing.T) {
	dir := t.TempDir()
	fontsDir := filepath.Join(dir, "polices")
	os.MkdirAll(fontsDir, 0o755)
	for _, f := range []string{"Carlito-Regular.ttf", "Carlito-Bold.ttf", "Carlito-Italic.ttf", "Carlito-BoldItalic.ttf"} {
		b, _ := os.ReadFile(filepath.Join("..", "..", "fonts", f))
		if f == "Carlito-Bold.ttf" {
			b = b[:len(b)/2]
		}
		os.WriteFile(filepath.Join(fontsDir, f), b, 0o644)
	}
	cfg := sourcetest.Example().Write(t, dir, fontsDir)
	want := filepath.Join(fontsDir, "Carlito-Bold.ttf") + " : police illisible (fichier tronqué ou endommagé) (polices.gras dans cls.yaml) ; attendu un fichier TrueType (.ttf) complet"
	if _, err := Check(Options{Config: cfg}); err == nil || err.Error() != want {
		t.Errorf("check: %v\nwant %s", err, want)
	}
	if _, err := Make(Options{Config: cfg}); err == nil || err.Error() != want {
		t.Errorf("build: %v\nwant %s", err, want)
	}
}
