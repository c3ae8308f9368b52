package config

import (
	"strings"
	"testing"

	"github.com/contrat-local-sante/cls/internal/frgram"
)

func TestTerritoryGrammar(t *testing.T) {
	text := strings.Replace(minimal, "  nom: Val\n", "  nom: Intercom Bernay\n  article: L’\n  genre: F\n", 1)
	c, err := load(t, text, nil)
	if err != nil {
		t.Fatal(err)
	}
	if a, g := c.TerritoryGrammar(); a != frgram.Elided || g != frgram.Feminine {
		t.Errorf("TerritoryGrammar = %q, %v; want l', feminine", a, g)
	}
	// left out: nothing said, the name decides
	c, err = load(t, minimal, nil)
	if err != nil {
		t.Fatal(err)
	}
	if a, g := c.TerritoryGrammar(); a != "" || g != frgram.Unknown {
		t.Errorf("TerritoryGrammar = %q, %v; want nothing", a, g)
	}
	refused(t, "article", strings.Replace(minimal, "  nom: Val\n", "  nom: Val\n  article: lo\n  genre: x\n", 1), nil,
		"erreur : cls.yaml : territoire.article vaut « lo » ; attendu la, le, l', les ou aucun (ou rien : l'article est alors tiré du nom)",
		"erreur : cls.yaml : territoire.genre vaut « x » ; attendu f (féminin) ou m (masculin), ou rien")
}
