package compose

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"text/template"

	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/frgram"
	"github.com/contrat-local-sante/cls/internal/model"
)

// templateData is what a template's placeholders can name. Field names are
// French, like the templates that use them (see docs/sources.md).
type templateData struct {
	Territoire       territoire
	Document         document
	Signature        signature
	Signataires      []signataire
	ComitePilotage   []model.Member
	ComiteTechnique  []model.Member
	Acteurs          []model.Member
	GroupesDeTravail []groupe
	Participations   int
	Fiches           int
	Axes             int
	Sigles           int
}

type territoire struct {
	Nom, Sigle string
	grammar    frgram.Noun // for the functions of grammar.go
}

func (t territoire) noun() frgram.Noun { return t.grammar }

// String is the name, so that {{ .Territoire }} prints it.
func (t territoire) String() string { return t.Nom }

type document struct{ Titre, Periode string }

type signature struct{ Lieu, Date string }

type signataire struct {
	Institution, Representation, Nom, Fonction, Partie string
	grammar                                            frgram.Noun // for the functions of grammar.go
}

func (s signataire) noun() frgram.Noun { return s.grammar }

type groupe struct {
	Axe, Intitule, Date string
	Participants        int
}

func newTemplateData(c *model.Contract) templateData {
	d := templateData{
		Territoire:     territoire{c.Territory.Name, c.Territory.Short, c.Territory.Noun()},
		Document:       document{c.Document.Title, c.Document.Period},
		Signature:      signature{c.Signature.Place, c.Signature.Date},
		ComitePilotage: c.Steering, ComiteTechnique: c.Technical, Acteurs: c.Actors,
		Fiches: len(c.Fiches), Axes: len(c.Axes), Sigles: len(c.Sigles),
	}
	for _, s := range c.Signatories {
		d.Signataires = append(d.Signataires, signataire{s.Institution, s.Representation, s.Name, s.Title, s.Party, s.Noun()})
	}
	for _, g := range c.WorkingGroups {
		d.GroupesDeTravail = append(d.GroupesDeTravail, groupe{g.Axe, g.Title, g.Date, g.Participants})
		d.Participations += g.Participants
	}
	return d
}

// baseFuncs are the functions templates may call. None reads a file or
// runs anything: a template only formats the contract's own data.
var baseFuncs = template.FuncMap{
	// the small words French puts around a name, and list punctuation:
	// see grammar.go
	"de": nounFunc("de", frgram.Noun.Of), "a": nounFunc("a", frgram.Noun.To), "à": nounFunc("à", frgram.Noun.To),
	"article": nounFunc("article", frgram.Noun.The), "accord": accord, "majuscule": frgram.Capitalize,
	"liste": liste, "ponctue": ponctue,
	// printf as text/template's, but a format its values do not fit is an
	// error instead of Go's « %!d(string=a) » in the contract
	"printf": checkedPrintf,
	// puces writes a Markdown bullet list of a slice's items, each followed
	// by sep and the last one by last: {{ puces .ComitePilotage " ;" "." }}.
	"puces": func(list any, sep, last string) (string, error) {
		v := reflect.ValueOf(list)
		if v.Kind() != reflect.Slice {
			return "", fmt.Errorf("puces attend une liste (par exemple .Acteurs), pas %s", frenchType(fmt.Sprintf("%T", list)))
		}
		var b strings.Builder
		for i := 0; i < v.Len(); i++ {
			s := fmt.Sprint(v.Index(i).Interface())
			end := sep
			if i == v.Len()-1 {
				end = last
			}
			b.WriteString("- " + escapeMarkdown(s) + end + "\n")
		}
		return b.String(), nil
	},
}

// escapeMarkdown keeps data text literal when it is spliced into Markdown.
func escapeMarkdown(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `*`, `\*`, `_`, `\_`, "`", "\\`", `[`, `\[`, `<`, `\<`)
	return r.Replace(s)
}

// tmplErrLine finds the line in an error of text/template whose template
// name is not the expected one (see splitTemplateError).
var tmplErrLine = regexp.MustCompile(`:(\d+):(\d+)?:? ?`)

// execute runs a template over the contract data, within a budget of
// loops, calls, output and time (see bound.go).
func execute(t model.Template, data any, funcs template.FuncMap, probs *diag.List) (string, bool) {
	b := new(budget)
	name := goTemplateName(t.Name)
	report := func(err error) {
		p := diag.Problem{Severity: diag.Error, File: t.Path}
		if b, ok := err.(*boundError); ok {
			p.Message, p.Line = b.msg, b.line
		} else {
			p.Line, p.Message = templateProblem(name, t.Text, err)
		}
		*probs = append(*probs, p)
	}
	tp, err := template.New(name).Funcs(funcs).Funcs(template.FuncMap{boundFunc: b.charge}).Option("missingkey=error").Parse(t.Text)
	if err != nil {
		report(err)
		return "", false
	}
	b.bound(tp)
	out, err := b.run(tp, data)
	if err != nil {
		report(err)
		return "", false
	}
	return out, true
}

// statFuncs are the template functions that quote the statistics:
// {{ donnee "FEUILLE" "CATÉGORIE" "SÉRIE" }} and {{ tableau "FEUILLE" }}.
func statFuncs(c *model.Contract) template.FuncMap {
	find := func(sheet string) (*model.StatTable, error) {
		var names []string
		for i := range c.Stats {
			if c.Stats[i].Sheet == sheet {
				return &c.Stats[i], nil
			}
			names = append(names, c.Stats[i].Sheet)
		}
		if len(names) == 0 {
			return nil, fmt.Errorf("feuille « %s » inconnue : aucun classeur %s", sheet, c.Files.Diagnostic)
		}
		return nil, fmt.Errorf("feuille « %s » inconnue dans %s ; feuilles présentes : %s", sheet, c.Files.Diagnostic, strings.Join(names, ", "))
	}
	return template.FuncMap{
		"donnee": func(sheet, category, series string) (string, error) {
			t, err := find(sheet)
			if err != nil {
				return "", err
			}
			row, col, ok := t.Lookup(category, series)
			if !ok {
				var cats []string
				for _, r := range t.Rows {
					cats = append(cats, r.Label)
				}
				return "", fmt.Errorf("feuille « %s » : pas de valeur pour la catégorie « %s » et la série « %s » ; catégories : %s ; séries : %s",
					sheet, category, series, strings.Join(cats, ", "), strings.Join(t.Series, ", "))
			}
			return row.Text(col), nil
		},
		"tableau": func(sheet string) (string, error) {
			t, err := find(sheet)
			if err != nil {
				return "", err
			}
			cell := func(s string) string { return strings.ReplaceAll(escapeMarkdown(s), "|", "\\|") }
			var b strings.Builder
			b.WriteString("| " + cell(t.Category))
			for _, s := range t.Series {
				b.WriteString(" | " + cell(s))
			}
			b.WriteString(" |\n|---")
			for range t.Series {
				b.WriteString("|---:")
			}
			b.WriteString("|\n")
			for _, r := range t.Rows {
				b.WriteString("| " + cell(r.Label))
				for k := range t.Series {
					v := ""
					if r.Set[k] {
						v = r.Text(k)
						if t.Unit != "" {
							v += " " + t.Unit
						}
					}
					b.WriteString(" | " + cell(v))
				}
				b.WriteString(" |\n")
			}
			return b.String(), nil
		},
	}
}
