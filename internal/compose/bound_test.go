package compose

import (
	"strings"
	"testing"
	"text/template"
	"time"

	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/model"
)

// run executes text as templates/05.md and returns its output and problems.
func runTemplate(t *testing.T, text string, funcs template.FuncMap) (string, diag.List) {
	t.Helper()
	var probs diag.List
	out, _ := execute(model.Template{Name: "05.md", Path: "templates/05.md", Text: text}, newTemplateData(contract()), funcs, &probs)
	return out, probs
}

func TestBoundedTemplates(t *testing.T) {
	chain := ""
	for c := 'a'; c < 'z'; c++ {
		chain += "{{ define \"" + string(c) + "\" }}{{ template \"" + string(c+1) + "\" }}{{ template \"" + string(c+1) + "\" }}{{ end }}"
	}
	chain += "{{ define \"z\" }}{{ end }}{{ template \"a\" }}"
	for name, tc := range map[string]struct{ text, want string }{
		"range of a huge number": {"# T\n\n{{ range 100000000000 }}{{ end }}\n",
			"erreur : templates/05.md, ligne 3 : boucle trop longue ({{ range }} sur 100000000000 éléments) ; attendu au plus 100000 répétitions dans un modèle"},
		"with text inside": {"{{ range 100000000000 }}bla bla bla{{ end }}",
			"erreur : templates/05.md, ligne 1 : boucle trop longue ({{ range }} sur 100000000000 éléments) ; attendu au plus 100000 répétitions dans un modèle"},
		"nested": {"{{ range 1000 }}\n{{ range $x := 1000 }}x{{ end }}{{ end }}",
			"erreur : templates/05.md, ligne 2 : boucles trop longues (ce {{ range }} sur 1000 éléments porte le total du modèle à 101000 répétitions, boucles imbriquées ?) ; attendu au plus 100000 répétitions dans un modèle"},
		"recursion": {"{{ define \"r\" }}{{ template \"r\" . }}{{ end }}\n\n{{ template \"r\" . }}",
			"erreur : templates/05.md, ligne 1 : trop d'appels de modèles (plus de 2000 {{ template }} exécutés, le dernier vers « r » : un modèle qui s'appelle lui-même ?) ; attendu au plus 2000 appels dans un modèle"},
		"doubling calls, no loop": {chain,
			"erreur : templates/05.md, ligne 1 : trop d'appels de modèles (plus de 2000 {{ template }} exécutés, le dernier vers « v » : un modèle qui s'appelle lui-même ?) ; attendu au plus 2000 appels dans un modèle"},
		"output": {"{{ range 9000 }}" + strings.Repeat("x", 1000) + "{{ end }}",
			"erreur : templates/05.md : texte produit trop long (plus de 1 Mo) ; attendu au plus 1 Mo par modèle : une boucle {{ range }} ou un {{ template }} répète-t-il trop de texte ?"},
		"reserved": {"{{ clsBorne 99 }}", "erreur : templates/05.md, ligne 1 : {{ clsBorne … }} : fonction réservée à cls"},
	} {
		out, probs := runTemplate(t, tc.text, baseFuncs)
		if len(probs) != 1 || probs[0].String() != tc.want || out != "" {
			t.Errorf("%s:\n got %v (output %d bytes)\nwant %s", name, probs, len(out), tc.want)
		}
	}
}

func TestBoundsKeepOutput(t *testing.T) {
	text := "{{ range $i, $m := .ComitePilotage }}{{ $i }} {{ $m.Name }};{{ else }}vide{{ end }}" +
		"{{ range .Acteurs }}x{{ else }} aucun{{ end }}{{ range 3 }}{{ if eq . 1 }}{{ continue }}{{ end }}{{ . }}{{ end }}" +
		"{{ define \"t\" }}[{{ . }}]{{ end }}{{ template \"t\" \"a\" }}{{ template \"t\" }}{{ block \"b\" .Territoire.Nom }}<{{ . }}>{{ end }}"
	out, probs := runTemplate(t, text, baseFuncs)
	if want := "0 Caisse A;1 Hôpital *B*; aucun02[a][<no value>]<Communauté Test>"; out != want || len(probs) > 0 {
		t.Errorf("got %q %v, want %q", out, probs, want)
	}
}

func TestTemplateDeadline(t *testing.T) {
	defer func(d time.Duration) { maxDuration = d }(maxDuration)
	maxDuration = 20 * time.Millisecond
	release := make(chan struct{})
	defer close(release)
	funcs := template.FuncMap{"attendre": func() string { <-release; return "" }}
	_, probs := runTemplate(t, "{{ attendre }}", funcs)
	want := "erreur : templates/05.md : exécution trop longue (plus de 20 ms) ; attendu un modèle qui se termine : une boucle {{ range }} ou un {{ template }} sans fin ?"
	if len(probs) != 1 || probs[0].String() != want {
		t.Errorf("got %v, want %s", probs, want)
	}
}
