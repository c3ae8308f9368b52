// Package labels holds the short printed words that are not prose: the
// fiche table's row labels, the cover's « Entre » and « et », the footer's
// « page 3 / 94 », the diagrams' words. They live in templates/libelles.yaml,
// so that a territory changes any printed word without touching Go; a
// territory without the file, or without a key, takes the shipped one's.
//
// The file is YAML, one section per place, one key per word:
//
//	pied_de_page:
//	  page: "page {page} / {pages}"
//
// A value may hold {placeholders}, filled by Format.
package labels

import (
	"fmt"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/textnorm"
)

// FileName is the labels file inside the templates folder.
const FileName = "libelles.yaml"

// Labels are the printed words, by dotted key ("fiche.porteur").
type Labels struct {
	words map[string]string
}

// Parse reads a labels file. Every key it names must be one of the
// defaults' (a typo would otherwise be ignored silently); keys it leaves out
// take the default. file names it in messages.
func Parse(src []byte, file string, defaults *Labels) (*Labels, diag.List) {
	var probs diag.List
	l := &Labels{words: map[string]string{}}
	if defaults != nil {
		for k, v := range defaults.words {
			l.words[k] = v
		}
	}
	var root yaml.Node
	if err := yaml.Unmarshal(src, &root); err != nil {
		probs.Errorf(file, "", "", "YAML illisible (%s) ; attendu des lignes « clé: texte » sous des rubriques (voir docs/sources.md)", textnorm.Escape(yamlReason(err)))
		return l, probs
	}
	if len(root.Content) == 0 {
		return l, probs
	}
	walk(root.Content[0], "", file, defaults, l, &probs)
	return l, probs
}

func walk(n *yaml.Node, prefix, file string, defaults *Labels, l *Labels, probs *diag.List) {
	if n.Kind != yaml.MappingNode {
		*probs = append(*probs, diag.Problem{Severity: diag.Error, File: file, Line: n.Line,
			Message: fmt.Sprintf("« %s » : attendu des lignes « clé: texte » sous cette rubrique", strings.TrimSuffix(prefix, "."))})
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := prefix + k.Value
		if v.Kind == yaml.MappingNode {
			walk(v, key+".", file, defaults, l, probs)
			continue
		}
		if v.Kind != yaml.ScalarNode {
			*probs = append(*probs, diag.Problem{Severity: diag.Error, File: file, Line: k.Line,
				Message: fmt.Sprintf("« %s » : attendu un texte", key)})
			continue
		}
		if defaults != nil {
			if _, known := defaults.words[key]; !known {
				*probs = append(*probs, diag.Problem{Severity: diag.Error, File: file, Line: k.Line,
					Message: fmt.Sprintf("libellé « %s » inconnu (faute de frappe ?) ; attendu une clé de la liste de docs/sources.md%s", key, nearest(key, defaults))})
				continue
			}
		}
		l.words[key] = textnorm.Clean(v.Value)
	}
}

// nearest suggests the known key closest to key, if any shares its section.
func nearest(key string, defaults *Labels) string {
	section, _, _ := strings.Cut(key, ".")
	var same []string
	for k := range defaults.words {
		if s, _, _ := strings.Cut(k, "."); s == section {
			same = append(same, k)
		}
	}
	if len(same) == 0 || len(same) > 12 {
		return ""
	}
	sort.Strings(same)
	return " ; clés de la rubrique « " + section + " » : " + strings.Join(same, ", ")
}

func yamlReason(err error) string {
	s := err.Error()
	s = strings.TrimPrefix(s, "yaml: ")
	return s
}

// Get returns the word of key. A key no file defines is a mistake of the
// code that asks for it, caught by the tests; it prints as the key itself,
// visibly, rather than as nothing.
func (l *Labels) Get(key string) string {
	if l == nil {
		l = Defaults() // a contract made in code, by a test or a tool
	}
	{
		if w, ok := l.words[key]; ok {
			return w
		}
	}
	return "[" + key + "]"
}

// Format returns the word of key with its {placeholders} filled, from
// name/value pairs: Format("pied_de_page.page", "page", "3", "pages", "94").
func (l *Labels) Format(key string, pairs ...string) string {
	s := l.Get(key)
	for i := 0; i+1 < len(pairs); i += 2 {
		s = strings.ReplaceAll(s, "{"+pairs[i]+"}", pairs[i+1])
	}
	return s
}

// Has reports whether key is defined.
func (l *Labels) Has(key string) bool {
	if l == nil {
		l = Defaults()
	}
	_, ok := l.words[key]
	return ok
}

// Keys lists the defined keys, sorted.
func (l *Labels) Keys() []string {
	out := make([]string, 0, len(l.words))
	for k := range l.words {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
