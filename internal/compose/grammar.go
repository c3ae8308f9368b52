package compose

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/contrat-local-sante/cls/internal/frgram"
)

// The template functions of this file (registered in baseFuncs) write the
// small words French puts around a name, which the templates cannot spell
// out for every territory: {{ de .Territoire }} is « de la Communauté… »
// for one and « de l'Intercom… » for another. See docs/sources.md,
// « Accords et articles ».

// nouned is a value of the templates' data that knows its grammar: the
// territory, a signatory.
type nouned interface{ noun() frgram.Noun }

// modelNouned is the same for the model's types (model.Territory…), which
// other template sets may hand to the functions directly.
type modelNouned interface{ Noun() frgram.Noun }

// nounOf is v as a name: the territory or a signatory with what the
// sources say of their grammar, or any other name (a text, a member of a
// committee) with what its own words say.
func nounOf(fn string, v any) (frgram.Noun, error) {
	switch x := v.(type) {
	case nouned:
		return x.noun(), nil
	case modelNouned:
		return x.Noun(), nil
	case string:
		return frgram.Decide(x, "", frgram.Unknown), nil
	case fmt.Stringer:
		return frgram.Decide(x.String(), "", frgram.Unknown), nil
	}
	return frgram.Noun{}, fmt.Errorf("%s attend un nom (par exemple .Territoire, un signataire ou un texte entre guillemets), pas %s", fn, frenchType(fmt.Sprintf("%T", v)))
}

// nounFunc makes a function of one name that writes it with write; the
// name is data, kept literal in the Markdown.
func nounFunc(fn string, write func(frgram.Noun) string) func(any) (string, error) {
	return func(v any) (string, error) {
		n, err := nounOf(fn, v)
		if err != nil {
			return "", err
		}
		n.Name = escapeMarkdown(n.Name)
		return write(n), nil
	}
}

// accord writes a word agreeing with a name's gender and number:
// {{ accord . "représenté" }}, or, for an irregular word, its forms:
// {{ accord . "son" "sa" "leurs" }}.
func accord(v any, forms ...string) (string, error) {
	n, err := nounOf("accord", v)
	if err != nil {
		return "", err
	}
	if len(forms) == 0 || len(forms) > 4 {
		return "", fmt.Errorf("accord attend un nom puis de 1 à 4 formes du mot (masculin, féminin, masculin pluriel, féminin pluriel), pas %d", len(forms))
	}
	return n.Agree(forms...), nil
}

// liste writes a list's items on one line, joined by sep, the last two by
// last: {{ liste .ComitePilotage ", " " et " }}.
func liste(list any, sep, last string) (string, error) {
	v := reflect.ValueOf(list)
	if v.Kind() != reflect.Slice {
		return "", fmt.Errorf("liste attend une liste (par exemple .Acteurs), pas %s", frenchType(fmt.Sprintf("%T", list)))
	}
	var b strings.Builder
	for i := 0; i < v.Len(); i++ {
		switch {
		case i == 0:
		case i == v.Len()-1:
			b.WriteString(last)
		default:
			b.WriteString(sep)
		}
		b.WriteString(escapeMarkdown(fmt.Sprint(v.Index(i).Interface())))
	}
	return b.String(), nil
}

// ponctue ends item i of a list inside {{ range }}: sep after every item
// but the last, last after it, so that a list written line by line never
// ends with « ; »:
// {{ range $i, $s := .Signataires }}- {{ article $s }}{{ ponctue $i $.Signataires " ;" "." }}
func ponctue(i int, list any, sep, last string) (string, error) {
	v := reflect.ValueOf(list)
	if v.Kind() != reflect.Slice {
		return "", fmt.Errorf("ponctue attend la position puis la liste parcourue (par exemple $.Signataires), pas %s", frenchType(fmt.Sprintf("%T", list)))
	}
	if i == v.Len()-1 {
		return last, nil
	}
	return sep, nil
}
