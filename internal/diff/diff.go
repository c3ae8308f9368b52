// Package diff tells, in French, what changed between two versions of a
// contract's sources: fiche by fiche and field by field, the members, the
// sigles, the statistics and the texts.
package diff

import (
	"fmt"
	"sort"
	"strings"

	"github.com/contrat-local-sante/cls/internal/model"
)

// Change is one difference.
type Change struct {
	Where string // "Fiche FA2.3", "Sigles", "Modèle 05-diagnostic.md"
	What  string // "Objectif général : « … » → « … »"
}

func (c Change) String() string { return c.Where + " : " + c.What }

// fieldNames are a fiche's fields as the command line names them, by
// model.FicheChanges key (the PDF takes its words from the labels).
var fieldNames = map[string]string{
	model.FieldAxe:          "axe",
	model.FieldTitle:        "intitulé",
	model.FieldStatus:       "statut",
	model.FieldArticulation: "articulation avec les autres dispositifs",
	model.FieldGoal:         "objectif général",
	model.FieldOwner:        "maître d'œuvre / porteur",
	model.FieldAudience:     "public visé",
	model.FieldSteps:        "déroulé de l'action",
	model.FieldPartners:     "partenaires",
	model.FieldTools:        "outils",
	model.FieldObjectives:   "objectifs",
	model.FieldEvaluation:   "évaluation",
}

// Compare lists the differences from old to new, in a stable order.
func Compare(old, new *model.Contract) []Change {
	var out []Change
	add := func(where, format string, args ...any) {
		out = append(out, Change{Where: where, What: fmt.Sprintf(format, args...)})
	}
	field := func(where, name, a, b string) {
		if a != b {
			add(where, "%s : %s → %s", name, quote(a), quote(b))
		}
	}
	field("Contrat", "version", old.Version(), new.Version())
	field("Contrat", "lieu de signature", old.Signature.Place, new.Signature.Place)
	field("Contrat", "date de signature", old.Signature.Date, new.Signature.Date)
	field("Contrat", "territoire", old.Territory.Name, new.Territory.Name)

	member := func(m model.Member) string { return m.Name }
	lists("Comité de pilotage", texts(old.Steering, member), texts(new.Steering, member), add)
	lists("Comité technique", texts(old.Technical, member), texts(new.Technical, member), add)
	lists("Acteurs mobilisés", texts(old.Actors, member), texts(new.Actors, member), add)
	person := func(p model.Person) string { return p.Name + " (" + p.Title + ")" }
	lists("Présents à la signature", texts(old.Present, person), texts(new.Present, person), add)
	signatory := func(s model.Signatory) string { return s.Name + " (" + s.Title + ")" }
	lists("Signataires", texts(old.Signatories, signatory), texts(new.Signatories, signatory), add)
	group := func(g model.WorkingGroup) string {
		return fmt.Sprintf("axe %s, %s, %s, %d participants", g.Axe, g.Title, g.Date, g.Participants)
	}
	og, ng := texts(old.WorkingGroups, group), texts(new.WorkingGroups, group)
	lists("Groupes de travail", og, ng, add)
	var od, nd []string
	for _, lv := range old.Levels {
		for _, d := range lv.Dispositifs {
			od = append(od, lv.Name+" : "+d.Name)
		}
	}
	for _, lv := range new.Levels {
		for _, d := range lv.Dispositifs {
			nd = append(nd, lv.Name+" : "+d.Name)
		}
	}
	lists("Dispositifs", od, nd, add)

	// avenants
	for i := len(old.Avenants); i < len(new.Avenants); i++ {
		a := new.Avenants[i]
		add(fmt.Sprintf("Avenant n° %d", a.Number), "ajouté : %s", quote(a.Object))
	}
	for i := len(new.Avenants); i < len(old.Avenants); i++ {
		add(fmt.Sprintf("Avenant n° %d", old.Avenants[i].Number), "retiré")
	}

	// fiches
	oldF := map[string]model.Fiche{}
	for _, f := range old.Fiches {
		oldF[f.Code] = f
	}
	newF := map[string]bool{}
	for _, f := range new.Fiches {
		newF[f.Code] = true
		o, ok := oldF[f.Code]
		where := "Fiche " + f.Code
		if !ok {
			add(where, "ajoutée : %s (axe %s)", quote(f.Title), f.Axe)
			continue
		}
		for _, fc := range model.FicheChanges(o, f) {
			add(where, "%s : %s → %s", fieldNames[fc.Key], quote(fc.Old), quote(fc.New))
		}
	}
	for _, f := range old.Fiches {
		if !newF[f.Code] {
			add("Fiche "+f.Code, "supprimée : %s", quote(f.Title))
		}
	}

	// sigles
	oldS := map[string]string{}
	for _, s := range old.Sigles {
		oldS[s.Sigle] = s.Definition
	}
	newS := map[string]bool{}
	for _, s := range new.Sigles {
		newS[s.Sigle] = true
		if d, ok := oldS[s.Sigle]; !ok {
			add("Sigles", "ajouté : %s (%s)", s.Sigle, s.Definition)
		} else if d != s.Definition {
			add("Sigles", "%s : %s → %s", s.Sigle, quote(d), quote(s.Definition))
		}
	}
	for _, s := range old.Sigles {
		if !newS[s.Sigle] {
			add("Sigles", "retiré : %s", s.Sigle)
		}
	}

	// statistics, cell by cell
	oldT := map[string]model.StatTable{}
	for _, t := range old.Stats {
		oldT[t.Sheet] = t
	}
	for _, t := range new.Stats {
		o, ok := oldT[t.Sheet]
		where := "Statistiques, feuille « " + t.Sheet + " »"
		if !ok {
			add(where, "ajoutée")
			continue
		}
		field(where, "source", o.Source, t.Source)
		for _, r := range t.Rows {
			for k, s := range t.Series {
				or, col, okO := o.Lookup(r.Label, s)
				if !r.Set[k] && !okO {
					continue
				}
				a, b := "", ""
				if okO {
					a = or.Text(col)
				}
				if r.Set[k] {
					b = r.Text(k)
				}
				if a != b {
					add(where, "%s, %s : %s → %s", r.Label, s, orDash(a), orDash(b))
				}
			}
		}
	}

	newT := map[string]bool{}
	for _, t := range new.Stats {
		newT[t.Sheet] = true
	}
	for _, t := range old.Stats {
		if !newT[t.Sheet] {
			add("Statistiques, feuille « "+t.Sheet+" »", "supprimée")
		}
	}

	// templates
	oldM := map[string]string{}
	for name, t := range old.TemplateFiles {
		oldM[name] = t.Text
	}
	var names []string
	for name := range new.TemplateFiles {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		t := new.TemplateFiles[name].Text
		o, ok := oldM[name]
		switch {
		case !ok:
			add("Modèle "+name, "ajouté")
		case o != t:
			add("Modèle "+name, "%s", lineSummary(o, t))
		}
	}
	names = names[:0]
	for name := range oldM {
		if _, ok := new.TemplateFiles[name]; !ok {
			names = append(names, name)
		}
	}
	sort.Strings(names) // in name order, not the map's
	for _, name := range names {
		add("Modèle "+name, "supprimé")
	}
	return out
}

// lists reports the items added to and removed from a list.
func lists(where string, a, b []string, add func(string, string, ...any)) {
	inA := map[string]int{}
	for _, x := range a {
		inA[x]++
	}
	inB := map[string]int{}
	for _, x := range b {
		inB[x]++
	}
	for _, x := range b {
		if inA[x] == 0 {
			add(where, "ajouté : %s", quote(x))
		} else {
			inA[x]--
		}
	}
	for _, x := range a {
		if inB[x] == 0 {
			add(where, "retiré : %s", quote(x))
		} else {
			inB[x]--
		}
	}
}

// lineSummary counts the lines that differ between two texts.
func lineSummary(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	inA := map[string]int{}
	for _, l := range la {
		inA[l]++
	}
	added, removed := 0, 0
	for _, l := range lb {
		if inA[l] > 0 {
			inA[l]--
		} else {
			added++
		}
	}
	for _, n := range inA {
		removed += n
	}
	return fmt.Sprintf("modifié (%d ligne(s) ajoutée(s) ou changée(s), %d retirée(s))", added, removed)
}

func quote(s string) string {
	s = strings.ReplaceAll(strings.TrimSpace(s), "\n", " / ")
	if s == "" {
		return "(vide)"
	}
	if len([]rune(s)) > 160 {
		s = string([]rune(s)[:157]) + "…"
	}
	return "« " + s + " »"
}

func orDash(s string) string {
	if s == "" {
		return "(vide)"
	}
	return s
}

// texts writes each item of a list as a line, for comparing lists.
func texts[T any](xs []T, f func(T) string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}
