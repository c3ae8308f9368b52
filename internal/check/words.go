package check

import (
	"github.com/contrat-local-sante/cls/internal/textnorm"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is a word of a text: letters and digits, possibly joined by
// hyphens (ORS-CREAI, VILLE-HOPITAL, COVID-19). An apostrophe separates
// words: « l'ARS » holds the word ARS.
type token struct {
	text   string
	offset int  // byte offset in the text, for line numbers
	spaced bool // only spaces or an apostrophe since the previous token
}

// link finds web addresses, whose words (https://sante.gouv.fr/IMG/…)
// are no sigles.
var link = regexp.MustCompile(`(?i)\b(?:https?://|www\.)[^\s<>()«»"]+`)

// withoutLinks blanks the web addresses of a text, keeping its length so
// that offsets still give lines.
func withoutLinks(text string) string {
	if !textnorm.MayHoldAddress(text) {
		return text // most texts: the regular expression cost 16 ms a build
	}
	return link.ReplaceAllStringFunc(text, func(m string) string { return strings.Repeat(" ", len(m)) })
}

// tokens splits a text into its words, in order.
func tokens(text string) []token {
	out := make([]token, 0, len(text)/6) // about a word every six bytes
	spaced := false
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			switch {
			case r == ' ' || r == '\t' || r == '\'' || r == '’' || r == '\u00a0' || r == '\u202f':
			default:
				spaced = false
			}
			i += n
			continue
		}
		start := i
		for i < len(text) {
			r, n := utf8.DecodeRuneInString(text[i:])
			if isWordRune(r) {
				i += n
				continue
			}
			// a hyphen joins two words of one token
			if r == '-' && i+n < len(text) {
				if next, _ := utf8.DecodeRuneInString(text[i+n:]); isWordRune(next) && i > start {
					i += n
					continue
				}
			}
			break
		}
		out = append(out, token{text: text[start:i], offset: start, spaced: spaced && len(out) > 0})
		spaced = true
	}
	return out
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf { // most runes: no table to search
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Mn, r)
}

// capitals reports whether every letter of w is a capital, and there is
// at least one: the words of a title typed in capitals, and the sigles.
func capitals(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			letters++
		}
	}
	return letters > 0
}

// sigleForm returns part when it may be a sigle: capitals and digits,
// starting and ending with a capital (C2S, T2A), 2 to 8 capitals. It
// returns "" for anything else: a word in lower case, a single capital, a
// code or a formula ending with a number (FA1 of the fiche code FA1.1,
// CO₂, PM10).
func sigleForm(part string) string {
	first, _ := utf8.DecodeRuneInString(part)
	last, _ := utf8.DecodeLastRuneInString(part)
	if !unicode.IsUpper(first) || !unicode.IsUpper(last) {
		return ""
	}
	letters := 0
	for _, r := range part {
		switch {
		case unicode.IsUpper(r):
			letters++
		case unicode.IsNumber(r), unicode.Is(unicode.Mn, r):
		default:
			return ""
		}
	}
	if letters < 2 || letters > 8 || romanNumeral(part) {
		return ""
	}
	return part
}

// romanNumeral reports whether w is written with I, V and X only: the
// numbers of titles and articles (II, XIV), not sigles.
func romanNumeral(w string) bool {
	return strings.Trim(w, "IVX") == ""
}

// sigles returns the sigles a token may hold. A token in capitals is one
// sigle, its parts joined by hyphens (ORS-CREAI), numbers set aside
// (COVID-19 is COVID); when one of its capital parts cannot be a sigle
// (the E of E-SANTE) it holds none. A token with lower-case parts holds
// its parts in sigle form (anti-VIH holds VIH).
func sigles(tok string) []string {
	if !strings.ContainsFunc(tok, unicode.IsUpper) {
		return nil // every sigle starts with a capital: most words end here
	}
	parts := strings.Split(tok, "-")
	var forms []string
	whole := true
	for _, p := range parts {
		if strings.TrimFunc(p, unicode.IsNumber) == "" {
			continue // a number: COVID-19, SAS-14
		}
		f := sigleForm(p)
		if f == "" {
			whole = false
			if capitals(p) && capitals(tok) {
				return nil
			}
			continue
		}
		forms = append(forms, f)
	}
	if whole && len(forms) > 1 {
		return []string{strings.Join(forms, "-")}
	}
	return forms
}

// titleRun is how many words in capitals in a row, separated by spaces
// only, make a title typed in capitals (« DEVELOPPER LES CONNAISSANCES EN
// SANTE »): its words are ordinary words, not sigles, unless they are
// defined ones.
const titleRun = 3

// inTitles marks the tokens that belong to a run of words in capitals.
func inTitles(toks []token) []bool {
	out := make([]bool, len(toks))
	for i := 0; i < len(toks); {
		if !capitals(toks[i].text) {
			i++
			continue
		}
		j := i + 1
		for j < len(toks) && toks[j].spaced && capitals(toks[j].text) {
			j++
		}
		if j-i >= titleRun {
			for k := i; k < j; k++ {
				out[k] = true
			}
		}
		i = j
	}
	return out
}

// surnames marks the words in capitals that follow a first name in a
// person's name (« François MENGIN LECREULX », « Jean-Yves BREDIN »): the
// French way of writing a surname, not a sigle.
func surnames(toks []token) []bool {
	out := make([]bool, len(toks))
	for i := 1; i < len(toks); i++ {
		if toks[i].spaced && capitals(toks[i].text) && (out[i-1] || firstName(toks[i-1].text)) {
			out[i] = true
		}
	}
	return out
}

// firstName reports whether w is written as a name: each part a capital
// followed by lower-case letters (François, Jean-Yves).
func firstName(w string) bool {
	for _, p := range strings.Split(w, "-") {
		first, n := utf8.DecodeRuneInString(p)
		if !unicode.IsUpper(first) || n == len(p) {
			return false
		}
		for _, r := range p[n:] {
			if !unicode.IsLower(r) {
				return false
			}
		}
	}
	return true
}
