package compose

import (
	"bytes"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"text/template"

	"github.com/contrat-local-sante/cls/internal/diag"
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

type territoire struct{ Nom, Sigle string }

type document struct{ Titre, Periode string }

type signature struct{ Lieu, Date string }

type signataire struct {
	Institution, Representation, Nom, Fonction, Partie string
}

type groupe struct {
	Axe, Intitule, Date string
	Participants        int
}

func newTemplateData(c *model.Contract) templateData {
	d := templateData{
		Territoire:     territoire{c.Territory.Name, c.Territory.Short},
		Document:       document{c.Document.Title, c.Document.Period},
		Signature:      signature{c.Signature.Place, c.Signature.Date},
		ComitePilotage: c.Steering, ComiteTechnique: c.Technical, Acteurs: c.Actors,
		Fiches: len(c.Fiches), Axes: len(c.Axes), Sigles: len(c.Sigles),
	}
	for _, s := range c.Signatories {
		d.Signataires = append(d.Signataires, signataire{s.Institution, s.Representation, s.Name, s.Title, s.Party})
	}
	for _, g := range c.WorkingGroups {
		d.GroupesDeTravail = append(d.GroupesDeTravail, groupe{g.Axe, g.Title, g.Date, g.Participants})
		d.Participations += g.Participants
	}
	return d
}

// funcs are the functions templates may call. None reads a file or runs
// anything: a template only formats the contract's own data.
var funcs = template.FuncMap{
	// puces writes a Markdown bullet list of a slice's items, each followed
	// by sep and the last one by last: {{ puces .ComitePilotage " ;" "." }}.
	"puces": func(list any, sep, last string) (string, error) {
		v := reflect.ValueOf(list)
		if v.Kind() != reflect.Slice {
			return "", fmt.Errorf("puces attend une liste, pas %T", list)
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

var tmplErrLine = regexp.MustCompile(`:(\d+):(\d+)?:? ?`)

// execute runs a template over the contract data.
func execute(t model.Template, data templateData, probs *diag.List) (string, bool) {
	tp, err := template.New(t.Name).Funcs(funcs).Option("missingkey=error").Parse(t.Text)
	if err != nil {
		probs.Errorf(t.Path, "", "", "modèle invalide : %s", templateMessage(err))
		return "", false
	}
	var b bytes.Buffer
	if err := tp.Execute(&b, data); err != nil {
		p := diag.Problem{Severity: diag.Error, File: t.Path, Message: "champ inconnu dans le modèle : " + templateMessage(err) + " ; les champs possibles sont décrits dans docs/sources.md"}
		if m := tmplErrLine.FindStringSubmatch(err.Error()); m != nil {
			p.Line, _ = strconv.Atoi(m[1])
		}
		*probs = append(*probs, p)
		return "", false
	}
	return b.String(), true
}

// templateMessage strips Go's prefix from a template error.
func templateMessage(err error) string {
	msg := err.Error()
	if i := strings.LastIndex(msg, ": "); i >= 0 && strings.HasPrefix(msg, "template:") {
		// keep "line:col: executing … : message" readable but short
		parts := strings.SplitN(msg, ": ", 3)
		if len(parts) == 3 {
			return parts[1] + " : " + parts[2]
		}
	}
	return msg
}
