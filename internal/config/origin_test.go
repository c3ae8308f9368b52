package config

import (
	"testing"
	"unicode"
)

func TestOrigin(t *testing.T) {
	p := write(t, minimal)
	t.Setenv("CLS_SIGNATURE_LIEU", "Lisieux")
	c, err := Load(p, map[string]string{"document.titre_court": "CLS"})
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]string{
		"territoire.nom":       p,
		"signature.lieu":       "variable d'environnement CLS_SIGNATURE_LIEU",
		"document.titre_court": "option --set document.titre_court",
		"papier.taille_texte":  "valeur par défaut",
	} {
		if got := c.Origin(key); got != want {
			t.Errorf("Origin(%s) = %q, want %q", key, got, want)
		}
	}
}

func TestInvisibleCharactersRemoved(t *testing.T) {
	p := write(t, "territoire:\n  nom: \"Val\u200bde\u00ad\"\ndocument:\n  periode: 2026 – 2030\nsignature:\n  lieu: Ici\n")
	c, err := Load(p, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Territoire.Nom != "Valde" {
		t.Errorf("territoire.nom = %q", c.Territoire.Nom)
	}
	want := []string{
		"avertissement : " + p + " : territoire.nom : caractère invisible U+200B supprimé",
		"avertissement : " + p + " : territoire.nom : caractère invisible U+00AD supprimé",
	}
	if len(c.Warnings) != len(want) {
		t.Fatalf("warnings %v, want %v", c.Warnings, want)
	}
	for i, w := range want {
		if got := c.Warnings[i].String(); got != w {
			t.Errorf("warning %d = %q, want %q", i, got, w)
		}
	}
}

func TestCheckGlyphs(t *testing.T) {
	p := write(t, minimal)
	c, err := Load(p, map[string]string{"territoire.nom": "Val 🏥🏥", "sortie.fichier": "🏥.pdf"})
	if err != nil {
		t.Fatal(err)
	}
	latin := func(r rune) bool { return r < 0x250 || r == '–' || unicode.IsSpace(r) }
	probs := c.CheckGlyphs(latin)
	want := "erreur : option --set territoire.nom : territoire.nom : caractère « 🏥 » (U+1F3E5) impossible à imprimer : aucune police du contrat ne le contient ; attendu du texte en caractères latins"
	if len(probs) != 1 || probs[0].String() != want {
		t.Errorf("got %v, want only %q (the file name is not printed, each character once)", probs, want)
	}
}
