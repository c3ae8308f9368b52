package labels

import (
	"strings"
	"testing"
)

func TestTerritoryOverridesSomeWords(t *testing.T) {
	l, probs := Parse([]byte("couverture:\n  entre: Entre d'une part\npied_de_page:\n  page: \"{page} sur {pages}\"\n"), "templates/libelles.yaml", Defaults())
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	if got := l.Get("couverture.entre"); got != "Entre d'une part" {
		t.Errorf("override: %q", got)
	}
	if got := l.Get("couverture.et"); got != Defaults().Get("couverture.et") {
		t.Errorf("default kept: %q", got)
	}
	if got := l.Format("pied_de_page.page", "page", "3", "pages", "94"); got != "3 sur 94" {
		t.Errorf("format: %q", got)
	}
}

func TestUnknownKeyIsLocated(t *testing.T) {
	_, probs := Parse([]byte("couverture:\n  entree: Entre\n"), "templates/libelles.yaml", Defaults())
	if msg := probs.Error(); !strings.HasPrefix(msg, "erreur : templates/libelles.yaml, ligne 2 : libellé « couverture.entree » inconnu (faute de frappe ?)") {
		t.Errorf("got %s", msg)
	}
	_, probs = Parse([]byte("couverture: [\n"), "templates/libelles.yaml", Defaults())
	if !strings.Contains(probs.Error(), "YAML illisible") {
		t.Errorf("got %s", probs.Error())
	}
}
