package check

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"github.com/contrat-local-sante/cls/internal/diag"
	"github.com/contrat-local-sante/cls/internal/model"
)

// Sheets of sigles.xlsx, as messages name them.
const (
	siglesSheet       = "Sigles"
	otherSiglesSheet  = "Autres sigles"
	capitalWordsSheet = "Mots en capitales"
)

// place is where a word was seen: a workbook's cell or a template's line.
type place struct {
	file, sheet, cell string
	line              int
}

// siglesCheck collects the words in capitals of every text that can print.
type siglesCheck struct {
	known   map[string]bool // sigles of both lists, and the capital words
	defined map[string]bool // sigles of both lists
	used    map[string]bool // every sigle and capital word seen
	missing map[string]bool // sigles seen but defined nowhere
	places  []place         // where missing sigles were first seen, in order
	at      map[place][]string
	people  bool // the text scanned names people: surnames in capitals are no sigles
}

// checkSigles warns of sigles used but defined nowhere, each at the cell or
// template line where it is first seen, and of definitions no text uses.
// The texts are the templates and every text cell of the workbooks (the
// fiches, the contract's sheets, the diagnostic's titles, labels and
// sources).
func checkSigles(c *model.Contract) diag.List {
	k := &siglesCheck{known: map[string]bool{}, defined: map[string]bool{}, used: map[string]bool{}, missing: map[string]bool{}, at: map[place][]string{}}
	for _, list := range [][]model.Sigle{c.Sigles, c.OtherSigles} {
		for _, s := range list {
			k.defined[s.Sigle] = true
			k.known[s.Sigle] = true
		}
	}
	for _, w := range c.CapitalWords {
		k.known[w.Word] = true
	}
	for _, name := range sortedKeys(c.TemplateFiles) {
		text := outsideActions(c.TemplateFiles[name].Text)
		k.scan(text, func(offset int) place {
			return place{file: c.Files.Templates + "/" + name, line: 1 + strings.Count(text[:offset], "\n")}
		})
	}
	people := peopleTexts(c)
	for _, t := range c.Texts {
		k.people = people[strings.TrimSpace(t.Text)]
		k.scan(t.Text, func(int) place { return place{file: t.File, sheet: t.Sheet, cell: t.Cell} })
	}
	k.people = false
	// a fiche code (FA1.1) uses the letters that start it as a sigle
	for _, f := range c.Fiches {
		if prefix := codePrefix(f.Code); prefix != "" {
			k.scan(prefix, func(int) place { return codePlace(c, f.Code) })
		}
	}

	var probs diag.List
	for _, p := range k.places {
		words := k.at[p]
		msg := fmt.Sprintf("sigle « %s » employé mais défini nulle part", words[0])
		if len(words) > 1 {
			msg = fmt.Sprintf("sigles « %s » employés mais définis nulle part", strings.Join(words, " », « "))
		}
		msg += fmt.Sprintf(" ; attendu une ligne dans %s : feuille « %s » (liste imprimée) ou « %s » (expliqué, non imprimé), ou feuille « %s » si ce n'est pas un sigle", c.Files.Sigles, siglesSheet, otherSiglesSheet, capitalWordsSheet)
		probs = append(probs, diag.Problem{Severity: diag.Warning, File: p.file, Sheet: p.sheet, Cell: p.cell, Line: p.line, Message: msg})
	}
	// the signed list is part of the signed text: once signed, a sigle it
	// defines without use stays, as signed
	if c.Signature.Date == "" {
		for _, s := range c.Sigles {
			if !k.isUsed(s.Sigle) {
				probs.Warnf(c.Files.Sigles, siglesSheet, s.Cell, "sigle « %s » défini mais employé nulle part dans le contrat ; attendu : supprimer la ligne, ou employer le sigle", s.Sigle)
			}
		}
	}
	for _, s := range c.OtherSigles {
		if !k.isUsed(s.Sigle) {
			probs.Warnf(c.Files.Sigles, otherSiglesSheet, s.Cell, "sigle « %s » employé nulle part dans le contrat ; attendu : supprimer la ligne", s.Sigle)
		}
	}
	for _, w := range c.CapitalWords {
		if !k.used[w.Word] {
			probs.Warnf(c.Files.Sigles, capitalWordsSheet, w.Cell, "mot « %s » employé nulle part dans le contrat ; attendu : supprimer la ligne", w.Word)
		}
	}
	return probs
}

// scan notes the sigles and capital words of a text; where gives the place
// of a byte offset.
func (k *siglesCheck) scan(text string, where func(offset int) place) {
	toks := tokens(withoutLinks(text))
	title := inTitles(toks)
	if k.people {
		for i, name := range surnames(toks) {
			title[i] = title[i] || name
		}
	}
	for i, t := range toks {
		if k.known[t.text] {
			k.used[t.text] = true // a capital word, or a sigle as typed (ORS-CREAI)
		}
		for _, s := range sigles(t.text) {
			k.used[s] = true
			for _, part := range strings.Split(s, "-") {
				k.used[part] = true
			}
			if title[i] || k.isDefined(s) || k.known[s] || k.missing[s] {
				continue
			}
			k.missing[s] = true
			p := where(t.offset)
			if _, seen := k.at[p]; !seen {
				k.places = append(k.places, p)
			}
			k.at[p] = append(k.at[p], s)
		}
	}
}

// peopleTexts are the texts that name people: the signatories' names and
// representatives, those present at the signature.
func peopleTexts(c *model.Contract) map[string]bool {
	out := map[string]bool{}
	for _, s := range c.Signatories {
		out[s.Name] = true
		out[s.Representation] = true
	}
	for _, p := range c.Present {
		out[p.Name] = true
	}
	delete(out, "")
	return out
}

// codePrefix returns the capitals that start a fiche code (FA of FA1.1).
func codePrefix(code string) string {
	i := strings.IndexFunc(code, func(r rune) bool { return !unicode.IsUpper(r) })
	if i < 0 {
		i = len(code)
	}
	return sigleForm(code[:i])
}

// codePlace is the cell where a fiche code is typed, or the fiches'
// workbook when no cell holds it alone.
func codePlace(c *model.Contract, code string) place {
	for _, t := range c.Texts {
		if t.File == c.Files.Fiches && strings.TrimSpace(t.Text) == code {
			return place{file: t.File, sheet: t.Sheet, cell: t.Cell}
		}
	}
	return place{file: c.Files.Fiches}
}

// isDefined reports whether a sigle is defined: as itself, as the first
// word of a longer entry (DDTM 14 defines DDTM), or, joined by hyphens,
// part by part (ORS-CREAI when ORS and CREAI are).
func (k *siglesCheck) isDefined(s string) bool {
	if k.defined[s] || k.definedPrefix(s) {
		return true
	}
	parts := strings.Split(s, "-")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if !k.defined[p] && !k.definedPrefix(p) {
			return false
		}
	}
	return true
}

func (k *siglesCheck) definedPrefix(s string) bool {
	for d := range k.defined {
		if strings.HasPrefix(d, s+" ") {
			return true
		}
	}
	return false
}

// isUsed reports whether a defined entry was seen; an entry of several
// words (DDTM 14) is used when its first word is.
func (k *siglesCheck) isUsed(entry string) bool {
	if k.used[entry] {
		return true
	}
	f := strings.Fields(entry)
	return len(f) > 0 && k.used[f[0]]
}

// outsideActions blanks a template's actions ({{ … }}): their words are
// code, not printed text. Line ends stay, so that lines keep their number.
func outsideActions(text string) string {
	if !strings.Contains(text, "{{") {
		return text
	}
	b := []byte(text)
	for i := 0; i+1 < len(b); i++ {
		if b[i] != '{' || b[i+1] != '{' {
			continue
		}
		end := strings.Index(text[i:], "}}")
		if end < 0 {
			end = len(text) - i
		} else {
			end += 2
		}
		for j := i; j < i+end; j++ {
			if b[j] != '\n' {
				b[j] = ' '
			}
		}
		i += end - 1
	}
	return string(b)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
