package compose

import (
	"errors"
	"strings"
	"testing"
	"text/template"

	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/model"
)

// allFuncs are the functions a template of the contract may call.
func allFuncs() template.FuncMap {
	funcs := template.FuncMap{}
	for k, v := range baseFuncs {
		funcs[k] = v
	}
	for k, v := range statFuncs(contract()) {
		funcs[k] = v
	}
	return funcs
}

// templateErrorCases has one bad template per message of text/template
// that a template can cause, with the line and French message cls gives.
var templateErrorCases = []struct {
	format, text string
	line         int
	want         string
}{
	{"unexpected } in operand", "# T\n\n{{ range .Acteurs }\n", 3, "accolade « } » seule : « {{ » se referme par deux accolades ; attendu « }} »"},
	{"unexpected EOF", "{{ if .Fiches }}\nx\n", 3, "fin du modèle atteinte alors que le {{ if }} de la ligne 1 est encore ouvert ; attendu un {{ end }} pour le fermer"},
	{"unexpected EOF, nested", "{{- range .Acteurs }}\n{{ if .Name }}a{{ end }}\n{{with 1 -}}\n{{- end }}{{/* {{ end }} */}}\n", 5, "fin du modèle atteinte alors que le {{ range }} de la ligne 1 est encore ouvert ; attendu un {{ end }} pour le fermer"},
	{"unexpected {{end}}", "a\n{{ end }}", 2, "{{ end }} en trop : aucun {{ if }}, {{ range }}, {{ with }}, {{ define }} ou {{ block }} ouvert à fermer"},
	{"unexpected {{else}}", "{{ else }}", 1, "{{ else }} en dehors d'un {{ if }}, {{ range }} ou {{ with }} ; attendu {{ if … }} … {{ else }} … {{ end }}"},
	{"expected end; found {{else}}", "{{ if .Fiches }}x{{ else }}y{{ else }}z{{ end }}", 1, "{{ else }} en trop : un bloc n'a qu'un {{ else }}, après ses {{ else if … }} ; attendu {{ end }}"},
	{"unclosed comment", "\n{{/* commentaire }}", 2, "commentaire non refermé : « {{/* » ouvert sans « */}} » ; attendu {{/* … */}}"},
	{"comment ends before closing delimiter", "{{/* commentaire */ }}", 1, "commentaire mal refermé : « */ » doit être suivi aussitôt de « }} » ; attendu {{/* … */}}"},
	{"unclosed left paren", "{{ (donnee \"a\" \"b\" \"c\"\n\n}}", 3, "parenthèse non refermée : « ( » ouverte ligne 1 sans « ) » ; attendu ( … ) dans les mêmes accolades"},
	{"unexpected right paren", "{{ donnee \"a\" \"b\") }}", 1, "parenthèse « ) » en trop : aucune « ( » ouverte avant elle dans {{ … }}"},
	{"unclosed action", "a\n{{ .Territoire.Nom\n\n", 4, "accolades non refermées : « {{ » ouvert ligne 2 sans « }} » ; attendu {{ … }} sur la même ligne"},
	{"expected :=", "{{ $x := 1 }}{{ $x :1 }}", 1, "« : » seul dans {{ … }} ; attendu « := » pour définir une variable, par exemple {{ $nom := .Territoire.Nom }}"},
	{"unrecognized character in action", "{{ “Lisieux” }}", 1, "caractère « “ » (U+201C) inattendu dans {{ … }} ; attendu des guillemets droits \"…\" autour d'un texte (un traitement de texte les a-t-il changés ?)"},
	{"unrecognized character (nbsp)", "{{\u00a0.Territoire.Nom }}", 1, "caractère U+00A0 inattendu dans {{ … }} ; attendu une espace ordinaire (une espace insécable ou un caractère invisible s'est glissé entre les accolades)"},
	{"bad character", "{{ .Territoire.Nom» }}", 1, "caractère « » » (U+00BB) collé à un nom de champ, de variable ou de fonction ; attendu des guillemets droits \"…\" autour d'un texte (un traitement de texte les a-t-il changés ?)"},
	{"unexpected char in command", "{{ # titre }}", 1, "« # » inattendu dans {{ … }} ; attendu un champ (.Territoire.Nom), une variable ($x), une fonction (puces, donnee, tableau), un texte entre guillemets droits \"…\" ou un nombre"},
	{"unexpected keyword in operand", "{{ .Fiches end }}", 1, "mot « end » inattendu dans {{ … }} ; attendu un champ (.Territoire.Nom), une variable ($x), une fonction (puces, donnee, tableau), un texte entre guillemets droits \"…\" ou un nombre"},
	{"unterminated character constant", "{{ 'a }}", 1, "apostrophe « ' » non refermée dans {{ … }} ; attendu un texte entre guillemets droits \"…\""},
	{"malformed character constant", "{{ 'ab' }}", 1, "« 'ab' » : des apostrophes n'entourent qu'un seul caractère ; attendu un texte entre guillemets droits \"…\""},
	{"bad number syntax", "{{ 1x }}", 1, "nombre mal écrit « 1x » ; attendu un nombre comme 12 ou 3.5, ou un texte entre guillemets droits \"…\""},
	{"illegal number syntax", "{{ 0x }}", 1, "nombre mal écrit « 0x » ; attendu un nombre comme 12, -4 ou 3.5"},
	{"integer overflow", "{{ 99999999999999999999 }}", 1, "nombre trop grand « 99999999999999999999 » ; attendu un nombre entier de 18 chiffres au plus"},
	{"unterminated quoted string", "{{ \"abc }}", 1, "texte entre guillemets non refermé : « \" » ouvert sans « \" » sur la même ligne ; attendu \"…\""},
	{"unterminated raw quoted string", "{{ `abc }}", 1, "texte entre accents graves non refermé : « ` » ouvert sans « ` » ; attendu `…`"},
	{"invalid syntax", "{{ \"\\q\" }}", 1, "texte entre guillemets mal écrit : une barre oblique inverse « \\ » y est suivie d'un caractère qu'elle ne peut pas annoncer ; attendu \"…\" sans « \\ », ou « \\\\ » pour en écrire une"},
	{"unexpected . after term", "{{ 1.5.X }}", 1, "un champ « .… » suit « 1.5 », qui n'a pas de champs (texte, nombre, point, nil, true ou false) ; attendu un champ après un autre champ ou une variable, par exemple .Territoire.Nom"},
	{"undefined variable (parse)", "{{ range $i := 1 }}{{ end }}{{ $i }}", 1, "variable « $i » inconnue ici ; attendu une variable définie plus haut dans le même bloc, par exemple {{ $i := .Territoire.Nom }}"},
	{"undefined variable (exec)", "{{ $x = 1 }}", 1, "variable « $x » inconnue ici ; attendu une variable définie plus haut dans le même bloc, par exemple {{ $x := .Territoire.Nom }}"},
	{"missing value for command", "{{ }}", 1, "accolades vides {{ }} ; attendu un champ (.Territoire.Nom), une variable ($x), une fonction (puces, donnee, tableau), un texte entre guillemets droits \"…\" ou un nombre entre les accolades"},
	{"missing value for if", "{{ if }}x{{ end }}", 1, "{{ if … }} sans valeur ; attendu par exemple {{ if .Acteurs }}"},
	{"non executable command in pipeline stage", "{{ .Fiches | 1 }}", 1, "après la barre « | » n° 1, une valeur fixe (texte, nombre, point, nil, true ou false) ; attendu une fonction qui reçoit la valeur, par exemple {{ .Acteurs | len }}"},
	{"break outside range", "{{ break }}", 1, "{{ break }} en dehors d'une boucle ; attendu {{ break }} entre {{ range … }} et {{ end }}"},
	{"continue outside range", "{{ continue }}", 1, "{{ continue }} en dehors d'une boucle ; attendu {{ continue }} entre {{ range … }} et {{ end }}"},
	{"too many declarations in range", "{{ range $a, $b, $c := .Acteurs }}{{ end }}", 1, "{{ range }} définit au plus deux variables (la position et l'élément) ; attendu {{ range $i, $x := … }}"},
	{"too many declarations in command", "{{ $a, $b := 1 }}", 1, "trop de variables définies dans {{ … }} ; attendu une seule, par exemple {{ $x := … }}"},
	{"range can only initialize variables", "{{ range $a, 1 }}{{ end }}", 1, "{{ range }} : après la virgule, attendu une seconde variable, par exemple {{ range $i, $membre := .Acteurs }}"},
	{"multiple definition", "{{ define \"a\" }}x{{ end }}\n{{ define \"a\" }}y{{ end }}", 2, "modèle « a » défini deux fois ({{ define }} ou {{ block }}) ; attendu un seul {{ define \"a\" }}"},
	{"unexpected in define clause", "{{ define a }}x{{ end }}", 1, "« a » dans {{ define … }} ; attendu un nom entre guillemets droits, par exemple {{ define \"signatures\" }}"},
	{"unexpected {{else}} in define clause", "{{ define \"a\" }}x{{ else }}{{ end }}", 1, "{{ else }} dans {{ define … }} ; attendu {{ end }}"},
	{"unexpected in template clause", "{{ template x }}", 1, "« x » dans {{ template … }} ; attendu un nom entre guillemets droits, par exemple {{ template \"signatures\" . }}"},
	{"unexpected in end", "{{ if 1 }}{{ end x }}", 1, "« x » dans {{ end }} ; attendu {{ end }} seul"},
	{"unexpected in else", "{{ if 1 }}{{ else x }}{{ end }}", 1, "« x » après {{ else }} ; attendu {{ else }} seul, ou {{ else if … }}, {{ else with … }}"},
	{"function not defined", "{{ inconnue 1 }}", 1, "fonction « inconnue » inconnue ; fonctions possibles : puces, donnee, tableau, ref, compteur, de, à, article, accord, majuscule, liste, ponctue"},
	{"can't evaluate field", "x\n\n{{ .Territoire.Nomm }}", 3, "champ « Nomm » inconnu ; les champs possibles sont décrits dans docs/sources.md"},
	{"template not defined", "{{ define \"y\" }}\n{{ template \"x\" }}{{ end }}{{ template \"y\" }}", 2, "modèle « x » appelé par {{ template \"x\" }} mais défini nulle part ; attendu {{ define \"x\" }} … {{ end }} dans le même fichier"},
	{"has arguments but cannot be invoked", "{{ .Territoire.Nom \"x\" }}", 1, "le champ « Nom » n'est pas une fonction et ne prend rien après lui ; attendu le champ seul, ou une fonction avant lui, par exemple {{ puces .Acteurs \" ;\" \".\" }}"},
	{"can't give argument to non-function", "{{ 1 2 }}", 1, "« 1 » n'est pas une fonction et ne prend rien après lui ; attendu une seule valeur par {{ … }}, ou une fonction suivie de ses valeurs, par exemple {{ donnee \"FEUILLE\" \"CATÉGORIE\" \"SÉRIE\" }}"},
	{"nil is not a command", "{{ if nil }}x{{ end }}", 1, "« nil » (rien) ne peut ni s'afficher ni servir de condition ; attendu un champ (.Territoire.Nom), une variable ($x), une fonction (puces, donnee, tableau), un texte entre guillemets droits \"…\" ou un nombre"},
	{"wrong number of args (cls)", "\n{{ donnee \"a\" \"b\" }}", 2, "{{ donnee … }} attend 3 valeurs (feuille, catégorie, série), 2 données"},
	{"wrong number of args (at least)", "{{ index }}", 1, "{{ index … }} attend au moins 1 valeur (une liste ou un texte, puis des positions), aucune donnée"},
	{"expected string", "{{ donnee 1 \"b\" \"c\" }}", 1, "« 1 » donné ; attendu un texte entre guillemets droits \"…\""},
	{"wrong type for value", "{{ donnee .Fiches \"b\" \"c\" }}", 1, "valeur de mauvaise nature : un nombre entier ; attendu un texte"},
	{"cannot assign nil", "{{ donnee nil \"b\" \"c\" }}", 1, "« nil » (rien) donné ; attendu un texte"},
	{"range can't iterate", "{{ range 1.5 }}{{ end }}", 1, "{{ range }} ne peut pas parcourir « 1.5 » ; attendu une liste (par exemple .Acteurs ou .Signataires) ou un nombre entier"},
	{"can't use to iterate over more than one variable", "{{ range $i, $v := 1000 }}{{ end }}", 1, "{{ range }} sur « 1000 » ne donne qu'une valeur à chaque tour ; attendu une seule variable, par exemple {{ range $i := 10 }}"},
	{"error calling cls function", "{{ puces .Territoire \"a\" \"b\" }}", 1, "{{ puces … }} : puces attend une liste (par exemple .Acteurs), pas le groupe .Territoire"},
	{"index out of range", "{{ index .ComitePilotage 5 }}", 1, "{{ index … }} : position 5 hors de la liste ou du texte ; attendu une position de 0 (le premier) à la longueur moins un"},
	{"reflect slice index out of range", "{{ index .Signataires 0 }}", 1, "{{ index … }} : position hors de la liste, plus courte ; attendu une position de 0 (le premier) à la longueur moins un"},
	{"cannot index slice with type", "{{ index .ComitePilotage \"a\" }}", 1, "{{ index … }} : position donnée par un texte ; attendu un nombre entier"},
	{"can't index item", "{{ index .Fiches 0 }}", 1, "{{ index … }} : un nombre entier n'a pas de positions ; attendu une liste ou un texte"},
	{"index of untyped nil", "{{ index nil 1 }}", 1, "{{ index … }} : valeur absente (« nil ») ; attendu une liste ou un texte"},
	{"invalid slice index", "{{ slice .ComitePilotage 2 1 }}", 1, "{{ slice … }} : positions à l'envers, 2 après 1 ; attendu chaque position au plus égale à la suivante"},
	{"too many slice indexes", "{{ slice .ComitePilotage 1 2 3 4 }}", 1, "{{ slice … }} : 4 positions données ; attendu au plus 3 (début, fin, capacité)"},
	{"cannot 3-index slice a string", "{{ slice .Territoire.Nom 1 2 3 }}", 1, "{{ slice … }} : 3 positions données pour un texte ; attendu au plus 2 (début, fin)"},
	{"can't slice item", "{{ slice .Territoire 1 }}", 1, "{{ slice … }} : le groupe .Territoire ne se découpe pas ; attendu une liste ou un texte"},
	{"len of type", "{{ len 3 }}", 1, "{{ len … }} : un nombre entier n'a pas de longueur ; attendu une liste ou un texte"},
	{"len nil", "{{ len nil }}", 1, "{{ len … }} : valeur absente (« nil ») ; attendu une liste ou un texte"},
	{"non-function", "{{ call .Territoire }}", 1, "{{ call … }} : « .Territoire » (le groupe .Territoire) n'est pas une fonction ; attendu une fonction, mais les données de cls n'en contiennent aucune"},
	{"call of nil", "{{ call nil }}", 1, "{{ call … }} : « nil » (rien) n'est pas une fonction ; attendu une fonction, mais les données de cls n'en contiennent aucune"},
	{"incompatible types for comparison", "{{ if eq .Fiches \"a\" }}x{{ end }}", 1, "{{ eq … }} : impossible de comparer un nombre entier et un texte ; attendu deux valeurs de même nature, par exemple deux nombres"},
	{"non-comparable type", "{{ eq .ComitePilotage .ComitePilotage }}", 1, "{{ eq … }} : une liste ne se compare pas ; attendu des nombres, des textes, true ou false"},
	{"missing argument for comparison", "{{ eq 1 }}", 1, "{{ eq … }} : une seule valeur à comparer ; attendu deux valeurs, par exemple {{ if eq .Fiches 0 }}"},
	{"invalid type for comparison", "{{ lt .Territoire 1 }}", 1, "{{ lt … }} : ces valeurs n'ont pas d'ordre ; attendu deux nombres ou deux textes"},
}

func TestTemplateErrorsInFrench(t *testing.T) {
	for _, tc := range templateErrorCases {
		out, probs := runTemplate(t, tc.text, allFuncs())
		want := diag.Problem{Severity: diag.Error, File: "templates/05.md", Line: tc.line, Message: tc.want}
		if len(probs) != 1 || probs[0] != want || out != "" {
			t.Errorf("%s: %q\n got %v\nwant %s", tc.format, tc.text, probs, want)
		}
	}
}

// englishWords are words of Go's messages that must not reach the
// coordinator.
var englishWords = []string{"unexpected", "executing", "can't", "wrong number", "error calling", "invalid", "undefined",
	"missing", "unclosed", "unterminated", "bad ", "iterate", "nil pointer", "index out of range", "incompatible", "template:",
	"expected", "found", "not defined", "overflow", "syntax", "reflect", "type ", "compose.", "model.", "float64", "[]"}

// moreBadTemplates are other mistakes, checked only for English.
var moreBadTemplates = []string{
	"{{ .Territoire.Nom }", "{{ end }}", "{{ if .Fiches }}x{{ else }}", "{{ (1\n\n }}", "{{ « a » }}", "{{ $x» }}",
	"{{ `abc\n\n }}", "{{/* a\n\n b }}", "{{ range 1 }}{{ break x }}{{ end }}", "{{ \"a\".X }}", "{{ ( ) }}",
	"{{ with $a, $b := 1 }}{{ end }}", "{{ | len }}", "{{ { }}", "{{ \"abcdefghijklmnop\" \"x\" }}",
	"{{ define \"abcdefghijklmnop\" x }}", "{{ block x }}{{ end }}", "{{ block \"b\" . }}x{{ else }}{{ end }}",
	"{{ define \"05.md\" }}x{{ end }}y", "{{ 1e999999 }}", "{{ - 1 }}", "{{ $x }}", "{{ range }}x{{ end }}",
	"{{ with }}x{{ end }}", "{{ . \"x\" }}", "{{ nil }}", "{{ (nil).X }}", "{{ donnee .Territoire \"b\" \"c\" }}",
	"{{ donnee true \"b\" \"c\" }}", "{{ tableau }}", "{{ 1 | puces }}", "{{ \"a\" | tableau \"b\" }}",
	"{{ puces .Acteurs 1 2 }}", "{{ index .ComitePilotage nil }}", "{{ index .Territoire 1 }}",
	"{{ index .ComitePilotage 1 2 }}", "{{ slice nil 1 }}", "{{ slice .ComitePilotage 1 9 }}", "{{ len }}",
	"{{ call }}", "{{ eq .Territoire 1 }}", "{{ le .Territoire.Nom 1 }}", "{{ lt 1 \"a\" }}", "{{ not 1 2 }}",
	"{{ and }}", "{{ printf }}", "{{ range .Territoire }}{{ end }}", "{{ range true }}{{ end }}",
	"{{ range $i, $v := .Territoire.Nom }}{{ end }}", "{{ with $x := nil }}{{ end }}", "{{ .Inconnu }}",
	"{{ $x := 1 }}{{ $x.Foo }}", "{{ (.Territoire).Nomm }}", "{{ .Territoire.nom }}", "{{ -1 | len }}",
	"{{ index \"abc\" -1 }}", "{{ 'a' 1 }}", "{{ template \"x\" 1 2 }}", "{{ 1.5 | donnee \"a\" \"b\" }}",
}

func TestTemplateErrorsHaveNoEnglish(t *testing.T) {
	texts := moreBadTemplates
	for _, tc := range templateErrorCases {
		texts = append(texts, tc.text)
	}
	for _, text := range texts {
		_, probs := runTemplate(t, text, allFuncs())
		if len(probs) != 1 || probs[0].Line == 0 {
			t.Errorf("%q: want one located problem, got %v", text, probs)
			continue
		}
		msg := strings.ToLower(probs[0].Message)
		for _, w := range englishWords {
			if strings.Contains(msg, w) {
				t.Errorf("%q: « %s » in %s", text, w, probs[0])
			}
		}
	}
}

func TestUnknownTemplateErrorKeptEscaped(t *testing.T) {
	line, msg := templateProblem("05.md", "", errors.New("template: 05.md:7: a new message \x1b[31m"))
	if want := "modèle invalide (erreur non reconnue) : a new message <U+001B>[31m"; line != 7 || msg != want {
		t.Errorf("got %d %q, want 7 %q", line, msg, want)
	}
	line, msg = templateProblem("05.md", "{{ if }", errors.New("template: 05.md:3: unexpected EOF"))
	if want := "fin du modèle atteinte avec un bloc encore ouvert ; attendu un {{ end }} pour chaque {{ if }}, {{ range }}, {{ with }}, {{ define }} ou {{ block }}"; line != 3 || msg != want {
		t.Errorf("block not found: got %d %q, want 3 %q", line, msg, want)
	}
	line, msg = templateProblem("05.md", "", errors.New("template: 05.md: is an incomplete or empty template"))
	if want := "modèle invalide (erreur non reconnue) : is an incomplete or empty template"; line != 0 || msg != want {
		t.Errorf("no line: got %d %q, want 0 %q", line, msg, want)
	}
}

// A file's name may hold colons and digits: the line is read after the
// whole name, at parse and at execution.
func TestTemplateErrorLineAfterOddName(t *testing.T) {
	for text, want := range map[string]string{
		"a\nb\n{{ if }}x{{ end }}":                                       "erreur : templates/2:10:5 %d.md, ligne 3 : {{ if … }} sans valeur ; attendu par exemple {{ if .Acteurs }}",
		"a\nb\nc\n{{ .Territoire.Nomm }}":                                "erreur : templates/2:10:5 %d.md, ligne 4 : champ « Nomm » inconnu ; les champs possibles sont décrits dans docs/sources.md",
		"a\n{{ .Territoire.Nom\n\n":                                      "erreur : templates/2:10:5 %d.md, ligne 4 : accolades non refermées : « {{ » ouvert ligne 2 sans « }} » ; attendu {{ … }} sur la même ligne",
		"{{ define \"x\" }}\n\n{{ len 3 }}{{ end }}{{ template \"x\" }}": "erreur : templates/2:10:5 %d.md, ligne 3 : {{ len … }} : un nombre entier n'a pas de longueur ; attendu une liste ou un texte",
	} {
		var probs diag.List
		execute(model.Template{Name: "2:10:5 %d.md", Path: "templates/2:10:5 %d.md", Text: text}, newTemplateData(contract()), allFuncs(), &probs)
		if len(probs) != 1 || probs[0].String() != want {
			t.Errorf("%q:\n got %v\nwant %s", text, probs, want)
		}
	}
}

// FuzzTemplateErrorsKnown looks for an error of text/template that the
// translation table does not know.
func FuzzTemplateErrorsKnown(f *testing.F) {
	for _, tc := range templateErrorCases {
		f.Add(tc.text)
	}
	for _, text := range moreBadTemplates {
		f.Add(text)
	}
	f.Fuzz(func(t *testing.T, text string) {
		_, probs := runTemplate(t, text, allFuncs())
		for _, p := range probs {
			if strings.Contains(p.Message, "erreur non reconnue") {
				t.Errorf("%q: %s", text, p)
			}
		}
	})
}
