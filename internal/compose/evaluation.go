package compose

import (
	"fmt"

	"github.com/contrat-local-sante/cls/internal/chart"
	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/doc"
	"github.com/contrat-local-sante/cls/internal/model"
)

// evaluationSet is the annex's folder of templates inside templates/.
const evaluationSet = "evaluation"

// ComposeEvaluation builds the yearly evaluation annex as a document of its
// own, from the templates of templates/evaluation/ (or the shipped ones).
// evals are the years available, oldest first; the last one is the year of
// the annex.
func ComposeEvaluation(c *model.Contract, evals []model.Evaluation, m Measurer, fonts chart.Fonts) (*doc.Document, diag.List) {
	k := newComposer(c, m, fonts)
	a := k.newAnnex(evals, false)
	blocks := a.compose()
	meta := k.meta()
	meta.Title = a.title + " – " + c.Territory.Name
	meta.Subject = meta.Title
	meta.HeaderText = a.title
	meta.FooterText = c.Version()
	expandSigles(c, blocks)
	return &doc.Document{Meta: meta, Blocks: blocks}, k.probs
}

// evaluationAnnex returns the annex as blocks to append to the contract:
// its title is one heading of the contract's sommaire and its own headings
// sit one level below.
func (k *composer) evaluationAnnex(evals []model.Evaluation) []doc.Block {
	return k.newAnnex(evals, true).compose()
}

// annex is the composition of one evaluation annex.
type annex struct {
	k        *composer
	evals    []model.Evaluation
	ev       model.Evaluation // the year of the annex
	appended bool             // after the contract rather than on its own
	data     evaluationData
	title    string // the annex's title (directive annexe)
	blank    string // the état printed for a fiche the workbook leaves blank
	linked   bool   // the fiches have their sections: the états table links to them
}

func (k *composer) newAnnex(evals []model.Evaluation, appended bool) *annex {
	ev := evals[len(evals)-1]
	return &annex{k: k, evals: evals, ev: ev, appended: appended, data: newEvaluationData(k, evals)}
}

// parsedTemplate is a template of the set, run and converted, its
// directives not yet expanded.
type parsedTemplate struct {
	t      model.Template
	blocks []mdBlock
}

// compose runs the set's templates in two passes: the first runs them all
// and finds the directive annexe, whose words (the title, the état of a
// blank fiche) the others use wherever it is; the second expands.
func (a *annex) compose() []doc.Block {
	k := a.k
	set := templateSet(k.c, evaluationSet)
	if len(set) == 0 {
		k.probs.Errorf(k.c.Files.Templates+"/"+evaluationSet, "", "", "aucun modèle .md ; attendu les textes de l'annexe d'évaluation (voir docs/sources.md, section 7)")
		return nil
	}
	var files []parsedTemplate
	var head *directive
	failed := false
	for _, t := range set {
		src, ok := execute(t, a.data, k.funcs, &k.probs)
		if !ok {
			failed = true
			continue
		}
		p := parsedTemplate{t: t, blocks: parseMarkdown([]byte(src))}
		for i := range p.blocks {
			d := p.blocks[i].directive
			switch {
			case d == nil:
			case d.Name == "annexe" && head != nil:
				k.probs = append(k.probs, problemAt(t, d.Line, "deuxième directive « annexe » ; attendu une seule, qui donne le titre et la couverture de l'annexe", d.Text))
				p.blocks[i].directive = nil
			case d.Name == "annexe":
				if !a.settings(*d, t) {
					failed = true
				}
				head = d
			case d.Name == "indicateurs":
				a.linked = true
			}
		}
		files = append(files, p)
	}
	if head == nil {
		if !failed {
			k.probs.Errorf(k.c.Files.Templates+"/"+evaluationSet, "", "", "aucune directive « annexe » dans les modèles de l'annexe ; attendu un bloc ```cls commençant par « annexe » qui donne le titre et la couverture (voir docs/sources.md, section 7)")
		}
		return nil
	}
	var out []doc.Block
	for _, f := range files {
		for _, b := range f.blocks {
			switch {
			case b.directive != nil:
				out = append(out, a.expand(*b.directive, f.t)...)
			case isHeading(b.block):
				out = append(out, a.heading(b.block.(doc.Heading)))
			case b.block != nil:
				out = append(out, b.block)
			}
		}
	}
	return out
}

func isHeading(b doc.Block) bool {
	_, ok := b.(doc.Heading)
	return ok
}

// shift is how many levels the annex's headings go down: one after the
// contract, under the annex's title.
func (a *annex) shift() int {
	if a.appended {
		return 1
	}
	return 0
}

// heading places a heading of the templates; those of levels 1 and 2 are
// in the sommaire, the annex's sommaire being its whole plan.
func (a *annex) heading(h doc.Heading) doc.Heading {
	if h.Level <= 2 {
		h.TOCLevel = h.Level + a.shift()
	}
	h.Level += a.shift()
	return a.k.heading(h)
}

// annexDirectives are the directives of the annex's templates.
const annexDirectives = "annexe, graphique-etats, graphique-etats-par-axe, etats, indicateurs, graphique, saut-de-page"

// expand replaces a directive of the annex with the blocks it stands for.
func (a *annex) expand(d directive, t model.Template) []doc.Block {
	switch d.Name {
	case "annexe":
		return a.front(d)
	case "graphique-etats":
		return a.statesChart(d, t)
	case "graphique-etats-par-axe":
		return a.axesChart(d, t)
	case "etats":
		return a.statesTable(d, t)
	case "indicateurs":
		return a.indicators(d, t)
	case "graphique", "saut-de-page":
		return a.k.expand(d, t)
	}
	a.k.probs = append(a.k.probs, problemAt(t, d.Line,
		fmt.Sprintf("directive « %s » inconnue dans l'annexe d'évaluation ; attendu : %s", d.Text, annexDirectives), d.Text))
	return nil
}
