package theme

import (
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	cls "github.com/contrat-local-sante/cls"
	"github.com/contrat-local-sante/cls/internal/doc"
)

// leaves lists the dotted keys a YAML file sets.
func leaves(t *testing.T, src []byte) []string {
	t.Helper()
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(n *yaml.Node, prefix string)
	walk = func(n *yaml.Node, prefix string) {
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if v.Kind == yaml.MappingNode {
				walk(v, prefix+k.Value+".")
			} else {
				out = append(out, prefix+k.Value)
			}
		}
	}
	walk(root.Content[0], "")
	sort.Strings(out)
	return out
}

// The shipped file sets every key of the theme, and nothing else: a key
// it left out would be a zero colour or size in every territory.
func TestShippedSetsEveryKey(t *testing.T) {
	b, err := cls.Defaults.ReadFile("templates/" + FileName)
	if err != nil {
		t.Fatal(err)
	}
	got := leaves(t, b)
	var want []string
	for _, f := range fields(&Theme{}) {
		want = append(want, f.key)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("shipped keys:\n%s\nwant:\n%s", strings.Join(got, " "), strings.Join(want, " "))
	}
}

// The shipped values are those the contract was printed with before the
// theme existed (a few of them, from every kind).
func TestShippedValues(t *testing.T) {
	d := Defaults()
	if d.Accent != (doc.Color{R: 31, G: 78, B: 121}) || d.TableHead != (doc.Color{R: 214, G: 225, B: 238}) {
		t.Errorf("accent %v, table head %v", d.Accent, d.TableHead)
	}
	if d.Headings[0].Size != 17 || d.Headings[3].After != 0.8 {
		t.Errorf("headings %v", d.Headings)
	}
	if got := d.Caption.Pt(10.5); got != 9.5 {
		t.Errorf("caption at body 10.5 = %v, want 9.5", got)
	}
	if got := d.FicheTable.Pt(12); got != 9.5 {
		t.Errorf("fiche table at body 12 = %v, want 9.5 (absolute)", got)
	}
	if d.ChartWidth() != 165 {
		t.Errorf("chart width %v, want 165 in the shipped 170 mm column", d.ChartWidth())
	}
	if s := d.State("realisee"); s.Text != (doc.Color{R: 255, G: 255, B: 255}) {
		t.Errorf("réalisée's text %v, want white", s.Text)
	}
}

// A territory's file changes what it names and keeps the rest.
func TestOverride(t *testing.T) {
	src := "couleurs:\n  accent: \"#AA0000\"\ntailles:\n  legende: corps + 1,5\netats:\n  en_cours: {fond: \"#00ff00\"}\n"
	th, probs := Parse([]byte(src), "templates/theme.yaml", Defaults())
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	if th.Accent != (doc.Color{R: 170}) {
		t.Errorf("accent %v", th.Accent)
	}
	if th.Caption.Pt(10) != 11.5 {
		t.Errorf("caption %v, want 11.5 at body 10", th.Caption.Pt(10))
	}
	if th.State("en_cours").Fill != (doc.Color{G: 255}) || th.State("en_cours").Text != Defaults().State("en_cours").Text {
		t.Errorf("en cours %v", th.State("en_cours"))
	}
	if Defaults().Accent == th.Accent || Defaults().State("en_cours").Fill == th.State("en_cours").Fill {
		t.Error("the override changed the defaults")
	}
	if th.Muted != Defaults().Muted {
		t.Error("a key left out does not keep the default")
	}
}

// Unknown keys and wrong values are refused in French, with their line.
func TestRefused(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"couleurs:\n  acent: \"#000000\"\n", "ligne 2 : clé « couleurs.acent » inconnue du thème"},
		{"couleur:\n  accent: \"#000000\"\n", "ligne 1 : rubrique « couleur » inconnue"},
		{"couleurs:\n  accent: bleu\n", "ligne 2 : « couleurs.accent » : trouvé « bleu », pas une couleur ; attendu une couleur « #RRVVBB »"},
		{"titres:\n  niveau_1:\n    taille: 200\n", "ligne 3 : « titres.niveau_1.taille » : trouvé « 200 », hors limites ; attendu une taille en points de 4 à 80"},
		{"tailles:\n  legende: corps * 2\n", "« tailles.legende » : trouvé « corps * 2 », pas une taille relative"},
		{"graphiques:\n  serie_1: {hachures: 3}\n", "hors des valeurs permises ; attendu 0 (aucune), 1 (obliques) ou 2 (croisées)"},
		{"couleurs: [1, 2]\n", "« couleurs » : attendu des lignes « clé: valeur »"},
		{"couleurs:\n  accent: [1]\n", "« couleurs.accent » : attendu une couleur"},
		{"couleurs: {\n", "YAML illisible"},
	} {
		_, probs := Parse([]byte(c.src), "templates/theme.yaml", Defaults())
		if !probs.HasErrors() || !strings.Contains(probs.Error(), c.want) {
			t.Errorf("%q: got %v, want %q", c.src, probs, c.want)
		}
		if !strings.Contains(probs.Error(), "templates/theme.yaml") {
			t.Errorf("%q: the message does not name the file: %v", c.src, probs)
		}
	}
}
