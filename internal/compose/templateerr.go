package compose

import (
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"text/template"
	"unicode"

	"github.com/contrat-local-sante/cls/internal/model"
	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// The coordinator who writes a template is not a programmer and may not
// read English: every message text/template and text/template/parse can
// produce (Go 1.26) is rewritten here in French, saying what was found and
// what was expected. A message this table does not know is kept, escaped,
// behind « modèle invalide (erreur non reconnue) », so that nothing is lost
// when a later Go adds a new one.

// templateProblem is the line (0 when none applies) and the French message
// for an error of text/template on the template named name.
func templateProblem(name, text string, err error) (int, string) {
	e := splitTemplateError(name, err.Error())
	if e.body == "unexpected EOF" {
		// Go says where the text ends; the coordinator needs the block
		// left open.
		if kw, line, ok := openBlock(text); ok {
			return e.line, fmt.Sprintf("fin du modèle atteinte alors que le {{ %s }} de la ligne %d est encore ouvert ; attendu un {{ end }} pour le fermer", kw, line)
		}
	}
	if inner := calledError(err); inner != nil {
		if fn, ok := strings.CutSuffix(e.body, ": "+inner.Error()); ok {
			if i := strings.LastIndex(fn, "error calling "); i >= 0 {
				return e.line, callMessage(fn[i+len("error calling "):], inner.Error())
			}
		}
	}
	for _, body := range e.bodies() {
		if msg, ok := translate(name, body, e.started); ok {
			return e.line, msg
		}
	}
	return e.line, unknownMessage(e.bodies()[0])
}

// goTemplateName is the name a template is parsed under: its file's name,
// with « % » replaced, because text/template formats its error messages
// with the file's name as part of the format, and a « % » there garbles
// them (« %d.md » gives « %!d(string=if).md:3: missing value for
// %!s(MISSING) »). A template calling itself by a name holding « % »
// must use the replacement, which no one types.
func goTemplateName(name string) string { return strings.ReplaceAll(name, "%", "\uFF05") }

// openBlock finds the last block of text left without its {{ end }}, by a
// light scan of the actions' first words.
func openBlock(text string) (keyword string, line int, ok bool) {
	type open struct {
		kw   string
		line int
	}
	var stack []open
	for pos := 0; ; {
		i := strings.Index(text[pos:], "{{")
		if i < 0 {
			break
		}
		start := pos + i
		end := strings.Index(text[start+2:], "}}")
		if end < 0 {
			break
		}
		words := strings.Fields(strings.TrimPrefix(text[start+2:start+2+end], "-"))
		pos = start + 2 + end + 2
		if len(words) == 0 {
			continue
		}
		switch words[0] {
		case "if", "range", "with", "define", "block":
			stack = append(stack, open{words[0], 1 + strings.Count(text[:start], "\n")})
		case "end":
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
	if len(stack) == 0 {
		return "", 0, false
	}
	o := stack[len(stack)-1]
	return o.kw, o.line, true
}

// calledError is the error a function returned, which text/template wraps
// in « error calling NAME: » (the only message it wraps).
func calledError(err error) error {
	var ee template.ExecError
	if !errors.As(err, &ee) {
		return nil
	}
	return errors.Unwrap(ee.Err)
}

// templateError is an error of text/template taken apart.
type templateError struct {
	line    int      // line of the error, 0 if unknown
	started int      // line where an unclosed action started, 0 if none
	body    string   // Go's message without location nor context
	others  []string // other possible bodies when the context hides where it ends
}

func (e templateError) bodies() []string { return append([]string{e.body}, e.others...) }

// splitTemplateError reads the forms text/template gives its errors:
//
//	template: NAME:LINE: MESSAGE                                  (parse)
//	template: NAME:LINE:COL: executing "T" at <CONTEXT>: MESSAGE  (execution)
//	template: NAME: MESSAGE                                       (execution, no node)
//
// NAME is the file's name, which may itself contain colons, so it is
// matched as a whole rather than by pattern.
func splitTemplateError(name, msg string) templateError {
	var e templateError
	s, ok := strings.CutPrefix(msg, "template: "+name+":")
	if !ok {
		if m := tmplErrLine.FindStringSubmatchIndex(msg); m != nil {
			e.line, _ = strconv.Atoi(msg[m[2]:m[3]])
			s = msg[m[1]:]
		} else {
			s = strings.TrimPrefix(msg, "template: ")
		}
	} else {
		digits := len(s) - len(strings.TrimLeft(s, "0123456789"))
		if digits > 0 {
			e.line, _ = strconv.Atoi(s[:digits])
			s = s[digits:]
			if rest, ok := strings.CutPrefix(s, ":"); ok {
				s = strings.TrimLeft(rest, "0123456789")
			}
			s = strings.TrimPrefix(s, ":")
		}
		s = strings.TrimPrefix(s, " ")
	}
	// « unclosed action started at NAME:LINE », « … in action started at NAME:LINE »
	if i := strings.LastIndex(s, " started at "+name+":"); i >= 0 {
		if n, err := strconv.Atoi(s[i+len(" started at "+name+":"):]); err == nil {
			e.started = n
			s = strings.TrimSuffix(s[:i], " in action")
		}
	}
	rest, ok := strings.CutPrefix(s, "executing ")
	if !ok {
		e.body = s
		return e
	}
	if q, err := strconv.QuotedPrefix(rest); err == nil {
		rest = rest[len(q):]
	}
	rest, ok = strings.CutPrefix(rest, " at <")
	if !ok {
		e.body = s
		return e
	}
	// The context is an action as written, which may itself contain
	// « >: »: every cut is a candidate, the first one first.
	for i := 0; ; {
		j := strings.Index(rest[i:], ">: ")
		if j < 0 {
			break
		}
		body := rest[i+j+3:]
		if e.body == "" {
			e.body = body
		} else {
			e.others = append(e.others, body)
		}
		i += j + 3
	}
	if e.body == "" {
		e.body = s
	}
	return e
}

// A rule translates the messages its pattern matches in full.
type rule struct {
	re *regexp.Regexp
	fr func(m []string, c ruleContext) string
}

// ruleContext is what a rule may need besides its match.
type ruleContext struct {
	name    string // the template's name
	started int    // line where an unclosed action started
}

func translate(name, body string, started int) (string, bool) {
	for _, r := range templateRules() {
		if m := r.re.FindStringSubmatch(body); m != nil {
			return r.fr(m, ruleContext{name, started}), true
		}
	}
	return "", false
}

func unknownMessage(body string) string {
	return "modèle invalide (erreur non reconnue) : " + textnorm.Escape(body)
}

const (
	expectValue  = "attendu un champ (.Territoire.Nom), une variable ($x), une fonction (puces, donnee, tableau), un texte entre guillemets droits \"…\" ou un nombre"
	expectBlocks = "{{ if }}, {{ range }}, {{ with }}, {{ define }} ou {{ block }}"
)

func re(pattern string) *regexp.Regexp { return regexp.MustCompile(`^(?s)` + pattern + `$`) }

// templateRules lists, in the order of Go's sources, every message of
// text/template/parse (lex.go, parse.go, node.go) and text/template
// (exec.go), except those only a Go program can cause (an invalid
// FuncMap, ExecuteTemplate, ParseFiles). They are compiled at the first
// error rather than at every start of cls, where they took 10 ms.
var templateRules = sync.OnceValue(func() []rule {
	return []rule{
		// lex.go
		{re(`unclosed comment`), func(m []string, c ruleContext) string {
			return "commentaire non refermé : « {{/* » ouvert" + startedAt(c) + " sans « */}} » ; attendu {{/* … */}}"
		}},
		{re(`comment ends before closing delimiter`), func(m []string, c ruleContext) string {
			return "commentaire mal refermé : « */ » doit être suivi aussitôt de « }} » ; attendu {{/* … */}}"
		}},
		{re(`unclosed left paren`), func(m []string, c ruleContext) string {
			return "parenthèse non refermée : « ( » ouverte" + startedAt(c) + " sans « ) » ; attendu ( … ) dans les mêmes accolades"
		}},
		{re(`unclosed action`), func(m []string, c ruleContext) string {
			return "accolades non refermées : « {{ » ouvert" + startedAt(c) + " sans « }} » ; attendu {{ … }} sur la même ligne"
		}},
		{re(`expected :=`), func(m []string, c ruleContext) string {
			return "« : » seul dans {{ … }} ; attendu « := » pour définir une variable, par exemple {{ $nom := .Territoire.Nom }}"
		}},
		{re(`unexpected right paren`), func(m []string, c ruleContext) string {
			return "parenthèse « ) » en trop : aucune « ( » ouverte avant elle dans {{ … }}"
		}},
		{re(`unrecognized character in action: (.*)`), func(m []string, c ruleContext) string {
			return "caractère " + goRune(m[1]) + " inattendu dans {{ … }} ; " + runeHint(m[1], expectValue)
		}},
		{re(`bad character (.*)`), func(m []string, c ruleContext) string {
			return "caractère " + goRune(m[1]) + " collé à un nom de champ, de variable ou de fonction ; " + runeHint(m[1], "attendu une espace, « | » ou « }} » après le nom")
		}},
		{re(`unterminated character constant`), func(m []string, c ruleContext) string {
			return "apostrophe « ' » non refermée dans {{ … }} ; attendu un texte entre guillemets droits \"…\""
		}},
		{re(`bad number syntax: (".*")`), func(m []string, c ruleContext) string {
			return "nombre mal écrit " + goQuoted(m[1]) + " ; attendu un nombre comme 12 ou 3.5, ou un texte entre guillemets droits \"…\""
		}},
		{re(`unterminated quoted string`), func(m []string, c ruleContext) string {
			return "texte entre guillemets non refermé : « \" » ouvert sans « \" » sur la même ligne ; attendu \"…\""
		}},
		{re(`unterminated raw quoted string`), func(m []string, c ruleContext) string {
			return "texte entre accents graves non refermé : « ` » ouvert" + startedAt(c) + " sans « ` » ; attendu `…`"
		}},
		// parse.go
		{re(`template: multiple definition of template (".*")`), func(m []string, c ruleContext) string {
			n := goQuoted(m[1])
			if unquote(m[1]) == c.name {
				return "{{ define " + m[1] + " }} porte le nom du fichier lui-même, dont le texte hors des {{ define }} est déjà le modèle " + n + " ; attendu un autre nom"
			}
			return "modèle " + n + " défini deux fois ({{ define }} ou {{ block }}) ; attendu un seul {{ define " + m[1] + " }}"
		}},
		{re(`unexpected \{\{end\}\}`), func(m []string, c ruleContext) string {
			return "{{ end }} en trop : aucun " + expectBlocks + " ouvert à fermer"
		}},
		{re(`unexpected \{\{else\}\}`), func(m []string, c ruleContext) string {
			return "{{ else }} en dehors d'un {{ if }}, {{ range }} ou {{ with }} ; attendu {{ if … }} … {{ else }} … {{ end }}"
		}},
		{re(`unexpected EOF`), func(m []string, c ruleContext) string {
			return "fin du modèle atteinte avec un bloc encore ouvert ; attendu un {{ end }} pour chaque " + expectBlocks
		}},
		{re(`\{\{(break|continue)\}\} outside \{\{range\}\}`), func(m []string, c ruleContext) string {
			return "{{ " + m[1] + " }} en dehors d'une boucle ; attendu {{ " + m[1] + " }} entre {{ range … }} et {{ end }}"
		}},
		{re(`range can only initialize variables`), func(m []string, c ruleContext) string {
			return "{{ range }} : après la virgule, attendu une seconde variable, par exemple {{ range $i, $membre := .Acteurs }}"
		}},
		{re(`too many declarations in range`), func(m []string, c ruleContext) string {
			return "{{ range }} définit au plus deux variables (la position et l'élément) ; attendu {{ range $i, $x := … }}"
		}},
		{re(`too many declarations in (.*)`), func(m []string, c ruleContext) string {
			return "trop de variables définies dans " + contextName(m[1]) + " ; attendu une seule, par exemple {{ $x := … }}"
		}},
		{re(`missing value for (.*)`), func(m []string, c ruleContext) string {
			switch m[1] {
			case "command":
				return "accolades vides {{ }} ; " + expectValue + " entre les accolades"
			case "if", "range", "with":
				return contextName(m[1]) + " sans valeur ; attendu par exemple {{ " + m[1] + " .Acteurs }}"
			}
			return "valeur manquante dans " + contextName(m[1]) + " ; " + expectValue
		}},
		{re(`non executable command in pipeline stage (\d+)`), func(m []string, c ruleContext) string {
			n, _ := strconv.Atoi(m[1])
			return fmt.Sprintf("après la barre « | » n° %d, une valeur fixe (texte, nombre, point, nil, true ou false) ; attendu une fonction qui reçoit la valeur, par exemple {{ .Acteurs | len }}", n-1)
		}},
		{re(`expected end; found \{\{else\}\}`), func(m []string, c ruleContext) string {
			return "{{ else }} en trop : un bloc n'a qu'un {{ else }}, après ses {{ else if … }} ; attendu {{ end }}"
		}},
		{re(`unexpected (\{\{else\}\}|\{\{end\}\}) in (.*)`), func(m []string, c ruleContext) string {
			return "{{ else }} dans " + contextName(m[2]) + " ; attendu {{ end }}"
		}},
		{re(`unexpected "\}" in (operand|command|if|range|with|parenthesized pipeline)`), func(m []string, c ruleContext) string {
			return "accolade « } » seule : « {{ » se referme par deux accolades ; attendu « }} »"
		}},
		{re(`unexpected (.*) in (define|block|template) clause`), func(m []string, c ruleContext) string {
			example := map[string]string{"define": `{{ define "signatures" }}`, "block": `{{ block "signatures" . }}`, "template": `{{ template "signatures" . }}`}[m[2]]
			return goToken(m[1]) + " dans {{ " + m[2] + " … }} ; attendu un nom entre guillemets droits, par exemple " + example
		}},
		{re(`unexpected (.*) in (end|else|\{\{break\}\}|\{\{continue\}\})`), func(m []string, c ruleContext) string {
			if m[2] == "else" {
				return goToken(m[1]) + " après {{ else }} ; attendu {{ else }} seul, ou {{ else if … }}, {{ else with … }}"
			}
			return goToken(m[1]) + " dans " + contextName(m[2]) + " ; attendu " + contextName(m[2]) + " seul"
		}},
		{re(`unexpected (.*) in (.*)`), func(m []string, c ruleContext) string {
			return goToken(m[1]) + " inattendu dans " + contextName(m[2]) + " ; " + expectValue
		}},
		{re(`empty command`), func(m []string, c ruleContext) string {
			return "commande vide dans {{ … }} ; " + expectValue
		}},
		{re(`unexpected \. after term (".*")`), func(m []string, c ruleContext) string {
			return "un champ « .… » suit " + goQuoted(m[1]) + ", qui n'a pas de champs (texte, nombre, point, nil, true ou false) ; attendu un champ après un autre champ ou une variable, par exemple .Territoire.Nom"
		}},
		{re(`function "(.*)" not defined`), func(m []string, c ruleContext) string {
			return unknownFunction(m[1])
		}},
		{re(`max expression depth exceeded`), func(m []string, c ruleContext) string {
			return "trop de parenthèses imbriquées les unes dans les autres ; attendu quelques niveaux au plus"
		}},
		{re(`undefined variable "(.*)"`), undefinedVariable},
		// node.go, and strconv for a quoted text
		{re(`malformed character constant: (.*)`), func(m []string, c ruleContext) string {
			return "« " + textnorm.Escape(m[1]) + " » : des apostrophes n'entourent qu'un seul caractère ; attendu un texte entre guillemets droits \"…\""
		}},
		{re(`integer overflow: (".*")`), func(m []string, c ruleContext) string {
			return "nombre trop grand " + goQuoted(m[1]) + " ; attendu un nombre entier de 18 chiffres au plus"
		}},
		{re(`illegal number syntax: (".*")`), func(m []string, c ruleContext) string {
			return "nombre mal écrit " + goQuoted(m[1]) + " ; attendu un nombre comme 12, -4 ou 3.5"
		}},
		{re(`invalid syntax`), func(m []string, c ruleContext) string {
			return "texte entre guillemets mal écrit : une barre oblique inverse « \\ » y est suivie d'un caractère qu'elle ne peut pas annoncer ; attendu \"…\" sans « \\ », ou « \\\\ » pour en écrire une"
		}},
		// exec.go
		{re(`undefined variable: (.*)`), undefinedVariable},
		{re(`(".*") is an incomplete or empty template`), func(m []string, c ruleContext) string {
			return "modèle " + goQuoted(m[1]) + " vide ou incomplet ; attendu {{ define " + m[1] + " }} … {{ end }} avec un texte"
		}},
		{re(`if/with can't use (.*)`), func(m []string, c ruleContext) string {
			return "{{ if }} ou {{ with }} ne sait pas dire si " + goValue(m[1]) + " est vrai ou faux ; attendu un champ, une liste, un texte ou un nombre"
		}},
		{re(`can't use (.*?) (?:to )?iterate over more than one variable`), func(m []string, c ruleContext) string {
			return "{{ range }} sur " + goValue(m[1]) + " ne donne qu'une valeur à chaque tour ; attendu une seule variable, par exemple {{ range $i := 10 }}"
		}},
		{re(`range over send-only channel (.*)`), cannotRange},
		{re(`range can't iterate over (.*)`), cannotRange},
		{re(`template (".*") not defined`), func(m []string, c ruleContext) string {
			return "modèle " + goQuoted(m[1]) + " appelé par {{ template " + m[1] + " }} mais défini nulle part ; attendu {{ define " + m[1] + " }} … {{ end }} dans le même fichier"
		}},
		{re(`exceeded maximum template depth \((\d+)\)`), func(m []string, c ruleContext) string {
			return "trop d'appels de modèles imbriqués (plus de " + m[1] + " : un modèle qui s'appelle lui-même ?) ; attendu des {{ template }} qui se terminent"
		}},
		{re(`can't give argument to non-function (.*)`), func(m []string, c ruleContext) string {
			return "« " + textnorm.Escape(m[1]) + " » n'est pas une fonction et ne prend rien après lui ; attendu une seule valeur par {{ … }}, ou une fonction suivie de ses valeurs, par exemple {{ donnee \"FEUILLE\" \"CATÉGORIE\" \"SÉRIE\" }}"
		}},
		{re(`nil is not a command`), func(m []string, c ruleContext) string {
			return "« nil » (rien) ne peut ni s'afficher ni servir de condition ; " + expectValue
		}},
		{re(`can't evaluate command (".*")`), func(m []string, c ruleContext) string {
			return goQuoted(m[1]) + " ne peut pas s'exécuter ; " + expectValue
		}},
		{re(`(.*) overflows int`), func(m []string, c ruleContext) string {
			return "nombre trop grand « " + textnorm.Escape(m[1]) + " » ; attendu un nombre entier de 18 chiffres au plus"
		}},
		{re(`indirection through explicit nil in (.*)`), func(m []string, c ruleContext) string {
			return "« nil » (rien) n'a pas de champ, dans « " + textnorm.Escape(m[1]) + " » ; attendu un champ des données, par exemple .Territoire.Nom"
		}},
		{re(`(".*") is not a defined function`), func(m []string, c ruleContext) string {
			return unknownFunction(unquote(m[1]))
		}},
		{re(`nil data; no entry for key "(.*)"`), unknownField},
		{re(`nil pointer evaluating (.*)\.(.*)`), func(m []string, c ruleContext) string {
			return "champ « " + textnorm.Escape(m[2]) + " » lu sur une valeur absente (" + frenchType(m[1]) + ") ; attendu un champ décrit dans docs/sources.md"
		}},
		{re(`(.*) is an unexported field of struct type .*`), unknownField},
		{re(`(.*) has arguments but cannot be invoked as function`), fieldWithArguments},
		{re(`(.*) is not a method but has arguments`), fieldWithArguments},
		{re(`map has no entry for key "(.*)"`), unknownField},
		{re(`can't evaluate field (.*) in type .*`), unknownField},
		{re(`wrong number of args for (.*): want (at least )?(\d+) got (\d+)`), func(m []string, c ruleContext) string {
			return argCount(m[1], m[2] != "", m[3], m[4])
		}},
		{re(`invalid value; expected (.*)`), func(m []string, c ruleContext) string {
			return "valeur absente ; attendu " + frenchType(m[1])
		}},
		{re(`dereference of nil pointer of type (.*)`), func(m []string, c ruleContext) string {
			return "valeur absente ; attendu " + frenchType(strings.TrimPrefix(m[1], "*"))
		}},
		{re(`wrong type for value; expected (.*); got (.*)`), func(m []string, c ruleContext) string {
			return "valeur de mauvaise nature : " + frenchType(m[2]) + " ; attendu " + frenchType(m[1])
		}},
		{re(`cannot assign nil to (.*)`), func(m []string, c ruleContext) string {
			return "« nil » (rien) donné ; attendu " + frenchType(m[1])
		}},
		{re(`can't handle (.*) for arg of type (.*)`), func(m []string, c ruleContext) string {
			return "« " + textnorm.Escape(m[1]) + " » ne convient pas ; attendu " + frenchType(m[2])
		}},
		{re(`expected (bool|string|integer|unsigned integer|float|complex); found (.*)`), func(m []string, c ruleContext) string {
			return "« " + textnorm.Escape(m[2]) + " » donné ; attendu " + expectedKind[m[1]]
		}},
		{re(`can't handle assignment of (.*) to empty interface argument`), func(m []string, c ruleContext) string {
			return "« " + textnorm.Escape(m[1]) + " » ne peut pas être donné à une fonction ; " + expectValue
		}},
		{re(`can't print (.*) of type (.*)`), func(m []string, c ruleContext) string {
			return "« " + textnorm.Escape(m[1]) + " » (" + frenchType(m[2]) + ") ne peut pas s'afficher ; attendu un texte, un nombre ou une liste"
		}},
	}
})

var expectedKind = map[string]string{
	"bool":             "true ou false",
	"string":           "un texte entre guillemets droits \"…\"",
	"integer":          "un nombre entier",
	"unsigned integer": "un nombre entier positif",
	"float":            "un nombre",
	"complex":          "un nombre",
}

func unknownFunction(name string) string {
	return fmt.Sprintf("fonction « %s » inconnue ; fonctions possibles : puces, donnee, tableau, ref, compteur, de, à, article, accord, majuscule, liste, ponctue", textnorm.Escape(name))
}

func unknownField(m []string, c ruleContext) string {
	return fmt.Sprintf("champ « %s » inconnu ; les champs possibles sont décrits dans docs/sources.md", textnorm.Escape(m[1]))
}

func undefinedVariable(m []string, c ruleContext) string {
	v := textnorm.Escape(m[1])
	return "variable « " + v + " » inconnue ici ; attendu une variable définie plus haut dans le même bloc, par exemple {{ " + v + " := .Territoire.Nom }}"
}

func fieldWithArguments(m []string, c ruleContext) string {
	return "le champ « " + textnorm.Escape(m[1]) + " » n'est pas une fonction et ne prend rien après lui ; attendu le champ seul, ou une fonction avant lui, par exemple {{ puces .Acteurs \" ;\" \".\" }}"
}

func cannotRange(m []string, c ruleContext) string {
	return "{{ range }} ne peut pas parcourir " + goValue(m[1]) + " ; attendu une liste (par exemple .Acteurs ou .Signataires) ou un nombre entier"
}

func startedAt(c ruleContext) string {
	if c.started > 0 {
		return fmt.Sprintf(" ligne %d", c.started)
	}
	return ""
}

// callMessage is the message for an error returned by function fn. The
// functions of cls speak French already; Go's own (index, len, eq…) are
// translated.
func callMessage(fn, inner string) string {
	// printf is cls's own (printf.go), whose errors are French already
	if _, builtin := builtinArgs[fn]; !builtin || fn == "printf" {
		return fmt.Sprintf("{{ %s … }} : %s", textnorm.Escape(fn), textnorm.Escape(inner))
	}
	for _, r := range builtinRules() {
		if m := r.re.FindStringSubmatch(inner); m != nil {
			return "{{ " + fn + " … }} : " + r.fr(m, ruleContext{})
		}
	}
	return unknownMessage("error calling " + fn + ": " + inner)
}

// builtinRules translate the errors of text/template's functions
// (funcs.go), and the run-time errors they can panic with.
var builtinRules = sync.OnceValue(func() []rule {
	return []rule{
		{re(`index out of range: (-?\d+)`), func(m []string, c ruleContext) string {
			return "position " + m[1] + " hors de la liste ou du texte ; attendu une position de 0 (le premier) à la longueur moins un"
		}},
		{re(`reflect: slice index out of range`), func(m []string, c ruleContext) string {
			return "position hors de la liste, plus courte ; attendu une position de 0 (le premier) à la longueur moins un"
		}},
		{re(`cannot index slice/array with type (.*)`), func(m []string, c ruleContext) string {
			return "position donnée par " + frenchType(m[1]) + " ; attendu un nombre entier"
		}},
		{re(`cannot index slice/array with nil`), func(m []string, c ruleContext) string {
			return "position « nil » (rien) ; attendu un nombre entier"
		}},
		{re(`(index|slice|len) of (untyped nil|nil pointer)`), func(m []string, c ruleContext) string {
			return "valeur absente (« nil ») ; attendu une liste ou un texte"
		}},
		{re(`reflect: call of reflect\.Value\.\w+ on zero Value`), func(m []string, c ruleContext) string {
			return "valeur absente (« nil ») ; attendu une liste ou un texte"
		}},
		{re(`can't index item of type (.*)`), func(m []string, c ruleContext) string {
			return frenchType(m[1]) + " n'a pas de positions ; attendu une liste ou un texte"
		}},
		{re(`too many slice indexes: (\d+)`), func(m []string, c ruleContext) string {
			return m[1] + " positions données ; attendu au plus 3 (début, fin, capacité)"
		}},
		{re(`cannot 3-index slice a string`), func(m []string, c ruleContext) string {
			return "3 positions données pour un texte ; attendu au plus 2 (début, fin)"
		}},
		{re(`can't slice item of type (.*)`), func(m []string, c ruleContext) string {
			return frenchType(m[1]) + " ne se découpe pas ; attendu une liste ou un texte"
		}},
		{re(`invalid slice index: (\d+) > (\d+)`), func(m []string, c ruleContext) string {
			return "positions à l'envers, " + m[1] + " après " + m[2] + " ; attendu chaque position au plus égale à la suivante"
		}},
		{re(`len of type (.*)`), func(m []string, c ruleContext) string {
			return frenchType(m[1]) + " n'a pas de longueur ; attendu une liste ou un texte"
		}},
		{re(`call of nil`), func(m []string, c ruleContext) string {
			return "« nil » (rien) n'est pas une fonction ; attendu une fonction, mais les données de cls n'en contiennent aucune"
		}},
		{re(`non-function (.*) of type (.*)`), func(m []string, c ruleContext) string {
			return "« " + textnorm.Escape(m[1]) + " » (" + frenchType(m[2]) + ") n'est pas une fonction ; attendu une fonction, mais les données de cls n'en contiennent aucune"
		}},
		{re(`wrong number of args for (.*): got (\d+) want (at least )?(\d+)`), func(m []string, c ruleContext) string {
			return argCount(m[1], m[3] != "", m[4], m[2])
		}},
		{re(`arg (\d+): value has type (.*); should be (.*)`), func(m []string, c ruleContext) string {
			return "valeur n° " + m[1] + " de mauvaise nature : " + frenchType(m[2]) + " ; attendu " + frenchType(m[3])
		}},
		{re(`arg (\d+): value is nil; should be of type (.*)`), func(m []string, c ruleContext) string {
			return "valeur n° " + m[1] + " absente (« nil ») ; attendu " + frenchType(m[2])
		}},
		{re(`invalid type for comparison`), func(m []string, c ruleContext) string {
			return "ces valeurs n'ont pas d'ordre ; attendu deux nombres ou deux textes"
		}},
		{re(`missing argument for comparison`), func(m []string, c ruleContext) string {
			return "une seule valeur à comparer ; attendu deux valeurs, par exemple {{ if eq .Fiches 0 }}"
		}},
		{re(`incompatible types for comparison: (.*) and (.*)`), func(m []string, c ruleContext) string {
			return "impossible de comparer " + frenchType(m[1]) + " et " + frenchType(m[2]) + " ; attendu deux valeurs de même nature, par exemple deux nombres"
		}},
		{re(`non-comparable types? .*: (.*)`), func(m []string, c ruleContext) string {
			return frenchType(m[1]) + " ne se compare pas ; attendu des nombres, des textes, true ou false"
		}},
	}
})

// builtinArgs are text/template's own functions, with what each expects.
var builtinArgs = map[string]string{
	"and": "des conditions", "or": "des conditions", "not": "une condition",
	"call": "une fonction puis ses valeurs", "html": "des valeurs", "js": "des valeurs", "urlquery": "des valeurs",
	"index": "une liste ou un texte, puis des positions", "slice": "une liste ou un texte, puis des positions",
	"len": "une liste ou un texte", "print": "des valeurs", "printf": "un format puis des valeurs", "println": "des valeurs",
	"eq": "deux valeurs à comparer", "ne": "deux valeurs à comparer", "lt": "deux valeurs à comparer",
	"le": "deux valeurs à comparer", "gt": "deux valeurs à comparer", "ge": "deux valeurs à comparer",
}

// clsArgs says what each function of cls expects.
var clsArgs = map[string]string{
	"donnee":    "feuille, catégorie, série",
	"tableau":   "la feuille",
	"puces":     "liste, séparateur, fin de la dernière ligne",
	"de":        "un nom",
	"a":         "un nom",
	"à":         "un nom",
	"article":   "un nom",
	"accord":    "un nom puis les formes du mot",
	"majuscule": "un texte",
	"liste":     "liste, séparateur, séparateur avant le dernier",
	"ponctue":   "position, liste, séparateur, fin du dernier",
}

// argCount says that fn was given got values where it expects want.
func argCount(fn string, atLeast bool, want, got string) string {
	w, _ := strconv.Atoi(want)
	g, _ := strconv.Atoi(got)
	what := clsArgs[fn]
	if what == "" {
		what = builtinArgs[fn]
	}
	if what != "" {
		what = " (" + what + ")"
	}
	min := ""
	if atLeast {
		min = "au moins "
	}
	return fmt.Sprintf("{{ %s … }} attend %s%s%s, %s", textnorm.Escape(fn), min, count(w, "valeur", "valeurs"), what, count(g, "donnée", "données"))
}

// count writes n feminine things: « aucune valeur », « 1 valeur », « 2 valeurs ».
func count(n int, one, many string) string {
	if n == 0 {
		return "aucune " + one
	}
	return fmt.Sprintf("%d %s", n, plural(n, one, many))
}

// typeNames name the data's Go types as the templates know them.
var typeNames = map[string]string{
	reflect.TypeFor[templateData]().String(): "l'ensemble des données",
	reflect.TypeFor[territoire]().String():   "le groupe .Territoire",
	reflect.TypeFor[document]().String():     "le groupe .Document",
	reflect.TypeFor[signature]().String():    "le groupe .Signature",
	reflect.TypeFor[signataire]().String():   "un signataire (élément de .Signataires)",
	reflect.TypeFor[groupe]().String():       "un groupe de travail (élément de .GroupesDeTravail)",
	reflect.TypeFor[model.Member]().String(): "un membre (élément de .ComitePilotage, .ComiteTechnique ou .Acteurs)",
	"string":                                 "un texte",
	"bool":                                   "true ou false",
	"float32":                                "un nombre décimal",
	"float64":                                "un nombre décimal",
	"complex64":                              "un nombre complexe",
	"complex128":                             "un nombre complexe",
	"interface {}":                           "une valeur",
	"reflect.Value":                          "une valeur",
	"<nil>":                                  "« nil » (rien)",
}

// frenchType names Go type t for the coordinator.
func frenchType(t string) string {
	if n, ok := typeNames[t]; ok {
		return n
	}
	switch {
	case strings.HasPrefix(t, "int") || strings.HasPrefix(t, "uint"):
		return "un nombre entier"
	case strings.HasPrefix(t, "*"):
		return frenchType(t[1:])
	case strings.HasPrefix(t, "[]") || strings.HasPrefix(t, "["):
		return "une liste"
	case strings.HasPrefix(t, "map["):
		return "une table"
	case strings.HasPrefix(t, "func("):
		return "une fonction"
	}
	return "une valeur de type « " + textnorm.Escape(t) + " »"
}

// contextNames name the places of text/template's parser.
var contextNames = map[string]string{
	"operand": "{{ … }}", "command": "{{ … }}", "parenthesized pipeline": "( … )",
	"if": "{{ if … }}", "range": "{{ range … }}", "with": "{{ with … }}",
	"end": "{{ end }}", "else": "{{ else }}", "{{break}}": "{{ break }}", "{{continue}}": "{{ continue }}",
	"define clause": "{{ define … }}", "block clause": "{{ block … }}", "template clause": "{{ template … }}",
	"input": "le texte",
}

func contextName(c string) string {
	if n, ok := contextNames[c]; ok {
		return n
	}
	return "« " + textnorm.Escape(c) + " »"
}

// goToken shows a token as text/template's parser prints it: "x" quoted,
// <end> a keyword, EOF the end, "abcdefghij"... cut after ten characters.
func goToken(tok string) string {
	switch {
	case tok == "EOF":
		return "fin du modèle"
	case strings.HasPrefix(tok, "<") && strings.HasSuffix(tok, ">"):
		return "mot « " + textnorm.Escape(tok[1:len(tok)-1]) + " »"
	case strings.HasSuffix(tok, `"...`):
		return "« " + textnorm.Escape(unquote(strings.TrimSuffix(tok, "..."))) + "… »"
	case strings.HasPrefix(tok, `"`):
		return "« " + textnorm.Escape(unquote(tok)) + " »"
	}
	return "« " + textnorm.Escape(tok) + " »"
}

// goQuoted shows a Go-quoted string between French quotes.
func goQuoted(q string) string { return "« " + textnorm.Escape(unquote(q)) + " »" }

func unquote(q string) string {
	if s, err := strconv.Unquote(q); err == nil {
		return s
	}
	return q
}

// goValue shows a value text/template printed with %v, cut to a line.
func goValue(v string) string {
	if r := []rune(v); len(r) > 60 {
		v = string(r[:60]) + "…"
	}
	return "« " + textnorm.Escape(v) + " »"
}

var goRuneForm = regexp.MustCompile(`^U\+([0-9A-F]{4,6})`)

// goRune reads a character as text/template prints it (%#U: U+00AB '«').
func goRune(s string) string {
	if r, ok := parseGoRune(s); ok {
		return textnorm.Quote(r)
	}
	return "« " + textnorm.Escape(s) + " »"
}

func parseGoRune(s string) (rune, bool) {
	m := goRuneForm.FindStringSubmatch(s)
	if m == nil {
		return 0, false
	}
	n, err := strconv.ParseUint(m[1], 16, 32)
	return rune(n), err == nil
}

// runeHint says what the coordinator probably meant: straight quotes for
// typographic ones, an ordinary space for a special one.
func runeHint(s, otherwise string) string {
	r, ok := parseGoRune(s)
	switch {
	case !ok:
	case strings.ContainsRune("«»“”„‟‘’‚‛", r):
		return "attendu des guillemets droits \"…\" autour d'un texte (un traitement de texte les a-t-il changés ?)"
	case unicode.IsSpace(r) || textnorm.Invisible(r):
		return "attendu une espace ordinaire (une espace insécable ou un caractère invisible s'est glissé entre les accolades)"
	}
	return otherwise
}
