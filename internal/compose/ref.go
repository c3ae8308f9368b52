package compose

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"text/template"
	"text/template/parse"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/model"
)

// A heading of the contract's templates may carry a label,
// « ## Article 9 : La révision du contrat {#revision} », and any template
// of any set cite it: {{ ref "revision" }} writes « article 9 ». The
// number is read from the heading, so renumbering the cadre renumbers
// every citation, the avenant's visa included.

// target is a labelled heading.
type target struct {
	title string // the heading's text, without the label
	file  string // the template, for messages
	line  int
}

// setFolders are the sub-folders of the templates that hold a document of
// their own (a template set): their headings are not the contract's.
var setFolders = []string{"avenant/", "evaluation/"}

// inSet reports whether a template belongs to a set rather than to the
// contract.
func inSet(name string) bool {
	for _, f := range setFolders {
		if strings.HasPrefix(name, f) {
			return true
		}
	}
	return false
}

// scanLabels finds the labelled headings of the contract's templates, as
// written (before their placeholders run). A label given twice is an
// error: a citation must name one heading.
func scanLabels(c *model.Contract) (map[string]target, diag.List) {
	var probs diag.List
	labels := map[string]target{}
	names := make([]string, 0, len(c.TemplateFiles))
	for name := range c.TemplateFiles {
		if !inSet(name) {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		t := c.TemplateFiles[name]
		if !strings.Contains(t.Text, "{#") {
			continue
		}
		src := []byte(t.Text)
		root := md.Parser().Parse(text.NewReader(src))
		conv := &mdConv{src: src}
		for n := root.FirstChild(); n != nil; n = n.NextSibling() {
			h, ok := n.(*ast.Heading)
			if !ok {
				continue
			}
			v, ok := h.AttributeString("id")
			if !ok {
				continue
			}
			id, ok := v.([]byte)
			if !ok {
				continue
			}
			label := string(id)
			line := conv.lineOf(h)
			if prev, dup := labels[label]; dup {
				probs = append(probs, diag.Problem{Severity: diag.Error, File: t.Path, Line: line,
					Message: fmt.Sprintf("étiquette {#%s} déjà portée par le titre « %s » (%s, ligne %d) ; attendu une étiquette différente pour chaque titre", label, prev.title, prev.file, prev.line)})
				continue
			}
			// as typed: the text ref writes gets its French spaces where it lands
			title := strings.NewReplacer("\u00a0", " ", "\u202f", " ").Replace(doc.PlainText(conv.inlines(h)))
			labels[label] = target{title: strings.TrimSpace(title), file: t.Path, line: line}
		}
	}
	return labels, probs
}

// articleTitle matches a heading that names an article: « Article 9 : … »,
// « L'article 4 : … ».
var articleTitle = regexp.MustCompile(`^(?:[Ll]['’]\s*)?[Aa]rticle\s+([0-9]+[a-z]*|[IVXLC]+)\b`)

// citation is how a heading is cited: « article 9 » for an article, its
// title between « » otherwise.
func citation(title string) string {
	if m := articleTitle.FindStringSubmatch(title); m != nil {
		return "article " + m[1]
	}
	return "« " + title + " »"
}

// refFuncs are the template functions of cross-references: {{ ref "LABEL" }}.
// The problems are those of the labels themselves (one given twice).
func refFuncs(c *model.Contract) (template.FuncMap, diag.List) {
	labels, probs := scanLabels(c)
	return template.FuncMap{
		"ref": func(label string) (string, error) {
			t, ok := labels[label]
			if !ok {
				return "", missingLabel(label, labels)
			}
			return citation(t.title), nil
		},
	}, probs
}

// missingLabel says that no heading carries label, and which do.
func missingLabel(label string, labels map[string]target) error {
	if len(labels) == 0 {
		return fmt.Errorf("renvoi « %s » : aucun titre des textes du contrat ne porte d'étiquette ; attendu {#%s} à la fin du titre cité, par exemple « ## Article 9 : La révision du contrat {#revision} »", label, label)
	}
	var names []string
	for l := range labels {
		names = append(names, l)
	}
	sort.Strings(names)
	return fmt.Errorf("renvoi « %s » : aucun titre ne porte l'étiquette {#%s} ; étiquettes présentes : %s ; attendu l'une d'elles, ou {#%s} à la fin du titre cité", label, label, strings.Join(names, ", "), label)
}

// counterFuncs number what a template set numbers itself:
// {{ compteur "article" }} is 1, then 2, … across the set's files.
func counterFuncs() template.FuncMap {
	counts := map[string]int{}
	return template.FuncMap{
		"compteur": func(name string) int {
			counts[name]++
			return counts[name]
		},
	}
}

// checkRefs finds, without running them, the {{ ref "…" }} of templates
// that cite a label no heading carries: every citation is checked, even
// one in a branch a given avenant does not print.
func checkRefs(c *model.Contract, set []model.Template, severity diag.Severity) diag.List {
	labels, _ := scanLabels(c)
	var probs diag.List
	for _, t := range set {
		trees, err := parseLoose(t)
		if err != nil {
			line, msg := templateProblem(goTemplateName(t.Name), t.Text, err)
			probs = append(probs, diag.Problem{Severity: severity, File: t.Path, Line: line, Message: msg})
			continue
		}
		for _, tr := range trees {
			walkRefs(tr.Root, func(n *parse.CommandNode, label string) {
				if _, ok := labels[label]; ok {
					return
				}
				line := 1 + strings.Count(t.Text[:min(int(n.Position()), len(t.Text))], "\n")
				probs = append(probs, diag.Problem{Severity: severity, File: t.Path, Line: line,
					Message: callMessage("ref", missingLabel(label, labels).Error())})
			})
		}
	}
	return probs
}

// parseLoose parses a template without knowing its functions.
func parseLoose(t model.Template) (map[string]*parse.Tree, error) {
	tr := parse.New(goTemplateName(t.Name))
	tr.Mode = parse.SkipFuncCheck
	trees := map[string]*parse.Tree{}
	_, err := tr.Parse(t.Text, "", "", trees)
	return trees, err
}

// walkRefs calls f for every {{ ref "LABEL" }} under n.
func walkRefs(n parse.Node, f func(*parse.CommandNode, string)) {
	switch v := n.(type) {
	case *parse.ListNode:
		if v == nil {
			return
		}
		for _, c := range v.Nodes {
			walkRefs(c, f)
		}
	case *parse.ActionNode:
		walkRefs(v.Pipe, f)
	case *parse.PipeNode:
		if v == nil {
			return
		}
		for _, c := range v.Cmds {
			walkRefs(c, f)
		}
	case *parse.CommandNode:
		if len(v.Args) == 2 {
			if id, ok := v.Args[0].(*parse.IdentifierNode); ok && id.Ident == "ref" {
				if s, ok := v.Args[1].(*parse.StringNode); ok {
					f(v, s.Text)
				}
			}
		}
		for _, a := range v.Args {
			walkRefs(a, f)
		}
	case *parse.IfNode:
		walkRefs(v.Pipe, f)
		walkRefs(v.List, f)
		walkRefs(v.ElseList, f)
	case *parse.RangeNode:
		walkRefs(v.Pipe, f)
		walkRefs(v.List, f)
		walkRefs(v.ElseList, f)
	case *parse.WithNode:
		walkRefs(v.Pipe, f)
		walkRefs(v.List, f)
		walkRefs(v.ElseList, f)
	case *parse.TemplateNode:
		walkRefs(v.Pipe, f)
	}
}
