// Package check validates a contract model as a whole, after it has been
// read: cross-references between workbooks and templates, and what a
// signable contract cannot lack. It reports every problem, never stops at
// the first.
package check

import (
	"regexp"
	"sort"
	"strings"
	"unicode"

	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/model"
)

// Check returns the problems of the contract.
func Check(c *model.Contract) diag.List {
	var probs diag.List
	if len(c.Signatories) == 0 && !c.Incomplete {
		probs.Errorf(c.Files.Contrat, "Signataires", "A2", "aucun signataire ; attendu au moins une ligne (le contrat est signé par au moins deux parties)")
	}
	probs = append(probs, checkGrammar(c)...)
	for _, lv := range c.Levels {
		for _, d := range lv.Dispositifs {
			if d.Text == "" {
				continue
			}
			if _, ok := c.TemplateFiles[d.Text]; !ok {
				probs.Errorf(c.Files.Contrat, "Dispositifs", "", "le texte « %s » du dispositif « %s » est introuvable dans le dossier des modèles ; attendu un fichier .md", d.Text, d.Name)
			}
		}
	}
	if c.Incomplete {
		// what follows infers problems from absences, which a sheet that
		// could not be read would fake
		return probs
	}
	axes := map[string]int{}
	for _, f := range c.Fiches {
		axes[f.Axe]++
	}
	for _, a := range c.Axes {
		if axes[a.Number] == 0 {
			probs.Warnf(c.Files.Fiches, "Axes", "", "l'axe %s « %s » n'a aucune fiche action", a.Number, a.Title)
		}
	}
	codes := map[string]bool{}
	for _, f := range c.Fiches {
		codes[f.Code] = true
	}
	for name := range c.TemplateFiles {
		if len(name) > 7 && name[:7] == "fiches/" {
			code := name[7 : len(name)-3]
			if len(code) > 4 && code[:4] == "axe-" {
				continue
			}
			if !codes[code] {
				probs.Warnf(c.Files.Templates+"/"+name, "", "", "ce contexte ne correspond à aucune fiche de %s (code « %s ») ; il n'est pas imprimé", c.Files.Fiches, code)
			}
		}
	}
	return append(probs, checkSigles(c)...)
}

// sigleWord finds the words a sigle may be: 2 to 8 capital letters,
// possibly joined by a hyphen (UC-IRSA), standing alone.
var sigleWord = regexp.MustCompile(`(?:^|[^\p{L}\p{N}])(\p{Lu}{2,8}(?:-\p{Lu}{2,8})?)(?:$|[^\p{L}\p{N}])`)

// codePrefix is the letters of a fiche code.
var codePrefix = regexp.MustCompile(`^\p{Lu}{2,8}`)

// notSigles are capitalised words that are not acronyms.
var notSigles = map[string]bool{"II": true, "III": true, "IV": true, "VI": true, "VII": true, "VIII": true, "IX": true, "XI": true, "XII": true, "AVP": false}

// checkSigles warns of sigles used in the text but not defined, and of
// sigles defined but never used.
func checkSigles(c *model.Contract) diag.List {
	var probs diag.List
	defined := map[string]bool{}
	for _, s := range c.Sigles {
		defined[s.Sigle] = true
	}
	used := map[string]string{} // sigle → first place seen
	see := func(text, where string) {
		for _, m := range sigleWord.FindAllStringSubmatch(text, -1) {
			w := m[1]
			if notSigles[w] || !isUpperWord(w) {
				continue
			}
			if _, ok := used[w]; !ok {
				used[w] = where
			}
		}
	}
	for _, name := range sortedKeys(c.TemplateFiles) {
		see(c.TemplateFiles[name].Text, c.Files.Templates+"/"+name)
	}
	for _, a := range c.Axes {
		see(a.Title+" "+a.SummaryTitle, c.Files.Fiches+", axes")
	}
	for _, s := range c.Signatories {
		see(s.Institution+" "+s.Title+" "+s.Party, c.Files.Contrat+", signataires")
	}
	for _, f := range c.Fiches {
		for _, s := range []string{f.Title, f.SummaryTitle, f.ContextTitle, f.AxeLabel, f.SummaryGoal, f.Articulation, f.Goal, f.Owner, f.Audience, f.Steps, f.Partners, f.Tools} {
			see(s, c.Files.Fiches+", fiche "+f.Code)
		}
		for _, ind := range f.Evaluation {
			see(ind.Text, c.Files.Fiches+", fiche "+f.Code)
		}
		for _, o := range f.Objectives {
			see(o.Text, c.Files.Fiches+", fiche "+f.Code)
			for _, op := range o.Operational {
				see(op.Text, c.Files.Fiches+", fiche "+f.Code)
			}
		}
	}
	for _, m := range c.Actors {
		see(m.Name, c.Files.Contrat+", acteurs")
	}
	for _, group := range [][]model.Member{c.Steering, c.Technical} {
		for _, m := range group {
			see(m.Name, c.Files.Contrat+", comités")
		}
	}
	for _, lv := range c.Levels {
		see(lv.Intro, c.Files.Contrat+", échelons")
		for _, d := range lv.Dispositifs {
			see(d.Name+" "+d.Short, c.Files.Contrat+", dispositifs")
		}
	}
	// fiche codes (FA1.1) use their prefix as a sigle
	for _, f := range c.Fiches {
		if m := codePrefix.FindString(f.Code); m != "" {
			if _, ok := used[m]; !ok {
				used[m] = c.Files.Fiches
			}
		}
	}
	for _, w := range sortedKeys(used) {
		// a defined sigle also covers its use in a longer form (DDTM 14)
		if !defined[w] && !definedPrefix(defined, w) {
			probs.Warnf(used[w], "", "", "sigle « %s » employé mais absent de la liste des sigles ; attendu une ligne « %s » dans %s", w, w, c.Files.Sigles)
		}
	}
	for _, s := range c.Sigles {
		base := strings.Fields(s.Sigle)
		if len(base) == 0 {
			continue
		}
		if _, ok := used[base[0]]; !ok {
			probs.Warnf(c.Files.Sigles, "Sigles", "", "sigle « %s » défini mais employé nulle part dans le contrat", s.Sigle)
		}
	}
	return probs
}

func isUpperWord(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			letters++
			if !unicode.IsUpper(r) {
				return false
			}
		}
	}
	return letters >= 2
}

func definedPrefix(defined map[string]bool, w string) bool {
	for d := range defined {
		if strings.HasPrefix(d, w+" ") {
			return true
		}
	}
	return false
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
